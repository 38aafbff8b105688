#!/usr/bin/env bash
# ext4 crash test: QEMU is killed (SIGKILL) in the middle of a write-heavy
# workload on an ext4 disk (tests/progs/crashload: files written, a third
# of them fsync'd and announced with their checksum, renames, truncates,
# files unlinked while still open), at a point chosen by a seeded random
# count of announced files. Then, for each kill point:
#   - the disk needs recovery (its journal has committed transactions);
#     e2fsck -fy on a copy (e2fsprogs' own replay of our log and orphan
#     list) leaves a file system that e2fsck -fn finds clean, having
#     fixed nothing but the superblock's free counts (not journalled by
#     Linux either) and offered nothing but to shorten an extent tree
#     that a truncate left deeper than needed (not an inconsistency);
#   - the machine boots again and mounts it (our replay and orphan
#     cleanup; one kill point mounts read-only, as Linux allows), and the
#     guest checks every announced file's size and checksum;
#   - after that clean umount, e2fsck -fn finds the disk clean.
# Only fsync'd data and consistency are asserted, so where exactly the
# kill lands does not matter.
#
#   tests/e2e/ext4crash.sh [SEED]      (default 1)
#
# Prints "PASS: ext4crash/<case>" / "FAIL: ..." lines and "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
SEED=${1:-1}
W=$BUILD/ext4crash-e2e
PATH=$PATH:/sbin:/usr/sbin
passed=0
failed=0
pass() { echo "PASS: ext4crash/$1"; passed=$((passed + 1)); }
fail() { echo "FAIL: ext4crash/$1: $2"; failed=$((failed + 1)); }

command -v mke2fs >/dev/null || { echo "SKIP: ext4crash: no mke2fs"; echo "0 passed, 0 failed"; exit 0; }
[ -f "$BUILD/initramfs.cpio.gz" ] || { echo "FAIL: ext4crash/setup: no $BUILD/initramfs.cpio.gz"; echo "0 passed, 1 failed"; exit 1; }
rm -rf "$W"
mkdir -p "$W/root/ext4test"
printf '[options]\n\tbroken_system_clock = 1\n' > "$W/e2fsck.conf"
export E2FSCK_CONFIG=$W/e2fsck.conf

make_initrd() {   # the run.sh in $W/root/ext4test (and any list) on top of the initramfs
	chmod +x "$W/root/ext4test/run.sh"
	(cd "$W/root" && find . | cpio -o -H newc --quiet) > "$W/extra.cpio"
	cp "$BUILD/initramfs.cpio.gz" "$W/initrd" && truncate -s %4 "$W/initrd" &&
		cat "$W/extra.cpio" >> "$W/initrd"
}
fsck_summary() { grep -v '^Pass\|^e2fsck\|^ext4test\|^$' "$1" | head -4 | tr '\n' ' '; }

RANDOM=$SEED
for k in 1 2 3; do
	want=$((12 + RANDOM % 40))   # announced files before the kill
	ro=$([ $k = 2 ] && echo 1 || echo 0)
	name="kill$k"
	IMG=$W/img$k
	mke2fs -q -F -t ext4 -L ext4test -b 4096 "$IMG" 128M > "$W/mke2fs.log" 2>&1 ||
		{ fail "$name" "mke2fs: $(cat "$W/mke2fs.log")"; continue; }

	# ---- the workload, killed ----
	rm -f "$W/root/ext4test/fsynced"
	cat > "$W/root/ext4test/run.sh" <<EOF
