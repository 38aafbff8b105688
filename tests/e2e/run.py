#!/usr/bin/env python3
"""End-to-end tests: boot a kernel in QEMU with the project's initramfs,
drive busybox sh on the serial console, check what comes back.

    tests/e2e/run.py [--linux | --kernel FILE] [--initrd FILE] [--store FILE] [--only NAME...]
                     [--batch] [--timeout S] [--append ARGS] [--log FILE]
    tests/e2e/run.py --gen-expected

Prints `PASS: e2e/NAME` or `FAIL: e2e/NAME: reason` per test and exits 1
on any failure. One QEMU boot runs every test (scripts/qemu.sh, with a
timeout); if the guest dies, the tests left fail with that reason.

--linux boots Debian's own Linux kernel (scripts/fetch-linux.sh) with the
same initramfs: the harness's check of itself; every test passes there.
Linux powers QEMU off through ACPI, which qemu.sh reports as 125 (no
isa-debug-exit status), so under --linux 125 is the clean power-off.

--batch does not use the interactive shell: it boots an initramfs whose
/init runs every program (initramfs/tests/progs.sh, `progs=1`) and compares
the outputs; for kernels whose console cannot edit lines yet.

--gen-expected runs every program of tests/progs/progs.list on this host,
in both builds, exactly as the guest runs it, and writes the output (and
exit status) to $BUILD/progs/expected/FLAVOUR/NAME.out. Run as root: the
programs print uids.

The shell is driven by sending a line and reading until a marker: each
command is sent as `echo @@BEG""IN; CMD; echo @@EN""D:$?`, whose echo on
the terminal never contains the markers themselves, so the output is
exactly what lies between @@BEGIN and @@END. Busybox prints ESC[6n (a
cursor position query) after its prompt; it is accepted and, with
--answer-cpr, answered.
"""
import argparse
import gzip
import os
import re
import shlex
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, "..", ".."))
BUILD = os.environ.get("BUILD", "build")
if not os.path.isabs(BUILD):
    BUILD = os.path.join(TOP, BUILD)
PROGS_LIST = os.path.join(TOP, "tests", "progs", "progs.list")
FLAVOURS = ("glibc", "musl")
# The environment every program runs in, guest and host alike.
PROG_ENV = {"HOME": "/root", "PATH": "/bin:/usr/bin", "TERM": "dumb"}

PROMPT_RE = rb"[#$] (\x1b\[6n)?"
# A kernel log line on the console ("[    1.457999] syscall select (23) not
# implemented"), which may land inside a program's output.
KMSG_RE = re.compile(r"\[\s*\d+\.\d{6}\] [^\n]*\n")
ANSI_RE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

results = []


def report(name, ok, reason=""):
    results.append((name, ok))
    if ok:
        print("PASS: e2e/%s" % name, flush=True)
    else:
        reason = " ".join(str(reason).split())
        if len(reason) > 300:
            reason = reason[:300] + "..."
        print("FAIL: e2e/%s: %s" % (name, reason), flush=True)


def read_progs():
    """[(name, [args])] from tests/progs/progs.list."""
    progs = []
    with open(PROGS_LIST) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            words = shlex.split(line)
            progs.append((words[0], words[1:]))
    return progs


def guest_command(flavour, name, args):
    env = " ".join("%s=%s" % kv for kv in sorted(PROG_ENV.items()))
    return "cd / && env -i %s /tests/%s/%s %s" % (
        env, flavour, name, " ".join(shlex.quote(a) for a in args))


def expected_path(flavour, name):
    return os.path.join(BUILD, "progs", "expected", flavour, name + ".out")


def format_result(output, status):
    output = KMSG_RE.sub("", output.replace("\r", ""))
    return output.rstrip("\n") + "\n@@rc=%d\n" % status


