#!/usr/bin/env bash
# Every test of the project, in stages. Each stage prints PASS:/FAIL: lines;
# the last line is the total `N passed, N failed`, and the exit status is
# non-zero if anything failed. `scripts/test.sh STAGE...` runs only those
# stages (unit, ktest, faults, boot, iso, e2e, ltp, debian, oci, ext4,
# sysfuzz).
#
# Logs of every QEMU run are kept in $BUILD/test-logs/.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
LOGS=$BUILD/test-logs
mkdir -p "$LOGS"
export BUILD

passed=0
failed=0
failures=()

pass() { echo "PASS: $1"; passed=$((passed + 1)); }
fail() { echo "FAIL: $1${2:+: $2}"; failed=$((failed + 1)); failures+=("$1"); }

# Count PASS:/FAIL: lines a stage printed (and show them).
count_lines() {
	local file=$1 prefix=$2 line
	while IFS= read -r line; do
		line=${line%$'\r'}
		case "$line" in
		*"PASS: "*) pass "${prefix}${line#*PASS: }" ;;
		*"FAIL: "*) fail "${prefix}${line#*FAIL: }" ;;
		esac
	done < <(grep -a -E '(PASS|FAIL): ' "$file")
}

stage_unit() {
	echo "== unit tests (host)"
	local log=$LOGS/unit.log
	make -s BUILD="$BUILD" unit > "$log" 2>&1
	local rc=$?
	count_lines "$log" ""
	if [ $rc != 0 ] && ! grep -q 'FAIL: ' "$log"; then
		fail "unit/run.sh" "exit $rc (see $log)"
	fi
}

