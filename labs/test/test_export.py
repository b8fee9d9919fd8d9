"""Tests of the lab exporter and the course repository on small fixture trees."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import course_repo  # noqa: E402
import export  # noqa: E402

NESTED = """int always;
#if LAB >= 2
int from_lab2;
#if SOL >= 2 /* exercise count */
int count(void) { return 42; }
#else
int count(void) { /* LAB 2: your code here */ return 0; }
#endif
#endif
#ifndef GUARD_H
#if defined(DEBUG)
int debug;
#endif
#endif
"""

WHOLE_FILE = """#if LAB >= 2
/* A file that arrives in lab 2. */
int new_in_lab2;
#endif
"""

LAB1 = """/* Lab 1 code. */
int first(void)
{
#if SOL >= 1 /* exercise first */
	return 1;
#else
	return 0; /* LAB 1: your code here */
#endif
}
"""


def write(root, path, text):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write(text)


def read(root, path):
    with open(os.path.join(root, path)) as f:
        return f.read()


class Fixture(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="export-test-")
        self.master = os.path.join(self.tmp, "master")
        files = {
            "kernel/nested.c": NESTED,
            "kernel/new.c": WHOLE_FILE,
            "kernel/first.c": LAB1,
            "labs/lab1.mk": "LAB_NAME := One\n",
            "labs/lab2.mk": "LAB_NAME := Two\n",
            "grade/grade-lab1": "# grader 1\n",
            "grade/grade-lab2": "# grader 2\n",
            "handouts/lab2.md": "# Lab 2\n",
            "labs/export.py": "# staff only\n",
            "labs/test/t.py": "# staff only\n",
            "README.md": "readme\n",
        }
        for path, text in files.items():
            write(self.master, path, text)
        subprocess.run(["git", "init", "-q", self.master], check=True)

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def export(self, lab, kind, stub=None):
        out = os.path.join(self.tmp, "out-%d-%s-%s" % (lab, kind, stub))
        export.export(self.master, lab, kind, out, stub)
        return out


class ExportTest(Fixture):
    def test_later_lab_code_and_files_vanish(self):
        out = self.export(1, "lab")
        self.assertEqual(read(out, "kernel/nested.c"),
                         "int always;\n#ifndef GUARD_H\n#if defined(DEBUG)\nint debug;\n#endif\n#endif\n")
        for gone in ("kernel/new.c", "labs/lab2.mk", "grade/grade-lab2", "handouts/lab2.md"):
            self.assertFalse(os.path.exists(os.path.join(out, gone)), gone)
        self.assertTrue(os.path.exists(os.path.join(out, "grade/grade-lab1")))

    def test_staff_files_never_leave(self):
        out = self.export(2, "solution")
        self.assertFalse(os.path.exists(os.path.join(out, "labs/export.py")))
        self.assertFalse(os.path.exists(os.path.join(out, "labs/test/t.py")))

    def test_starter_stubs_this_lab_and_solves_earlier_ones(self):
        out = self.export(2, "starter")
        nested = read(out, "kernel/nested.c")
        self.assertIn("LAB 2: your code here", nested)
        self.assertNotIn("return 42", nested)
        self.assertIn("return 1;", read(out, "kernel/first.c"))
        self.assertIn("int new_in_lab2;", read(out, "kernel/new.c"))

    def test_solution_has_no_stub_and_no_fence(self):
        out = self.export(2, "solution")
        nested = read(out, "kernel/nested.c")
        self.assertIn("return 42", nested)
        self.assertNotIn("your code here", nested)
        self.assertNotIn("SOL", nested)
        self.assertNotIn("LAB >=", nested)

    def test_lab_kind_has_no_solution_at_all(self):
        out = self.export(2, "lab")
        self.assertIn("LAB 1: your code here", read(out, "kernel/first.c"))
        self.assertIn("LAB 2: your code here", read(out, "kernel/nested.c"))

    def test_stub_one_exercise(self):
        out = self.export(2, "solution", stub="first")
        self.assertIn("LAB 1: your code here", read(out, "kernel/first.c"))
        self.assertIn("return 42", read(out, "kernel/nested.c"))

    def test_stub_of_unknown_exercise_is_an_error(self):
        with self.assertRaises(export.FenceError):
            self.export(2, "solution", stub="nonesuch")

    def test_exercises_are_listed_per_lab(self):
        self.assertEqual(export.exercises_of(self.master, 1), ["first"])
        self.assertEqual(export.exercises_of(self.master, 2), ["count"])

    def test_malformed_fences_are_rejected(self):
        for bad in ("#if LAB > 1", "#ifdef SOL", "#if SOL >= 2", "#elif LAB >= 3",
                    "#if LAB >= 2 && defined(X)", "#if SOL >= 2 /* the count exercise */"):
            write(self.master, "kernel/bad.c", bad + "\nint x;\n#endif\n")
            with self.assertRaises(export.FenceError, msg=bad) as caught:
                self.export(2, "solution")
            self.assertIn("kernel/bad.c:1", str(caught.exception))


class CourseRepoTest(Fixture):
    def git(self, repo, *args):
        return subprocess.run(["git", "-C", repo] + list(args), check=True, capture_output=True,
                              text=True, env=course_repo.ENV).stdout

    def test_tags_and_a_student_merge(self):
        repo = os.path.join(self.tmp, "course")
        self.assertEqual(course_repo.build(self.master, repo), [1, 2])
        self.assertEqual(self.git(repo, "tag").split(), ["lab1", "lab2"])
        # A student solves lab 1 on a clone of tag lab1, then merges lab2.
        student = os.path.join(self.tmp, "student")
        subprocess.run(["git", "clone", "-q", repo, student], check=True)
        self.git(student, "checkout", "-q", "-b", "work", "lab1")
        solved = read(student, "kernel/first.c").replace("return 0; /* LAB 1: your code here */",
                                                         "return 1;")
        write(student, "kernel/first.c", solved)
        self.git(student, "commit", "-q", "-am", "solve lab 1")
        self.git(student, "merge", "-q", "--no-edit", "lab2")
        self.assertIn("return 1;", read(student, "kernel/first.c"))
        self.assertIn("LAB 2: your code here", read(student, "kernel/nested.c"))
        self.assertTrue(os.path.exists(os.path.join(student, "kernel/new.c")))
        diff = self.git(repo, "diff", "--stat", "lab1", "lab2")
        self.assertNotIn("first.c", diff)


if __name__ == "__main__":
    unittest.main()
