"""Tests of the CLANFS host tools, mkfs and fsck (mkfs/*.c).

Run from the repository root: python3 -m unittest discover -s mkfs/test
setUpModule builds both tools with make. Each test makes its images in a
temporary directory. The on-disk layout is read here with struct, from the
offsets in kernel/fs/clanfs.h, only to find blocks to corrupt or to craft a
log transaction; everything else is asked of fsck itself.
"""
import os
import random
import struct
import subprocess
import sys
import tempfile
import time
import unittest
import zlib
import hashlib

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOOLS = os.path.join(REPO, "build", "lab5", "tools")
MKFS = os.path.join(TOOLS, "mkfs")
FSCK = os.path.join(TOOLS, "fsck")
BLOCK = 4096
SUPER = struct.Struct("<QIIIIIIIIIIIIQII")   # struct clanfs_super
INODE = struct.Struct("<HHIIIQQQ12III7II")   # struct clanfs_dinode
LOGHDR = struct.Struct("<IIQII")             # struct clanfs_loghdr, before block[]
LOG_MAGIC = 0x474F4C43
FUZZ_SEED = int(os.environ.get("FUZZ_SEED", "5"))


TOOLS6 = os.path.join(REPO, "build", "lab6", "tools")   # lab 6 on: mkfs --bin
MKFS6 = os.path.join(TOOLS6, "mkfs")
FSCK6 = os.path.join(TOOLS6, "fsck")
USER_BIN6 = os.path.join(REPO, "build", "lab6", "user", "bin")
HAS_LAB6 = os.path.exists(os.path.join(REPO, "labs", "lab6.mk"))


def setUpModule():
    subprocess.run(["make", "-s", "LAB=5"] + [os.path.relpath(t, REPO) for t in (MKFS, FSCK)],
                   cwd=REPO, check=True)
    if HAS_LAB6:
        subprocess.run(["make", "-s", "LAB=6", "user"] +
                       [os.path.relpath(t, REPO) for t in (MKFS6, FSCK6)], cwd=REPO, check=True)


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60, **kw)


def write_tree(root, files):
    """files: {relative path: bytes}, a path ending in / is a directory."""
    for rel, data in files.items():
        path = os.path.join(root, rel)
        if rel.endswith("/"):
            os.makedirs(path, exist_ok=True)
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)


