"""gradelib: boot a Clan OS stage in an emulator, watch its console, score tests.

A grader (grade/grade-labN) registers tests with @test(points, title) and
calls run_tests(). A test boots the kernel with boot(args) and checks what it
printed. Every run works on its own copy of the disk image in its own
directory, so graders can run in parallel; every wait ends on an event (a
console line, the kernel powering off, the QEMU monitor's prompt), with a
timeout only as a backstop.

Under QEMU a test can also type: on the serial console (run.send) and on the
PS/2 keyboard, through a QEMU monitor socket the run owns (run.type_keys,
run.sendkey).

Python 3 standard library only.
"""
import argparse
import bisect
import json
import os
import re
import select
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "tools"))
import mkdisk  # noqa: E402  (tools/ is not a package)

# QEMU exits with (code << 1) | 1 for the code the kernel writes to
# isa-debug-exit (kernel/arch/x86/power.h). 0 means a triple fault.
QEMU_STATUS = {"success": 33, "failure": 35, "panic": 37}
BOCHS_SHUTDOWN = "Shutdown port: shutdown requested"
# What panic() prints last when it halts instead of powering off (kernel/debug/panic.c):
# nothing more will come, so waiting for the timeout would only waste time.
HALTED = re.compile(r"^halted; attach gdb", re.M)
TIMEOUT = {"qemu": 10, "bochs": 60}
MONITOR_TIMEOUT = 5  # seconds for the QEMU monitor to connect or answer
HOLD_MS = 5  # how long sendkey holds a key down (QEMU's default, 100 ms, types slowly)

# Text to QEMU sendkey names (QKeyCode), US layout: what a keyboard types.
_UNSHIFTED = {" ": "spc", "\n": "ret", "\r": "ret", "\t": "tab", "\b": "backspace",
              "-": "minus", "=": "equal", "[": "bracket_left", "]": "bracket_right",
              "\\": "backslash", ";": "semicolon", "'": "apostrophe", "`": "grave_accent",
              ",": "comma", ".": "dot", "/": "slash"}
_SHIFTED = {"!": "1", "@": "2", "#": "3", "$": "4", "%": "5", "^": "6", "&": "7", "*": "8",
            "(": "9", ")": "0", "_": "minus", "+": "equal", "{": "bracket_left",
            "}": "bracket_right", "|": "backslash", ":": "semicolon", '"': "apostrophe",
            "~": "grave_accent", "<": "comma", ">": "dot", "?": "slash"}


def key_name(char):
    """The QEMU sendkey name that types char ("shift-h" for 'H', "spc" for ' ')."""
    if char.islower() and char.isascii() or char.isdigit():
        return char
    if char.isupper() and char.isascii():
        return "shift-" + char.lower()
    if char in _UNSHIFTED:
        return _UNSHIFTED[char]
    if char in _SHIFTED:
        return "shift-" + _SHIFTED[char]
    raise ValueError("no key types %r" % char)


class GradeError(Exception):
    """A test's check failed; the message says what was expected and what came."""