def gen_expected():
    if os.geteuid() != 0:
        print("run.py: --gen-expected must run as root (the programs print uids)",
              file=sys.stderr)
        return 2
    for name, args in read_progs():
        for flavour in FLAVOURS:
            binary = os.path.join(BUILD, "progs", flavour, name)
            p = subprocess.run([binary] + args, env=PROG_ENV, cwd="/",
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=120)
            out = expected_path(flavour, name)
            os.makedirs(os.path.dirname(out), exist_ok=True)
            with open(out, "w") as f:
                f.write(format_result(p.stdout.decode("utf-8", "replace"), p.returncode))
            if p.returncode != 0:
                print("run.py: %s/%s exits %d on the host; see %s" %
                      (flavour, name, p.returncode, out), file=sys.stderr)
                return 1
    return 0


def cpio_entries(path):
    """Number of entries of a cpio newc archive (gzip or not)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    n, off = 0, 0
    while off + 110 <= len(data):
        hdr = data[off:off + 110]
        if hdr[:6] not in (b"070701", b"070702"):
            break
        namesize = int(hdr[94:102], 16)
        filesize = int(hdr[54:62], 16)
        name = data[off + 110:off + 110 + namesize - 1].decode()
        if name == "TRAILER!!!":
            break
        if name not in (".", ""):
            n += 1
        off = (off + 110 + namesize + 3) & ~3
        off = (off + filesize + 3) & ~3
    return n


def diff_text(want, got):
    """The first differing line and how many differ, for a FAIL reason."""
    w, g = want.split("\n"), got.split("\n")
    first, n = None, 0
    for i in range(max(len(w), len(g))):
        a = w[i] if i < len(w) else "<end>"
        b = g[i] if i < len(g) else "<end>"
        if a != b:
            n += 1
            if first is None:
                first = "line %d: expected %r, got %r" % (i + 1, a, b)
    if first is None:
        return "identical"
    return first + ("" if n == 1 else " (%d lines differ)" % n)


def save_actual(a, flavour, name, text):
    """Keep a mismatching output beside the logs; say where."""
    path = os.path.join(BUILD, "test-logs", "e2e-out%s" % ("-linux" if a.linux else ""),
                        flavour, name + ".out")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    return "diff %s %s" % (os.path.relpath(expected_path(flavour, name), TOP),
                           os.path.relpath(path, TOP))


class Guest:
    def __init__(self, a, log):
        import pexpect
        self.pexpect = pexpect
        self.a = a
        cmd = [os.path.join(TOP, "scripts", "qemu.sh"), "--timeout", str(a.timeout),
               "--smp", str(a.smp), "--mem", a.mem, "--initrd", a.initrd]
        if a.kernel:
            cmd += ["--kernel", a.kernel]
        if a.store:
            cmd += ["--store", a.store]
        append = a.append
        if a.linux:
            append = ("quiet " + append).strip()
        if append:
            cmd += ["--append", append]
        env = dict(os.environ, BUILD=BUILD)
        # No echo from the host's pty (QEMU turns it off too, but only
        # once it runs), so what is read is the guest's output alone.
        # QEMU keeps OPOST on its stdio: the guest's \r\n arrives as
        # \r\r\n, hence every \r is dropped before comparing.
        self.p = pexpect.spawn(cmd[0], cmd[1:], env=env, timeout=30, maxread=65536,
                               dimensions=(24, 80), echo=False)
        self.p.logfile_read = log
        self.dead = None
        self.exitstatus = None

    def expect(self, patterns, timeout):
        """Index of the pattern seen, or raise with a reason."""
        if self.dead:
            raise RuntimeError(self.dead)
        pe = self.pexpect
        if not isinstance(patterns, list):
            patterns = [patterns]
        try:
            return self.p.expect(patterns, timeout=timeout)
        except pe.TIMEOUT:
            raise RuntimeError("timeout after %ds; last output %r" %
                               (timeout, self.tail()))
        except pe.EOF:
            self.wait_exit()
            self.dead = "QEMU ended (status %s); last output %r" % (
                self.exitstatus, self.tail())
            raise RuntimeError(self.dead)

    def tail(self):
        b = self.p.before or b""
        return b[-200:].decode("utf-8", "replace")

    def wait_exit(self):
        if self.exitstatus is None:
            self.p.close()
            self.exitstatus = self.p.exitstatus if self.p.exitstatus is not None \
                else -(self.p.signalstatus or 0)
        return self.exitstatus

    def cpr(self):
        """Answer busybox's cursor position query, if asked to."""
        if self.a.answer_cpr and self.p.match and self.p.match.lastindex and \
                self.p.match.group(1):
            self.p.send("\x1b[1;5R")

    def boot(self):
        self.expect(rb"/ # ", self.a.boot_timeout)
        try:
            self.p.expect(rb"\x1b\[6n", timeout=0.5)
            if self.a.answer_cpr:
                self.p.send("\x1b[1;5R")
        except (self.pexpect.TIMEOUT, self.pexpect.EOF):
            pass

    def resync(self):
        """After a timeout: interrupt, and wait for a prompt; else give up."""
        if self.dead:
            return
        # ^C reaches the guest (scripts/qemu.sh: stdio with signal=off).
        self.p.send("\x03\r")
        try:
            self.p.expect(PROMPT_RE, timeout=15)
            time.sleep(0.5)
            self.p.expect([self.pexpect.TIMEOUT], timeout=0.5)   # drain
        except (self.pexpect.TIMEOUT, self.pexpect.EOF):
            self.dead = "the shell stopped answering"

    def run(self, cmd, timeout=60):
        """Run a shell command line; return (output, status)."""
        if self.dead:
            raise RuntimeError(self.dead)
        self.p.send('echo @@BEG""IN; %s; echo @@EN""D:$?\r' % cmd)
        self.expect(rb"@@BEGIN\r*\n", timeout)
        self.expect(rb"@@END:(\d+)\r*\n", timeout)
        out = KMSG_RE.sub("", self.p.before.decode("utf-8", "replace").replace("\r", ""))
        status = int(self.p.match.group(1))
        self.expect(PROMPT_RE, 30)
        self.cpr()
        return out, status


