#!/usr/bin/env python3
"""Debian's own programs under our kernel, compared with the host.

    tests/e2e/debian.py [--only NAME...] [--timeout S] [--log FILE]

The Debian root of scripts/mkimage's `debroot` (debootstrap minbase with
bash, coreutils, grep, sed, gawk, findutils, procps, less, python3) is
copied into an ext4 disk image ($BUILD/debroot.img, label debroot, made
here with mke2fs -d when missing or older than the tree). The guest boots
the project's initramfs with that disk as vda, mounts it on /mnt with
/proc, /sys and /dev inside, and runs each command as
`chroot /mnt /bin/bash -c CMD`; the host runs the same command with
chroot(8) in the same tree, and the two outputs must agree (after the
normalisations a test names, such as directory sizes that differ between
the host's file system and the disk image).

Prints PASS:/FAIL: lines per test (e2e/debian-NAME) and exits 1 on any
failure. Needs root on the host (chroot). Without the debroot tree it
fails one test saying so: `make debroot` makes it (about 3 minutes).
"""
import argparse
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (the Guest class and the report format)

TOP = run.TOP
BUILD = run.BUILD
ROOT = os.path.join(BUILD, "debroot")
IMG = os.path.join(BUILD, "debroot.img")

PY_SCRIPT = r'''
import json, socket, subprocess, threading
results = [0] * 8
def work(i):
    results[i] = sum(range(i * 1000))
ts = [threading.Thread(target=work, args=(i,)) for i in range(8)]
for t in ts: t.start()
for t in ts: t.join()
print("threads", sum(results))
p1 = subprocess.Popen(["seq", "1", "1000"], stdout=subprocess.PIPE)
p2 = subprocess.Popen(["wc", "-l"], stdin=p1.stdout, stdout=subprocess.PIPE)
p1.stdout.close()
print("pipeline", p2.communicate()[0].decode().strip())
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 0))
srv.listen(1)
def echo():
    c, _ = srv.accept()
    while True:
        d = c.recv(65536)
        if not d: break
        c.sendall(d)
    c.close()
threading.Thread(target=echo).start()
cl = socket.create_connection(("127.0.0.1", srv.getsockname()[1]))
msg = json.dumps({"n": list(range(20000))}).encode()
cl.sendall(msg); cl.shutdown(socket.SHUT_WR)
got = b""
while True:
    d = cl.recv(65536)
    if not d: break
    got += d
print("echo", got == msg, len(got))
'''

# (name, command, normalisation or None)
TESTS = [
    ("ls-color", "ls --color=auto -la /usr/bin | head", "ls"),
    ("sort", "printf 'pear\\napple\\nfig\\n' | sort", None),
    ("seq-awk", "seq 1 100000 | awk '{s+=$1} END {print s}'", None),
    ("find-so", "find /usr -name '*.so*' | wc -l", None),
    ("tar-gz", "tar czf /tmp/x.tgz /etc 2>/dev/null && tar tzf /tmp/x.tgz | wc -l", None),
    ("grep-sed", "grep -c root /etc/passwd; sed -n 's/:.*//p' /etc/passwd | head -3", None),
    ("bash-features", "a=(x y z); echo ${#a[@]} ${a[1]}; for ((i=0;i<3;i++)); do printf %s $i; done;"
     " echo; echo $((6*7)); [[ abc == a* ]] && echo glob", None),
    ("python3", "python3 -c '%s'" % PY_SCRIPT.replace("'", "'\\''"), None),
    ("stat", "stat -c '%n %s %U %G %a' /etc/passwd /bin/bash", None),
    # glibc's dynamic loader finds the vDSO; Python's clocks go through it.
    ("vdso", "grep -c '\\[vdso\\]' /proc/self/maps; python3 -c 'import time; a = time.monotonic();"
     " t = time.time(); b = time.monotonic(); print(b >= a, t > 1.7e9, time.clock_getres(1) > 0)'",
     None),
    ("ps", "ps -o comm= -p $$", None),
    ("top", "top -bn1 | head -4 | sed -n 's/^\\(top\\|Tasks\\|%Cpu\\|MiB Mem\\).*/\\1/p'", None),
]


