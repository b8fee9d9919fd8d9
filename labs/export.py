#!/usr/bin/env python3
"""Export a lab stage of the master tree as a tree for students or staff.

  export.py --lab N --kind starter  -o DIR   labs <= N, solutions of labs < N (lab N stubbed)
  export.py --lab N --kind solution -o DIR   labs <= N, all their solutions
  export.py --lab N --kind lab      -o DIR   labs <= N, no solutions at all (the course repo)
  export.py --lab N --kind solution --stub ID -o DIR
                                             the solution tree with exercise ID stubbed
  export.py --list-exercises N               the exercise ids fenced in lab N

Fences in C, assembly and linker-script files, the only forms accepted:
  #if LAB >= k                         code that arrives in lab k
  #if SOL >= k /* exercise <id> */     lab k's solution of exercise <id>; the
  #else                                #else branch is the stub students get
  #endif
Any other #if or #elif that mentions LAB or SOL is reported and the export
fails. Resolution is done by unifdef; a file left empty by it is dropped.
Files named for a later lab (labs/labK.mk, grade/grade-labK,
handouts/labK.md) and the paths LAB_PATHS gives a later lab are dropped; staff-only files (STAFF_ONLY) never leave.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FENCED = (".c", ".h", ".S", ".ld")
STAFF_ONLY = ("labs/export.py", "labs/check_handouts.py", "labs/course_repo.py",
              "labs/staff.mk", "labs/test/", ".ci/")
# Paths that arrive with a lab but are not named for it: host tools, the file-system tree,
# graders' helper scripts (a folder ends in "/").
LAB_PATHS = {"mkfs/": 5, "fsroot/": 5, "grade/fs_crash.py": 5, "grade/fs_damage.py": 5,
             "grade/fstools.py": 5, "user/": 6, "grade/elf_corpus.py": 6}
LAB_FILE = re.compile(r"^(labs/lab|grade/grade-lab|handouts/lab)(\d+)(\.mk|\.md)?$")
MENTIONS = re.compile(r"\b(LAB|SOL)\b")
LAB_FENCE = re.compile(r"^#\s*if LAB >= (\d+)\s*$")
SOL_FENCE = re.compile(r"^#\s*if SOL >= (\d+) /\* exercise ([a-z0-9-]+) \*/\s*$")
CONDITIONAL = re.compile(r"^#\s*(if|elif|ifdef|ifndef)\b")


class FenceError(Exception):
    pass


def read_text(path):
    with open(path) as f:
        return f.read()


def fences(path, text):
    """Check every fence of a file; returns [(lab, exercise id)] of its SOL fences."""
    exercises = []
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if not CONDITIONAL.match(stripped) or not MENTIONS.search(stripped):
            continue
        if LAB_FENCE.match(stripped):
            continue
        m = SOL_FENCE.match(stripped)
        if m:
            exercises.append((int(m.group(1)), m.group(2)))
            continue
        raise FenceError("%s:%d: not an accepted fence: %s\n"
                         "  (use '#if LAB >= k' or '#if SOL >= k /* exercise <id> */')"
                         % (path, number, stripped))
    return exercises


def tree_files(root):
    """The files of the tree: tracked and new ones, not ignored ones."""
    out = subprocess.run(["git", "-C", root, "ls-files", "-co", "--exclude-standard", "-z"],
                         check=True, capture_output=True).stdout.decode()
    return sorted(f for f in out.split("\0") if f and os.path.isfile(os.path.join(root, f)))


def wanted(path, lab):
    if any(path == s or (s.endswith("/") and path.startswith(s)) for s in STAFF_ONLY):
        return False
    for prefix, first in LAB_PATHS.items():
        if path == prefix or (prefix.endswith("/") and path.startswith(prefix)):
            return first <= lab
    m = LAB_FILE.match(path)
    return not m or int(m.group(2)) <= lab


def resolve(text, lab, sol, stub):
    """The text with LAB/SOL fences resolved (exercise stub, if given, left stubbed)."""
    if stub:
        text = re.sub(r"^(#\s*if SOL >= )\d+( /\* exercise %s \*/)" % re.escape(stub),
                      r"\g<1>999\g<2>", text, flags=re.M)
    proc = subprocess.run(["unifdef", "-x", "2", "-DLAB=%d" % lab, "-DSOL=%d" % sol],
                          input=text.encode(), capture_output=True)
    if proc.returncode == 2:
        raise FenceError("unifdef: " + proc.stderr.decode().strip())
    return proc.stdout.decode()


def export(root, lab, kind, out, stub=None):
    sol = {"starter": lab - 1, "solution": lab, "lab": 0}[kind]
    if os.path.exists(out):
        shutil.rmtree(out)
    stubbed = False
    for path in tree_files(root):
        if not wanted(path, lab):
            continue
        src = os.path.join(root, path)
        dst = os.path.join(out, path)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if path.endswith(FENCED):
            text = read_text(src)
            found = fences(path, text)
            stubbed = stubbed or any(ex == stub for _, ex in found)
            text = resolve(text, lab, sol, stub)
            if not text.strip():
                continue  # a whole-file fence of a later lab
            with open(dst, "w") as f:
                f.write(text)
        else:
            shutil.copy2(src, dst)
    if stub and not stubbed:
        raise FenceError("no fence names exercise '%s'" % stub)


def exercises_of(root, lab):
    ids = []
    for path in tree_files(root):
        if path.endswith(FENCED) and wanted(path, lab):
            ids += [ex for k, ex in fences(path, read_text(os.path.join(root, path))) if k == lab]
    return sorted(set(ids))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--lab", type=int)
    p.add_argument("--kind", choices=("starter", "solution", "lab"))
    p.add_argument("--stub", metavar="ID")
    p.add_argument("--root", default=REPO, help="the master tree (default: this one)")
    p.add_argument("-o", "--output")
    p.add_argument("--list-exercises", type=int, metavar="N")
    opts = p.parse_args()
    try:
        if opts.list_exercises:
            print("\n".join(exercises_of(opts.root, opts.list_exercises)))
        elif opts.lab and opts.kind and opts.output:
            export(opts.root, opts.lab, opts.kind, opts.output, opts.stub)
        else:
            p.error("give --lab, --kind and -o, or --list-exercises")
    except FenceError as err:
        sys.exit("export: %s" % err)


if __name__ == "__main__":
    main()