#!/bin/sh
export PATH=/sbin:/usr/sbin:/bin:/usr/bin
mount -t proc proc /proc 2>/dev/null
[ -e /dev/vda ] || mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /mnt/e
mount -t ext4 /dev/vda /mnt/e || { echo "@@MOUNT-FAILED"; poweroff -f; }
echo "@@WORKLOAD"
/tests/glibc/crashload write /mnt/e $((SEED * 1000 + k))
sleep 1000
EOF
	make_initrd
	rm -f "$W/qemu.pid"
	scripts/qemu.sh --mem 512M --timeout 600 --initrd "$W/initrd" --store "$IMG" \
		--append "init=/ext4test/run.sh" -- -pidfile "$W/qemu.pid" \
		</dev/null > "$W/write$k.log" 2>&1 &
	qsh=$!
	killed=0
	for _ in $(seq 1 3000); do   # 0.1 s steps, at most 300 s
		n=$(grep -ac '^FSYNC ' "$W/write$k.log")
		if [ "$n" -ge "$want" ] && [ -s "$W/qemu.pid" ]; then
			kill -9 "$(cat "$W/qemu.pid")" && killed=1
			break
		fi
		grep -aq "ERROR\|@@MOUNT-FAILED\|WORKLOAD-DONE" "$W/write$k.log" && break
		kill -0 $qsh 2>/dev/null || break
		sleep 0.1
	done
	wait $qsh 2>/dev/null
	tr -d '\r' < "$W/write$k.log" | grep '^FSYNC ' > "$W/root/ext4test/fsynced"
	got=$(wc -l < "$W/root/ext4test/fsynced")
	if [ $killed = 1 ]; then
		pass "$name-killed (after $got fsync'd files, wanted $want)"
	else
		fail "$name-killed" "the workload did not get to $want fsync'd files: $(grep -a 'ERROR\|panic' "$W/write$k.log" | head -2 | tr '\n' ' ') (see $W/write$k.log)"
		continue
	fi

	# ---- the crashed disk, as Linux's tools see it ----
	if dumpe2fs -h "$IMG" 2>/dev/null | grep -q "needs_recovery"; then
		pass "$name-needs-recovery"
	else
		fail "$name-needs-recovery" "no needs_recovery flag after the kill"
	fi
	e2fsck -fn "$IMG" > "$W/fsck-before$k.log" 2>&1   # informative only: the log is not replayed
	cp "$IMG" "$IMG.e2fsprogs"
	e2fsck -fy "$IMG.e2fsprogs" > "$W/fsck-replay$k.log" 2>&1
	if e2fsck -fn "$IMG.e2fsprogs" > "$W/fsck-replay-check$k.log" 2>&1 &&
	   ! grep -v "recovering journal\|Clearing orphaned inode\|^Pass\|^e2fsck\|^ext4test\|^$\|Free blocks count wrong\|Free inodes count wrong\|^Fix? yes\|^Setting free\|orphan\|could be shorter\|could be narrower\|Optimizing extent trees" \
		"$W/fsck-replay$k.log" | grep -q .; then
		pass "$name-e2fsprogs-replay"
	else
		fail "$name-e2fsprogs-replay" "e2fsck's replay of our log: $(fsck_summary "$W/fsck-replay$k.log")"
	fi
	rm -f "$IMG.e2fsprogs"

	# ---- boot again: our replay and orphan cleanup, then the fsync'd files ----
	mopt=$([ "$ro" = 1 ] && echo "-o ro" || echo "")
	cat > "$W/root/ext4test/run.sh" <<EOF
#!/bin/sh
export PATH=/sbin:/usr/sbin:/bin:/usr/bin
mount -t proc proc /proc 2>/dev/null
[ -e /dev/vda ] || mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /mnt/e
mount -t ext4 $mopt /dev/vda /mnt/e; echo "mount=\$?"
/tests/glibc/crashload verify /mnt/e /ext4test/fsynced
ls /mnt/e/d0 > /dev/null; echo "ls=\$?"
umount /mnt/e; echo "umount=\$?"
echo "@@DONE"
poweroff -f
EOF
	make_initrd
	scripts/qemu.sh --mem 512M --timeout 300 --initrd "$W/initrd" --store "$IMG" \
		--append "init=/ext4test/run.sh" </dev/null > "$W/verify$k.log" 2>&1
	rc=$?
	if grep -aq "mount=0" "$W/verify$k.log" && grep -aq "umount=0" "$W/verify$k.log" &&
	   grep -aq "@@DONE" "$W/verify$k.log" && [ $rc = 0 ]; then
		pass "$name-remount$([ "$ro" = 1 ] && echo -ro)"
	else
		fail "$name-remount" "exit $rc (see $W/verify$k.log)"
	fi
	if grep -aq "recovery complete" "$W/verify$k.log"; then pass "$name-replayed"; else
		fail "$name-replayed" "no 'recovery complete' at mount"; fi
	if grep -aq "orphan inode.* deleted" "$W/verify$k.log"; then pass "$name-orphans-deleted"; else
		fail "$name-orphans-deleted" "the unlinked-open files were not cleaned up at mount"; fi
	v=$(grep -a "VERIFY-" "$W/verify$k.log" | tr -d '\r')
	if echo "$v" | grep -q "^VERIFY-OK $got\$"; then
		pass "$name-fsynced-intact ($got files)"
	else
		fail "$name-fsynced-intact" "$(echo "$v" | head -3 | tr '\n' ' ')"
	fi
	if e2fsck -fn "$IMG" > "$W/fsck-after$k.log" 2>&1; then
		pass "$name-fsck-clean"
	else
		fail "$name-fsck-clean" "$(fsck_summary "$W/fsck-after$k.log") (see $W/fsck-after$k.log)"
	fi
	if dumpe2fs -h "$IMG" 2>/dev/null | grep -q "needs_recovery"; then
		fail "$name-recovery-cleared" "still needs_recovery after the clean umount"
	else
		pass "$name-recovery-cleared"
	fi
done

