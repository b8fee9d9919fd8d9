#!/usr/bin/env python3
"""The crash campaign: power is cut at random moments and nothing is lost.

What it proves: CLANFS's redo log makes every file-system call atomic and
durable once it returns. Each round boots the kernel with test=fsstress
seed=<round> on the same image; fsstress does random puts (a whole file
written to /stress/.tmp, then renamed over its target), removes, renames,
mkdirs and rmdirs, printing each before it starts and "ok" once it has
returned. At a random moment 0.1-2 s after "fsstress: start" the host kills
QEMU with SIGKILL, as a power cut would. The host fsck must then find the
image clean (after replaying a committed log in memory, as a mount would)
but for orphans: inodes with nlink 0 and no name, which an unlink cut
between its commit and the freeing leaves, and the next mount must free.
Its listing of /stress (less .tmp) must equal a model the host builds from
the printed operations, with file contents checked by CRC-32 against the
xorshift32 stream computed on the host: either the state after the last
"ok" or the state after the operation that was in flight. Everything outside
/stress must be as it was. The next round boots the image as the kill left
it, so the kernel's own recovery at mount is checked too: when fsck found a
committed transaction in the log, the kernel must say it replayed one of the
same size ("clanfs: log: replayed N blocks"), and it must free each orphan.

Reproduce a round: each prints its kind, seed and kill delay; the image of a
failed round is kept (its path is printed) and the next round starts afresh.
`python3 grade/fs_crash.py --kills 1 --seed <seed> --blkdev ata --delay
<delay>` reruns one round on a fresh image (the outcome depends on the
timing, so it may differ), and `build/lab5/tools/fsck --ls <image>` shows
what was on the disk. Console logs are in
build/lab5/grade/fs-crash-<kind>-<round>.log.
"""
import argparse
import os
import random
import re
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fstools  # noqa: E402
import gradelib  # noqa: E402
from gradelib import GradeError, Run  # noqa: E402

START = r"^fsstress: start"
OP = re.compile(r"^fsstress: op (\d+) (put|rm|mv|mkdir|rmdir) (\S+)(?: (\S+))?(?: (\d+))?$")
OK = re.compile(r"^fsstress: ok (\d+)$")
STRESS = "/stress"
TMP = "/stress/.tmp"
MOUNTED = r"^clanfs: mounted "
KERNEL_REPLAY = r"^clanfs: log: replayed (\d+) blocks"
FSCK_REPLAY = r"^fsck: log: replaying committed transaction of (\d+) blocks"
FSCK_PROBLEM = r"^fsck: (?!log: |clean: |\d+ problems$)"
UNREACHABLE = r"^fsck: inode (\d+): in use but not reachable$"
KERNEL_FREES = r"^clanfs: inode %d: freeing it"


def apply(state, op):
    """The state after op (a tuple from OP); raise GradeError if op cannot apply to it."""
    kind, a, b = op[1], op[2], op[3]
    state = dict(state)
    if kind == "put":
        if os.path.dirname(a) not in state:
            raise GradeError("op %s puts %s, whose directory does not exist" % (op[0], a))
        state[a] = ("put", int(b), int(op[4]))
    elif kind in ("rm", "rmdir"):
        if a not in state:
            raise GradeError("op %s removes %s, which does not exist" % (op[0], a))
        del state[a]
    elif kind == "mkdir":
        state[a] = ("d",)
    elif kind == "mv":
        if a not in state:
            raise GradeError("op %s moves %s, which does not exist" % (op[0], a))
        for path in sorted(state):
            if path == a or path.startswith(a + "/"):
                state[b + path[len(a):]] = state.pop(path)
    return state


def parse_ops(text):
    """[(op tuple, committed)] in order, from the console text: an op is committed once its
    "ok" line came. The last op may be in flight. A line the kill cut off is left out: the
    kernel starts an op only after printing its whole line, newline included."""
    ops, oks = [], set()
    for line in text.replace("\r", "").split("\n")[:-1]:
        m = OP.match(line)
        if m:
            ops.append(m.groups())
        m = OK.match(line)
        if m:
            oks.add(m.group(1))
    return [(op, op[0] in oks) for op in ops]


def expected_states(before, ops):
    """The states the disk may hold: after the last committed op, and after the one in
    flight. Returns [(description, state)]."""
    state, last = dict(before), "before the first op"
    state.setdefault(STRESS, ("d",))  # fsstress makes /stress before it says start
    for op, committed in ops:
        if not committed:
            return [(last, state), ("with op %s (%s %s) done" % (op[0], op[1], op[2]),
                                    apply(state, op))]
        state, last = apply(state, op), "after op %s" % op[0]
    return [(last, state)]


def as_model(listing):
    """The model of an fsck --ls listing: {path: ("d",) or ("f", size, crc)}."""
    return {path: ("d",) if e[0] == "d" else ("f", e[1], e[4]) for path, e in listing.items()
            if path != TMP and path != "/"}


