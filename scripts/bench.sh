#!/usr/bin/env bash
# System-call micro-benchmarks: tests/progs/bench under our kernel and
# under Debian's Linux kernel (scripts/fetch-linux.sh), in the same QEMU
# (TCG, -smp 2, -m 512M) with the same initramfs, whose /init runs the
# benchmark and powers off (scripts/mkinitramfs --param bench=FLAVOUR).
# Boots alternate ours/Linux RUNS times; the figures are medians, and the
# ratio ours/Linux is printed per benchmark. No figure is asserted.
#
# The disk benchmarks (bench -d /dev/vda) get a fresh empty ext4 image per
# boot (the host's mke2fs, Debian 12's defaults but 4 KiB blocks, which it
# would not pick for 256 MiB) on virtio-blk.
# Debian's kernel has ext4 built in but virtio_blk (and the virtio core
# under it) as modules: they are taken from the kernel package and
# appended to Linux's initramfs as a second cpio archive, and bench loads
# them (finit_module) before mounting. Without mke2fs the disk figures
# are n/a.
#
#   BUILD=build RUNS=3 FLAVOUR=glibc SCALE=1 scripts/bench.sh
#
# SCALE divides every iteration count (bench -s) for a quick look.
# For iterating on one figure: ONLY="unix_pingpong futex_pingpong" (also
# spelled BENCH_ONLY or NAMES) runs just those benchmarks (bench's NAME
# arguments; no disk image unless a disk_* one is named), and LINUX=0
# boots only our kernel (the ratio is then n/a: compare with
# docs/PERFORMANCE.md). VERBOSE=1 adds bench's "stats" lines (context
# switches, interrupts, busy ticks per CPU) to the logs in $BUILD/bench.
# KERNEL=FILE (or OURS_KERNEL) boots that image as ours instead of
# $BUILD/kernel.elf (to compare two builds in one session); QEMU_EXTRA
# is added to QEMU's arguments (e.g. "-icount shift=0,sleep=off": guest
# time counts instructions, so figures no longer depend on host load, but
# they no longer measure two CPUs running at once either).
# scripts/bench-runimg.sh reuses this script for other disk contents:
# BENCH_TAG names its logs and initramfs, BENCH_ARGS replaces the disk
# arguments of bench, BENCH_DISK_DIR/LABEL/SIZE fill the volume
# (mke2fs -d), BENCH_QEMU_ARGS go to both kernels' qemu.sh.
#
#   ONLY=unix_stream_64k LINUX=0 RUNS=5 scripts/bench.sh
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
RUNS=${RUNS:-3}
FLAVOUR=${FLAVOUR:-glibc}
SCALE=${SCALE:-1}
TAG=${BENCH_TAG:-progs}
DISK_SIZE=${BENCH_DISK_SIZE:-256M}
DISK_LABEL=${BENCH_DISK_LABEL:-bench}
LINUX=${LINUX:-1}
BENCH_ONLY=${BENCH_ONLY:-${NAMES:-${ONLY:-}}}
OURS_KERNEL=${OURS_KERNEL:-${KERNEL:-}}
out=$BUILD/bench
mkdir -p "$out"

PATH=$PATH:/sbin:/usr/sbin
disk=1
command -v mke2fs >/dev/null || { echo "bench: no mke2fs on the host: disk benchmarks skipped" >&2; disk=0; }
case " $BENCH_ONLY " in "  "|*" disk_"*) ;; *) disk=0 ;; esac
bargs=
[ -n "${VERBOSE:-}" ] && bargs="-v"
[ "$SCALE" != 1 ] && bargs="$bargs -s $SCALE"
[ $disk = 1 ] && bargs="$bargs ${BENCH_ARGS:--d /dev/vda}"
dflags=()
[ -n "${BENCH_DISK_DIR:-}" ] && dflags=(-d "$BENCH_DISK_DIR")
# BENCH_ONLY="disk_read_64m ...": just those benchmarks (bench's own names).
[ -n "$BENCH_ONLY" ] && bargs="$bargs $BENCH_ONLY"
# disk_tar_x unpacks the Debian layer of scripts/mkimage (make images), put
# on each fresh disk by mke2fs -d; without it that figure is n/a. (Not when
# a caller fills the disk itself: bench-runimg.sh.)
TREE_TAR=$BUILD/cache/debian-layer.tar