# Programs whose numbers cannot equal the host's: the guest's output must
# have the program's format and plausible values. (name, command, checker);
# a checker returns None or what is wrong. Each checker also passes on the
# host's output of the same command (checked as the test runs; there the
# chroot is not a mount point, so the root-mount checks are the guest's).
def _lines(text):
    return [l.rstrip() for l in text.splitlines() if l.strip()]


def check_free(text, guest=True):
    ls = _lines(text)
    if len(ls) < 3 or ls[0].split() != ["total", "used", "free", "shared", "buff/cache", "available"]:
        return "header: %r" % (ls[:1],)
    mem = ls[1].split()
    if mem[0] != "Mem:" or len(mem) != 7 or not all(x.isdigit() for x in mem[1:]):
        return "Mem: line %r" % ls[1]
    total, used, free, shared, cache, avail = map(int, mem[1:])
    if not (total > 0 and used <= total and free <= total and avail <= total and cache <= total):
        return "implausible Mem: values %r" % ls[1]
    if not re.match(r"^Swap:\s+\d+\s+\d+\s+\d+$", ls[2]):
        return "Swap: line %r" % ls[2]
    return None


def check_uptime(text, guest=True):
    ls = _lines(text)
    if len(ls) != 1 or not re.match(r"^\s*\d\d:\d\d:\d\d up +(\d+ days?, +)?(\d+:\d\d|\d+ min),\s+"
                                    r"\d+ users?,\s+load average: \d+\.\d\d, \d+\.\d\d, \d+\.\d\d$", ls[0]):
        return "format: %r" % text
    return None


def check_mount(text, guest=True):
    ls = _lines(text)
    for l in ls:
        if not re.match(r"^\S+ on /\S* type \S+ \([^ ]+\)$", l):
            return "line %r" % l
    # The guest's root is the ext4 disk mounted on /mnt; the host's chroot
    # is a directory, not a mount of its own.
    if guest and not any(re.match(r"^/dev/vda on / type ext4 \(rw", l) for l in ls):
        return "no root mount in %r" % ls
    if not any(re.match(r"^proc on /proc type proc \(", l) for l in ls):
        return "no /proc mount in %r" % ls
    return None


def check_mountinfo(text, guest=True):
    ls = _lines(text)
    ids = set()
    for l in ls:
        m = re.match(r"^(\d+) (\d+) (\d+):(\d+) (/\S*) (/\S*) (r[ow]\S*)( \S+:\S+)* - (\S+) (\S+) (r[ow]\S*)$", l)
        if not m:
            return "line %r" % l
        ids.add(m.group(1))
    if guest and not any(re.search(r" / / rw\S* .*- ext4 /dev/vda rw", l) for l in ls):
        return "no root mount"
    if len(ids) != len(ls):
        return "mount ids repeat"
    return None


def check_ps_aux(text, guest=True):
    # %CPU loses its decimal from 100 on (procps); a process that lived a
    # few clock ticks can show over 100.
    ls = _lines(text)
    if not ls or ls[0].split() != ["USER", "PID", "%CPU", "%MEM", "VSZ", "RSS", "TTY", "STAT", "START",
                                   "TIME", "COMMAND"]:
        return "header %r" % ls[:1]
    pids = {}
    for l in ls[1:]:
        f = l.split(None, 10)
        if len(f) < 11 or not f[1].isdigit() or not re.match(r"^\d+(\.\d)?$", f[2]) or \
           not f[4].isdigit() or not f[5].isdigit() or not re.match(r"^[RSDZTtIWXK][<NLsl+]*$", f[7]) or \
           not re.match(r"^\d+:\d\d$", f[9]):
            return "line %r" % l
        pids[int(f[1])] = f
    if 1 not in pids:
        return "no process 1"
    me = [f for f in pids.values() if f[10].startswith("ps aux")]
    if not me or me[0][0] != "root" or me[0][7][0] != "R" or int(me[0][4]) == 0:
        return "no running `ps aux` line of root's with a size"
    return None


