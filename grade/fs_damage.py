#!/usr/bin/env python3
"""The damage campaign: damaged images are found by fsck and never crash the kernel.

What it proves: CLANFS's checksums and the checks around them catch damage
to its metadata, in fsck and in the kernel. A base image is built with mkfs
from a generated tree (small files, a 5 MB file that reaches the
double-indirect blocks, a directory of 150 entries spanning three blocks,
nested directories, /etc/passwd). Each case copies it and either flips 1-3
random bits in random metadata blocks (the ones fsck --metadata lists) or,
in about one case in ten, truncates the image. The host fsck must report
the damage (exit 1 or 2): an exit 0 fails the case. Then the kernel boots
on the damaged image with test=fsdamage: it must either refuse the mount
with a "clanfs:" line or walk the whole tree (stat every entry, read every
file, create, write, rename and remove a scratch file) and print
"fsdamage: done: N entries, E errors"; either way it must not panic and
must power off cleanly.

The log's blocks are never damaged: a damaged log header is
indistinguishable from an interrupted commit (its checksum does not match,
so the transaction is discarded, as it must be), which the crash campaign
(fs_crash.py) covers, and the log's other blocks are read only through a
header whose checksum covers them.

Reproduce a case: each failure prints its seed and what was done (block and
bit of each flip, or the truncated size); `python3 grade/fs_damage.py
--images 1 --seed <seed> --blkdev <kind> --keep` redoes exactly that case
and keeps its image in build/lab5/grade/fs-damage-<seed>.img for
`build/lab5/tools/fsck`; the console log is build/lab5/grade/
fs-damage-<seed>.log.
"""
import argparse
import os
import random
import re
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fstools  # noqa: E402
import gradelib  # noqa: E402
from gradelib import REPO, GradeError, Run  # noqa: E402

IMAGE_SIZE = "16M"
BIG_FILE = 5 << 20  # past 12 direct and 1024 indirect blocks, into the double-indirect ones
WIDE_DIR = 150
TRUNCATE_SHARE = 0.1
DONE = re.compile(r"^fsdamage: done: (\d+) entries, (\d+) errors$")
REFUSED = re.compile(r"^clanfs: (?!mounted |log: )(.+)$")  # why the mount was refused


def make_tree(root, rng):
    """The tree the base image is made from."""
    def put(path, data):
        path = os.path.join(root, path)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)

    shutil.copytree(os.path.join(REPO, "fsroot", "etc"), os.path.join(root, "etc"))
    put("big/blob", rng.randbytes(BIG_FILE))
    for i in range(WIDE_DIR):
        put("wide/entry%03d" % i, ("entry %d\n" % i).encode() * rng.randrange(1, 40))
    put("a/b/c/d/deep.txt", b"four levels down\n")
    put("a/b/middle.bin", rng.randbytes(70000))  # past the direct blocks: an indirect block
    put("notes.txt", b"a small file\n")
    os.makedirs(os.path.join(root, "empty"))


def base_image(stage, path):
    """Build the base image at path; returns the blocks a case may damage."""
    tree = tempfile.mkdtemp(prefix="fs-damage-tree-", dir=stage.workdir)
    try:
        make_tree(tree, random.Random(1))
        fstools.mkfs(stage, tree, path, IMAGE_SIZE)
    finally:
        shutil.rmtree(tree)
    fstools.expect_clean(stage, path, "the damage campaign's base image")
    sb = fstools.superblock(path)
    log = range(sb["log_start"], sb["log_start"] + sb["nlog"])
    return [b for b in fstools.metadata_blocks(stage, path) if b not in log]