initrd=$out/initramfs-$TAG.cpio
params=(--param "bench=$FLAVOUR")
[ -n "$bargs" ] && params+=(--param "bench_args='${bargs# }'")
BUILD=$BUILD scripts/mkinitramfs -o "$initrd" "${params[@]}" || exit 1
linux=
[ "$LINUX" != 0 ] && { linux=$(BUILD=$BUILD scripts/fetch-linux.sh) || linux=; }

# Linux's initramfs: the same archive plus the virtio_blk modules, in load
# order (each after the ones it depends on).
linux_initrd=$out/initramfs-$TAG-linux.cpio
if [ -n "$linux" ]; then
	mods="virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_blk"
	m=$out/linux-mods
	rm -rf "$m" && mkdir -p "$m/x" "$m/root/lib/modules/bench"
	ok=1
	if dpkg -x "$(ls "$BUILD"/linux/pkg/*.deb | head -1)" "$m/x" 2>/dev/null; then
		for mod in $mods; do
			f=$(find "$m/x/lib/modules" -name "$mod.ko" | head -1)
			[ -n "$f" ] || { echo "bench: no $mod.ko in Debian's kernel package" >&2; ok=0; continue; }
			cp "$f" "$m/root/lib/modules/bench/"
			echo "$mod.ko" >> "$m/root/lib/modules/bench/order"
		done
	else
		echo "bench: cannot unpack $BUILD/linux/pkg/*.deb: Linux has no virtio_blk" >&2
		ok=0
	fi
	[ $ok = 1 ] || echo "bench: Linux's disk figures will be n/a" >&2
	(cd "$m/root" && find . -mindepth 1 | LC_ALL=C sort |
		cpio --quiet -o -H newc -R 0:0) > "$m/mods.cpio"
	# The second archive must start 4-aligned (Linux's initramfs rule).
	cp "$initrd" "$linux_initrd" && truncate -s %4 "$linux_initrd" &&
		cat "$m/mods.cpio" >> "$linux_initrd"
	rm -rf "$m/x"
fi

# run NAME LOG INITRD QEMU.SH-ARGS...: one boot; the log keeps the
# console. Each boot gets a fresh, empty ext4 volume.
run() {
	local name=$1 log=$2 rd=$3 rc store=()
	shift 3
	if [ $disk = 1 ]; then
		rm -f "$out/disk.img"
		local dsize=$DISK_SIZE dfl=("${dflags[@]}")
		if [ -z "${BENCH_DISK_DIR:-}" ] && [ -f "$TREE_TAR" ] &&
		   { [ -z "${BENCH_ONLY:-}" ] || [[ $BENCH_ONLY == *disk_tar_x* ]]; }; then
			rm -rf "$out/disk-src" && mkdir -p "$out/disk-src"
			ln "$TREE_TAR" "$out/disk-src/tree.tar" 2>/dev/null || cp "$TREE_TAR" "$out/disk-src/tree.tar"
			dfl=(-d "$out/disk-src")
			dsize=768M
		fi
		if mke2fs -q -F -t ext4 -b 4096 -L "$DISK_LABEL" "${dfl[@]}" "$out/disk.img" "$dsize" \
			> "$out/mke2fs.log" 2>&1; then
			store=(--store "$out/disk.img")
		else
			echo "bench: mke2fs failed: $(cat "$out/mke2fs.log")" >&2
		fi
	fi
	# BENCH_STAMP=1: each line the guest prints is followed by one
	# "@@HOST <seconds since QEMU started>" line, host wall time, for
	# figures the guest clock cannot be trusted with (bench-runimg.sh).
	scripts/qemu.sh --timeout 900 --initrd "$rd" "${store[@]}" --append "quiet" ${BENCH_QEMU_ARGS:-} "$@" \
		${QEMU_EXTRA:+-- $QEMU_EXTRA} < /dev/null 2>&1 | if [ "${BENCH_STAMP:-0}" = 1 ]; then
			python3 -u -c 'import sys, time
t0 = time.time()
for l in sys.stdin.buffer:
    sys.stdout.buffer.write(l + b"@@HOST %.3f\n" % (time.time() - t0)); sys.stdout.flush()'
		else
			cat
		fi > "$log"
	rc=${PIPESTATUS[0]}
	# Ours powers off through isa-debug-exit (0); Linux through ACPI,
	# which qemu.sh reports as 125.
	if ! grep -aq "@@BENCH-END $FLAVOUR" "$log"; then
		echo "bench: $name run did not finish (qemu.sh status $rc, see $log)" >&2
		return 1
	fi
	return 0
}