def differences(want, got):
    """What differs between a model state and the disk's, as lines; [] if they agree."""
    out = []
    for path in sorted(set(want) | set(got)):
        w, g = want.get(path), got.get(path)
        if w is None:
            out.append("%s is on the disk but should not exist" % path)
        elif g is None:
            out.append("%s is missing" % path)
        elif w[0] == "d" or g[0] == "d":
            if w[0] != g[0]:
                out.append("%s: a %s on the disk, should be a %s"
                           % (path, "directory" if g[0] == "d" else "file",
                              "directory" if w[0] == "d" else "file"))
        else:
            size, crc = (w[1], None) if w[0] == "put" else (w[1], w[2])
            if g[1] != size:
                out.append("%s: %d bytes on the disk, should be %d" % (path, g[1], size))
            elif crc is None and g[2] != fstools.fill_crc(w[2], w[1]):
                out.append("%s: crc32 %08x on the disk, should be %08x (seed %d stream)"
                           % (path, g[2], fstools.fill_crc(w[2], w[1]), w[2]))
            elif crc is not None and g[2] != crc:
                out.append("%s: crc32 %08x on the disk, was %08x" % (path, g[2], crc))
    return out


def check_fsck(stage, image):
    """fsck on the image after a kill must find it clean but for orphans: inodes in use with
    nlink 0 that no directory names, which an unlink leaves when the power is cut between
    its commit and the transactions that free the inode (the next mount frees them).
    Returns (the blocks fsck replayed from the log, the orphans' numbers)."""
    status, out, err = fstools.fsck(stage, image)
    report = (out.decode("utf-8", "replace") + err).strip().split("\n")
    logged = [int(m.group(1)) for m in (re.match(FSCK_REPLAY, l) for l in report) if m]
    problems = [l for l in report if re.match(FSCK_PROBLEM, l)]
    orphans = {int(m.group(1)) for m in (re.match(UNREACHABLE, l) for l in problems) if m}
    if status == 1 and orphans and len(orphans) == len(problems):
        if all(n == 0 for n in fstools.nlinks(stage, image, orphans).values()):
            return sum(logged), orphans
    if status != 0:
        raise GradeError("host fsck on the image after the kill exits %d, not 0 (clean):\n  %s"
                         "\n  (image: %s)" % (status, "\n  ".join(report[-12:]), image))
    return sum(logged), set()


def crash_round(stage, image, name, seed, blkdev, delay, before, carry):
    """Boot image with fsstress, kill it delay seconds after start, check the disk. carry:
    what the last round left for this one's mount to do: "replay", the blocks of a committed
    transaction fsck found in the log, and "orphans" to free. Returns (the disk's model
    state, this round's carry, a one-line summary); GradeError if a check fails."""
    r = Run(stage, name, "test=fsstress seed=%d" % seed, "128M", 1, gradelib.TIMEOUT[stage.emu],
            fsimg=image, blkdev=blkdev)
    started = r.wait_for(START, timeout=gradelib.TIMEOUT[stage.emu])
    start = r.matched_end if started else len(r.text)
    if started:
        r.wait_for(r"^(ktest: fsstress: FAILED|panic: )", timeout=delay, since=start)
    r.stop()  # SIGKILL: the power cut
    fstools.unlock(image)
    if not started:
        mount = [l for l in r.lines if l.startswith("clanfs:")]
        raise GradeError("MISSING: 'fsstress: start' (mount said: %s); last lines:\n  %s"
                         % (mount or "nothing", "\n  ".join(r.tail(6))))
    bad = [l for l in r.lines if l.startswith(("ktest: fsstress: FAILED", "panic: "))]
    if bad:
        raise GradeError("the kernel reported: %s (log %s)" % (bad[0], r.log))
    if not any(re.match(MOUNTED, l) for l in r.lines):
        raise GradeError("no 'clanfs: mounted' line (log %s)" % r.log)
    replayed = [re.match(KERNEL_REPLAY, l) for l in r.lines if re.match(KERNEL_REPLAY, l)]
    if carry["replay"] and (not replayed or int(replayed[0].group(1)) != carry["replay"]):
        raise GradeError("fsck replayed a committed transaction of %d blocks from the log the "
                         "last round left; the kernel's mount should have too, but it said %s "
                         "(log %s)" % (carry["replay"],
                                       replayed[0].group(0) if replayed else "nothing", r.log))
    for inum in sorted(carry["orphans"]):
        if not any(re.match(KERNEL_FREES % inum, l) for l in r.lines):
            raise GradeError("the last round left inode %d an orphan; this round's mount should "
                             "have freed it ('clanfs: inode %d: freeing it ...') (log %s)"
                             % (inum, inum, r.log))
    ops = parse_ops(r.text[start:])
    logged, orphans = check_fsck(stage, image)
    disk = as_model(fstools.listing(stage, image))
    best = None
    for what, state in expected_states(before, ops):
        diff = differences(state, disk)
        if not diff:
            notes = [("kernel replayed %d log blocks" % carry["replay"]) * bool(carry["replay"]),
                     ("kernel freed orphans %s" % sorted(carry["orphans"])) * bool(carry["orphans"]),
                     ("fsck replayed %d" % logged) * bool(logged),
                     ("left orphans %s" % sorted(orphans)) * bool(orphans)]
            return disk, {"replay": logged, "orphans": orphans}, \
                "%d ops committed, disk matches the state %s" % (
                    sum(1 for _, c in ops if c), "; ".join([what] + [n for n in notes if n]))
        if best is None or len(diff) < len(best[1]):
            best = (what, diff)
    raise GradeError("the disk matches no state the operations allow; closest is the state "
                     "%s, but:\n  %s\n  (log %s, image %s)"
                     % (best[0], "\n  ".join(best[1][:8]), r.log, image))