def check_outer(name, fn, g=None):
    try:
        r = fn()
    except RuntimeError as e:
        report(name, False, e)
        if g is not None:
            g.resync()
        return
    if r is True or r is None:
        report(name, True)
    else:
        report(name, False, r)


def interactive_tests(g, a, only):
    def check(name, fn):
        check_outer(name, fn, g)

    def want(name):
        return not only or name in only

    def expect_output(cmd, want_out, want_status=0, timeout=60):
        out, st = g.run(cmd, timeout)
        if st != want_status:
            return "status %d (expected %d), output %r" % (st, want_status, out)
        if out.strip("\n") != want_out:
            return "output %r, expected %r" % (out, want_out)
        return True

    # find first: later tests create files under /tmp.
    if want("find-xdev"):
        n = cpio_entries(a.initrd) + 1      # find prints / itself
        check("find-xdev", lambda: expect_output("find / -xdev | wc -l", str(n)))
    if want("ls-la-root"):
        def t():
            out, st = g.run("ls -la /")
            if st != 0:
                return "status %d, output %r" % (st, out)
            for entry, mode in (("bin", "d"), ("etc", "d"), ("tests", "d"),
                                ("tmp", "d"), ("init", "-")):
                if not re.search(r"^%s[rwxst-]{9} .* %s$" % (mode, entry), out, re.M):
                    return "no %s line for %s in %r" % (mode, entry, out)
            if not re.search(r"^drwxrwxrwt .* tmp$", out, re.M):
                return "/tmp is not drwxrwxrwt: %r" % out
            return True
        check("ls-la-root", t)
    if want("pipeline"):
        check("pipeline", lambda: expect_output("cat /etc/passwd | grep root | wc -l", "1"))
    if want("redirect"):
        check("redirect", lambda: expect_output("echo hi > /tmp/f && cat /tmp/f", "hi"))
    if want("for-loop"):
        check("for-loop", lambda: expect_output("for i in 1 2 3; do echo $i; done", "1\n2\n3"))
    if want("exit-status"):
        check("exit-status", lambda: expect_output("sh -c 'exit 3'; echo $?", "3"))
    if want("sleep"):
        def t():
            t0 = time.monotonic()
            out, st = g.run("sleep 1", 30)
            dt = time.monotonic() - t0
            if st != 0 or out.strip():
                return "status %d, output %r" % (st, out)
            if dt < 0.9:
                return "returned after %.2f s of host time" % dt
            return True
        check("sleep", t)
    if want("mkdir-rm"):
        check("mkdir-rm", lambda: expect_output(
            "cd /tmp && mkdir -p a/b/c && [ -d a/b/c ] && rm -r a && [ ! -e a ] && echo gone; cd /",
            "gone"))
    if want("symlink"):
        check("symlink", lambda: expect_output(
            "ln -s /etc/passwd /tmp/lnk && readlink /tmp/lnk && head -1 /tmp/lnk",
            "/etc/passwd\nroot:x:0:0:root:/root:/bin/sh"))
    # procfs: busybox's process tools read /proc the way procps does.
    def expect_lines(cmd, patterns):
        """Run cmd; each regex of patterns must match some line of the output."""
        out, st = g.run(cmd)
        if st != 0:
            return "status %d, output %r" % (st, out)
        for pat in patterns:
            if not re.search(pat, out, re.M):
                return "no line matching %r in %r" % (pat, out)
        return True
    if want("proc-ps"):
        check("proc-ps", lambda: expect_lines("ps", [
            r"^PID\s+USER\s+COMMAND$", r"^\s+1 root\s+.*init", r"^\s+\d+ root\s+/bin/sh$",
            # ps runs as a forked shell that did not exec: comm ps, argv the shell's
            r"^\s+\d+ root\s+(\{ps\} /bin/sh|ps)$"]))
    if want("proc-ps-o"):
        check("proc-ps-o", lambda: expect_lines("ps -o pid,ppid,stat,comm", [
            r"^PID\s+PPID\s+STAT\s+COMMAND$", r"^\s+1\s+0 S\s+init$",
            r"^\s+\d+\s+1 S\s+sh$", r"^\s+\d+\s+\d+ R\s+ps$"]))
    if want("proc-top"):
        check("proc-top", lambda: expect_lines("top -bn1 | head", [
            r"^Mem: \d+K used, \d+K free", r"^CPU:\s+\d+% usr", r"^Load average: \d+\.\d\d",
            r"^\s+PID\s+PPID USER\s+STAT\s+VSZ %VSZ %CPU COMMAND$",
            r"^\s+1\s+0 root\s+S\s+\d+\s+\d+%\s+\d+% .*init"]))
    if want("proc-nice"):
        # Nice is per thread and shows in /proc/PID/stat's field 19. The
        # background child is "sh" until its exec of sleep: wait for that.
        check("proc-nice", lambda: expect_lines(
            "sleep 100 & p=$!; while [ \"$(cat /proc/$p/comm)\" != sleep ]; do :; done; "
            "renice -n 7 -p $p >/dev/null; ps -o pid,nice,comm; kill $p", [
                r"^\s+\d+\s+7 sleep$", r"^\s+1\s+0 init$"]))
    if want("proc-free"):
        def t():
            out, st = g.run("free -m")
            m = re.search(r"^Mem:\s+(\d+)\s+(\d+)\s+(\d+)", out, re.M)
            if st != 0 or not m or "total" not in out:
                return "status %d, output %r" % (st, out)
            total, used, free = map(int, m.groups())
            if not 300 < total <= 512 or used + free > total + 1 or free == 0:
                return "implausible figures %r" % out
            return True
        check("proc-free", t)
    if want("proc-uptime"):
        check("proc-uptime", lambda: expect_lines("uptime", [
            r"^\s*\d\d:\d\d:\d\d up .*load average: \d+\.\d\d, \d+\.\d\d, \d+\.\d\d$"]))
    if want("proc-status"):
        check("proc-status", lambda: expect_lines("cat /proc/self/status", [
            r"^Name:\tcat$", r"^State:\tR \(running\)$", r"^Tgid:\t\d+$", r"^PPid:\t\d+$",
            r"^Uid:\t0\t0\t0\t0$", r"^VmRSS:\t +\d+ kB$", r"^Threads:\t1$",
            r"^SigBlk:\t[0-9a-f]{16}$"]))
    # Namespaces through busybox's unshare/nsenter and ip (netlink, ioctls).
    if want("netns-ip-link"):
        check("netns-ip-link", lambda: expect_lines(
            "unshare -n sh -c 'ip link show lo; ip addr show lo | grep -c inet; "
            "ip link set lo up && ip link show lo && ip addr show lo'", [
                r"^1: lo: <LOOPBACK> mtu 65536 ", r"^0$",
                r"^1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 ", r"^\s+inet 127\.0\.0\.1/8 "]))
    if want("ns-uts-nsenter"):
        check("ns-uts-nsenter", lambda: expect_lines(
            "unshare -u sh -c 'hostname inner; sleep 30' & sleep 1; "
            "nsenter -t $! -u hostname; readlink /proc/$!/ns/uts | grep -c '^uts:\\[[0-9]*\\]$'; "
            "[ \"$(readlink /proc/$!/ns/uts)\" != \"$(readlink /proc/self/ns/uts)\" ] && echo differs; "
            "kill $!; hostname | grep -vc inner",
            [r"^inner$", r"^1$", r"^differs$"]))
    if want("proc-exe"):
        check("proc-exe", lambda: expect_output("readlink /proc/self/exe", "/bin/busybox"))
    if want("proc-fd"):
        def t():
            out, st = g.run("ls /proc/self/fd")
            if st != 0 or not {"0", "1", "2", "3"} <= set(out.split()):
                return "status %d, output %r" % (st, out)
            return True
        check("proc-fd", t)
    if want("proc-fd-follow"):
        check("proc-fd-follow", lambda: expect_output(
            "echo hi | cat /proc/self/fd/0; /proc/self/exe echo via-exe 2>&1 | head -1",
            "hi\nexe: applet not found"))
    if want("proc-partitions"):
        check("proc-partitions", lambda: expect_lines(
            "dd if=/dev/zero of=/tmp/pimg bs=1k count=1024 2>/dev/null && "
            "losetup /dev/loop0 /tmp/pimg && cat /proc/partitions; losetup -d /dev/loop0; rm /tmp/pimg",
            [r"\Amajor minor  #blocks  name\n\n", r"^   7        0       1024 loop0$"]))
    if want("proc-meminfo"):
        check("proc-meminfo", lambda: expect_lines("cat /proc/meminfo | head -3", [
            r"\AMemTotal: +\d+ kB\nMemFree: +\d+ kB\nMemAvailable: +\d+ kB\n"]))
    if want("proc-pidof"):
        def t():
            me, st = g.run("echo $$")
            out, st2 = g.run("pidof sh")
            if st or st2 or me.strip() not in out.split():
                return "pidof sh %r does not name the shell %r" % (out, me)
            return True
        check("proc-pidof", t)
    if want("sysfs"):
        def t():
            want_cpus = "0" if a.smp == 1 else "0-%d" % (a.smp - 1)
            for f in ("online", "possible", "present"):
                r = expect_output("cat /sys/devices/system/cpu/" + f, want_cpus)
                if r is not True:
                    return r
            # Every disk: /sys/block/NAME, its "MAJ:MIN" in dev, the same
            # numbers as /dev/NAME, and /sys/class/block/NAME the same dir.
            out, st = g.run("for d in /sys/block/*; do [ -e $d ] || continue; n=${d##*/}; "
                            "echo $n $(cat $d/dev) $(cat /sys/class/block/$n/dev) "
                            "$(stat -c '%t:%T' /dev/$n) $(cat $d/size $d/queue/logical_block_size); "
                            "done")
            if st != 0:
                return "status %d, output %r" % (st, out)
            for line in out.strip("\n").splitlines():
                m = re.match(r"^(\w+) (\d+):(\d+) \2:\3 ([0-9a-f]+):([0-9a-f]+) \d+ (512|4096)$", line)
                if not m or (int(m.group(4), 16), int(m.group(5), 16)) != \
                        (int(m.group(2)), int(m.group(3))):
                    return "bad block device line %r" % line
            return True
        check("sysfs", t)
    for name, args in read_progs():
        for flavour in FLAVOURS:
            tname = "%s/%s" % (flavour, name)
            if only and tname not in only and name not in only:
                continue

            def t(name=name, args=args, flavour=flavour):
                with open(expected_path(flavour, name)) as f:
                    want_text = f.read()
                out, st = g.run(guest_command(flavour, name, args) + " 2>&1", a.prog_timeout)
                got = format_result(out, st)
                if got != want_text:
                    return diff_text(want_text, got) + "; " + save_actual(a, flavour, name, got)
                return True
            check(tname, t)
    # With --store scripts/mkvblk-test's image: /dev/vda shows its pattern.
    if a.store and want("blockdev"):
        def t():
            out, st = g.run("ls -l /dev/vda")
            if st != 0 or not out.startswith("b") or "254,   0" not in out:
                return "ls -l /dev/vda: %r (status %d)" % (out, st)
            return expect_output(
                "dd if=/dev/vda bs=512 count=1 2>/dev/null | od -A d -t x1 | head -2",
                "0000000 00 00 00 00 00 00 00 00 56 49 52 54 49 4f 2d 42\n"
                "0000016 4c 4b 2d 54 45 53 54 00 18 19 1a 1b 1c 1d 1e 1f")
        check("blockdev", t)
    if want("job-control"):
        def t():
            # ^C ends the foreground job: the prompt is back long before 100 s.
            g.p.send("sleep 100\r")
            time.sleep(1.5)
            g.p.send("\x03")
            g.expect(PROMPT_RE, 15)
            g.cpr()
            # ^Z stops it; bg continues it; kill ends it.
            g.p.send("sleep 100\r")
            time.sleep(1.5)
            g.p.send("\x1a")
            g.expect(rb"Stopped", 15)
            g.expect(PROMPT_RE, 15)
            g.cpr()
            out, st = g.run("jobs")
            if "Stopped" not in out:
                return "jobs after ^Z: %r" % out
            out, st = g.run("bg; jobs")
            if "Running" not in out:
                return "jobs after bg: %r" % out
            out, st = g.run("kill %1; wait; jobs")
            if out.strip() and "Terminated" not in out:
                return "jobs after kill: %r" % out
            return True
        check("job-control", t)
    if want("vi"):
        def t():
            # Open an existing file, leave without saving.
            g.p.send("vi /etc/hostname\r")
            try:
                g.expect(rb"hostname", 30)
                g.expect(rb"~", 30)
                time.sleep(0.5)
                g.p.send(":q!\r")
                g.expect(PROMPT_RE, 30)
            except RuntimeError:
                # Leave a vi that is still running, so the shell answers again.
                if not g.dead:
                    g.p.send("\x1b\x1b:q!\r")
                raise
            g.cpr()
            # Edit a new file and save it.
            g.p.send("vi /tmp/vitest\r")
            g.expect(rb"vitest", 30)
            g.expect(rb"~", 30)         # the screen, not the echoed command
            time.sleep(0.5)
            g.p.send("ihello from vi\x1b")
            time.sleep(0.5)
            try:
                g.p.send(":wq\r")
                g.expect(PROMPT_RE, 30)
            except RuntimeError:
                if not g.dead:
                    g.p.send("\x1b\x1b:q!\r")
                raise
            g.cpr()
            return expect_output("cat /tmp/vitest", "hello from vi")
        check("vi", t)
    if want("poweroff"):
        def t():
            g.p.send("poweroff -f\r")
            try:
                g.p.expect(g.pexpect.EOF, timeout=60)
            except g.pexpect.TIMEOUT:
                return "QEMU still running 60 s after poweroff -f"
            before = (g.p.before or b"").decode("utf-8", "replace")
            st = g.wait_exit()
            if a.linux and "Power down" not in before:
                return "QEMU ended without Linux's 'reboot: Power down' (status %s)" % st
            ok = (0, 125) if a.linux else (0,)
            if st not in ok:
                return "QEMU exit status %s (expected %s)" % (st, " or ".join(map(str, ok)))
            return True
        check("poweroff", t)