# ---- an orphan list made by hand (debugfs): a truncate and a deletion ----
# /a (100000 bytes) has size 5000 on disk and is listed: the mount frees
# its blocks past 5000. /b has no name nor links and is listed after it:
# the mount frees it. rw and ro mounts alike.
mkdir -p "$W/osrc"
head -c 100000 /dev/urandom > "$W/osrc/a"
head -c 50000 /dev/urandom > "$W/osrc/b"
head -c 5000 "$W/osrc/a" | sha256sum | cut -d' ' -f1 > "$W/a5000.sum"
for mode in rw ro; do
	IMG=$W/orphan-$mode
	mke2fs -q -F -t ext4 -L ext4test -b 4096 -d "$W/osrc" "$IMG" 32M > "$W/mke2fs.log" 2>&1
	ia=$(debugfs -R "stat /a" "$IMG" 2>/dev/null | awk '/^Inode:/ { print $2 }')
	ib=$(debugfs -R "stat /b" "$IMG" 2>/dev/null | awk '/^Inode:/ { print $2 }')
	printf 'sif /a size 5000\nsif /a dtime %s\nunlink /b\nsif <%s> links_count 0\nssv last_orphan %s\n' \
		"$ib" "$ib" "$ia" | debugfs -w -f - "$IMG" > /dev/null 2>&1
	if e2fsck -fn "$IMG" > /dev/null 2>&1; then
		fail "orphan-$mode-setup" "debugfs did not make the orphan list"
		continue
	fi
	mopt=$([ $mode = ro ] && echo "-o ro" || echo "")
	cat > "$W/root/ext4test/run.sh" <<EOF
#!/bin/sh
export PATH=/sbin:/usr/sbin:/bin:/usr/bin
mount -t proc proc /proc 2>/dev/null
[ -e /dev/vda ] || mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /mnt/e
mount -t ext4 $mopt /dev/vda /mnt/e; echo "mount=\$?"
echo "size=\$(stat -c %s /mnt/e/a)"
umount /mnt/e; echo "umount=\$?"
echo "@@DONE"
poweroff -f
EOF
	make_initrd
	scripts/qemu.sh --mem 512M --timeout 120 --initrd "$W/initrd" --store "$IMG" \
		--append "init=/ext4test/run.sh" </dev/null > "$W/orphan-$mode.log" 2>&1
	if grep -aq "1 orphan inode deleted" "$W/orphan-$mode.log" &&
	   grep -aq "1 truncate cleaned up" "$W/orphan-$mode.log" &&
	   grep -aq "size=5000" "$W/orphan-$mode.log" && grep -aq "umount=0" "$W/orphan-$mode.log"; then
		pass "orphan-$mode-cleanup"
	else
		fail "orphan-$mode-cleanup" "see $W/orphan-$mode.log"
	fi
	if e2fsck -fn "$IMG" > "$W/fsck-orphan-$mode.log" 2>&1 &&
	   debugfs -R "stat /a" "$IMG" 2>/dev/null | grep -q "Blockcount: 16$" &&
	   [ "$(debugfs -R "cat /a" "$IMG" 2>/dev/null | sha256sum | cut -d' ' -f1)" = "$(cat "$W/a5000.sum")" ]; then
		pass "orphan-$mode-fsck-clean"
	else
		fail "orphan-$mode-fsck-clean" "$(fsck_summary "$W/fsck-orphan-$mode.log")"
	fi
done

# ---- orphan_file (newer e2fsprogs, not Debian 12's default) ----
# COMPAT_ORPHAN_FILE is a compat feature: mounted read-write, our orphans
# go on the superblock's list (Linux processes both). An orphan file with
# entries (RO_COMPAT_ORPHAN_PRESENT) is unknown here: read-only mount.
for mode in file present; do
	IMG=$W/orphanfile-$mode
	if ! mke2fs -q -F -t ext4 -O orphan_file -L ext4test -b 4096 -d "$W/osrc" "$IMG" 32M \
		> "$W/mke2fs.log" 2>&1; then
		echo "SKIP: ext4crash/orphanfile-$mode: this mke2fs has no orphan_file"
		continue
	fi
	[ $mode = present ] && debugfs -w -R "feature orphan_present" "$IMG" > /dev/null 2>&1
	cat > "$W/root/ext4test/run.sh" <<'EOF'
#!/bin/sh
export PATH=/sbin:/usr/sbin:/bin:/usr/bin
mount -t proc proc /proc 2>/dev/null
[ -e /dev/vda ] || mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /mnt/e
mount -t ext4 /dev/vda /mnt/e; echo "mount=$?"
# (a subshell: a failed redirection of exec ends a shell)
(exec 3> /mnt/e/held && echo data >&3 && rm /mnt/e/held && sleep 1); echo "write=$?"
cat /mnt/e/a > /dev/null; echo "read=$?"
umount /mnt/e; echo "umount=$?"
echo "@@DONE"
poweroff -f
EOF
	make_initrd
	scripts/qemu.sh --mem 512M --timeout 120 --initrd "$W/initrd" --store "$IMG" \
		--append "init=/ext4test/run.sh" </dev/null > "$W/orphanfile-$mode.log" 2>&1
	l=$W/orphanfile-$mode.log
	if [ $mode = file ]; then
		grep -aq "write=0" "$l" && grep -aq "umount=0" "$l" && e2fsck -fn "$IMG" > /dev/null 2>&1 &&
			pass "orphanfile-rw" || fail "orphanfile-rw" "see $l"
	else
		grep -aq "mount=0" "$l" && grep -aq "write=[1-9]" "$l" && grep -aq "read=0" "$l" &&
			grep -aq "read-only" "$l" && pass "orphanfile-present-ro" ||
			fail "orphanfile-present-ro" "see $l"
	fi
done

echo "$passed passed, $failed failed"
[ $failed = 0 ]