def chain(stage, blkdev, rounds, first_seed, delays, log):
    """Rounds on one image, each continuing from the last; after a failed round the image
    is kept (its path is in the message) and the next round starts on a fresh one.
    Returns the failures."""
    image = fstools.fresh_image(stage, "fs-crash-%s" % blkdev)
    fresh = {"replay": 0, "orphans": set()}
    before, carry, failures = as_model(fstools.listing(stage, image)), fresh, []
    for i in range(rounds):
        seed, delay = first_seed + i, delays[i]
        name = "fs-crash-%s-%d" % (blkdev, i)
        try:
            disk, carry, summary = crash_round(stage, image, name, seed, blkdev, delay, before,
                                               carry)
            log("  %s round %d (seed %d, kill at %.2fs): %s" % (blkdev, i, seed, delay, summary))
            before = disk
        except GradeError as err:
            kept = image.replace(".img", "-round%d.img" % i)
            os.replace(image, kept)
            message = str(err).replace(image, kept)
            log("  %s round %d (seed %d, kill at %.2fs): FAIL: %s"
                % (blkdev, i, seed, delay, message.replace("\n", "\n    ")))
            failures.append((blkdev, i, seed, delay, message))
            image = fstools.fresh_image(stage, "fs-crash-%s" % blkdev)
            before, carry = as_model(fstools.listing(stage, image)), fresh
    return failures


def campaign(stage, kills, kinds, seed=1, delay=None, log=print):
    """kills rounds split over the disk kinds, one image and one thread per kind, run side
    by side. Returns the failures [(kind, round, seed, delay, message)]."""
    start = time.monotonic()
    rng = random.Random(seed)
    per_kind = [kills // len(kinds) + (1 if k < kills % len(kinds) else 0)
                for k in range(len(kinds))]
    jobs, failures = [], []
    for k, (kind, rounds) in enumerate(zip(kinds, per_kind)):
        delays = [delay if delay is not None else rng.uniform(0.1, 2.0) for _ in range(rounds)]
        first = seed + sum(per_kind[:k])
        jobs.append(threading.Thread(target=lambda *a: failures.extend(chain(*a)),
                                     args=(stage, kind, rounds, first, delays, log)))
    if stage.emu == "qemu":  # QEMU's command line for each kind, before the threads need it
        for kind in kinds:
            stage.qemu_command("", "128M", 1, blkdev=kind)
    for job in jobs:
        job.start()
    for job in jobs:
        job.join()
    log("crash campaign: %d rounds (%s), %d failed, %.1fs"
        % (kills, ", ".join("%d %s" % (n, k) for k, n in zip(kinds, per_kind)), len(failures),
           time.monotonic() - start))
    return failures


def main():
    p = argparse.ArgumentParser(description="Kill QEMU during fsstress; check the disk.")
    p.add_argument("--kills", type=int, default=20, help="rounds in all (default 20)")
    p.add_argument("--seed", type=int, default=1, help="the first round's seed")
    p.add_argument("--blkdev", choices=("virtio", "ata", "both"), default="both",
                   help="how the disk is attached (Bochs: ata only)")
    p.add_argument("--emu", choices=("qemu", "bochs"), default="qemu")
    p.add_argument("--delay", type=float, help="kill this many seconds after start")
    opts = p.parse_args()
    stage = gradelib.Stage(5, 5, opts.emu)
    stage.build()
    fstools.tool(stage, "fsck")
    kinds = ("virtio", "ata") if opts.blkdev == "both" else (opts.blkdev,)
    kinds = kinds if opts.emu == "qemu" else ("ata",)
    sys.exit(1 if campaign(stage, opts.kills, kinds, opts.seed, opts.delay) else 0)


if __name__ == "__main__":
    main()