class Stage:
    """One lab stage of this tree: how to build it and run its emulators."""

    def __init__(self, lab, sol, emu, verbose=False):
        self.lab, self.sol, self.emu, self.verbose = lab, sol, emu, verbose
        self.make_vars = ["LAB=%d" % lab, "SOL=%d" % sol]
        self.builddir = os.path.join(REPO, self.make("print-builddir").strip())
        self.workdir = os.path.join(self.builddir, "grade")
        self._qemuflags = {}

    def make(self, *targets, quiet=True):
        cmd = ["make", "-s", "--no-print-directory", "-C", REPO] + self.make_vars + list(targets)
        if self.verbose:
            print("+ " + " ".join(cmd))
        out = subprocess.run(cmd, capture_output=quiet, text=True)
        if out.returncode != 0:
            sys.stdout.write((out.stdout or "") + (out.stderr or ""))
            sys.exit("gradelib: `%s` failed" % " ".join(cmd))
        return out.stdout

    def build(self):
        self.make("all", quiet=not self.verbose)
        os.makedirs(self.workdir, exist_ok=True)

    def qemu_command(self, disk, mem, cpus, monitor=None, extra=(), fsimg=None, blkdev="virtio"):
        """The stage's QEMU command; monitor: a Unix socket QEMU connects its monitor to;
        fsimg: the file-system disk (lab 5 on), attached as blkdev ("virtio" or "ata")."""
        key = (mem, cpus, blkdev)
        if key not in self._qemuflags:
            flags = self.make("print-qemuflags", "DISK=@DISK@", "FSIMG=@FSIMG@", "MEM=" + mem,
                              "CPUS=%d" % cpus, "BLKDEV=" + blkdev)
            self._qemuflags[key] = shlex.split(flags)
        flags = [disk.join(f.split("@DISK@")) for f in self._qemuflags[key]]
        flags = [(fsimg or "").join(f.split("@FSIMG@")) for f in flags]
        cmd = ["qemu-system-x86_64"] + flags + ["-display", "none", "-serial", "stdio"]
        if monitor:
            cmd += ["-monitor", "unix:" + monitor]
        return cmd + list(extra)


