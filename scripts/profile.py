#!/usr/bin/env python3
"""Sampling profiler for our kernel under QEMU (TCG).

Boots the kernel with the bench initramfs (scripts/mkinitramfs --param
bench=FLAVOUR), runs `bench ARGS...` and, while it runs, asks QEMU's
monitor for every vCPU's registers (`info registers -a`) at a fixed
interval. Each sample's RIP is mapped to the kernel function holding it
(nm of the kernel ELF); user-mode samples count as "[user]", the idle
loop's hlt as "[idle]". Prints a flat profile, hottest first.

    scripts/profile.py [--samples N] [--interval S] [--top N]
                       [--kernel ELF] [--flavour glibc|musl] [--cpu N]
                       [--store DISK] [--mem SIZE] [--lines N]
                       -- [-m MULT] [-d DEV | -i DEV] NAME...

Use bench's -m MULT to make the run long enough for the samples, e.g.
`scripts/profile.py -- -m 50 epoll_1000`. A sample costs the guest a
pause of both vCPUs, so figures printed by bench under the profiler are
not benchmarks; the profile is (TCG translates the same code either way).
"""
import argparse
import bisect
import collections
import os
import re
import socket
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def kernel_symbols(elf):
    out = subprocess.run(["nm", "-n", "--defined-only", elf], capture_output=True, text=True,
                         check=True).stdout
    addrs, names = [], []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tTwW":
            addrs.append(int(parts[0], 16))
            names.append(parts[2])
    return addrs, names


def monitor_cmd(sock, cmd):
    sock.sendall(cmd.encode() + b"\n")
    buf = b""
    # HMP echoes the command, prints its output, then a fresh "(qemu) ".
    while not buf.rstrip().endswith(b"(qemu)") or buf.count(b"(qemu)") < 1:
        chunk = sock.recv(65536)
        if not chunk:
            raise EOFError("monitor closed")
        buf += chunk
    return buf.decode(errors="replace")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", type=int, default=2000)
    ap.add_argument("--interval", type=float, default=0.002)
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--kernel", default=None)
    ap.add_argument("--flavour", default="glibc")
    ap.add_argument("--cpu", type=int, default=-1, help="only this vCPU's samples")
    ap.add_argument("--store", default=None, help="disk image for qemu.sh --store (bench -d/-i)")
    ap.add_argument("--mem", default="512M")
    ap.add_argument("--lines", type=int, default=0,
                    help="also the N hottest source lines (addr2line)")
    ap.add_argument("bench_args", nargs="*")
    a = ap.parse_args()

    build = os.environ.get("BUILD", "build")
    kernel = a.kernel or os.path.join(build, "kernel.elf")
    out = os.path.join(build, "profile")
    os.makedirs(out, exist_ok=True)
    initrd = os.path.join(out, "initramfs.cpio")
    sockpath = os.path.join(out, "monitor.sock")
    log = os.path.join(out, "console.log")
    params = ["--param", "bench=" + a.flavour]
    if a.bench_args:
        params += ["--param", "bench_args='%s'" % " ".join(a.bench_args)]
    subprocess.run([os.path.join(ROOT, "scripts/mkinitramfs"), "-o", initrd] + params,
                   check=True, env=dict(os.environ, BUILD=build))
    addrs, names = kernel_symbols(kernel)

    if os.path.exists(sockpath):
        os.unlink(sockpath)
    with open(log, "wb") as logf:
        store = ["--store", a.store] if a.store else []
        qemu = subprocess.Popen([os.path.join(ROOT, "scripts/qemu.sh"), "--timeout", "900",
                                 "--kernel", kernel, "--initrd", initrd, "--append", "quiet",
                                 "--mem", a.mem] + store +
                                ["--", "-monitor", "unix:%s,server,nowait" % sockpath],
                                stdin=subprocess.DEVNULL, stdout=logf, stderr=subprocess.STDOUT)
        try:
            # Sample from the bench's start marker to its end marker.
            while qemu.poll() is None:
                with open(log, "rb") as f:
                    if b"@@BENCH " in f.read():
                        break
                time.sleep(0.05)
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.connect(sockpath)
            monitor_cmd(sock, "")
            hits = collections.Counter()
            rips = collections.Counter()
            total = 0
            rip_re = re.compile(r"RIP=([0-9a-f]{16})")
            cpl_re = re.compile(r"CPL=(\d)")
            while total < a.samples and qemu.poll() is None:
                text = monitor_cmd(sock, "info registers -a")
                with open(log, "rb") as f:
                    if b"@@BENCH-END" in f.read():
                        break
                cpus = text.split("CPU#")[1:] if "CPU#" in text else [text]
                for i, ctext in enumerate(cpus):
                    if a.cpu >= 0 and i != a.cpu:
                        continue
                    m, c = rip_re.search(ctext), cpl_re.search(ctext)
                    if not m:
                        continue
                    rip = int(m.group(1), 16)
                    if c and c.group(1) == "3":
                        name = "[user]"
                    else:
                        k = bisect.bisect_right(addrs, rip) - 1
                        name = names[k] if k >= 0 else "?%x" % rip
                        if name in ("safe_halt", "cpu_idle_loop") or "HLT=1" in ctext:
                            name = "[idle]"
                    hits[name] += 1
                    if not name.startswith("["):
                        rips[rip] += 1
                    total += 1
                time.sleep(a.interval)
            sock.close()
        finally:
            try:
                qemu.wait(timeout=600)
            except subprocess.TimeoutExpired:
                qemu.kill()
    with open(log, "rb") as f:
        for line in f.read().decode(errors="replace").splitlines():
            if line.startswith("bench "):
                print(line.strip())
    print("%d samples" % total)
    for name, n in hits.most_common(a.top):
        print("%6.2f%% %6d  %s" % (100.0 * n / max(total, 1), n, name))
    if a.lines:
        lines = collections.Counter()
        top = rips.most_common()
        res = subprocess.run(["addr2line", "-i", "-f", "-e", kernel] + ["%x" % r for r, _ in top],
                             capture_output=True, text=True).stdout
        # With -i an address may print several (function, line) pairs:
        # ask once per address instead to keep the pairing simple.
        for r, n in top:
            o = subprocess.run(["addr2line", "-f", "-e", kernel, "%x" % r], capture_output=True,
                               text=True).stdout.split("\n")
            lines["%s %s" % (o[0], os.path.relpath(o[1].split(" ")[0], ROOT) if o[1].startswith("/") else o[1])] += n
        del res
        print("hottest lines:")
        for l, n in lines.most_common(a.lines):
            print("%6.2f%% %6d  %s" % (100.0 * n / max(total, 1), n, l))


if __name__ == "__main__":
    sys.exit(main())
