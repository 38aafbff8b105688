#!/usr/bin/env python3
"""Boot the kernel and wait for a line on the serial console.

Usage: boot-expect.py --log FILE --expect REGEX --timeout S -- QEMU.SH-ARGS...

Runs scripts/qemu.sh with the given arguments, copies the console to FILE,
and stops QEMU as soon as a line matches REGEX (exit 0). Exit 1 if QEMU ends
first, 2 on timeout. Used for boots that never power off by themselves
(`make run`, the ISO boots), so no test has to sleep for a fixed time.
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--log", required=True)
    ap.add_argument("--expect", required=True)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("args", nargs="*")
    a = ap.parse_args()
    pat = re.compile(a.expect)
    here = os.path.dirname(os.path.abspath(__file__))
    cmd = [os.path.join(here, "qemu.sh"), "--timeout", str(int(a.timeout) + 10)] + a.args
    with open(a.log, "wb") as log:
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + a.timeout
        buf = b""
        os.set_blocking(p.stdout.fileno(), False)
        status = 2
        while time.monotonic() < deadline:
            try:
                chunk = p.stdout.read()
            except BlockingIOError:
                chunk = None
            if chunk:
                log.write(chunk)
                log.flush()
                buf += chunk
                lines = buf.split(b"\n")
                buf = lines[-1]
                if any(pat.search(l.decode("utf-8", "replace")) for l in lines):
                    status = 0
                    break
                if pat.search(buf.decode("utf-8", "replace")):
                    status = 0
                    break
            elif p.poll() is not None:
                status = 1
                break
            else:
                time.sleep(0.05)
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGTERM)
            try:
                p.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
    sys.exit(status)


main()
