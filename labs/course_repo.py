#!/usr/bin/env python3
"""`make course-repo`: the students' repository, one commit and tag per lab.

build/course-repo gets one commit per lab stage, tagged lab1, lab2, ...,
each holding that lab's "lab" export (labs/export.py --kind lab: the lab's
code and exercises, no solutions at all). The diff between two tags is
exactly what the later lab adds, so a student merges the next tag onto
their own work, JOS-style. Author and dates are fixed so the repository
is the same every time it is made from the same master tree.
"""
import glob
import os
import re
import shutil
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "labs"))
import export  # noqa: E402

ENV = dict(os.environ, GIT_AUTHOR_NAME="Clan OS staff", GIT_AUTHOR_EMAIL="staff@clan-os.invalid",
           GIT_COMMITTER_NAME="Clan OS staff", GIT_COMMITTER_EMAIL="staff@clan-os.invalid")


def git(repo, *args, date=None):
    env = dict(ENV, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date) if date else ENV
    subprocess.run(["git", "-C", repo] + list(args), check=True, env=env, capture_output=True)


def lab_name(root, lab):
    m = re.search(r"^LAB_NAME := (.*)$", export.read_text(os.path.join(root, "labs", "lab%d.mk" % lab)),
                  re.M)
    return m.group(1) if m else "lab %d" % lab


def build(root, out):
    labs = sorted(int(re.search(r"lab(\d+)\.mk$", p).group(1))
                  for p in glob.glob(os.path.join(root, "labs", "lab*.mk")))
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    git(out, "init", "-q", "-b", "main")
    stage = out + ".stage"
    for lab in labs:
        export.export(root, lab, "lab", stage)
        for entry in os.listdir(out):
            if entry != ".git":
                path = os.path.join(out, entry)
                shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
        shutil.copytree(stage, out, dirs_exist_ok=True)
        git(out, "add", "-A")
        date = "2026-01-%02dT12:00:00Z" % lab
        git(out, "commit", "-q", "-m", "Lab %d: %s" % (lab, lab_name(root, lab)), date=date)
        git(out, "tag", "lab%d" % lab)
    shutil.rmtree(stage)
    return labs


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "build", "course-repo")
    try:
        labs = build(REPO, out)
    except export.FenceError as err:
        sys.exit("course-repo: %s" % err)
    print("course-repo: %s, tags %s" % (os.path.relpath(out), " ".join("lab%d" % n for n in labs)))


if __name__ == "__main__":
    main()
