#!/usr/bin/env python3
"""runimg end to end: the test images on a scratch copy of the image store.

    tests/e2e/runimg.py [--only NAME...] [--log FILE]

Boots the project's initramfs with a copy of $BUILD/store.img (so the
layer cache it writes starts empty) and checks, each as a PASS:/FAIL: line
(e2e/runimg-NAME):
  busybox-echo, exit-status, signal-status, debian-os-release, debian-oci,
  debian-zstd (a zstd layer), debian-bash (an interactive bash: PID 1 alone with ps in its pid namespace; `exit 7` makes runimg exit 7),
  layers-tree (every row of the final tree of layers.tar, as umoci unpacks
  it on the host, compared through a digest, with the listing on failure),
  cached (the second run unpacks nothing), bad-* (each hostile image: a
  one-line error, status 125, nothing in the cache), alive (the kernel
  still answers), and after a reboot on the same disk, cached-reboot;
  then boot-into-image: a boot with runimg=debian.tar (make run IMAGE=)
  lands in the image's bash and powers off when it exits.
docker run's options, applied by the kernel's ctr_run: options (-e -w -u
--hostname), entrypoint, volume (-v ...:ro), bad-user (status 125),
no-command (status 127), each with its one-line message.
Containers (kernel objects, linuxabi/uapi/container.h): list (`runimg
--list` shows an exited container in /proc/containers' format), remove
(`runimg --remove ID`), rm (--rm leaves nothing listed), ctrtest
(tests/progs/ctrtest.c: the calls' error paths, a second process joining
a running container, ctr_kill, forced destroy).
"""
import re
import argparse
import hashlib
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402

BUILD = run.BUILD
IMAGES = os.path.join(BUILD, "images")
STORE = os.path.join(BUILD, "store.img")
SCRATCH = os.path.join(BUILD, "runimg-store.img")

BAD = {
    "digest-mismatch": "sha256 mismatch", "missing-layer": "missing from the archive",
    "manifest-nowhere": "missing from the archive", "invalid-json": "invalid JSON",
    "truncated-gzip": "truncated gzip", "truncated-tar": "Truncated",
    "dotdot": "unsafe path", "absolute": "unsafe path", "symlink-escape": "through a symlink",
    "symlink-dir-escape": "through a symlink", "hardlink-shadow": "hardlink",
    "hardlink-later": "hardlink", "device-node": "device node", "sparse-10g": "Truncated",
    "gzip-bomb": "decompression bomb", "truncated-zstd": "Truncated zstd",
    "zstd-window": "too much memory", "zstd-media-gzip": "the blob is gzip",
}

# The tree of the container's root in layers.expected.tsv's format.
TREE_SCRIPT = r"""cd / && find . -xdev \( -path ./proc -o -path ./sys -o -path ./dev \) -prune -o ! -path . -printf '%P\t%y\t%m\t%U\t%G\t%s\t%l\n' | while IFS=$'\t' read -r p y m u g s l; do case $y in d) k=dir;; f) k=file;; l) k=symlink;; p) k=fifo;; c) k=chr;; b) k=blk;; s) k=sock;; esac; if [ $k = file ]; then h=$(sha256sum "/$p" | cut -d' ' -f1); else h=-; s=0; fi; [ $k = symlink ] || l=-; case /$p in /etc/hostname|/etc/hosts|/etc/resolv.conf) continue;; esac; printf '/%s\t%s\t%04o\t%s\t%s\t%s\t%s\t%s\n' "$p" $k $((8#$m)) $u $g $s $h "$l"; done | LC_ALL=C sort"""


