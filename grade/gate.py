#!/usr/bin/env python3
"""`make gate`: boot a stage with gate=all, print its console, and exit 0 only
if the last gate line is "ClanOS-Gate: ok=true" and the emulator reports the
kernel's success code (QEMU status 33; under Bochs, its shutdown request)."""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gradelib import TIMEOUT, GradeError, Run, Stage  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--lab", type=int, required=True)
    p.add_argument("--emu", choices=("qemu", "bochs"), default="qemu")
    p.add_argument("--args", default="", help="more boot arguments")
    opts = p.parse_args()
    stage = Stage(opts.lab, opts.lab, opts.emu)
    stage.build()
    run = Run(stage, "gate", ("gate=all " + opts.args).strip(), "128M", 1, TIMEOUT[opts.emu]).finish()
    sys.stdout.write(run.text.replace("\r", ""))
    gate = [l for l in run.lines if l.startswith("ClanOS-Gate: ok=")]
    try:
        if not gate or gate[-1] != "ClanOS-Gate: ok=true":
            raise GradeError("the last gate line is %r" % (gate[-1] if gate else "missing"))
        run.expect_exit("success")
    except GradeError as err:
        print("gate: FAILED: %s (log: %s)" % (err, os.path.relpath(run.log)))
        sys.exit(1)
    print("gate: passed (lab %d, %s, %.2fs)" % (opts.lab, opts.emu, run.seconds))


if __name__ == "__main__":
    main()