# Medians are taken over the logs of this invocation only.
rm -f "$out"/$TAG-ours-*.log "$out"/$TAG-linux-*.log
for i in $(seq "$RUNS"); do
	run ours "$out/$TAG-ours-$i.log" "$initrd" ${OURS_KERNEL:+--kernel "$OURS_KERNEL"} || true
	[ -n "$linux" ] && { run linux "$out/$TAG-linux-$i.log" "$linux_initrd" --kernel "$linux" || true; }
done

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "n/a"; else if (NR % 2) print a[(NR+1)/2]; else printf "%g\n", (a[NR/2]+a[NR/2+1])/2}'; }

# figures KERNEL NAME: the figure of every run of that kernel.
figures() {
	cat "$out"/$TAG-"$1"-*.log 2>/dev/null | tr -d '\r' |
		sed -n "s/^bench $2: \([0-9.]*\) [a-z/A-Z]*.*/\1/p"
}
# unit NAME: ns/op, ms/op or s (lower is better), MB/s, files/s or calls/s (higher is better).
unit() {
	cat "$out"/$TAG-*-*.log 2>/dev/null | tr -d '\r' |
		sed -n "s/^bench $1: [0-9.]* \([a-z/A-Z]*\).*/\1/p" | head -1
}

names=$(cat "$out"/$TAG-ours-*.log "$out"/$TAG-linux-*.log 2>/dev/null | tr -d '\r' |
	sed -n 's/^bench \([a-z0-9_]*\):.*/\1/p' | awk '!seen[$0]++')
echo "${BENCH_TITLE:-system calls} ($FLAVOUR build of tests/progs/bench), median of $RUNS runs (TCG, -smp 2, ${BENCH_MEM:--m 512M});"
echo "ratio is ours/Linux: below 1 is better for ns/op, ms/op and s, above 1 for MB/s, files/s and calls/s:"
printf '  %-20s %12s %12s %8s  %s\n' benchmark ours linux ratio unit
for n in $names; do
	o=$(figures ours "$n" | median)
	l=$(figures linux "$n" | median)
	r=n/a
	if [ "$o" != n/a ] && [ "$l" != n/a ] && [ "$l" != 0 ]; then
		r=$(echo "scale=2; $o / $l" | bc -l)
	fi
	printf '  %-20s %12s %12s %8s  %s\n' "$n" "$o" "$l" "$r" "$(unit "$n")"
done
# Why a figure is missing: the program's own n/a lines, once per kernel.
for k in ours linux; do
	cat "$out"/$TAG-$k-*.log 2>/dev/null | tr -d '\r' | grep -a '^bench [a-z0-9_]*: n/a' |
		awk '!seen[$0]++' | sed "s/^/  $k: /"
done