class Run:
    """One boot of the kernel: its console output and how it ended."""

    def __init__(self, stage, name, args, mem, cpus, timeout, gdb_port=None, patch=None,
                 qemu_flags=(), bochs_config=(), fsimg=None, blkdev="virtio"):
        self.stage, self.args, self.timeout = stage, args, timeout
        self.dir = tempfile.mkdtemp(prefix="run-", dir=stage.workdir)
        self.log = os.path.join(stage.workdir, name + ".log")
        self.text = ""
        self.arrivals = []  # (host time, len(self.text)) after each read of the console
        self.status = None
        self.timed_out = False
        self.halted = False
        self.bochs_shutdown = False
        self._monitor = self._listener = self._sockdir = None
        disk = os.path.join(self.dir, "disk.img")
        shutil.copyfile(os.path.join(stage.builddir, "disk.img"), disk)
        mkdisk.set_args(disk, args)
        if patch:
            patch(disk)
        self.fsimg = fsimg
        if stage.lab >= 5 and not fsimg:  # a fresh copy of the file system built by mkfs
            self.fsimg = os.path.join(self.dir, "fs.img")
            shutil.copyfile(os.path.join(stage.builddir, "fs.img"), self.fsimg)
        self.started = time.monotonic()
        if stage.emu == "qemu":
            cmd = stage.qemu_command(disk, mem, cpus, self._listen_monitor(), qemu_flags,
                                     self.fsimg, blkdev)
            if gdb_port:
                cmd += ["-S", "-gdb", "tcp:127.0.0.1:%d" % gdb_port]
            self.command = cmd
            self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE)
            self.stream = self.proc.stdout
        else:
            # COM1 is a TCP connection to the grader, so a test can type on it as under
            # QEMU; Bochs connects at start-up to the socket listening here.
            self.serial = os.path.join(self.dir, "serial.log")  # the template's; unused
            self.emu_log = os.path.join(self.dir, "bochs.log")
            com1 = socket.socket()
            com1.bind(("127.0.0.1", 0))
            com1.listen(1)
            rc = self._bochsrc(disk, mem, cpus, ["com1: enabled=1, mode=socket-client, dev=127.0.0.1:%d"
                                                 % com1.getsockname()[1]] + list(bochs_config))
            cont = os.path.join(self.dir, "cont.rc")
            with open(cont, "w") as f:
                f.write("c\n")
            self.command = ["bochs", "-q", "-f", rc, "-rc", cont]
            self.proc = subprocess.Popen(self.command, stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                         env=dict(os.environ, TERM="dumb"))
            self.stream = self._accept(com1)
            com1.close()

    def _accept(self, listener):
        """The connection Bochs makes to listener; None if Bochs exits or never connects."""
        deadline = self.started + self.timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([listener], [], [], 0.5)
            if ready:
                return listener.accept()[0]
        return None

    def _listen_monitor(self):
        """Listen on a Unix socket of this run for QEMU's monitor; QEMU connects at start-up,
        so the monitor is there as soon as QEMU runs, with no polling for a socket file."""
        path = os.path.join(self.dir, "monitor.sock")
        if len(path.encode()) > 100:  # sun_path holds 108 bytes; deep trees need a short path
            self._sockdir = tempfile.mkdtemp(prefix="clan-mon-")
            path = os.path.join(self._sockdir, "monitor.sock")
        self._listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._listener.bind(path)
        self._listener.listen(1)
        return path

    def _bochsrc(self, disk, mem, cpus, extra=()):
        megs = int(mem[:-1]) * (1024 if mem.endswith("G") else 1)
        text = open(os.path.join(REPO, "tools", "bochsrc.tmpl")).read()
        for key, value in {"@DISK@": disk, "@MEGS@": str(megs), "@CPUS@": str(cpus),
                           "@SERIAL@": self.serial, "@LOG@": self.emu_log,
                           "@DISPLAY@": "term",
                           "@FSDISK@": ('ata0-slave: type=disk, path="%s", mode=flat' % self.fsimg
                                        if self.fsimg else "")}.items():
            text = text.replace(key, value)
        if extra:
            text += "\n# Added by this test.\n" + "\n".join(extra) + "\n"
        path = os.path.join(self.dir, "bochsrc")
        with open(path, "w") as f:
            f.write(text)
        return path

    @property
    def lines(self):
        return self.text.replace("\r", "").split("\n")

    def _read_some(self, wait):
        """Add console output that arrives within wait seconds; False at the end."""
        if self.stream is None:  # the console is closed: only the emulator's exit can come
            try:
                self.proc.wait(timeout=wait)
            except subprocess.TimeoutExpired:
                pass
            return False
        ready, _, _ = select.select([self.stream], [], [], wait)
        if not ready:
            return self.proc.poll() is None
        data = os.read(self.stream.fileno(), 65536)
        if not data:
            self.stream.close()
            self.stream = None
            return False
        self._arrived(data)
        return True

    def _arrived(self, data):
        if data:
            self.text += data.decode("utf-8", "replace")
            self.arrivals.append((time.monotonic(), len(self.text)))

    def mark(self):
        """A position in the console output, for wait_for(..., since=mark)."""
        return len(self.text)

    def wait_for(self, pattern, timeout=None, since=0):
        """Wait until a console line (after position since) matches pattern; returns the
        match or None, and sets self.matched_end to where that line ends. The line being
        printed counts too, so a prompt can be awaited."""
        deadline = time.monotonic() + (timeout or self.timeout)
        regex = re.compile(pattern)
        while True:
            start = since
            while start <= len(self.text):
                nl = self.text.find("\n", start)
                end = len(self.text) if nl < 0 else nl
                m = regex.search(self.text[start:end].replace("\r", ""))
                if m:
                    self.matched_end = end
                    return m
                start = end + 1
            left = deadline - time.monotonic()
            if left <= 0 or self._halted() or not self._read_some(min(left, 0.5)):
                return None

    def _halted(self):
        """True once the kernel has printed that it halted after a panic."""
        self.halted = self.halted or bool(HALTED.search(self.text.replace("\r", "")))
        return self.halted

    def line_times(self, pattern):
        """[(host time the line arrived, match)] for every complete console line matching
        pattern. A line's time is that of the read that brought its newline."""
        found, start = [], 0
        ends = [end for _, end in self.arrivals]
        while True:
            nl = self.text.find("\n", start)
            if nl < 0:
                return found
            m = re.search(pattern, self.text[start:nl].replace("\r", ""))
            if m:
                found.append((self.arrivals[bisect.bisect_left(ends, nl + 1)][0], m))
            start = nl + 1

    def send(self, text):
        """Type text on the serial console (COM1)."""
        if self.stage.emu == "qemu":
            self.proc.stdin.write(text.encode())
            self.proc.stdin.flush()
        elif self.stream:
            self.stream.sendall(text.encode())

    # The QEMU monitor (HMP), for the PS/2 keyboard.

    def _hmp_reply(self):
        """Read from the monitor up to its next prompt; returns what came before it."""
        while not self._hmp_buf.endswith(b"(qemu) "):
            try:
                data = self._monitor.recv(4096)
            except socket.timeout:
                raise GradeError("the QEMU monitor did not answer within %ds" % MONITOR_TIMEOUT)
            if not data:
                raise GradeError("the QEMU monitor closed its socket (QEMU exited: status %s)"
                                 % self.proc.poll())
            self._hmp_buf += data
        reply, self._hmp_buf = self._hmp_buf[:-len(b"(qemu) ")], b""
        return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", reply.decode("utf-8", "replace"))

    def hmp(self, command):
        """Run one QEMU monitor command and wait for its answer; returns its output."""
        if self.stage.emu != "qemu":
            raise GradeError("the QEMU monitor exists only under QEMU")
        if self._monitor is None:
            self._listener.settimeout(MONITOR_TIMEOUT)
            try:
                self._monitor, _ = self._listener.accept()
            except socket.timeout:
                raise GradeError("QEMU did not connect to the grader's monitor socket")
            self._monitor.settimeout(MONITOR_TIMEOUT)
            self._hmp_buf = b""
            self._hmp_reply()  # the banner and the first prompt
        self._monitor.sendall(command.encode() + b"\n")
        lines = self._hmp_reply().replace("\r", "").split("\n")
        return "\n".join(line for line in lines[1:] if line.strip())  # lines[0]: the echo

    def sendkey(self, key, hold_ms=HOLD_MS):
        """Press and release one key on the PS/2 keyboard (a QEMU sendkey name such as
        "shift-h", "ret", "up"); returns once QEMU has queued it."""
        out = self.hmp("sendkey %s %d" % (key, hold_ms))
        if out:
            raise GradeError("QEMU refused 'sendkey %s': %s" % (key, out))

    def type_keys(self, text):
        """Type text on the PS/2 keyboard, one key at a time ('\n' is Enter)."""
        for char in text:
            self.sendkey(key_name(char))

    def finish(self):
        """Wait for the emulator to exit (the kernel powers off); kill it at the timeout."""
        deadline = self.started + self.timeout
        while self.proc.poll() is None and time.monotonic() < deadline and not self._halted():
            self._read_some(min(0.5, max(0.0, deadline - time.monotonic())))
        if self.proc.poll() is None:
            self.timed_out = not self.halted
            self.proc.kill()
            self.proc.wait()
        while self._read_some(0):
            pass
        self.status = self.proc.returncode
        self.seconds = time.monotonic() - self.started
        self._save_log()
        self._close_monitor()
        shutil.rmtree(self.dir, ignore_errors=True)
        return self

    def _close_monitor(self):
        for sock in (self._monitor, self._listener, self.stream):
            if sock:
                sock.close()
        self._monitor = self._listener = self.stream = None
        if self._sockdir:
            shutil.rmtree(self._sockdir, ignore_errors=True)

    def stop(self):
        """End a run that is not expected to power off (it halts, or waits for input)."""
        self.proc.kill()
        return self.finish()

    def _save_log(self):
        extra = ""
        if self.stage.emu == "qemu":
            extra = self.proc.stderr.read().decode("utf-8", "replace")
        elif os.path.exists(self.emu_log):
            extra = open(self.emu_log, errors="replace").read()
            self.bochs_shutdown = BOCHS_SHUTDOWN in extra
        with open(self.log, "w") as f:
            f.write("# boot args: %s\n# command: %s\n" % (self.args, " ".join(self.command)))
            f.write(self.text.replace("\r", ""))
            if extra:
                f.write("\n# emulator messages:\n" + extra)

    # Checks. Each raises GradeError with what was expected and what came.

    def expect_exit(self, how):
        """The kernel powered off, reporting how ("success", "failure" or "panic")."""
        if self.halted:
            raise GradeError("the kernel panicked and halted instead of powering off "
                             "(see the panic in the console log)")
        if self.timed_out:
            raise GradeError("the kernel did not power off within %ds" % self.timeout)
        if self.status == -9:
            raise GradeError("the run was stopped before the kernel powered off")
        if self.stage.emu == "bochs":
            if not self.bochs_shutdown:
                raise GradeError("Bochs stopped without the kernel's shutdown request "
                                 "(exit status %s; see the log)" % self.status)
            return
        want = QEMU_STATUS[how]
        if self.status != want:
            names = {v: k for k, v in QEMU_STATUS.items()}
            got = names.get(self.status, "status %s" % self.status)
            if self.status == 0:
                got = "status 0 (a triple fault or reset)"
            raise GradeError("expected QEMU to exit with %d (%s), got %s" % (want, how, got))

    def expect(self, pattern, what=None):
        """Some console line matches pattern; returns the match."""
        for line in self.lines:
            m = re.search(pattern, line)
            if m:
                return m
        raise GradeError("MISSING: %s\n  (no console line matches /%s/)" % (what or pattern, pattern))

    def expect_not(self, pattern, what):
        for line in self.lines:
            if re.search(pattern, line):
                raise GradeError("UNEXPECTED: %s\n  got: %s" % (what, line))

    def tail(self, n=12):
        lines = [l for l in self.lines if l.strip()]
        return lines[-n:]


