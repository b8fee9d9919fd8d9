"""fstools: the host's side of the lab 5 storage tests.

The graders never believe the kernel about its own disk: they read the image
with the host fsck (mkfs/fsck.c, sharing only the on-disk format header with
the kernel) and compute file contents themselves. This module runs mkfs and
fsck and regenerates the byte stream the monitor's fill command and the
kernel's fsstress test write: xorshift32 from a seed (x ^= x << 13;
x ^= x >> 17; x ^= x << 5, 32-bit), the low byte of each step.

Python 3 standard library only.
"""
import os
import shutil
import struct
import subprocess
import zlib

from gradelib import REPO, GradeError

SUPER = struct.Struct("<QIIIIIIIIIIII")  # struct clanfs_super up to root_inum (clanfs.h)
SUPER_FIELDS = ("magic", "version", "block_size", "nblocks", "ninodes", "log_start", "nlog",
                "inode_start", "ninode_blocks", "bmap_start", "nbmap_blocks", "data_start",
                "root_inum")
BLOCK = 4096
INODE_SIZE = 128  # struct clanfs_dinode
NLINK_OFFSET = 8  # its nlink, after type, mode and uid


def fill_bytes(seed, n):
    """The first n bytes of seed's xorshift32 stream (what `fill path n seed` writes)."""
    x, out = seed & 0xffffffff, bytearray(n)
    for i in range(n):
        x ^= (x << 13) & 0xffffffff
        x ^= x >> 17
        x ^= (x << 5) & 0xffffffff
        out[i] = x & 0xff
    return bytes(out)


_crcs = {}


def fill_crc(seed, n):
    """crc32 of fill_bytes(seed, n), remembered (the stream is slow to make in Python)."""
    if (seed, n) not in _crcs:
        _crcs[(seed, n)] = zlib.crc32(fill_bytes(seed, n))
    return _crcs[(seed, n)]


def tool(stage, name):
    """The path of a host tool (mkfs, fsck) of the stage, built if it is not yet."""
    path = os.path.join(stage.builddir, "tools", name)
    if not os.path.exists(path):
        stage.make(os.path.relpath(path, REPO))
    return path


def fsck(stage, image, *opts):
    """Run fsck on image: (exit status, stdout, stderr)."""
    out = subprocess.run([tool(stage, "fsck")] + list(opts) + [image], capture_output=True)
    return out.returncode, out.stdout, out.stderr.decode("utf-8", "replace")


def expect_clean(stage, image, what="the image"):
    """fsck says image is clean (exit 0); returns its report. Otherwise GradeError with it."""
    status, out, err = fsck(stage, image)
    report = (out.decode("utf-8", "replace") + err).strip().split("\n")
    if status != 0:
        raise GradeError("host fsck on %s exits %d, not 0 (clean):\n  %s\n  (image: %s)"
                         % (what, status, "\n  ".join(report[-12:]), image))
    return report


def listing(stage, image):
    """{path: (type "f"|"d", size, uid, mode "64", crc32 int or None)} from fsck --ls."""
    status, out, err = fsck(stage, image, "--ls")
    if status == 2:
        raise GradeError("host fsck --ls cannot read %s:\n  %s" % (image, err.strip()))
    found = {}
    for line in out.decode("utf-8", "replace").split("\n"):
        parts = line.rsplit(" ", 5)
        if len(parts) != 6:
            continue
        path, kind, size, uid, mode, crc = parts
        found[path] = (kind, int(size), int(uid), mode, None if crc == "-" else int(crc, 16))
    return found


def cat(stage, image, path):
    """The bytes of path in image, per fsck --cat."""
    status, out, err = fsck(stage, image, "--cat", path)
    if status == 2 or "fsck: %s:" % path in err:
        raise GradeError("host fsck --cat %s: %s" % (path, err.strip().split("\n")[-1]))
    return out


def metadata_blocks(stage, image):
    """The block numbers fsck --metadata says hold metadata."""
    status, out, err = fsck(stage, image, "--metadata")
    if status != 0:
        raise GradeError("host fsck --metadata on %s exits %d:\n  %s" % (image, status, err.strip()))
    return [int(w) for w in out.split()]


def superblock(image):
    """The superblock's fields as a dict (clanfs.h's struct clanfs_super)."""
    with open(image, "rb") as f:
        return dict(zip(SUPER_FIELDS, SUPER.unpack(f.read(SUPER.size))))


def nlinks(stage, image, inums):
    """{inum: nlink} of those inodes of image, after a replay of its log (on a copy)."""
    copy = image + ".replayed"
    shutil.copyfile(image, copy)
    try:
        fsck(stage, copy, "--replay")
        start = superblock(copy)["inode_start"]
        found = {}
        with open(copy, "rb") as f:
            for inum in inums:
                f.seek(start * BLOCK + inum * INODE_SIZE + NLINK_OFFSET)
                found[inum] = struct.unpack("<I", f.read(4))[0]
        return found
    finally:
        os.unlink(copy)


def mkfs(stage, tree, image, size):
    """Build image (size such as "16M") from the host directory tree."""
    out = subprocess.run([tool(stage, "mkfs"), "-s", size, "-o", image, tree],
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise GradeError("mkfs -s %s -o %s %s failed:\n  %s" % (size, image, tree,
                                                               (out.stdout + out.stderr).strip()))


def unlock(image):
    """Remove the lock Bochs keeps beside a disk image it has open, which a killed Bochs
    leaves behind (and a later Bochs then refuses the image)."""
    if os.path.exists(image + ".lock"):
        os.unlink(image + ".lock")


def fresh_image(stage, name):
    """A private copy of the stage's fs.img (what mkfs made from fsroot/) for one test."""
    path = os.path.join(stage.workdir, name + ".img")
    unlock(path)
    shutil.copyfile(os.path.join(stage.builddir, "fs.img"), path)
    return path