def check_top(text, guest=True):
    ls = _lines(text)
    if len(ls) < 7 or not re.match(r"^top - \d\d:\d\d:\d\d up ", ls[0]) or \
       not re.match(r"^Tasks: +\d+ total, +\d+ running", ls[1]) or not ls[2].startswith("%Cpu(s):") or \
       not re.match(r"^MiB Mem : +\d+\.\d total, +\d+\.\d free, +\d+\.\d used", ls[3]):
        return "summary %r" % ls[:4]
    hdr = [i for i, l in enumerate(ls) if l.split()[:2] == ["PID", "USER"]]
    if not hdr:
        return "no process header"
    procs = [l.split() for l in ls[hdr[0] + 1:]]
    if not any(p[-1] == "top" and p[1] == "root" for p in procs if len(p) >= 12):
        return "top itself is not listed"
    return None


CHECKS = [
    ("free", "free -m", check_free),
    ("uptime", "uptime", check_uptime),
    ("mount-list", "mount", check_mount),
    ("mountinfo", "cat /proc/self/mountinfo", check_mountinfo),
    ("ps-aux", "ps aux", check_ps_aux),
    ("top-bn1", "top -bn1", check_top),
]


def normalise(kind, text):
    if kind == "ls":
        out = []
        for line in text.splitlines():
            if line.startswith("total "):
                continue
            f = line.split(None, 8)
            if len(f) == 9 and f[0].startswith("d"):
                f[4] = "<dirsize>"      # differs between file systems
            out.append(" ".join(f))
        return "\n".join(out)
    return text


def host_output(cmd):
    # The host's /proc in the chroot (ps, top), as the guest mounts its own.
    proc = os.path.join(ROOT, "proc")
    mounted = subprocess.run(["mount", "--bind", "/proc", proc]).returncode == 0
    try:
        return host_run(cmd)
    finally:
        if mounted:
            subprocess.run(["umount", proc])


def host_run(cmd):
    p = subprocess.run(["chroot", ROOT, "/bin/bash", "-c", cmd], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
                                                      "HOME": "/root", "LANG": "C"})
    return p.stdout.decode("utf-8", "replace"), p.returncode


def make_image():
    stamp = os.path.join(ROOT, ".complete")
    if os.path.exists(IMG) and os.path.getmtime(IMG) >= os.path.getmtime(stamp):
        return True
    used = int(subprocess.run(["du", "-sm", ROOT], stdout=subprocess.PIPE).stdout.split()[0])
    size = max(1024, used * 2 + 256)
    tmp = IMG + ".tmp"
    if os.path.exists(tmp):
        os.unlink(tmp)
    subprocess.run(["truncate", "-s", "%dM" % size, tmp], check=True)
    r = subprocess.run(["mke2fs", "-q", "-F", "-t", "ext4", "-L", "debroot", "-d", ROOT, tmp])
    if r.returncode:
        return False
    os.replace(tmp, IMG)
    return True


def interactive(g, name, steps):
    """steps: (text to send or None, regex to wait for); a failed wait fails the test."""
    try:
        for send, want in steps:
            if send is not None:
                g.p.send(send)
            g.expect(want.encode() if isinstance(want, str) else want, 60)
        run.report("debian-" + name, True)
    except RuntimeError as e:
        run.report("debian-" + name, False, str(e))
        g.resync()


def check_less(g):
    # less takes the terminal (raw mode, its own screen), pages, quits on q.
    interactive(g, "less", [
        ("TERM=vt100 chroot /mnt /usr/bin/less /etc/services\r", r"Network services, Internet style"),
        (" ", r"\w+\s+\d+/(tcp|udp)"),
        ("q", r"/ # "),
    ])