def free_port():
    """A TCP port nobody listens on now (graders run in parallel)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Independent answers from the host's binutils, to check what the kernel says about itself.

_symbols = {}


def kernel_symbol(name):
    """The address of a symbol of the graded kernel, from nm on the host."""
    elf = os.path.join(STAGE.builddir, "kernel.elf")
    if elf not in _symbols:
        table = _symbols[elf] = {}
        for line in subprocess.run(["nm", elf], capture_output=True, text=True).stdout.split("\n"):
            parts = line.split()
            if len(parts) == 3:
                table[parts[2]] = int(parts[0], 16)
    if name not in _symbols[elf]:
        raise GradeError("the kernel has no symbol %s (nm)" % name)
    return _symbols[elf][name]


def addr2line(addr):
    """[(function, file:line)] of an instruction address per addr2line, innermost first: more
    than one when the instruction is in a function inlined into another."""
    elf = os.path.join(STAGE.builddir, "kernel.elf")
    out = subprocess.run(["addr2line", "-f", "-i", "-e", elf, "%x" % addr],
                         capture_output=True, text=True).stdout.split("\n")
    return [(fn, where.split(" ")[0].replace(REPO + "/", ""))
            for fn, where in zip(out[0::2], out[1::2])]


def marked_lines(path, marker):
    """["path:n", ...]: the lines of the statement that ends on the line carrying the comment
    marker (such as "/* fault: pf */"). The compiler may give the statement's first line."""
    lines = open(os.path.join(REPO, path)).read().split("\n")
    for number, line in enumerate(lines, 1):
        if marker in line:
            first = number
            while first > 1 and not lines[first - 2].rstrip().endswith((";", "{", "}")):
                first -= 1
            return ["%s:%d" % (path, n) for n in range(first, number + 1)]
    raise GradeError("cannot find the marker '%s' in %s" % (marker, path))


