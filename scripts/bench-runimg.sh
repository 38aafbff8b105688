#!/usr/bin/env bash
# Container start (issue 7): `runimg debian.tar true` under our kernel
# against the same work done by hand under Debian's Linux kernel (busybox
# `tar xzf` of the image's layer, then `chroot DIR /bin/true`), in the same
# QEMU (TCG, -smp 2, -m 1G) with the same initramfs. Cold: the layer
# unpacked first (our layer cache or Linux's tree emptied beforehand);
# warm: reused. The times are guest time (CLOCK_MONOTONIC in the guest,
# tests/progs/bench.c), medians of RUNS boots; see docs/PERFORMANCE.md.
#
#   BUILD=build RUNS=3 scripts/bench-runimg.sh
#
# The image disk (ext4 labelled "images", made fresh for every boot by
# scripts/bench.sh) holds mkimage's debian.tar and its gzip layer alone.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
img=$BUILD/images/debian.tar
[ -f "$img" ] || { echo "bench-runimg: no $img (make images)" >&2; exit 1; }
dir=$BUILD/bench/runimg-disk
rm -rf "$dir" && mkdir -p "$dir"
cp "$img" "$dir/debian.tar"
python3 - "$img" "$dir/debian-layer.tar.gz" <<'PY' || exit 1
import json, sys, tarfile
tf = tarfile.open(sys.argv[1])
layers = json.load(tf.extractfile("manifest.json"))[0]["Layers"]
assert len(layers) == 1, "debian.tar should have one layer"
open(sys.argv[2], "wb").write(tf.extractfile(layers[0]).read())
PY
BENCH_TAG=runimg BENCH_ARGS="-i /dev/vda runimg_cold runimg_warm runimg_load" BENCH_DISK_DIR=$dir \
	BENCH_DISK_LABEL=images BENCH_DISK_SIZE=640M BENCH_QEMU_ARGS="--mem 1G" BENCH_MEM="-m 1G" \
	BENCH_TITLE="container start, debian.tar" BENCH_STAMP=1 BUILD=$BUILD scripts/bench.sh

# The same figures in host wall time: from the "@@HOST" stamp after a
# benchmark's line back to the stamp after the line before it. That span
# also holds the benchmark's untimed setup (cold: emptying the cache and a
# sync; warm and load: one untimed start first, so 11 starts for 10), so
# these are upper bounds; they do not depend on the guest's clock, which
# our kernel calibrates against the PIT at boot and which on a loaded
# host can be off by several times (docs/PERFORMANCE.md).
python3 - "$BUILD/bench" <<'PY'
import glob, re, statistics, sys
out = sys.argv[1]
iters = {"runimg_cold": 1, "runimg_warm": 11, "runimg_load": 11}
res = {}
for kernel in ("ours", "linux"):
    for log in sorted(glob.glob(f"{out}/runimg-{kernel}-*.log")):
        prev = None
        lines = open(log, "rb").read().decode(errors="replace").replace("\r", "").split("\n")
        for i, l in enumerate(lines):
            m = re.match(r"@@HOST ([0-9.]+)", l)
            if not m:
                continue
            t = float(m.group(1))
            b = re.match(r"bench (runimg_\w+): [0-9.]+ ms/op", lines[i - 1]) if i else None
            if b and prev is not None:
                res.setdefault((kernel, b.group(1)), []).append((t - prev) * 1000 / iters[b.group(1)])
            if i and lines[i - 1].strip():
                prev = t
print("host wall (upper bounds, setup included), medians:")
print("  %-20s %12s %12s %8s" % ("benchmark", "ours", "linux", "ratio"))
for name in iters:
    o = res.get(("ours", name))
    l = res.get(("linux", name))
    mo = statistics.median(o) if o else None
    ml = statistics.median(l) if l else None
    print("  %-20s %12s %12s %8s  ms/op" % (name, "%.1f" % mo if mo else "n/a", "%.1f" % ml if ml else "n/a",
                                            "%.2f" % (mo / ml) if mo and ml else "n/a"))
PY
