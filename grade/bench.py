#!/usr/bin/env python3
"""`make bench`: boot-time figures, as ClanOS-Bench lines and a table.

Lab 1 measures, over several boots under QEMU (TCG), the wall time from
starting QEMU to the kernel's banner on the serial console (firmware
included) and to the kernel's power-off after the gate. The median is
reported, so one slow boot on a busy machine does not decide the figure.
"""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gradelib import Run, Stage  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--lab", type=int, required=True)
    p.add_argument("--boots", type=int, default=7)
    opts = p.parse_args()
    stage = Stage(opts.lab, opts.lab, "qemu")
    stage.build()
    to_banner, to_poweroff = [], []
    for _ in range(opts.boots):
        run = Run(stage, "bench", "gate=all", "128M", 1, 10)
        if not run.wait_for(r"^Clan OS \(lab \d+\) booting"):
            sys.exit("bench: the kernel printed no banner; see %s" % run.finish().log)
        to_banner.append(time.monotonic() - run.started)
        run.finish()
        to_poweroff.append(run.seconds)
    rows = [("qemu_start_to_banner", statistics.median(to_banner), "s"),
            ("qemu_start_to_gate_poweroff", statistics.median(to_poweroff), "s")]
    for name, value, unit in rows:
        print("ClanOS-Bench: name=%s value=%.3f unit=%s" % (name, value, unit))
    print("\n%-32s %10s   (median of %d boots)" % ("benchmark", "value", opts.boots))
    for name, value, unit in rows:
        print("%-32s %8.3f %s" % (name, value, unit))


if __name__ == "__main__":
    main()
