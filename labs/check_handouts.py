#!/usr/bin/env python3
"""`make check-handouts`: the honesty check of every lab's exported trees.

For each lab N: the solution tree must pass grade-labN; the starter tree
must fail it; and for each exercise of lab N, the solution tree with only
that exercise stubbed must fail the grader's tests that name the exercise.
Each tree is exported (labs/export.py), built with a plain `make` by its
own grader, and must hold no LAB/SOL fence. Prints a table, then
"N passed, M failed".
"""
import glob
import os
import re
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "labs"))
import export  # noqa: E402

OUT = os.path.join(REPO, "build", "check-handouts")


def leftover_fences(tree):
    found = []
    for path in glob.glob(os.path.join(tree, "**", "*"), recursive=True):
        if path.endswith(export.FENCED):
            for n, line in enumerate(export.read_text(path).split("\n"), 1):
                if export.CONDITIONAL.match(line.strip()) and export.MENTIONS.search(line):
                    found.append("%s:%d" % (os.path.relpath(path, tree), n))
    return found


def grade(tree, lab, extra):
    cmd = [sys.executable, os.path.join(tree, "grade", "grade-lab%d" % lab)] + extra
    proc = subprocess.run(cmd, cwd=tree, capture_output=True, text=True)
    m = re.findall(r"^(\d+) passed, (\d+) failed$", proc.stdout, re.M)
    return proc.returncode, (m[-1] if m else ("?", "?")), proc.stdout + proc.stderr


def check(lab, kind, stub, must_pass):
    name = "lab%d-%s" % (lab, kind) + ("-stub-" + stub if stub else "")
    tree = os.path.join(OUT, name)
    start = time.monotonic()
    export.export(REPO, lab, kind, tree, stub)
    problems = leftover_fences(tree)
    status, (p, f), output = grade(tree, lab, ["--exercise", stub] if stub else [])
    if problems:
        verdict, ok = "fences left: " + ", ".join(problems[:3]), False
    elif must_pass:
        ok = status == 0
        verdict = "passes (%s passed)" % p if ok else "FAILS (%s failed), should pass" % f
    else:
        ok = status != 0 and f not in ("?", "0")
        verdict = "fails (%s failed), as it must" % f if ok else "PASSES, but must fail"
    if not ok:
        with open(tree + ".log", "w") as log:
            log.write(output)
        verdict += "; log: %s.log" % os.path.relpath(tree, REPO)
    return ok, "%-5d %-40s %-46s %5.1fs" % (lab, kind + (" (only %s stubbed)" % stub if stub else ""),
                                           verdict, time.monotonic() - start)


def main():
    labs = sorted(int(re.search(r"lab(\d+)\.mk$", p).group(1))
                  for p in glob.glob(os.path.join(REPO, "labs", "lab*.mk")))
    rows, passed, failed = [], 0, 0
    for lab in labs:
        jobs = [("solution", None, True), ("starter", None, False)]
        exercises = export.exercises_of(REPO, lab)
        if not exercises:
            rows.append((False, "%-5d lab %d fences no exercise" % (lab, lab)))
        jobs += [("solution", ex, False) for ex in exercises]
        for kind, stub, must_pass in jobs:
            rows.append(check(lab, kind, stub, must_pass))
            print(rows[-1][1], flush=True)
    passed = sum(1 for ok, _ in rows if ok)
    failed = len(rows) - passed
    print("\n%-5s %-40s %-46s %6s" % ("lab", "tree", "result", "time"))
    for _, row in rows:
        print(row)
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