# Helpers every lab's grader uses: the monitor and the gate.

PROMPT = r"^clan> $"


def boot_monitor(qemu_flags=(), args="", **kw):
    """Boot to the kernel monitor's prompt; the run stays up (stop() or poweroff it).
    args: more boot arguments; kw: boot()'s fsimg and blkdev."""
    r = boot(("onpanic=poweroff " + args).strip(), wait=False, qemu_flags=list(qemu_flags), **kw)
    if not r.wait_for(PROMPT):
        r.stop()
        raise GradeError("MISSING: the monitor's prompt 'clan> '")
    return r


def monitor_poweroff(r):
    """Type poweroff at the monitor and expect a clean exit."""
    r.send("poweroff\r")
    r.finish()
    r.expect_exit("success")


def gate_lines(r):
    gate = [l for l in r.lines if l.startswith("ClanOS-Gate:")]
    if not gate:
        raise GradeError("MISSING: ClanOS-Gate lines")
    return gate


def expect_gate_passed(r, names):
    """A gate=all run: each check in names said ok=true, none said ok=false, the last line says
    ok=true and the kernel exited with success."""
    for name in names:
        r.expect(r"^ClanOS-Gate: name=%s ok=true$" % name, "ClanOS-Gate: name=%s ok=true" % name)
    gate = gate_lines(r)
    if any(l.endswith("ok=false") for l in gate) or gate[-1] != "ClanOS-Gate: ok=true":
        raise GradeError("every check should pass and the last gate line be 'ClanOS-Gate: ok=true'; "
                         "got:\n  " + "\n  ".join(gate))
    r.expect_exit("success")