def expected_tree():
    rows = []
    for line in open(os.path.join(IMAGES, "layers.expected.tsv")):
        if line.startswith("#"):
            continue
        path = line.split("\t", 1)[0]
        if path in ("/proc", "/sys", "/dev", "/etc/hostname", "/etc/hosts", "/etc/resolv.conf") or \
                path.startswith(("/proc/", "/sys/", "/dev/")):
            continue
        rows.append(line.rstrip("\n"))
    return sorted(rows, key=lambda r: r.encode())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", nargs="*", default=[])
    ap.add_argument("--log")
    a = ap.parse_args()
    want = lambda n: not a.only or n in a.only  # noqa: E731
    if not os.path.exists(STORE):
        run.report("runimg-store", False, "no %s: make store" % STORE)
        return 1
    shutil.copyfile(STORE, SCRATCH)
    logname = a.log or os.path.join(BUILD, "test-logs", "e2e-runimg.log")
    os.makedirs(os.path.dirname(logname), exist_ok=True)
    ga = dict(timeout=1800, smp=2, mem="1G", initrd=os.path.join(BUILD, "initramfs.cpio"), kernel=None,
              store=SCRATCH, append="", linux=False, boot_timeout=120, answer_cpr=False)

    def expect_out(g, name, cmd, want_out, want_status=0, timeout=600):
        try:
            out, st = g.run(cmd, timeout)
        except RuntimeError as e:
            run.report("runimg-" + name, False, str(e))
            g.resync()
            return
        out = out.strip("\n")
        if st != want_status or out != want_out:
            run.report("runimg-" + name, False, "status %d, output %r (want %d, %r)" %
                       (st, out[-400:], want_status, want_out))
        else:
            run.report("runimg-" + name, True)

    with open(logname, "wb") as log:
        g = run.Guest(argparse.Namespace(**ga), log)
        try:
            g.boot()
        except RuntimeError as e:
            run.report("runimg-boot", False, str(e))
            return 1
        if want("busybox-echo"):
            expect_out(g, "busybox-echo", "runimg busybox.tar echo hi 2>/dev/null", "hi")
        if want("exit-status"):
            expect_out(g, "exit-status", "runimg busybox.tar sh -c 'exit 7' 2>/dev/null; echo $?", "7")
        if want("signal-status"):
            # The entrypoint is PID 1 of its pid namespace: a signal from
            # inside with no handler is ignored, as under Docker; SIGKILL
            # from outside (a forced remove) kills it, and runimg says 137.
            expect_out(g, "signal-init-immune",
                       "runimg busybox.tar sh -c 'kill -9 $$; echo alive' 2>/dev/null; echo $?",
                       "alive\n0")
            expect_out(g, "signal-status",
                       "runimg busybox.tar sleep 100 2>/dev/null & sleep 3; "
                       "runimg --remove --force $(awk '$2 == \"running\" {print $1}' /proc/containers) >/dev/null; "
                       "wait $!; echo $?", "137")
        if want("debian-os-release"):
            expect_out(g, "debian-os-release",
                       "runimg debian.tar grep VERSION_ID /etc/os-release 2>/dev/null", 'VERSION_ID="12"')
        if want("hostname"):
            try:
                out, st = g.run("runimg --hostname box1 busybox.tar hostname 2>/dev/null; hostname")
                ok = st == 0 and out.strip().split("\n")[0] == "box1" and out.strip().split("\n")[1] != "box1"
                run.report("runimg-hostname", ok, "" if ok else "output %r" % out)
            except RuntimeError as e:
                run.report("runimg-hostname", False, str(e))
                g.resync()
        if want("debian-oci"):
            ver = open(os.path.join(BUILD, "cache", "debian-slim", "etc", "debian_version")).read().strip()
            expect_out(g, "debian-oci", "runimg debian-oci.tar cat /etc/debian_version 2>/dev/null", ver)
        if want("debian-zstd"):
            ver = open(os.path.join(BUILD, "cache", "debian-slim", "etc", "debian_version")).read().strip()
            expect_out(g, "debian-zstd", "runimg debian-zstd.tar cat /etc/debian_version 2>/dev/null", ver)
        if want("cached"):
            expect_out(g, "cached", "runimg debian.tar true 2>&1 >/dev/null | grep layer",
                       "runimg: debian.tar: 1 layer (1 cached, 0 unpacked)")
        if want("debian-bash"):
            try:
                g.p.send("runimg debian.tar\r")
                g.expect(rb"root@\w+:/# ", 300)
                g.p.send("echo $((6*7)) $(id -u) $0\r")
                g.expect(rb"42 0 bash", 60)
                g.expect(rb"root@\w+:/# ", 60)
                # Its own pid namespace: bash is PID 1 and ps sees only
                # the container (issue 7: `ps aux` shows only its processes).
                g.p.send("ps -eo pid=,comm= > /tmp/p; echo PS''OUT:$(tr -s ' ' < /tmp/p | tr '\\n' ';')\r")
                i = g.expect([rb"PSOUT: ?1 bash; ?\d+ ps;\r*\n", rb"PSOUT:[^\r\n]*\r*\n"], 60)
                if i != 0:
                    raise RuntimeError("ps in the container: %r" % g.p.after)
                g.expect(rb"root@\w+:/# ", 60)
                g.p.send("exit 7\r")
                g.expect(rb"\n/ # ", 60)
                g.p.send("echo status=$?\r")   # not g.run: its own echo would set $?
                i = g.expect([rb"status=7", rb"status=\d+"], 60)
                g.expect(run.PROMPT_RE, 30)
                run.report("runimg-debian-bash", i == 0, "" if i == 0 else "runimg did not exit 7")
            except RuntimeError as e:
                run.report("runimg-debian-bash", False, str(e))
                g.resync()
        if want("layers-tree"):
            rows = expected_tree()
            digest = hashlib.sha256(("\n".join(rows) + "\n").encode()).hexdigest()
            cmd = "runimg layers.tar bash -c '%s | sha256sum' 2>/dev/null" % TREE_SCRIPT.replace("'", "'\\''")
            try:
                out, st = g.run(cmd, 900)
                got = out.strip().split(" ")[0]
                if st == 0 and got == digest:
                    run.report("runimg-layers-tree", True)
                else:
                    out2, _ = g.run("runimg layers.tar bash -c '%s' 2>/dev/null" %
                                    TREE_SCRIPT.replace("'", "'\\''"), 900)
                    run.report("runimg-layers-tree", False, "tree differs from umoci's (%d rows):\n%s" %
                               (len(rows), run.diff_text("\n".join(rows), out2.strip("\n"))))
            except RuntimeError as e:
                run.report("runimg-layers-tree", False, str(e))
                g.resync()
        # docker run's options, worked out by the kernel now (ctr_run).
        if want("options"):
            expect_out(g, "options", "runimg -e FOO=bar -w /work/x -u daemon --hostname hh busybox.tar sh -c "
                       "'echo $FOO $HOSTNAME $HOME $(id -u):$(id -g) $(pwd) $(hostname) $(cat /etc/hostname)' "
                       "2>/dev/null", "bar hh /usr/sbin 1:1 /work/x hh hh")
        if want("entrypoint"):
            expect_out(g, "entrypoint", "runimg --entrypoint echo busybox.tar hi there 2>/dev/null", "hi there")
        if want("volume"):
            expect_out(g, "volume", "mkdir -p /tmp/vol && echo data > /tmp/vol/f && runimg -v /tmp/vol:/mnt/v:ro "
                       "busybox.tar sh -c 'cat /mnt/v/f; touch /mnt/v/g 2>/dev/null || echo ro' 2>/dev/null",
                       "data\nro")
        if want("bad-user"):
            expect_out(g, "bad-user", "runimg -u alice busybox.tar true 2>&1 | grep -v layer; echo status=$?; "
                       "runimg -u alice busybox.tar true 2>/dev/null; echo status=$?",
                       "runimg: busybox.tar: unable to find user alice: no matching entries in passwd file\n"
                       "status=0\nstatus=125")
        if want("no-command"):
            expect_out(g, "no-command", "runimg busybox.tar nosuchcmd 2>&1 | grep -v layer; "
                       "runimg busybox.tar nosuchcmd 2>/dev/null; echo status=$?",
                       'runimg: busybox.tar: exec: "nosuchcmd": executable file not found in $PATH\nstatus=127')
        if want("list"):
            try:
                out, st = g.run("runimg --hostname lister busybox.tar sh -c 'exit 3' 2>/dev/null; "
                                "runimg --list | sed -n '1p;$p'")
                lines = out.strip("\n").split("\n")
                ok = st == 0 and len(lines) == 2 and lines[0] == "ID           STATE        PID STATUS IMAGE" \
                    and re.match(r"^[0-9a-f]{12} exited   +\d+ 3      /images/busybox\.tar$", lines[1])
                run.report("runimg-list", bool(ok), "" if ok else "output %r" % out)
                if ok and want("remove"):
                    cid = lines[1][:12]
                    expect_out(g, "remove", "runimg --remove %s; runimg --list | grep -c %s; "
                               "runimg --remove %s; echo status=$?" % (cid, cid, cid),
                               "%s\n0\nrunimg: %s: no such container\nstatus=1" % (cid, cid))
            except RuntimeError as e:
                run.report("runimg-list", False, str(e))
                g.resync()
        if want("rm"):
            expect_out(g, "rm", "n=$(wc -l < /proc/containers); runimg --rm busybox.tar true 2>/dev/null; "
                       "echo $(( $(wc -l < /proc/containers) - n ))", "0")
        if want("ctrtest"):
            try:
                out, st = g.run("/tests/glibc/ctrtest /images/busybox.tar 2>&1", 600)
                ok = st == 0 and out.strip().endswith("ctrtest: all ok")
                run.report("runimg-ctrtest", ok, "" if ok else "status %d:\n%s" %
                           (st, "\n".join(l for l in out.split("\n") if not l.startswith("ok "))[-1500:]))
            except RuntimeError as e:
                run.report("runimg-ctrtest", False, str(e))
                g.resync()
        before = None
        if want("bad") or not a.only:
            try:
                before, _ = g.run("ls /images/.layers/sha256 | wc -l")
            except RuntimeError:
                pass
        for name, phrase in BAD.items():
            if not want("bad-" + name) and not want("bad"):
                continue
            try:
                out, st = g.run("runimg bad/%s.tar true; echo status=$?" % name, 600)
            except RuntimeError as e:
                run.report("runimg-bad-" + name, False, str(e))
                g.resync()
                continue
            lines = [l for l in out.strip("\n").split("\n") if l.startswith("runimg:")]
            ok = "status=125" in out and len(lines) == 1 and phrase in lines[0]
            run.report("runimg-bad-" + name, ok, "" if ok else "output %r" % out[-400:])
        if before is not None:
            expect_out(g, "bad-leaves-nothing",
                       "ls /images/.layers/tmp | wc -l; ls /images/.layers/sha256 | wc -l",
                       "0\n" + before.strip())
        if want("alive"):
            expect_out(g, "alive", "echo alive", "alive")
        try:
            g.p.send("poweroff -f\r")
            g.p.expect(g.pexpect.EOF, timeout=120)
        except Exception:
            pass
        if want("cached-reboot"):
            g = run.Guest(argparse.Namespace(**ga), log)
            try:
                g.boot()
                expect_out(g, "cached-reboot", "runimg debian.tar true 2>&1 >/dev/null | grep layer",
                           "runimg: debian.tar: 1 layer (1 cached, 0 unpacked)")
                g.p.send("poweroff -f\r")
                g.p.expect(g.pexpect.EOF, timeout=120)
            except Exception as e:
                run.report("runimg-cached-reboot", False, str(e))
        if want("boot-into-image"):
            # make run IMAGE=debian.tar: init's runimg= starts the image itself.
            ba = dict(ga, append="runimg=debian.tar")
            g = run.Guest(argparse.Namespace(**ba), log)
            try:
                g.expect(rb"root@\w+:/# ", 300)
                g.p.send("cat /etc/debian_version; exit 3\r")
                g.expect(rb"container exited \(status 3\)", 120)
                g.p.expect(g.pexpect.EOF, timeout=120)
                st = g.wait_exit()
                run.report("runimg-boot-into-image", st == 0, "" if st == 0 else "QEMU status %s" % st)
            except RuntimeError as e:
                run.report("runimg-boot-into-image", False, str(e))
    failed = sum(1 for _, ok in run.results if not ok)
    print("e2e-runimg: %d passed, %d failed (log: %s)" % (len(run.results) - failed, failed,
                                                         os.path.relpath(logname, run.TOP)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