def check_job_control(g):
    # bash's own job control on the console: background, jobs, fg, ^Z, bg.
    interactive(g, "job-control", [
        ("PS1='bash-jc# ' chroot /mnt /bin/bash --norc -i\r", r"bash-jc# "),
        ("sleep 100 &\r", r"\[1\] \d+"),
        ("jobs\r", r"\[1\]\+\s+Running\s+sleep 100 &"),
        ("fg\r", r"sleep 100"),
        ("\x1a", r"\[1\]\+\s+Stopped\s+sleep 100"),
        ("bg\r", r"\[1\]\+ sleep 100 &"),
        ("kill %1; wait %1; echo killed-$?\r", r"killed-143"),
        ("exit\r", r"/ # "),
    ])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", nargs="*", default=[])
    ap.add_argument("--timeout", type=int, default=1200)
    ap.add_argument("--log")
    a = ap.parse_args()
    if not os.path.exists(os.path.join(ROOT, ".complete")):
        run.report("debian-root", False, "no %s: run `make debroot`" % ROOT)
        return 1
    if os.geteuid() != 0:
        run.report("debian-root", False, "the host side needs root (chroot)")
        return 1
    if not make_image():
        run.report("debian-root", False, "mke2fs -d failed")
        return 1
    ga = argparse.Namespace(timeout=a.timeout, smp=2, mem="1G", initrd=os.path.join(BUILD, "initramfs.cpio"),
                            kernel=None, store=IMG, append="", linux=False, boot_timeout=120,
                            answer_cpr=False)
    logname = a.log or os.path.join(BUILD, "test-logs", "e2e-debian.log")
    os.makedirs(os.path.dirname(logname), exist_ok=True)
    with open(logname, "wb") as log:
        g = run.Guest(ga, log)
        try:
            g.boot()
            out, st = g.run("mkdir -p /mnt && mount -t ext4 /dev/vda /mnt && "
                            "mount -t proc proc /mnt/proc && mount -t devtmpfs dev /mnt/dev && "
                            "echo mounted", 120)
            if "mounted" not in out:
                raise RuntimeError("cannot mount the Debian root: %r" % out)
            run.report("debian-mount", True)
        except RuntimeError as e:
            run.report("debian-mount", False, str(e))
            return 1
        for name, cmd, kind in TESTS:
            if a.only and name not in a.only:
                continue
            want, wst = host_output(cmd)
            try:
                # Single quotes inside cmd are already escaped for bash -c '...'.
                got, gst = g.run("chroot /mnt /bin/bash -c '%s'" % cmd.replace("'", "'\\''"), 300)
            except RuntimeError as e:
                run.report("debian-" + name, False, str(e))
                g.resync()
                continue
            w, o = normalise(kind, want.strip("\n")), normalise(kind, got.strip("\n"))
            if gst != wst:
                run.report("debian-" + name, False, "status %d (host %d), output %r" % (gst, wst, got[-300:]))
            elif w != o:
                run.report("debian-" + name, False, "output differs from the host:\n%s" % run.diff_text(w, o))
            else:
                run.report("debian-" + name, True)
        for name, cmd, checker in CHECKS:
            if a.only and name not in a.only:
                continue
            want, _ = host_output(cmd)
            why = checker(want, guest=False)
            if why:
                run.report("debian-" + name, False, "the check fails on the host's output: %s" % why)
                continue
            try:
                got, gst = g.run("chroot /mnt /bin/bash -c '%s'" % cmd.replace("'", "'\\''"), 300)
            except RuntimeError as e:
                run.report("debian-" + name, False, str(e))
                g.resync()
                continue
            why = "exit status %d" % gst if gst else checker(got)
            if why:
                run.report("debian-" + name, False, "%s in:\n%s" % (why, got[-1500:]))
            else:
                run.report("debian-" + name, True)
        if not a.only or "less" in a.only:
            check_less(g)
        if not a.only or "job-control" in a.only:
            check_job_control(g)
        try:
            g.run("umount /mnt/dev /mnt/proc; umount /mnt; echo done", 120)
            g.p.send("poweroff -f\r")
            g.p.expect(g.pexpect.EOF, timeout=60)
        except Exception:
            pass
    failed = sum(1 for _, ok in run.results if not ok)
    print("e2e-debian: %d passed, %d failed (log: %s)" % (len(run.results) - failed, failed,
                                                          os.path.relpath(logname, TOP)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