def expect_gate_failed(r, name):
    """A gatebreak=<name> run: the check said what failed and ok=false, the last line says
    ok=false and the kernel exited with failure."""
    r.expect(r"^gate: %s: .+" % name, "'gate: %s: <what failed>'" % name)
    r.expect(r"^ClanOS-Gate: name=%s ok=false$" % name, "ClanOS-Gate: name=%s ok=false" % name)
    gate = gate_lines(r)
    if gate[-1] != "ClanOS-Gate: ok=false":
        raise GradeError("the last gate line is %r, not 'ClanOS-Gate: ok=false'" % gate[-1])
    r.expect_exit("failure")


# The test registry and the runner.

TESTS = []
STAGE = None
_current = {}


def test(points, title, emus=("qemu", "bochs"), exercises=(), skip_why=None):
    """Register a test worth points. emus: the emulators it applies to (under
    another one it is skipped, counted neither passed nor failed, with the
    reason skip_why printed); exercises: the ids of the exercises it checks
    (see labs/export.py)."""
    def register(fn):
        TESTS.append({"fn": fn, "points": points, "title": title, "emus": emus,
                      "exercises": exercises, "skip_why": skip_why})
        return fn
    return register


def boot(args="", mem="128M", cpus=1, timeout=None, gdb_port=None, patch=None, wait=True,
         qemu_flags=(), bochs_config=(), fsimg=None, blkdev="virtio"):
    """Boot the stage with these boot arguments; by default run until power-off.
    patch(disk_path), if given, may change the run's copy of the disk first.
    qemu_flags: extra QEMU options for this boot (["-no-acpi"]); bochs_config:
    extra bochsrc lines, which override the template's. From lab 5 on: fsimg, the
    file-system image to attach (default: a fresh copy of the one mkfs built; pass the same
    path to two boots to test persistence), and blkdev, "virtio" or "ata" (Bochs: ata only)."""
    name = re.sub(r"[^a-z0-9]+", "-", _current["title"].lower()).strip("-")
    if _current["boots"]:
        name += "-%d" % (_current["boots"] + 1)
    _current["boots"] += 1
    run = Run(STAGE, name, args, mem, cpus, timeout or TIMEOUT[STAGE.emu], gdb_port, patch,
              qemu_flags, bochs_config, fsimg, blkdev)
    _current["runs"].append(run)
    return run.finish() if wait else run