def batch_tests(a, log):
    """Boot an initramfs whose /init runs every program; compare."""
    variant = os.path.join(BUILD, "e2e", "initramfs-progs.cpio")
    os.makedirs(os.path.dirname(variant), exist_ok=True)
    subprocess.run([os.path.join(TOP, "scripts", "mkinitramfs"), "-o", variant,
                    "--param", "progs=1"], check=True, env=dict(os.environ, BUILD=BUILD))
    a.initrd = variant
    g = Guest(a, log)
    try:
        g.expect(rb"@@ALL-DONE", a.timeout)
        text = g.p.before.decode("utf-8", "replace").replace("\r", "")
    except RuntimeError as e:
        text = (g.p.before or b"").decode("utf-8", "replace").replace("\r", "")
        report("batch", False, e)
    blocks = {}
    for m in re.finditer(r"@@BEGIN (\S+)\n(.*?)@@END \1 rc=(\d+)\n", text, re.S):
        blocks[m.group(1)] = format_result(m.group(2), int(m.group(3)))
    for name, _ in read_progs():
        for flavour in FLAVOURS:
            tname = "%s/%s" % (flavour, name)
            with open(expected_path(flavour, name)) as f:
                want_text = f.read()
            if tname not in blocks:
                report(tname, False, "no output (not run, or the guest died)")
            elif blocks[tname] != want_text:
                report(tname, False, diff_text(want_text, blocks[tname]) + "; " +
                       save_actual(a, flavour, name, blocks[tname]))
            else:
                report(tname, True)
    try:
        g.p.expect(g.pexpect.EOF, timeout=60)
    except Exception:
        pass
    st = g.wait_exit()
    report("batch-poweroff", st in ((0, 125) if a.linux else (0,)), "QEMU exit status %s" % st)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gen-expected", action="store_true")
    ap.add_argument("--linux", action="store_true", help="boot Debian's Linux kernel")
    ap.add_argument("--kernel", help="kernel image (default: qemu.sh's, $BUILD/kernel.elf)")
    ap.add_argument("--initrd", default=os.path.join(BUILD, "initramfs.cpio"))
    ap.add_argument("--append", default="")
    ap.add_argument("--smp", type=int, default=2)
    ap.add_argument("--mem", default="512M")
    ap.add_argument("--timeout", type=int, default=900, help="whole QEMU run, seconds")
    ap.add_argument("--boot-timeout", type=int, default=120)
    ap.add_argument("--prog-timeout", type=int, default=300)
    ap.add_argument("--answer-cpr", action="store_true",
                    help="answer busybox's ESC[6n with a cursor position report")
    ap.add_argument("--batch", action="store_true")
    ap.add_argument("--log")
    ap.add_argument("--only", nargs="*", default=[])
    ap.add_argument("--store", help="disk image for virtio-blk (the blockdev test wants "
                    "scripts/mkvblk-test's)")
    a = ap.parse_args()

    if a.gen_expected:
        return gen_expected()
    if a.linux and not a.kernel:
        p = subprocess.run([os.path.join(TOP, "scripts", "fetch-linux.sh")],
                           stdout=subprocess.PIPE, env=dict(os.environ, BUILD=BUILD))
        if p.returncode != 0:
            report("boot", False, "could not fetch Debian's kernel")
            return 1
        a.kernel = os.path.join(TOP, p.stdout.decode().strip())
    if not os.path.exists(a.initrd):
        report("boot", False, "no %s (make initramfs)" % a.initrd)
        return 1
    logdir = os.path.join(BUILD, "test-logs")
    os.makedirs(logdir, exist_ok=True)
    logname = a.log or os.path.join(
        logdir, "e2e%s%s.log" % ("-linux" if a.linux else "", "-batch" if a.batch else ""))
    with open(logname, "wb") as log:
        if a.batch:
            batch_tests(a, log)
        else:
            g = Guest(a, log)
            try:
                g.boot()
                report("boot", True)
            except RuntimeError as e:
                report("boot", False, "no `/ # ` prompt: %s" % e)
                g.dead = g.dead or "no shell prompt at boot"
            interactive_tests(g, a, set(a.only))
            if g.p.isalive():
                g.p.terminate(force=True)
    failed = sum(1 for _, ok in results if not ok)
    print("e2e: %d passed, %d failed (log: %s)" %
          (len(results) - failed, failed, os.path.relpath(logname, TOP)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
