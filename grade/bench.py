#!/usr/bin/env python3
"""`make bench`: boot-time figures, as ClanOS-Bench lines and a table.

Lab 1 measures, over several boots under QEMU (TCG), the wall time from
starting QEMU to the kernel's banner on the serial console (firmware
included) and to the kernel's power-off after the gate. The median is
reported, so one slow boot on a busy machine does not decide the figure.

From lab 2 on it also reprints the kernel's own figures (test=bench: trap
and self-IPI round trips, timed with the TSC; from lab 3 buddy and kmalloc
alloc+free pairs per second and the time to map 1 GiB in 4 KiB pages; from
lab 5 the disks' raw throughput, virtio-blk and ATA, and the file system's
sequential write and read and cached open+close; from lab 6 the kernel's side
of a system call, if test=bench has it), whatever names and units they have,
and measures how long a key
waits between its keyboard interrupt and the monitor reading it: keys are
pressed with QEMU's sendkey, then the monitor's inputlat command, typed on
COM1, reports the delay of the last key and the largest.

From lab 6 on it also boots to the monitor and types `run ubench`: the user
program user/bin/ubench prints its own ClanOS-Bench lines (getpid through
`syscall` and through `int $0x80`, spawn+exit+wait of a static program, each
per second), which are collected the same way.
"""
import argparse
import os
import re
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gradelib import Run, Stage  # noqa: E402

BENCH_LINE = r"^ClanOS-Bench: name=(\w+) value=(\d+) unit=(\S+)$"  # units such as ns, ms, 1/s
INPUTLAT = r"^inputlat: key interrupt to monitor: last (\d+) ns, max (\d+) ns, (\d+) keys$"


def fail(run, what):
    if run.proc.poll() is None:
        run.stop()
    sys.exit("bench: %s; see %s" % (what, run.finish().log))


def kernel_figures(stage, boots, test="bench", blkdev="virtio"):
    """{name: [values]} from the ClanOS-Bench lines of test=<test>, one list entry per boot."""
    got = {}
    for _ in range(boots):
        run = Run(stage, "bench-kernel", "test=" + test, "128M", 1, 20, blkdev=blkdev).finish()
        if run.status != 33:
            fail(run, "test=bench did not power off with success (status %s)" % run.status)
        for line in run.lines:
            m = re.match(BENCH_LINE, line)
            if m:
                got.setdefault((m.group(1), m.group(3)), []).append(int(m.group(2)))
    if not got:
        sys.exit("bench: test=bench printed no ClanOS-Bench lines")
    return got


def user_figures(stage, boots):
    """{name: [values]} from the ClanOS-Bench lines ubench prints, run from the monitor."""
    got = {}
    for _ in range(boots):
        run = Run(stage, "bench-user", "onpanic=poweroff", "128M", 1, 60)
        if not run.wait_for(r"^clan> $"):
            fail(run, "no monitor prompt")
        mark = run.mark()
        run.send("run ubench\r")
        m = run.wait_for(r"^run: ubench \(pid \d+\) exited with status (-?\d+)$", since=mark)
        if not m or m.group(1) != "0":
            fail(run, "run ubench did not exit with status 0")
        for line in run.text[mark:].replace("\r", "").split("\n"):
            m = re.match(BENCH_LINE, line)
            if m:
                got.setdefault((m.group(1), m.group(3)), []).append(int(m.group(2)))
        run.send("poweroff\r")
        run.finish()
    if not got:
        sys.exit("bench: ubench printed no ClanOS-Bench lines")
    return got


def key_latency(stage, boots):
    """Medians over boots of the monitor's inputlat figures after typing with sendkey."""
    last, worst = [], []
    for _ in range(boots):
        run = Run(stage, "bench-keys", "onpanic=poweroff", "128M", 1, 10)
        if not run.wait_for(r"^clan> $"):
            fail(run, "no monitor prompt")
        mark = run.mark()
        run.type_keys("echo Latency!\n")
        if not run.wait_for(r"^Latency!$", since=mark):
            fail(run, "the keys typed with sendkey did not reach the monitor")
        run.send("inputlat\r")
        m = run.wait_for(INPUTLAT, since=mark)
        if not m or int(m.group(3)) < len("echo Latency!\n"):
            fail(run, "no inputlat line counting the keys")
        last.append(int(m.group(1)))
        worst.append(int(m.group(2)))
        run.send("poweroff\r")
        run.finish()
    return statistics.median(last), statistics.median(worst)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--lab", type=int, required=True)
    p.add_argument("--boots", type=int, default=7)
    opts = p.parse_args()
    stage = Stage(opts.lab, opts.lab, "qemu")
    stage.build()
    to_banner, to_poweroff = [], []
    for _ in range(opts.boots):
        run = Run(stage, "bench", "gate=all", "128M", 1, 10)
        if not run.wait_for(r"^Clan OS \(lab \d+\) booting"):
            sys.exit("bench: the kernel printed no banner; see %s" % run.finish().log)
        to_banner.append(time.monotonic() - run.started)
        run.finish()
        to_poweroff.append(run.seconds)
    rows = [("qemu_start_to_banner", statistics.median(to_banner), "s", "%.3f"),
            ("qemu_start_to_gate_poweroff", statistics.median(to_poweroff), "s", "%.3f")]
    if opts.lab >= 2:
        boots = max(1, opts.boots // 2)
        figures = kernel_figures(stage, boots)
        if opts.lab >= 5:  # the ATA disk's figures: a boot with the file system on ATA
            figures.update(kernel_figures(stage, boots, "bench-blk", "ata"))
        if opts.lab >= 6:
            figures.update(user_figures(stage, boots))
        for (name, unit), values in figures.items():
            rows.append((name, statistics.median(values), unit, "%d"))
        last, worst = key_latency(stage, boots)
        rows.append(("key_to_monitor_ns", last, "ns", "%d"))
        rows.append(("key_to_monitor_max_ns", worst, "ns", "%d"))
    for name, value, unit, form in rows:
        print(("ClanOS-Bench: name=%s value=" + form + " unit=%s") % (name, value, unit))
    print("\n%-32s %12s   (medians: %d boots for the boot times, %d for the others)"
          % ("benchmark", "value", opts.boots, max(1, opts.boots // 2)))
    for name, value, unit, form in rows:
        print(("%-32s " + form.replace("%", "%12") + " %s") % (name, value, unit))


if __name__ == "__main__":
    main()
