#!/usr/bin/env python3
"""`make test`: every test suite of this tree, with one total at the end.

Suites: the host unit tests, each lab's grader under QEMU and under Bochs,
and the honesty check that each lab's starter code (its exercises unsolved)
fails that lab's grader. The last line is "N passed, M failed", summing the
individual tests of every suite; the exit status is 0 only if nothing failed.
"""
import glob
import os
import re
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd):
    print("\n=== %s" % " ".join(cmd), flush=True)
    start = time.monotonic()
    proc = subprocess.run(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sys.stdout.write(proc.stdout)
    print("=== (%.1fs, exit %d)" % (time.monotonic() - start, proc.returncode), flush=True)
    return proc.returncode, proc.stdout


def counts(output):
    """(passed, failed) from a grader's last line or Criterion's synthesis."""
    m = re.search(r"Synthesis: Tested: (\d+) \| Passing: (\d+) \| Failing: (\d+) \| Crashing: (\d+)", output)
    if m:
        return int(m.group(2)), int(m.group(3))
    m = re.findall(r"^(\d+) passed, (\d+) failed$", output, re.M)
    if m:
        return int(m[-1][0]), int(m[-1][1])
    return None


def main():
    labs = sorted(int(re.search(r"(\d+)", os.path.basename(p)).group(1))
                  for p in glob.glob(os.path.join(REPO, "labs", "lab*.mk")))
    passed = failed = 0
    summary = []

    def suite(name, cmd, expect_fail=False):
        nonlocal passed, failed
        status, output = run(cmd)
        got = counts(output)
        if expect_fail:
            # One test: the grader must fail on the starter tree.
            ok = status != 0 and got is not None and got[1] > 0
            got = (1, 0) if ok else (0, 1)
        elif got is None or (status != 0 and got[1] == 0):
            got = (got[0] if got else 0, 1)  # crashed or did not report: count a failure
        passed += got[0]
        failed += got[1]
        summary.append("%-44s %3d passed, %d failed" % (name, got[0], got[1]))

    suite("unit tests (Criterion)", ["make", "-s", "unit"])
    suite("kernel sources match .clang-format", ["make", "-s", "format-check"])
    for lab in labs:
        suite("grade-lab%d (QEMU)" % lab, ["python3", "grade/grade-lab%d" % lab, "--lab", str(lab)])
        suite("grade-lab%d (Bochs)" % lab,
              ["python3", "grade/grade-lab%d" % lab, "--lab", str(lab), "--emu", "bochs"])
        suite("lab %d starter fails its grader" % lab,
              ["python3", "grade/grade-lab%d" % lab, "--lab", str(lab), "--sol", str(lab - 1)],
              expect_fail=True)

    print("\nSummary:")
    for line in summary:
        print("  " + line)
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