def damage(image, blocks, rng):
    """Damage image as rng decides; returns what was done, for the report."""
    size = os.path.getsize(image)
    if rng.random() < TRUNCATE_SHARE:
        new = rng.randrange(0, size // 512) * 512
        os.truncate(image, new)
        return "truncated from %d to %d bytes" % (size, new)
    flips, count = set(), rng.randint(1, 3)
    while len(flips) < count:  # distinct: a bit flipped twice is no damage
        flips.add((rng.choice(blocks), rng.randrange(fstools.BLOCK * 8)))
    with open(image, "r+b") as f:
        for block, bit in sorted(flips):
            f.seek(block * fstools.BLOCK + bit // 8)
            byte = f.read(1)[0]
            f.seek(-1, os.SEEK_CUR)
            f.write(bytes([byte ^ (1 << (bit % 8))]))
    return "flipped " + ", ".join("block %d bit %d" % f for f in sorted(flips))


def one_case(stage, base, blocks, seed, blkdev, keep):
    """Damage a copy of base by seed, check fsck and a boot. Returns a summary line and
    "walked" or "refused"; GradeError says what failed."""
    image = os.path.join(stage.workdir, "fs-damage-%d.img" % seed)
    shutil.copyfile(base, image)
    what = damage(image, blocks, random.Random(seed))
    try:
        status, out, err = fstools.fsck(stage, image)
        if status not in (1, 2):
            report = (out.decode("utf-8", "replace") + err).strip().split("\n")
            raise GradeError("%s: fsck exits %d, not 1 or 2 (damage found): %s"
                             % (what, status, report[-1]))
        r = Run(stage, "fs-damage-%d" % seed, "test=fsdamage", "128M", 1,
                gradelib.TIMEOUT[stage.emu], fsimg=image, blkdev=blkdev).finish()
        try:
            r.expect_not(r"^panic: ", "a panic")
            r.expect_exit("success")
        except GradeError as e:
            raise GradeError("%s: %s (log %s)" % (what, e, r.log))
        done = [DONE.match(l) for l in r.lines if DONE.match(l)]
        refused = [l for l in r.lines if REFUSED.match(l)]
        if done:
            return "%s: fsck %d; walked %s entries, %s errors" % (
                what, status, done[0].group(1), done[0].group(2)), "walked"
        if refused and any(l == "fsdamage: no file system mounted" for l in r.lines):
            return "%s: fsck %d; mount refused: %s" % (what, status, refused[0]), "refused"
        raise GradeError("%s: neither a refused mount ('clanfs: <why>') nor "
                         "'fsdamage: done: ...' (log %s)" % (what, r.log))
    finally:
        fstools.unlock(image)
        if not keep:
            os.unlink(image)


def campaign(stage, images, kinds, seed=1, jobs=2, keep=False, log=print):
    """images cases, the disk kind alternating, jobs boots at a time. Returns the failures
    [(seed, kind, message)]."""
    start = time.monotonic()
    base = os.path.join(stage.workdir, "fs-damage-base.img")
    blocks = base_image(stage, base)
    if stage.emu == "qemu":  # QEMU's command line for each kind, before the threads need it
        for kind in kinds:
            stage.qemu_command("", "128M", 1, blkdev=kind)
    cases = [(seed + i, kinds[i % len(kinds)]) for i in range(images)]
    failures, counts, lock = [], {"walked": 0, "refused": 0}, threading.Lock()

    def worker():
        while True:
            with lock:
                if not cases:
                    return
                case_seed, kind = cases.pop(0)
            try:
                summary, how = one_case(stage, base, blocks, case_seed, kind, keep)
                with lock:
                    counts[how] += 1
                    log("  case %d (%s): %s" % (case_seed, kind, summary))
            except GradeError as err:
                with lock:
                    failures.append((case_seed, kind, str(err)))
                    log("  case %d (%s): FAIL: %s" % (case_seed, kind, err))

    threads = [threading.Thread(target=worker) for _ in range(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    log("damage campaign: %d images (%d metadata blocks to hit), %d walked, %d refused at "
        "mount, %d failed, %.1fs" % (images, len(blocks), counts["walked"], counts["refused"],
                                     len(failures), time.monotonic() - start))
    return failures


def main():
    p = argparse.ArgumentParser(description="Damage images; fsck must see it, the kernel "
                                            "must survive it.")
    p.add_argument("--images", type=int, default=100, help="cases (default 100)")
    p.add_argument("--seed", type=int, default=1, help="the first case's seed")
    p.add_argument("--blkdev", choices=("virtio", "ata", "both"), default="both",
                   help="how the disk is attached (Bochs: ata only)")
    p.add_argument("--emu", choices=("qemu", "bochs"), default="qemu")
    p.add_argument("--jobs", type=int, default=2, help="boots at a time (default 2)")
    p.add_argument("--keep", action="store_true", help="keep each damaged image")
    opts = p.parse_args()
    stage = gradelib.Stage(5, 5, opts.emu)
    stage.build()
    kinds = ("virtio", "ata") if opts.blkdev == "both" else (opts.blkdev,)
    kinds = kinds if opts.emu == "qemu" else ("ata",)
    failures = campaign(stage, opts.images, kinds, opts.seed, opts.jobs, opts.keep)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
