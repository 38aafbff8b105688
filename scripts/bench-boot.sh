#!/usr/bin/env bash
# Boot-time benchmark: QEMU start to "ready" (ours) and to /init (Debian's
# Linux kernel, linux-image-cloud-amd64), same QEMU options (TCG, -smp 2,
# -m 512M), RUNS boots each, medians reported. Host wall time is measured
# for both; ours also reports guest time from its TSC (ns since power-on).
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
RUNS=${RUNS:-5}
out=$BUILD/bench
mkdir -p "$out"

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "n/a"; else if (NR % 2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }

ours_wall=()
ours_guest=()
for i in $(seq "$RUNS"); do
	t0=$(date +%s.%N)
	scripts/boot-expect.py --log "$out/ours-$i.log" --expect 'ready:' --timeout 60 -- --initrd "" || continue
	t1=$(date +%s.%N)
	ours_wall+=("$(echo "$t1 - $t0" | bc -l)")
	ours_guest+=("$(grep -a -o 'ready:.*since power-on' "$out/ours-$i.log" | sed -E 's/.* ([0-9.]+) ms since.*/\1/')")
done

# Debian's kernel, fetched as a package (never committed).
linux_dir=$BUILD/linux
if [ ! -f "$linux_dir/vmlinuz" ]; then
	mkdir -p "$linux_dir/pkg"
	(
		cd "$linux_dir/pkg" &&
		dep=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ {print $2; exit}') &&
		[ -n "$dep" ] && apt-get download "$dep" > /dev/null 2>&1 &&
		dpkg -x ./*.deb x && cp x/boot/vmlinuz-* ../vmlinuz
	) || echo "bench: could not fetch Debian's kernel (apt-get download); Linux column skipped" >&2
fi
linux_wall=()
if [ -f "$linux_dir/vmlinuz" ]; then
	rm -rf "$linux_dir/initrd" && mkdir -p "$linux_dir/initrd"
	gcc -static -O2 -o "$linux_dir/initrd/init" scripts/bench/init-probe.c
	(cd "$linux_dir/initrd" && echo init | cpio -o -H newc 2>/dev/null) > "$linux_dir/initrd.cpio"
	for i in $(seq "$RUNS"); do
		t0=$(date +%s.%N)
		timeout 120 qemu-system-x86_64 -machine q35 -accel tcg -cpu max -smp 2 -m 512M \
			-display none -serial stdio -monitor none -no-reboot \
			-kernel "$linux_dir/vmlinuz" -initrd "$linux_dir/initrd.cpio" \
			-append "console=ttyS0 quiet" < /dev/null 2>&1 |
			while IFS= read -r line; do
				echo "$line" >> "$out/linux-$i.log"
				case "$line" in *init-probe:*) break ;; esac
			done
		t1=$(date +%s.%N)
		pkill -f "initrd $linux_dir/initrd.cpio" 2>/dev/null
		grep -q init-probe "$out/linux-$i.log" 2>/dev/null && linux_wall+=("$(echo "$t1 - $t0" | bc -l)")
		rm -f "$out/linux-$i.log.tmp"
	done
fi

mo=$(printf '%s\n' "${ours_wall[@]}" | median)
mg=$(printf '%s\n' "${ours_guest[@]}" | median)
ml=$(printf '%s\n' "${linux_wall[@]}" | median)
echo "boot to ready/init, median of $RUNS runs (TCG, -smp 2, -m 512M):"
printf "  ours:  %.3f s host wall, %s ms guest (TSC since power-on)\n" "$mo" "$mg"
printf "  linux: %s s host wall (Debian linux-image-cloud-amd64 to /init)\n" "$ml"
if [ "$ml" != n/a ] && [ "$mo" != n/a ]; then
	printf '  ratio ours/linux (host wall): %.2f\n' "$(echo "$mo / $ml" | bc -l)"
fi
