#!/usr/bin/env python3
"""Seed corpora for the fuzzers, from the test images (scripts/mkimage).

    tests/fuzz/mkcorpus.py OUTDIR

OUTDIR/image_json: every JSON member of every image archive under
$BUILD/images (manifest.json, index.json, manifests, configs) and a few
hand-written edge cases. OUTDIR/layer: every layer blob up to 64 KiB
(plain, gzip, zstd; the hostile layers of bad/ among them), each small
one also recompressed the other two ways, and every image archive up to
64 KiB whole (for the archive index). OUTDIR/user: "SPEC\\0PASSWD\\0GROUP"
inputs from busybox's and Debian's passwd and group.
"""
import gzip
import hashlib
import os
import subprocess
import sys
import tarfile

BUILD = os.environ.get("BUILD", os.path.join(os.path.dirname(__file__), "..", "..", "build"))
MAX = 64 << 10


def put(d, data):
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def plain(blob):
    if blob[:2] == b"\x1f\x8b":
        return gzip.decompress(blob)
    if blob[:4] == b"\x28\xb5\x2f\xfd":
        return subprocess.run(["zstd", "-q", "-d", "-c"], input=blob, stdout=subprocess.PIPE).stdout
    return blob


def main(out):
    images = os.path.join(BUILD, "images")
    archives = []
    for root, _, files in os.walk(images):
        archives += [os.path.join(root, f) for f in files if f.endswith(".tar")]
    passwds = []
    for path in sorted(archives):
        if os.path.getsize(path) <= MAX:
            put(os.path.join(out, "layer"), open(path, "rb").read())
        try:
            tf = tarfile.open(path)
            members = [m for m in tf.getmembers() if m.isfile()]
        except (tarfile.TarError, EOFError):
            continue
        for m in members:
            if m.size > (4 << 20):
                continue
            data = tf.extractfile(m).read()
            if data[:1] in (b"{", b"["):
                put(os.path.join(out, "image_json"), data)
            elif m.size <= MAX:
                put(os.path.join(out, "layer"), data)
                try:
                    t = plain(data)
                except Exception:
                    continue
                if len(t) <= MAX:
                    for v in (t, gzip.compress(t, mtime=0),
                              subprocess.run(["zstd", "-q", "-c"], input=t,
                                             stdout=subprocess.PIPE).stdout):
                        put(os.path.join(out, "layer"), v)
    for extra in (b'{"schemaVersion":2,"manifests":[{"digest":"sha256:' + b"0" * 64 + b'"}]}',
                  b'[{"Config":"a.json","Layers":["b/layer.tar"],"RepoTags":["x:y"]}]',
                  b'{"rootfs":{"type":"layers","diff_ids":[]},"config":{"User":"33:users",'
                  b'"Env":["A=1","A"],"Entrypoint":["/a"],"Cmd":["b"]}}',
                  b'{"n":[1e400,-0.0,1.5e-320,123456789012345678901234567890]}'):
        put(os.path.join(out, "image_json"), extra)
    for root in ("cache/busybox-root", "cache/debian-slim"):
        try:
            pw = open(os.path.join(BUILD, root, "etc/passwd"), "rb").read()[:4096]
            gr = open(os.path.join(BUILD, root, "etc/group"), "rb").read()[:4096]
        except OSError:
            continue
        for spec in (b"root", b"0", b"nobody:users", b"33:33", b"daemon:root", b"1000"):
            put(os.path.join(out, "user"), spec + b"\0" + pw + b"\0" + gr)
    # Entry lines for fuzz_entry_plan: type byte, size byte, NAME[TAB LINK].
    for text in (b"\x00\x01./etc/passwd\n\x01\x00usr/\n\x02\x00a/b\t../c\n",
                 b"\x03\x00x\t./a//b\n\x00\x00.wh..wh..opq\n\x00\x00a/.wh.b\n",
                 b"\x05\x00dev/null\n\x05\x01dev/sda\n\x00\xffhuge\n\x01\x00./\n"):
        put(os.path.join(out, "entry_plan"), text)
    for d in ("image_json", "layer", "user", "entry_plan"):
        n = len(os.listdir(os.path.join(out, d))) if os.path.isdir(os.path.join(out, d)) else 0
        print(f"mkcorpus: {d}: {n} seeds")


if __name__ == "__main__":
    main(sys.argv[1])