# ktest=all at several machine sizes: every KTEST runs in each.
stage_ktest() {
	local cfg smp mem log rc
	for cfg in 1:512M 2:512M 4:512M 2:64M 2:4G; do
		smp=${cfg%%:*}
		mem=${cfg#*:}
		echo "== ktest=all, -smp $smp -m $mem"
		log=$LOGS/ktest-smp$smp-$mem.log
		scripts/qemu.sh --smp "$smp" --mem "$mem" --timeout 300 --initrd "" \
			--append "ktest=all" < /dev/null > "$log" 2>&1
		rc=$?
		count_lines "$log" "[smp$smp,$mem] "
		if [ $rc = 0 ] && grep -aq "ready: $smp CPUs" "$log"; then
			pass "[smp$smp,$mem] ktest run: all CPUs online, clean exit"
		else
			fail "[smp$smp,$mem] ktest run" "exit $rc$(grep -aq "ready: $smp CPUs" "$log" || echo ", not all CPUs online") (see $log)"
		fi
	done
	ktest_virtio
}

# The virtio-blk tests write to their disk: a scratch image with a known
# pattern (scripts/mkvblk-test), on three machines: q35 (ECAM, MSI-X,
# indirect descriptors, event index), pc with pci=nomsi (ports 0xcf8, INTx)
# and a tiny ring without indirect descriptors or event index (requests
# waiting for room, descriptor chains, bios split into parts). QEMU's edu
# device checks MSI (q35) and INTx (pc) delivery on its own.
ktest_virtio() {
	local img=$BUILD/vblk-test.img log rc cfg name opts qargs
	local tests=virtio_blk_read,virtio_blk_write,virtio_blk_split,virtio_blk_concurrent
	tests=$tests,virtio_blk_flush,virtio_blk_eio,virtio_blk_discard,pci_enumeration,virtio_rng
	tests=$tests,pci_edu_irq,virtio_blk_readonly
	if ! scripts/mkvblk-test "$img" || ! cp "$img" "$BUILD/vblk-ro.img"; then
		fail "virtio/image" "scripts/mkvblk-test failed"
		return
	fi
	# vdb: the same contents, read-only; QEMU's edu device for MSI/INTx
	# delivery; a legacy-only virtio device the driver must refuse.
	local more="-drive file=$BUILD/vblk-ro.img,format=raw,if=none,id=ro,readonly=on"
	more="$more -device virtio-blk-pci,drive=ro -device edu"
	more="$more -device virtio-rng-pci,disable-modern=on"
	# A virtio device behind a PCI-to-PCI bridge (bus 1).
	more="$more -device pci-bridge,id=br1,chassis_nr=1 -device virtio-rng-pci,bus=br1,addr=3"
	for cfg in "q35||$more" "pc|pci=nomsi|-M pc $more" \
		"smallring|virtio_blk.queue_depth=8 virtio.no_indirect virtio.no_event_idx|$more"; do
		IFS='|' read -r name opts qargs <<< "$cfg"
		echo "== virtio-blk ktests ($name${opts:+: $opts})"
		log=$LOGS/ktest-virtio-$name.log
		# shellcheck disable=SC2086
		scripts/qemu.sh --timeout 120 --initrd "" --store "$img" \
			--append "ktest=$tests $opts" -- $qargs < /dev/null > "$log" 2>&1
		rc=$?
		count_lines "$log" "[virtio-$name] "
		if [ $rc = 0 ] && grep -aq "\[vda\]" "$log" && grep -aq "\[vdb\].*read-only" "$log"; then
			pass "[virtio-$name] ktest run: vda and read-only vdb found, clean exit"
		else
			fail "[virtio-$name] ktest run" "exit $rc (see $log)"
		fi
		if grep -aqE "virtio[0-9]+ \(0000:01:03.0\): virtio-rng" "$log"; then
			pass "[virtio-$name] virtio device behind a bridge found"
		else
			fail "[virtio-$name] bridge" "no virtio-rng at 0000:01:03.0 (see $log)"
		fi
		if grep -aq "offers only the legacy (virtio 0.9.5) interface" "$log"; then
			pass "[virtio-$name] legacy-only virtio device refused"
		else
			fail "[virtio-$name] legacy-only virtio device" "no refusal message (see $log)"
		fi
	done
	# From the shell: /dev/vda and what dd reads from it.
	echo "== virtio-blk from the shell (e2e blockdev)"
	log=$LOGS/e2e-blockdev.log
	# A fresh clone has no initramfs yet at this stage.
	if ! make -s BUILD="$BUILD" "$BUILD/initramfs.cpio" > "$LOGS/initramfs-build.log" 2>&1; then
		fail "virtio-shell/initramfs" "make initramfs failed (see $LOGS/initramfs-build.log)"
		return
	fi
	python3 tests/e2e/run.py --store "$img" --only blockdev poweroff --timeout 300 \
		--log "$log" < /dev/null > "$log.out" 2>&1
	count_lines "$log.out" "[virtio-shell] "
}

# Debian's own programs (bash, coreutils, gawk, find, tar, procps, python3
# with threads, subprocesses and a localhost TCP echo) chrooted into from
# busybox, each compared with the same command in the same tree on the host.
stage_debian() {
	local log=$LOGS/e2e-debian.log
	echo "== Debian's programs (tests/e2e/debian.py)"
	if ! make -s BUILD="$BUILD" debroot > "$LOGS/debroot.log" 2>&1; then
		fail "debian/root" "make debroot failed (see $LOGS/debroot.log)"
		return
	fi
	python3 tests/e2e/debian.py --log "$log" < /dev/null > "$log.out" 2>&1
	count_lines "$log.out" ""
}

# The OCI unpacker against the test images (scripts/mkimage, from Debian's
# packages) on the image store (scripts/mkstore): good images unpack, into
# the cache and from it, and every broken or hostile one fails cleanly.
stage_oci() {
	local log=$LOGS/ktest-oci.log rc
	echo "== OCI unpacker (images on the store)"
	if ! make -s BUILD="$BUILD" images store > "$LOGS/images.log" 2>&1; then
		fail "oci/images" "scripts/mkimage or mkstore failed (see $LOGS/images.log)"
		return
	fi
	scripts/qemu.sh --timeout 900 --mem 1G --initrd "" --store "$BUILD/store.img" \
		--append "ktest=ext4_xattr_sync,oci_unpack_images" < /dev/null > "$log" 2>&1
	rc=$?
	count_lines "$log" "[oci] "
	[ $rc = 0 ] || fail "[oci] ktest run" "exit $rc (see $log)"
	echo "== runimg (tests/e2e/runimg.py)"
	log=$LOGS/e2e-runimg.log
	python3 tests/e2e/runimg.py --log "$log" < /dev/null > "$log.out" 2>&1
	count_lines "$log.out" ""
}

# ext4 against e2fsprogs: a tree made by mke2fs -d read back exactly, the
# guest's writes checked by e2fsck and debugfs, a crash replayed, unknown
# features and corrupted metadata refused (tests/e2e/ext4.sh, 4 KiB blocks).
stage_ext4() {
	local log=$LOGS/e2e-ext4.log
	echo "== ext4 (tests/e2e/ext4.sh)"
	BUILD="$BUILD" bash tests/e2e/ext4.sh 4096 < /dev/null > "$log" 2>&1
	count_lines "$log" "[ext4] "
	log=$LOGS/e2e-ext4crash.log
	echo "== ext4 crash (tests/e2e/ext4crash.sh: QEMU killed mid-workload)"
	BUILD="$BUILD" bash tests/e2e/ext4crash.sh < /dev/null > "$log" 2>&1
	count_lines "$log" "[ext4crash] "
}

# Deliberate kernel faults must end in a panic report, not a hang.
stage_faults() {
	local name want log rc
	echo "== deliberate faults"
	for spec in "fault_demo:page fault at" "fault_stack_overflow:stack overflow"; do
		name=${spec%%:*}
		want=${spec#*:}
		log=$LOGS/$name.log
		scripts/qemu.sh --timeout 60 --initrd "" --append "ktest=$name" < /dev/null > "$log" 2>&1
		rc=$?
		if [ $rc = 3 ] && grep -aq "$want" "$log" && grep -aq "Call trace:" "$log" &&
			grep -aqE "\] (ktest_fn_)?$name|fault_demo_inner|recurse_forever" "$log"; then
			pass "fault/$name: panic with symbolized backtrace, exit 3"
		else
			fail "fault/$name" "exit $rc, expected 3 with '$want' and a symbolized trace (see $log)"
		fi
	done
}

# Random system calls (tests/progs/sysfuzz.c): first as nobody, then as
# root, each boot after running out of memory (tests/progs/memhog.c: the
# OOM killer must kill a hog). The kernel must not panic, hang, WARN or
# leave a task in an uninterruptible sleep for 30 s (khungtaskd), and must
# still run programs afterwards. SYSFUZZ_TIME seconds each (default 45), seeds from
# SYSFUZZ_SEED (default: the date, printed, so a failure can be rerun).
stage_sysfuzz() {
	local secs=${SYSFUZZ_TIME:-45} seed=${SYSFUZZ_SEED:-$(date +%s)} mode args log rc rd
	echo "== random system calls, ${secs} s as nobody and as root, seed $seed"
	for mode in nobody root; do
		args="-t $secs -s $seed"
		[ $mode = root ] && args="$args -r"
		rd=$LOGS/sysfuzz-$mode.cpio
		log=$LOGS/sysfuzz-$mode.log
		if ! scripts/mkinitramfs -o "$rd" --param "sysfuzz=\"$args\"" > "$log.build" 2>&1; then
			fail "sysfuzz/$mode" "mkinitramfs failed (see $log.build)"
			continue
		fi
		scripts/qemu.sh --timeout $((secs + 120)) --initrd "$rd" --store none \
			--append "hung_task_timeout_secs=30" < /dev/null > "$log" 2>&1
		rc=$?
		if [ $rc = 0 ] && grep -aq '@@SYSFUZZ-ALIVE' "$log" &&
			grep -aq 'memhog: ok' "$log" && grep -aq 'Out of memory: Killed process' "$log" &&
			! grep -aqE 'panic|BUG|WARNING|Oops|blocked for more than' "$log"; then
			pass "sysfuzz/$mode: $(grep -a 'sysfuzz: done' "$log" | tr -d '\r' | sed 's/^sysfuzz: done: //') (seed $seed)"
		else
			cp "$log" "$LOGS/sysfuzz-$mode-failed-$seed.log"
			fail "sysfuzz/$mode" "exit $rc$(grep -aqE 'panic|BUG|WARNING|Oops|blocked for more than' "$log" && echo ', kernel complained'), seed $seed (see $LOGS/sysfuzz-$mode-failed-$seed.log)"
		fi
	done
}

# What `make run` does: boot to the ready line with both CPUs.
stage_boot() {
	echo "== default boot (make run)"
	local log=$LOGS/boot.log
	if scripts/boot-expect.py --log "$log" --expect 'ready: 2 CPUs' --timeout 60 -- --initrd ""; then
		pass "boot/direct: banner and ready line with 2 CPUs"
	else
		fail "boot/direct" "no 'ready: 2 CPUs' line (see $log)"
	fi
	# strace=1: init's syscalls are printed with their names and results.
	log=$LOGS/boot-strace.log
	if make -s BUILD="$BUILD" "$BUILD/initramfs.cpio.gz" > /dev/null 2>&1 &&
		scripts/boot-expect.py --log "$log" --expect '\] execve = 0' --timeout 90 -- \
			--append "strace=1" && grep -aqE '\] (openat|write)\(0x' "$log"; then
		pass "boot/strace: syscalls printed by name with their results"
	else
		fail "boot/strace" "no decoded syscall lines (see $log)"
	fi
}

# GRUB ISO under SeaBIOS and OVMF; the test ISO runs the boot smoke test.
stage_iso() {
	echo "== GRUB ISO (BIOS and UEFI)"
	local log rc
	if ! make -s BUILD="$BUILD" iso ISO_CMDLINE="ktest=boot_smoke" > "$LOGS/iso-build.log" 2>&1; then
		fail "iso/build" "make iso failed (see $LOGS/iso-build.log)"
		return
	fi
	for fw in bios uefi; do
		log=$LOGS/iso-$fw.log
		if [ $fw = uefi ]; then
			scripts/qemu.sh --uefi --timeout 180 < /dev/null > "$log" 2>&1
		else
			scripts/qemu.sh --iso --timeout 120 < /dev/null > "$log" 2>&1
		fi
		rc=$?
		if [ $rc = 0 ] && grep -aq "booting via GRUB" "$log" && grep -aq "PASS: ktest/boot_smoke" "$log"; then
			pass "iso/$fw: GRUB multiboot2 boot, smoke test passed"
		else
			fail "iso/$fw" "exit $rc (see $log)"
		fi
	done
	# Leave a plain ISO behind for `make run-iso`.
	make -s BUILD="$BUILD" iso ISO_CMDLINE= > /dev/null 2>&1 || true
}

# End to end (tests/e2e/run.py): busybox sh on the serial console, the
# issue's shell commands, tests/progs in both builds against the output
# the host gave. One boot; the harness has its own timeouts.
stage_e2e() {
	echo "== end to end (tests/e2e)"
	local log=$LOGS/e2e-run.log rc
	if ! make -s BUILD="$BUILD" initramfs progs-expected > "$LOGS/e2e-build.log" 2>&1; then
		fail "e2e/build" "make initramfs progs-expected failed (see $LOGS/e2e-build.log)"
		return
	fi
	python3 tests/e2e/run.py < /dev/null > "$log" 2>&1
	rc=$?
	count_lines "$log" ""
	if [ $rc != 0 ] && ! grep -q 'FAIL: ' "$log"; then
		fail "e2e/run.py" "exit $rc (see $log)"
	fi
}

# The conformance suite under our kernel, in each of its three builds:
# musl (static), glibc (static) and glibc-dyn (dynamic, with Debian 12's
# loader and libc in the initramfs), one boot each. Tests listed in
# tests/ltp-subset/expected-pass for a flavour (NAME: every flavour,
# FLAVOUR/NAME: that one) must pass there (a regression fails the run);
# the others are the distance to Linux: reported, not counted. Measured
# under TCG on 2 cores: 3 to 5 minutes each, 12 for all three on a host
# with a load of 12.
LTP_FLAVOURS=${LTP_FLAVOURS:-musl glibc glibc-dyn}
stage_ltp() {
	local flavour
	for flavour in $LTP_FLAVOURS; do
		ltp_flavour "$flavour"
	done
}

# Names of the tests expected-pass lists for FLAVOUR.
ltp_expected() {
	awk -v f="$1" '/^[ \t]*(#|$)/ { next }
		$1 ~ /\// { split($1, a, "/"); if (a[1] == f) print a[2]; next }
		{ print $1 }' tests/ltp-subset/expected-pass
}

ltp_flavour() {
	local f=$1 log=$LOGS/ltp-$1.log rc name mem=1G
	# The static glibc build is ~340 MB of initramfs.
	[ "$f" = glibc ] && mem=2G
	echo "== conformance suite under the kernel (tests/ltp-subset, $f)"
	if ! make -s BUILD="$BUILD" "$BUILD/initramfs-ltp-$f.cpio" > "$LOGS/ltp-build-$f.log" 2>&1; then
		fail "ltp/$f/build" "see $LOGS/ltp-build-$f.log"
		return
	fi
	scripts/qemu.sh --mem "$mem" --timeout 1800 --initrd "$BUILD/initramfs-ltp-$f.cpio" \
		< /dev/null > "$log" 2>&1
	rc=$?
	# A TSC calibrated far too slow (a loaded host under TCG) makes the
	# guest's clock run fast and the tests' timeouts fire early: say so.
	local mhz
	mhz=$(tr -d '\r' < "$log" | sed -n 's/.*clock: TSC \([0-9]*\)\..*/\1/p' | head -1)
	if [ -n "$mhz" ] && [ "$mhz" -lt 1000 ]; then
		echo "warning: ltp/$f: the guest calibrated its TSC at $mhz MHz; its clock ran fast" \
			"and timeouts fired early (a loaded host?)"
	fi
	local passes total listed=0 new=0
	passes=$(tr -d '\r' < "$log" | sed -n "s|^PASS: ltp/$f/||p" | sort -u)
	total=$(tr -d '\r' < "$log" | grep -cE "^(PASS|FAIL): ltp/$f/")
	for name in $(ltp_expected "$f"); do
		listed=$((listed + 1))
		if printf '%s\n' "$passes" | grep -qx "$name"; then
			pass "ltp/$f/$name"
		else
			fail "ltp/$f/$name" "regression: listed in expected-pass ($(tr -d '\r' < "$log" | grep -m1 "^FAIL: ltp/$f/$name:" | cut -c1-120))"
		fi
	done
	new=$(printf '%s\n' "$passes" | grep -c . )
	echo "ltp/$f: $new of $total tests pass under the kernel ($listed listed in expected-pass)"
	if [ $rc != 0 ]; then
		fail "ltp/$f/run" "exit $rc: panic or hang (see $log)"
	fi
}

stages=("$@")
[ ${#stages[@]} = 0 ] && stages=(unit ktest faults boot iso e2e ltp debian oci ext4 sysfuzz)
for s in "${stages[@]}"; do
	"stage_$s"
done

echo
if [ $failed != 0 ]; then
	echo "Failed:"
	printf '  %s\n' "${failures[@]}"
fi
echo "$passed passed, $failed failed"
[ $failed = 0 ]