class Image:
    """Just enough of the format to find and patch structures."""

    def __init__(self, path):
        self.path = path
        with open(path, "rb") as f:
            self.sb = SUPER.unpack(f.read(SUPER.size))
        (_, _, _, self.nblocks, self.ninodes, self.log_start, self.nlog, self.inode_start,
         _, self.bmap_start, _, self.data_start, _, _, _, _) = self.sb

    def read(self, off, n):
        with open(self.path, "rb") as f:
            f.seek(off)
            return f.read(n)

    def write(self, off, data):
        with open(self.path, "r+b") as f:
            f.seek(off)
            f.write(data)

    def inode_off(self, inum):
        return self.inode_start * BLOCK + inum * 128

    def inode(self, inum):
        return list(INODE.unpack(self.read(self.inode_off(inum), 128)))

    def put_inode(self, inum, fields):
        """Write fields back with a right checksum (the last field)."""
        fields[-1] = 0
        fields[-1] = zlib.crc32(INODE.pack(*fields))
        self.write(self.inode_off(inum), INODE.pack(*fields))

    def lookup(self, path):
        """Inode number of path, through the direct blocks of each directory."""
        inum = 1
        for name in [p for p in path.split("/") if p]:
            ino = self.inode(inum)
            found = None
            for b in ino[8:8 + ino[5] // BLOCK]:
                blk = self.read(b * BLOCK, BLOCK)
                for e in range(63):
                    n, raw = struct.unpack_from("<I60s", blk, e * 64)
                    if n and raw.rstrip(b"\0").decode() == name:
                        found = n
            inum = found
        return inum


class ToolCase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def mkfs(self, size, tree=None, *args, ok=True, env=None):
        img = os.path.join(self.dir, "fs.img")
        cmd = [MKFS, "-s", size, "-o", img] + list(args) + ([tree] if tree else [])
        p = run(cmd, env=env)
        if ok:
            self.assertEqual(p.returncode, 0, p.stderr.decode())
        return img, p

    def fsck(self, img, *args, code=0):
        p = run([FSCK] + list(args) + [img])
        if code is not None:
            self.assertEqual(p.returncode, code, p.stderr.decode() + p.stdout.decode(errors="replace"))
        return p

    def report(self, p):
        return p.stdout.decode(errors="replace") + p.stderr.decode()


class TestMkfs(ToolCase):
    def test_repository_tree_is_clean_with_its_owners(self):
        img, _ = self.mkfs("32M", os.path.join(REPO, "fsroot"), "--owners",
                           os.path.join(REPO, "mkfs", "owners"))
        nfiles = ndirs = 1
        want = {}
        for top, dirs, files in os.walk(os.path.join(REPO, "fsroot")):
            ndirs += len(dirs)
            nfiles += len(files)
            for name in files:
                with open(os.path.join(top, name), "rb") as f:
                    data = f.read()
                rel = os.path.relpath(os.path.join(top, name), os.path.join(REPO, "fsroot"))
                want["/" + rel] = (len(data), "%08x" % zlib.crc32(data))
        p = self.fsck(img)
        self.assertIn("fsck: clean: %d files, %d directories" % (nfiles - 1, ndirs),
                      p.stdout.decode())
        lines = self.fsck(img, "--ls").stdout.decode().splitlines()
        got = {l.split()[0]: l.split()[1:] for l in lines}
        for path, (size, crc) in want.items():
            self.assertEqual(got[path][0], "f")
            self.assertEqual(got[path][1], str(size))
            self.assertEqual(got[path][4], crc)
        self.assertEqual(got["/"], ["d", "4096", "0", "75", "-"])
        self.assertEqual(got["/home/alice"][2:4], ["1000", "75"])
        self.assertEqual(got["/home/bob"][2:4], ["1001", "75"])
        self.assertEqual(got["/etc/passwd"][2:4], ["0", "64"])
        with open(os.path.join(REPO, "fsroot", "etc", "passwd"), "rb") as f:
            self.assertEqual(self.fsck(img, "--cat", "/etc/passwd").stdout, f.read())

    def test_big_files_and_big_directories_read_back(self):
        rnd = random.Random(1)
        sizes = {"empty": 0, "one": 1, "block": BLOCK, "direct": 12 * BLOCK,
                 "indirect": 12 * BLOCK + 1, "dindirect": (12 + 1024 + 1030) * BLOCK + 17}
        files = {"big/" + n: rnd.randbytes(s) for n, s in sizes.items()}
        files.update({"many/f%03d" % i: b"%d\n" % i for i in range(200)})
        files["empty-dir/"] = b""
        tree = os.path.join(self.dir, "tree")
        write_tree(tree, files)
        img, _ = self.mkfs("16M", tree)
        p = self.fsck(img)
        self.assertIn("clean: 206 files, 4 directories", p.stdout.decode())
        for rel, data in files.items():
            if not rel.endswith("/"):
                self.assertEqual(self.fsck(img, "--cat", "/" + rel).stdout, data, rel)
        ls = self.fsck(img, "--ls").stdout.decode().splitlines()
        self.assertIn("/many d %d 0 75 -" % (4 * BLOCK), ls)   # 200 entries: 4 blocks
        self.assertIn("/empty-dir d 4096 0 75 -", ls)
        # Metadata: superblock, log header, inode table, bitmap, 4 directories' 7 blocks,
        # indirect blocks: 1 (indirect) + 1 + 1 + 2 (dindirect: its own, two under it).
        im = Image(img)
        meta = [int(l) for l in self.fsck(img, "--metadata").stdout.split()]
        itable = im.bmap_start - im.inode_start
        self.assertEqual(len(meta), 2 + itable + 1 + 7 + 5)

    def test_defaults_exec_bit_and_layout(self):
        tree = os.path.join(self.dir, "tree")
        write_tree(tree, {"run.sh": b"#!/bin/sh\n", "data": b"x"})
        os.chmod(os.path.join(tree, "run.sh"), 0o700)
        os.chmod(os.path.join(tree, "data"), 0o777 & ~0o111)
        img, _ = self.mkfs("32M", tree)
        ls = self.fsck(img, "--ls").stdout.decode().splitlines()
        self.assertIn("/run.sh f 10 0 75 %08x" % zlib.crc32(b"#!/bin/sh\n"), ls)
        self.assertIn("/data f 1 0 64 %08x" % zlib.crc32(b"x"), ls)
        im = Image(img)
        self.assertEqual((im.nblocks, im.ninodes, im.nlog), (8192, 2048, 513))
        img, _ = self.mkfs("1M", tree, "-i", "40", "-l", "9")
        im = Image(img)
        self.assertEqual((im.nblocks, im.ninodes, im.nlog), (256, 64, 9))
        self.fsck(img)

    def test_empty_image_without_a_tree(self):
        img, _ = self.mkfs("256K")
        self.assertIn("clean: 0 files, 1 directories", self.fsck(img).stdout.decode())

    def test_reproducible_with_source_date_epoch_and_sparse(self):
        env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
        tree = os.path.join(REPO, "fsroot")
        img, _ = self.mkfs("32M", tree, env=env)
        with open(img, "rb") as f:
            first = f.read()
        self.assertEqual(struct.unpack_from("<Q", first, 56)[0], 1700000000)
        self.assertLess(os.stat(img).st_blocks * 512, 1 << 20)  # 32 MiB, under 1 MiB on disk
        img, _ = self.mkfs("32M", tree, env=env)
        with open(img, "rb") as f:
            self.assertEqual(f.read(), first)

    def test_refuses_what_it_cannot_represent(self):
        tree = os.path.join(self.dir, "tree")
        write_tree(tree, {"a" * 59: b"ok"})
        img, _ = self.mkfs("1M", tree)
        os.unlink(img)
        write_tree(tree, {"b" * 60: b"too long"})
        _, p = self.mkfs("1M", tree, ok=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("name longer than 59 bytes", p.stderr.decode())
        self.assertFalse(os.path.exists(os.path.join(self.dir, "fs.img")))

        big = os.path.join(self.dir, "big")
        write_tree(big, {"huge": bytes(2 << 20)})
        _, p = self.mkfs("1M", big, ok=False)
        self.assertIn("does not fit", p.stderr.decode())
        many = os.path.join(self.dir, "many")
        write_tree(many, {"f%d" % i: b"" for i in range(40)})
        _, p = self.mkfs("1M", many, "-i", "32", ok=False)
        self.assertIn("does not fit: 41 files and directories, 31 inodes", p.stderr.decode())
        for bad in (["-s", "1000"], ["-s", "8K"], ["-l", "1"], ["-x"]):
            p = run([MKFS, "-s", "1M", "-o", os.path.join(self.dir, "x.img")] + bad)
            self.assertEqual(p.returncode, 1, bad)

    def test_skips_symlinks_with_a_warning(self):
        tree = os.path.join(self.dir, "tree")
        write_tree(tree, {"real": b"data"})
        os.symlink("real", os.path.join(tree, "link"))
        img, p = self.mkfs("1M", tree)
        self.assertIn("warning: skipping", p.stderr.decode())
        self.assertIn("link: a symbolic link", p.stderr.decode())
        self.assertIn("clean: 1 files, 1 directories", self.fsck(img).stdout.decode())

    def test_owners_file(self):
        tree = os.path.join(self.dir, "tree")
        write_tree(tree, {"home/alice/notes": b"n"})
        owners = os.path.join(self.dir, "owners")
        with open(owners, "w") as f:
            f.write("# comment\n\n/ 0 75\n/home/alice 1000 70   # hers\n/home/alice/notes 1000 6\n")
        img, _ = self.mkfs("1M", tree, "--owners", owners)
        ls = self.fsck(img, "--ls").stdout.decode()
        self.assertIn("/home/alice d 4096 1000 70 -", ls)
        self.assertIn("/home/alice/notes f 1 1000 06 ", ls)
        for line, why in (("/home/carol 1002 75", "/home/carol is not in the tree"),
                          ("/home/alice 1000 80", "bad mode"),
                          ("/home/alice 1000 754", "bad mode"),
                          ("/home/alice x 75", "bad uid"),
                          ("/home/alice 1000", "expected \"path uid mode\"")):
            with open(owners, "w") as f:
                f.write("# first\n" + line + "\n")
            _, p = self.mkfs("1M", tree, "--owners", owners, ok=False)
            self.assertEqual(p.returncode, 1, line)
            self.assertIn(":2: " + why, p.stderr.decode(), line)


@unittest.skipUnless(HAS_LAB6, "lab 6 (mkfs --bin) is not in this tree")
class TestMkfsBin(ToolCase):
    """Lab 6: mkfs --bin DIR --trust FILE puts programs in /bin with their manifests."""

    def mkfs6(self, bindir, *args, tree=None, ok=True):
        img = os.path.join(self.dir, "fs.img")
        p = run([MKFS6, "-s", "4M", "-o", img, "--bin", bindir] + list(args) +
                ([tree] if tree else []))
        if ok:
            self.assertEqual(p.returncode, 0, p.stderr.decode())
        return img, p

    def cat(self, img, path):
        p = run([FSCK6, "--cat", path, img])
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        return p.stdout

    def manifest(self, name, data, trust):
        return ("clan-exec-v1\nname=%s\nimage=/bin/%s\ntrust=%s\nowner=root\n"
                "digest=sha256:%s\n" % (name, name, trust, hashlib.sha256(data).hexdigest()))

    def test_programs_and_manifests_with_digests_and_trust(self):
        progs = {"hello": b"\x7fELF" + bytes(range(256)) * 40, "halt": b"\x7fELF halt",
                 "empty": b"", "notelf": b"#!/bin/sh\n", "big": os.urandom(300 * 1024)}
        bindir = os.path.join(self.dir, "bin")
        write_tree(bindir, progs)
        trust = os.path.join(self.dir, "trust")
        with open(trust, "w") as f:
            f.write("# programs\nhalt system   # may shut down\n\nhello user\n")
        img, p = self.mkfs6(bindir, "--trust", trust, tree=os.path.join(REPO, "fsroot"))
        self.assertEqual(p.stderr, b"")
        ls = self.fsck_clean(img)
        self.assertIn("/bin d 4096 0 75 -", ls)
        self.assertIn("/etc/passwd f", ls)
        for name, data in progs.items():
            self.assertIn("/bin/%s f %d 0 75 " % (name, len(data)), ls)
            want = self.manifest(name, data, "system" if name == "halt" else "user")
            self.assertIn("/bin/%s.manifest f %d 0 64 " % (name, len(want)), ls)
            self.assertEqual(self.cat(img, "/bin/%s.manifest" % name).decode(), want)
            self.assertEqual(self.cat(img, "/bin/" + name), data, name)

    def fsck_clean(self, img):
        p = run([FSCK6, "--ls", img])
        self.assertEqual(p.returncode, 0, p.stderr.decode() + p.stdout.decode())
        self.assertEqual(run([FSCK6, img]).returncode, 0)
        return p.stdout.decode()

    def test_without_trust_file_everything_is_user_and_subdirectories_are_skipped(self):
        bindir = os.path.join(self.dir, "bin")
        write_tree(bindir, {"a": b"A", "sub/b": b"B"})
        img, p = self.mkfs6(bindir)
        self.assertIn("warning: skipping", p.stderr.decode())
        self.assertEqual(self.cat(img, "/bin/a.manifest").decode(), self.manifest("a", b"A", "user"))
        ls = self.fsck_clean(img)
        self.assertNotIn("/bin/sub", ls)

    def test_refusals(self):
        bindir = os.path.join(self.dir, "bin")
        write_tree(bindir, {"hello": b"h"})
        trust = os.path.join(self.dir, "trust")
        for line, why in (("hello root", 'bad trust "root"'),
                          ("hello", 'expected "name trust"'),
                          ("hello user extra", 'expected "name trust"'),
                          ("hello user\nhello system", "hello is listed twice"),
                          ("ghost user", "ghost is not a program in")):
            with open(trust, "w") as f:
                f.write(line + "\n")
            _, p = self.mkfs6(bindir, "--trust", trust, ok=False)
            self.assertEqual(p.returncode, 1, line)
            self.assertIn(why, p.stderr.decode(), line)
        tree = os.path.join(self.dir, "tree")
        write_tree(tree, {"bin/old": b"o"})
        _, p = self.mkfs6(bindir, tree=tree, ok=False)
        self.assertIn("the tree has a bin already", p.stderr.decode())
        p = run([MKFS6, "-s", "4M", "-o", os.path.join(self.dir, "x.img"), "--trust", trust])
        self.assertIn("usage", p.stderr.decode())
        for name, why in (("x.manifest", "may not end in .manifest"),
                          ("n" * 51, "name too long for a program")):
            bad = os.path.join(self.dir, "bad")
            write_tree(bad, {name: b"x"})
            _, p = self.mkfs6(bad, ok=False)
            self.assertIn(why, p.stderr.decode(), name)
            os.remove(os.path.join(bad, name))
        self.assertFalse(os.path.exists(os.path.join(self.dir, "fs.img")))

    def test_the_built_user_programs_with_user_trust(self):
        trustfile = os.path.join(REPO, "user", "trust")
        img, _ = self.mkfs6(USER_BIN6, "--trust", trustfile, tree=os.path.join(REPO, "fsroot"))
        with open(trustfile) as f:
            trust = dict(line.split("#")[0].split() for line in f if line.split("#")[0].strip())
        names = sorted(os.listdir(USER_BIN6))
        self.assertIn("hello", names)
        for name in names:
            with open(os.path.join(USER_BIN6, name), "rb") as f:
                data = f.read()
            self.assertEqual(self.cat(img, "/bin/%s.manifest" % name).decode(),
                             self.manifest(name, data, trust.get(name, "user")))


class TestFsck(ToolCase):
    def small_image(self):
        return self.mkfs("1M", os.path.join(REPO, "fsroot"), "--owners",
                         os.path.join(REPO, "mkfs", "owners"))[0]

    def test_link_count(self):
        img = self.small_image()
        im = Image(img)
        inum = im.lookup("/home/alice")
        ino = im.inode(inum)
        ino[3] = 2
        im.put_inode(inum, ino)
        out = self.report(self.fsck(img, code=1))
        self.assertIn("fsck: /home/alice: link count 2, 1 entries name it\n", out)
        self.assertTrue(out.endswith("fsck: 1 problems\n"), out)

    def test_block_out_of_range_and_unreachable(self):
        img = self.small_image()
        im = Image(img)
        inum = im.lookup("/etc/passwd")
        ino = im.inode(inum)
        old = ino[8]
        ino[8] = 70000
        im.put_inode(inum, ino)
        out = self.report(self.fsck(img, code=1))
        self.assertIn("fsck: inode %d: block 70000 out of range\n" % inum, out)
        self.assertIn("fsck: block %d in use but not reachable\n" % old, out)

    def test_block_used_twice_and_bad_checksum(self):
        img = self.small_image()
        im = Image(img)
        a, b = im.lookup("/README"), im.lookup("/etc/passwd")
        ia, ib = im.inode(a), im.inode(b)
        ib[8] = ia[8]
        im.put_inode(b, ib)
        out = self.report(self.fsck(img, code=1))
        self.assertIn("used twice: by inodes %d and %d" % (a, b), out)
        im.write(im.inode_off(a) + 20, b"\x01")
        self.assertIn("inode %d: bad checksum" % a, self.report(self.fsck(img, code=1)))

    def test_bitmap_bit_of_a_free_block(self):
        img = self.small_image()
        im = Image(img)
        free = im.nblocks - 1
        off = im.bmap_start * BLOCK + free // 8
        im.write(off, bytes([im.read(off, 1)[0] | 1 << (free % 8)]))
        out = self.report(self.fsck(img, code=1))
        self.assertIn("fsck: block %d in use but not reachable\n" % free, out)
        off = im.bmap_start * BLOCK + im.nblocks // 8 + 1
        im.write(off, b"\x01")
        self.assertIn("beyond the last block", self.report(self.fsck(img, code=1)))

    def test_deep_tree(self):
        tree = os.path.join(self.dir, "tree")
        path = "/".join(["d" * 50] * 79)
        write_tree(tree, {path + "/f": b"deep"})
        img, _ = self.mkfs("2M", tree)
        self.assertEqual(self.fsck(img, "--cat", "/" + path + "/f").stdout, b"deep")
        im = Image(img)   # names of 59 bytes: 79 levels take 4740 bytes
        for bno in [int(l) for l in self.fsck(img, "--metadata").stdout.split()]:
            blk = bytearray(im.read(bno * BLOCK, BLOCK))
            if blk[4032:4036] != b"CDIR":
                continue
            blk = blk.replace(b"d" * 50 + bytes(9), b"d" * 59)
            struct.pack_into("<I", blk, 4092, 0)
            struct.pack_into("<I", blk, 4092, zlib.crc32(bytes(blk)))
            im.write(bno * BLOCK, bytes(blk))
        out = self.report(self.fsck(img, code=1))
        self.assertIn("path longer than 4095 bytes, not followed", out)

    def test_unusable_images(self):
        img = self.small_image()
        p = self.fsck(os.path.join(self.dir, "missing.img"), code=2)
        self.assertIn("No such file", p.stderr.decode())
        im = Image(img)
        im.write(20, b"\x07")
        self.assertIn("bad superblock checksum", self.fsck(img, code=2).stderr.decode())
        im.write(0, b"X")
        self.assertIn("bad magic", self.fsck(img, code=2).stderr.decode())
        os.truncate(img, 100)
        self.assertIn("smaller than a superblock", self.fsck(img, code=2).stderr.decode())

    def test_truncated_image(self):
        img = self.small_image()
        os.truncate(img, os.path.getsize(img) - BLOCK)
        out = self.report(self.fsck(img, code=1))
        self.assertIn("image truncated: 255 blocks, the superblock says 256", out)

    def commit(self, im, homes, data, seq=7, bad_crc=False, magic=LOG_MAGIC):
        """Write a transaction logging data[i] for home block homes[i]."""
        crc = 0
        for i, d in enumerate(data):
            im.write((im.log_start + 1 + i) * BLOCK, d)
            crc = zlib.crc32(d, crc)
        hdr = bytearray(BLOCK)
        LOGHDR.pack_into(hdr, 0, magic, len(homes), seq, 0, 0)
        struct.pack_into("<%dI" % len(homes), hdr, LOGHDR.size, *homes)
        crc = zlib.crc32(bytes(hdr[:4024]), crc) ^ (1 if bad_crc else 0)
        struct.pack_into("<I", hdr, 16, crc)
        im.write(im.log_start * BLOCK, bytes(hdr))

    def test_log_replay_in_memory_then_on_disk(self):
        img = self.small_image()
        im = Image(img)
        ino = im.inode(im.lookup("/etc/passwd"))
        old = self.fsck(img, "--cat", "/etc/passwd").stdout
        new = old.replace(b"alice", b"ALICE")
        self.commit(im, [ino[8]], [new + bytes(BLOCK - len(new))])
        with open(img, "rb") as f:
            before = f.read()
        p = self.fsck(img, "--cat", "/etc/passwd")
        self.assertEqual(p.stdout, new)
        self.assertIn("fsck: log: replaying committed transaction of 1 blocks (sequence 7)",
                      p.stderr.decode())
        with open(img, "rb") as f:
            self.assertEqual(f.read(), before)   # in memory only
        p = self.fsck(img, "--replay")
        self.assertIn("log cleared", p.stdout.decode())
        p = self.fsck(img, "--cat", "/etc/passwd")
        self.assertEqual(p.stdout, new)
        self.assertNotIn("log:", p.stderr.decode())
        magic, n, seq, crc, _ = LOGHDR.unpack(im.read(im.log_start * BLOCK, LOGHDR.size))
        self.assertEqual((magic, n, seq), (LOG_MAGIC, 0, 7))

    def test_log_uncommitted_and_bad(self):
        img = self.small_image()
        im = Image(img)
        ino = im.inode(im.lookup("/etc/passwd"))
        self.commit(im, [ino[8]], [bytes(BLOCK)], bad_crc=True)
        p = self.fsck(img)
        self.assertIn("fsck: log: discarded uncommitted transaction", p.stdout.decode())
        self.assertIn("clean", p.stdout.decode())
        self.commit(im, [0], [bytes(BLOCK)])
        self.assertIn("not replayed", self.report(self.fsck(img, code=1)))
        self.commit(im, [], [], magic=0x1234)
        self.assertIn("log: bad header magic", self.report(self.fsck(img, code=1)))

    def fuzz_image(self):
        rnd = random.Random(2)
        tree = os.path.join(self.dir, "tree")
        files = {"etc/passwd": b"root:0:root\n", "home/alice/": b"",
                 "big": rnd.randbytes((12 + 1024 + 3) * BLOCK + 99),
                 "mid": rnd.randbytes(20 * BLOCK)}
        files.update({"dir/f%02d" % i: b"%d" % i for i in range(70)})
        write_tree(tree, files)
        img, _ = self.mkfs("6M", tree)
        self.fsck(img)
        meta = [int(l) for l in self.fsck(img, "--metadata").stdout.split()]
        return img, meta

    def test_fuzz_metadata_bit_flips(self):
        img, meta = self.fuzz_image()
        im = Image(img)
        rnd = random.Random(FUZZ_SEED)
        seen = {}
        with open(img, "r+b") as f:
            for trial in range(300):
                bno = rnd.choice(meta)
                bit = rnd.randrange(BLOCK * 8)
                off = bno * BLOCK + bit // 8
                f.seek(off)
                old = f.read(1)[0]
                f.seek(off)
                f.write(bytes([old ^ (1 << (bit % 8))]))
                f.flush()
                p = self.fsck(img, code=None)
                f.seek(off)
                f.write(bytes([old]))
                f.flush()
                where = "block %d bit %d (trial %d): %s" % (bno, bit, trial, self.report(p))
                self.assertGreaterEqual(p.returncode, 0, "crashed: " + where)
                # Only a torn log header is legitimately invisible: its checksum is wrong,
                # so it is discarded as an uncommitted transaction.
                if bno == im.log_start and bit >= 32:
                    self.assertIn(p.returncode, (0, 1), where)
                else:
                    self.assertIn(p.returncode, (1, 2), where)
                seen[p.returncode] = seen.get(p.returncode, 0) + 1
        self.assertIn(1, seen)
        self.assertIn(2, seen)
        self.assertEqual(self.fsck(img).returncode, 0)

    def test_fuzz_checksummed_garbage(self):
        """Inodes and directory entries full of random values under right checksums: fsck
        must get through them all, whatever they claim. (Not with --ls: a size of 4 GiB
        would be read whole for its CRC, which is right but slow.)"""
        img, meta = self.fuzz_image()
        im = Image(img)
        with open(img, "rb") as f:
            whole = f.read()
        rnd = random.Random(FUZZ_SEED)
        dirs = [b for b in meta if whole[b * BLOCK + 4032:b * BLOCK + 4036] == b"CDIR"]
        values = [0, 1, 2, 3, im.data_start, im.nblocks - 1, im.nblocks, 1 << 31, (1 << 32) - 1]
        for trial in range(100):
            with open(img, "wb") as f:
                f.write(whole)
            for _ in range(rnd.randrange(1, 4)):
                inum = rnd.randrange(1, 12)
                ino = im.inode(inum)
                for _ in range(rnd.randrange(1, 6)):
                    k = rnd.randrange(len(ino) - 1)
                    limit = 1 << (16 if k < 2 else 64 if k in (5, 6, 7) else 32)
                    ino[k] = rnd.choice(values + [rnd.randrange(limit)]) % limit
                im.put_inode(inum, ino)
            bno = rnd.choice(dirs)
            blk = bytearray(im.read(bno * BLOCK, BLOCK))
            for _ in range(rnd.randrange(1, 4)):
                at = rnd.randrange(0, 4092, 4)
                struct.pack_into("<I", blk, at, rnd.choice(values + [rnd.randrange(1 << 32)]))
            struct.pack_into("<I", blk, 4092, 0)
            struct.pack_into("<I", blk, 4092, zlib.crc32(bytes(blk)))
            im.write(bno * BLOCK, bytes(blk))
            p = self.fsck(img, "--metadata", code=None)
            self.assertIn(p.returncode, (0, 1), "trial %d: %s" % (trial, self.report(p)))

    def test_fuzz_truncations(self):
        img, _ = self.fuzz_image()
        with open(img, "rb") as f:
            whole = f.read()
        rnd = random.Random(FUZZ_SEED)
        sizes = [0, 1, BLOCK - 1, BLOCK, len(whole) - 1] + \
                [rnd.randrange(len(whole)) for _ in range(30)]
        for size in sizes:
            with open(img, "wb") as f:
                f.write(whole[:size])
            p = self.fsck(img, code=None)
            self.assertIn(p.returncode, (1, 2), "size %d: %s" % (size, self.report(p)))


class TestTimings(ToolCase):
    def test_default_image_timings(self):
        """mkfs and fsck of the default 32 MiB image of fsroot/, each well under a second."""
        start = time.monotonic()
        img, _ = self.mkfs("32M", os.path.join(REPO, "fsroot"), "--owners",
                           os.path.join(REPO, "mkfs", "owners"))
        mid = time.monotonic()
        self.fsck(img)
        end = time.monotonic()
        sys.stderr.write("\n  mkfs 32M: %.1f ms, fsck: %.1f ms\n" % ((mid - start) * 1e3,
                                                          (end - mid) * 1e3))
        self.assertLess(mid - start, 2)
        self.assertLess(end - mid, 2)