def _report_failure(err, runs):
    print("    " + str(err).replace("\n", "\n    "))
    for run in runs[-1:]:
        panics = [line for line in run.lines if line.startswith("panic: ")]
        if panics:
            print("    the kernel panicked: " + panics[0])
        if run.text:
            print("    last console lines:")
            for line in run.tail():
                print("      | " + line)
        print("    console log: %s" % os.path.relpath(run.log))


def write_junit(path, suite, results):
    """JUnit XML, for CI systems that show test results."""
    from xml.sax.saxutils import escape, quoteattr
    failures = sum(1 for r in results if r["score"] < r["max_score"])
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<testsuite name=%s tests="%d" failures="%d">' % (quoteattr(suite), len(results), failures)]
    for r in results:
        out.append('  <testcase classname=%s name=%s time="%.2f">'
                   % (quoteattr(suite), quoteattr(r["name"]), r["seconds"]))
        if r["output"]:
            out.append('    <failure message=%s>%s</failure>'
                       % (quoteattr(r["output"].split("\n")[0]), escape(r["output"])))
        out.append("  </testcase>")
    out.append("</testsuite>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def run_tests(default_lab):
    global STAGE
    p = argparse.ArgumentParser(description="Grade a Clan OS lab stage.")
    p.add_argument("--lab", type=int, default=default_lab)
    p.add_argument("--sol", type=int, help="include solutions up to this lab (default: --lab)")
    p.add_argument("--emu", choices=("qemu", "bochs"), default="qemu")
    p.add_argument("--results", metavar="FILE", help="write Gradescope results JSON")
    p.add_argument("--junit", metavar="FILE", help="write JUnit XML")
    p.add_argument("--exercise", metavar="ID", help="run only the tests of this exercise")
    p.add_argument("-v", "--verbose", action="store_true")
    p.add_argument("filters", nargs="*", help="run only tests whose title contains one of these")
    opts = p.parse_args()
    STAGE = Stage(opts.lab, opts.lab if opts.sol is None else opts.sol, opts.emu, opts.verbose)
    STAGE.build()

    chosen = [t for t in TESTS if
              (not opts.filters or any(f in t["title"] for f in opts.filters)) and
              (not opts.exercise or opts.exercise in t["exercises"])]
    print("Grading lab %d (solutions to lab %d) under %s" % (STAGE.lab, STAGE.sol, opts.emu))
    score = total = passed = failed = skipped = 0
    results = []
    for t in chosen:
        if opts.emu not in t["emus"]:
            skipped += 1
            print("  %s: SKIP (%s)" % (t["title"], t["skip_why"] or
                                       "runs under %s only" % " and ".join(t["emus"])))
            continue
        _current.update(title=t["title"], boots=0, runs=[])
        start = time.monotonic()
        try:
            t["fn"]()
            ok, message = True, ""
        except GradeError as err:
            ok, message = False, str(err)
        finally:
            for run in _current["runs"]:
                if run.proc.poll() is None:
                    run.proc.kill()
                    run.proc.wait()
        seconds = time.monotonic() - start
        total += t["points"]
        if ok:
            score += t["points"]
            passed += 1
            print("  %s: OK (%.1fs)" % (t["title"], seconds))
        else:
            failed += 1
            print("  %s: FAIL (%.1fs)" % (t["title"], seconds))
            _report_failure(message, _current["runs"])
        results.append({"name": t["title"], "score": t["points"] if ok else 0,
                        "max_score": t["points"], "output": message, "seconds": seconds})
    print("Score: %d/%d" % (score, total))
    if opts.results:
        with open(opts.results, "w") as f:
            json.dump({"score": score, "tests": [{k: r[k] for k in ("name", "score", "max_score", "output")}
                                                 for r in results]}, f, indent=2)
    if opts.junit:
        write_junit(opts.junit, "lab%d-%s" % (STAGE.lab, opts.emu), results)
    if skipped:
        print("%d skipped (not counted)" % skipped)
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed or not passed else 0)
