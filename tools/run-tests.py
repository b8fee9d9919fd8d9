#!/usr/bin/env python3
"""`make test`: every test suite of this tree, with one total at the end.

Suites: the host unit tests, the format check, the mkfs and fsck tests (lab 5
on), each lab's grader under QEMU and under Bochs, and in the master tree the
exporter's tests and the honesty check (labs/check_handouts.py). The last line
is "N passed, M failed", summing the individual tests of every suite; the exit
status is 0 only if nothing failed.
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
    m = re.search(r"^Ran (\d+) tests? in .*\n\n(OK|FAILED \((?:failures=(\d+))?(?:, )?(?:errors=(\d+))?)",
                  output, re.M)
    if m:  # Python's unittest
        bad = int(m.group(3) or 0) + int(m.group(4) or 0)
        return int(m.group(1)) - bad, bad
    m = re.findall(r"^(\d+) passed, (\d+) failed$", output, re.M)
    if m:
        return int(m[-1][0]), int(m[-1][1])
    return None


def main():
    labs = sorted(int(re.search(r"(\d+)", os.path.basename(p)).group(1))
                  for p in glob.glob(os.path.join(REPO, "labs", "lab*.mk")))
    passed = failed = 0
    summary = []

    def suite(name, cmd):
        nonlocal passed, failed
        status, output = run(cmd)
        got = counts(output)
        if got is None or (status != 0 and got[1] == 0):
            got = (got[0] if got else 0, 1)  # crashed or did not report: count a failure
        passed += got[0]
        failed += got[1]
        summary.append("%-44s %3d passed, %d failed" % (name, got[0], got[1]))

    suite("unit tests (Criterion)", ["make", "-s", "unit"])
    suite("kernel sources match .clang-format", ["make", "-s", "format-check"])
    if os.path.isdir(os.path.join(REPO, "mkfs", "test")):
        suite("mkfs and fsck tests", ["python3", "-m", "unittest", "discover", "-s", "mkfs/test"])
    for lab in labs:
        suite("grade-lab%d (QEMU)" % lab, ["python3", "grade/grade-lab%d" % lab, "--lab", str(lab)])
        suite("grade-lab%d (Bochs)" % lab,
              ["python3", "grade/grade-lab%d" % lab, "--lab", str(lab), "--emu", "bochs"])
    if os.path.exists(os.path.join(REPO, "labs", "check_handouts.py")):  # the master tree only
        suite("exporter unit tests", ["python3", "-m", "unittest", "discover", "-s", "labs/test"])
        suite("honesty check (make check-handouts)", ["python3", "labs/check_handouts.py"])

    print("\nSummary:")
    for line in summary:
        print("  " + line)
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
