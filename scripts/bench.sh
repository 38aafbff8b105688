#!/usr/bin/env bash
# System-call micro-benchmarks: tests/progs/bench under our kernel and
# under Debian's Linux kernel (scripts/fetch-linux.sh), in the same QEMU
# (TCG, -smp 2, -m 512M) with the same initramfs, whose /init runs the
# benchmark and powers off (scripts/mkinitramfs --param bench=FLAVOUR).
# Boots alternate ours/Linux RUNS times; the figures are medians, and the
# ratio ours/Linux is printed per benchmark. No figure is asserted.
#
#   BUILD=build RUNS=3 FLAVOUR=glibc SCALE=1 scripts/bench.sh
#
# SCALE divides every iteration count (bench -s) for a quick look.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
RUNS=${RUNS:-3}
FLAVOUR=${FLAVOUR:-glibc}
SCALE=${SCALE:-1}
out=$BUILD/bench
mkdir -p "$out"

initrd=$out/initramfs-bench.cpio
params=(--param "bench=$FLAVOUR")
[ "$SCALE" != 1 ] && params+=(--param "bench_args='-s $SCALE'")
BUILD=$BUILD scripts/mkinitramfs -o "$initrd" "${params[@]}" || exit 1
linux=$(BUILD=$BUILD scripts/fetch-linux.sh) || linux=

# run NAME LOG QEMU.SH-ARGS...: one boot; the log keeps the console.
run() {
	local name=$1 log=$2 rc
	shift 2
	scripts/qemu.sh --timeout 900 --initrd "$initrd" --append "quiet" "$@" \
		< /dev/null > "$log" 2>&1
	rc=$?
	# Ours powers off through isa-debug-exit (0); Linux through ACPI,
	# which qemu.sh reports as 125.
	if ! grep -aq "@@BENCH-END $FLAVOUR" "$log"; then
		echo "bench: $name run did not finish (qemu.sh status $rc, see $log)" >&2
		return 1
	fi
	return 0
}

# Medians are taken over the logs of this invocation only.
rm -f "$out"/progs-ours-*.log "$out"/progs-linux-*.log
for i in $(seq "$RUNS"); do
	run ours "$out/progs-ours-$i.log" || true
	[ -n "$linux" ] && { run linux "$out/progs-linux-$i.log" --kernel "$linux" || true; }
done

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "n/a"; else if (NR % 2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }

# figures KERNEL NAME: the ns/op of every run of that kernel.
figures() {
	cat "$out"/progs-"$1"-*.log 2>/dev/null | tr -d '\r' |
		sed -n "s/^bench $2: \([0-9]*\) ns\/op.*/\1/p"
}

names=$(cat "$out"/progs-ours-*.log "$out"/progs-linux-*.log 2>/dev/null | tr -d '\r' |
	sed -n 's/^bench \([a-z0-9_]*\):.*/\1/p' | awk '!seen[$0]++')
echo "system calls ($FLAVOUR build of tests/progs/bench), ns/op, median of $RUNS runs (TCG, -smp 2, -m 512M):"
printf '  %-16s %12s %12s %8s\n' benchmark ours linux ratio
for n in $names; do
	o=$(figures ours "$n" | median)
	l=$(figures linux "$n" | median)
	r=n/a
	if [ "$o" != n/a ] && [ "$l" != n/a ] && [ "$l" != 0 ]; then
		r=$(echo "scale=2; $o / $l" | bc -l)
	fi
	[ "$o" = n/a ] && o="n/a"
	printf '  %-16s %12s %12s %8s\n' "$n" "$o" "$l" "$r"
done
