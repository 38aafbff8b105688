#!/usr/bin/env bash
# ext4 end to end: an image made on the host by mke2fs -d (Debian 12's
# defaults, plus e2fsck -D so the big directory gets a hash index) is
# attached as /dev/vda; the guest mounts it, lists and checksums the whole
# tree (compared with the host's view of the source directory), then writes
# (copies, removes, renames, truncates, links), syncs and unmounts. On the
# host, e2fsck -fn must find the image clean and debugfs must read back
# what the guest wrote. Then corrupted images (superblock, inode table,
# extent tree block) must fail to mount or give EIO, never panic.
#
#   tests/e2e/ext4.sh [BLOCKSIZE]     (default: mke2fs's choice for the size)
#
# Prints "PASS: ext4/<case>" / "FAIL: ext4/<case>: why" lines and ends with
# "N passed, N failed"; exit status 1 on any failure.
set -u
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
BS=${1:-}
W=$BUILD/ext4-e2e${BS:+-$BS}
PATH=$PATH:/sbin:/usr/sbin
passed=0
failed=0
pass() { echo "PASS: ext4/$1"; passed=$((passed + 1)); }
fail() { echo "FAIL: ext4/$1: $2"; failed=$((failed + 1)); }

command -v mke2fs >/dev/null || { echo "SKIP: ext4: no mke2fs"; echo "0 passed, 0 failed"; exit 0; }
rm -rf "$W"
mkdir -p "$W/src" "$W/root/ext4test"

# ---- the source tree ----
S=$W/src
mkdir -p "$S/deep" "$S/big" "$S/sizes" "$S/links" "$S/dev"
for n in 0 1 511 512 1023 1024 1025 4095 4096 4097 8191 65536 65537 200000 1048576 3000000; do
	head -c "$n" /dev/urandom > "$S/sizes/f$n"
done
# A sparse file: data, a hole, data.
dd if=/dev/urandom of="$S/sizes/sparse" bs=4096 count=2 2>/dev/null
dd if=/dev/urandom of="$S/sizes/sparse" bs=4096 count=2 seek=300 conv=notrunc 2>/dev/null
d=$S/deep
for i in $(seq 1 30); do d=$d/level$i; done
mkdir -p "$d" && echo bottom > "$d/file"
for i in $(seq 1 5200); do echo "$i" > "$S/big/entry_with_a_longer_name_$i"; done
ln -s target_is_short "$S/links/fast"
ln -s "$(printf 'x%.0s' $(seq 1 200))/a/long/slow/symlink/target" "$S/links/slow"
ln -s ../sizes/f4096 "$S/links/rel"
echo shared > "$S/links/hard1" && ln "$S/links/hard1" "$S/links/hard2" && ln "$S/links/hard1" "$S/deep/hard3"
chmod 4755 "$S/sizes/f1"; chmod 0600 "$S/sizes/f0"; chown 1000:100 "$S/sizes/f512"
mkfifo "$S/dev/fifo"
mknod "$S/dev/null" c 1 3 2>/dev/null
mknod "$S/dev/loopish" b 7 200 2>/dev/null
mknod "$S/dev/bigminor" c 240 70000 2>/dev/null
touch -d '1999-12-31 23:59:59' "$S/sizes/f1023"

# The guest's clock may run a little ahead of the host's: e2fsck is not to
# judge superblock times here.
printf '[options]\n\tbroken_system_clock = 1\n' > "$W/e2fsck.conf"
export E2FSCK_CONFIG=$W/e2fsck.conf

IMG=$W/img
if ! mke2fs -q -F -t ext4 -L ext4test ${BS:+-b $BS} -d "$S" "$IMG" 96M >"$W/mke2fs.log" 2>&1; then
	fail mkfs "mke2fs failed: $(cat "$W/mke2fs.log")"
	echo "$passed passed, $failed failed"
	exit 1
fi
e2fsck -fyD "$IMG" >/dev/null 2>&1   # index the big directory
debugfs -w -R "ea_set /sizes/f1 user.colour blue" "$IMG" >/dev/null 2>&1
debugfs -w -R "ea_set /sizes/f1 trusted.big $(printf 'v%.0s' $(seq 1 300))" "$IMG" >/dev/null 2>&1
cp "$IMG" "$W/img.orig"
if debugfs -R "stat /big" "$IMG" 2>/dev/null | grep -q "Flags: 0x81000"; then
	pass image-htree
else
	fail image-htree "the big directory has no hash index"
fi

# The host's view: one line per name, and checksums.
host_listing() {
	(cd "$S" && find . | LC_ALL=C sort | while read -r f; do
		case $(stat -c %F "$f") in
		"character special file"|"block special file")
			stat -c '%n|%a|%u|%g|%h|%F|%t|%T' "$f" ;;
		directory) stat -c '%n|%a|%u|%g|%F|%Y' "$f" ;;
		*) stat -c '%n|%s|%a|%u|%g|%h|%F|%Y' "$f" ;;
		esac
		[ -L "$f" ] && readlink "$f"
	done)
}
# lost+found is mke2fs's, and it changed the root's mtime.
host_listing | grep -v '^\.|' > "$W/host.stat"
(cd "$S" && find . -type f | LC_ALL=C sort | xargs sha256sum) > "$W/host.sum"

# ---- the guest ----
cat > "$W/root/ext4test/run.sh" <<'EOF'
#!/bin/sh
export PATH=/sbin:/usr/sbin:/bin:/usr/bin
mount -t proc proc /proc 2>/dev/null
[ -e /dev/vda ] || mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /mnt/e
listing() {
	find . | LC_ALL=C sort | while read -r f; do
		case $(stat -c %F "$f") in
		"character special file"|"block special file")
			stat -c '%n|%a|%u|%g|%h|%F|%t|%T' "$f" ;;
		directory) stat -c '%n|%a|%u|%g|%F|%Y' "$f" ;;
		*) stat -c '%n|%s|%a|%u|%g|%h|%F|%Y' "$f" ;;
		esac
		[ -L "$f" ] && readlink "$f"
	done
}
echo "@@MOUNT"
mount -t ext4 /dev/vda /mnt/e; echo "mount=$?"
cd /mnt/e || { poweroff -f; sleep 5; }
echo "@@STAT"; listing; echo "@@END"
echo "@@SUM"; find . -type f | LC_ALL=C sort | xargs sha256sum; echo "@@END"
echo "@@DF"; df -k /mnt/e | tail -1; echo "@@END"
# writes
mkdir -p new/a/b/c && cp -a /bin new/bin && cp -a /etc new/etc
dd if=/dev/urandom of=new/rand bs=1024 count=700 2>/dev/null
dd if=/dev/urandom of=new/a/b/c/mid bs=1000 count=37 2>/dev/null
seq 1 20000 > new/seq
i=1; while [ $i -le 2600 ]; do rm big/entry_with_a_longer_name_$i; i=$((i + 1)); done
i=1; while [ $i -le 300 ]; do echo "n$i" > big/new_entry_$i; i=$((i + 1)); done
rm -rf deep/level1/level2/level3
mv new/etc new/a/b/etc2
mv sizes/f65536 new/moved
mv new/seq sizes/f0
cp sizes/f3000000 new/trunc_down && truncate -s 5000 new/trunc_down
cp sizes/f4097 new/trunc_up && truncate -s 1000000 new/trunc_up
ln new/rand new/rand_link
ln -s ../sizes/f1 new/sym
mkdir new/emptydir && rmdir new/emptydir
rm -rf new/bin
echo appended >> sizes/f1025
sync
echo "@@SUM2"; (cd new && find . -type f | LC_ALL=C sort | xargs sha256sum); echo "@@END"
echo "@@SUM3"; sha256sum big/new_entry_300 sizes/f0 sizes/f1025; echo "@@END"
cd /
umount /mnt/e; echo "umount=$?"
# read-only mount of what we wrote
mount -o ro -t ext4 /dev/vda /mnt/e; echo "romount=$?"
echo foo > /mnt/e/x 2>/dev/null; echo "rowrite=$?"
umount /mnt/e
echo "@@DONE"
poweroff -f
EOF
chmod +x "$W/root/ext4test/run.sh"
(cd "$W/root" && find . | cpio -o -H newc --quiet) > "$W/extra.cpio"
cp "$BUILD/initramfs.cpio.gz" "$W/initrd" && truncate -s %4 "$W/initrd" && cat "$W/extra.cpio" >> "$W/initrd"   # archives start 4-aligned, as Linux requires

run_guest() {   # image, log, timeout
	scripts/qemu.sh --mem 1G --timeout "$3" --initrd "$W/initrd" --store "$1" \
		--append "init=/ext4test/run.sh" </dev/null >"$2" 2>&1
}
section() { sed -n "/^@@$1\r\?\$/,/^@@END/p" "$2" | sed '1d;$d' | tr -d '\r'; }

run_guest "$IMG" "$W/guest.log" 600
rc=$?
if grep -q "mount=0" "$W/guest.log"; then pass mount; else fail mount "see $W/guest.log"; fi
if grep -qi "panic\|Oops\|BUG" "$W/guest.log"; then fail no-panic "kernel panic, see $W/guest.log"; else pass no-panic; fi
section STAT "$W/guest.log" | grep -v '^\.|\|^\./lost+found' > "$W/guest.stat"
if diff -u "$W/host.stat" "$W/guest.stat" > "$W/stat.diff"; then pass read-stat; else
	fail read-stat "listing differs ($(wc -l < "$W/stat.diff") diff lines, $W/stat.diff)"; fi
section SUM "$W/guest.log" > "$W/guest.sum"
if diff -u "$W/host.sum" "$W/guest.sum" > "$W/sum.diff"; then pass read-sha256; else
	fail read-sha256 "checksums differ ($W/sum.diff)"; fi
grep -q "umount=0" "$W/guest.log" && pass umount || fail umount "rc $rc"
grep -q "romount=0" "$W/guest.log" && grep -q "rowrite=1" "$W/guest.log" && pass ro-mount ||
	fail ro-mount "read-only mount or its EROFS"
grep -q "@@DONE" "$W/guest.log" && [ $rc = 0 ] && pass poweroff || fail poweroff "exit status $rc"

# ---- the host checks what the guest wrote ----
if e2fsck -fn "$IMG" > "$W/fsck.log" 2>&1; then pass fsck-clean; else
	fail fsck-clean "e2fsck -fn: $(grep -v '^Pass\|^e2fsck\|^ext4test' "$W/fsck.log" | head -5 | tr '\n' ' ')"; fi
section SUM2 "$W/guest.log" > "$W/guest.sum2"
ok=1
n=0
while read -r sum name; do
	got=$(debugfs -R "cat /new/${name#./}" "$IMG" 2>/dev/null | sha256sum | cut -d' ' -f1)
	[ "$got" = "$sum" ] || { ok=0; echo "  differs: new/$name" >&2; }
	n=$((n + 1))
done < "$W/guest.sum2"
[ $ok = 1 ] && [ $n -ge 10 ] && pass write-readback || fail write-readback "$n files, contents differ"
section SUM3 "$W/guest.log" > "$W/guest.sum3"
ok=1
while read -r sum name; do
	got=$(debugfs -R "cat /$name" "$IMG" 2>/dev/null | sha256sum | cut -d' ' -f1)
	[ "$got" = "$sum" ] || ok=0
done < "$W/guest.sum3"
[ $ok = 1 ] && [ -s "$W/guest.sum3" ] && pass rewrite-readback || fail rewrite-readback "overwritten files differ"
if debugfs -R "ls /deep/level1/level2" "$IMG" 2>/dev/null | grep -q level3; then
	fail rm-rf "deep/level1/level2/level3 still there"; else pass rm-rf; fi
if debugfs -R "stat /sizes/f1" "$IMG" 2>/dev/null | grep -q "user.colour"; then pass xattr-kept; else
	fail xattr-kept "user.colour lost"; fi

# ---- xattrs, statfs, read-only remount: the in-kernel test on a fresh copy ----
cp "$W/img.orig" "$W/img.kt"
scripts/qemu.sh --mem 1G --timeout 300 --store "$W/img.kt" --append "ktest=ext4_xattr" \
	</dev/null > "$W/ktest.log" 2>&1
if grep -q "PASS: ktest/ext4_xattr" "$W/ktest.log"; then pass ktest-xattr; else
	fail ktest-xattr "$(grep 'FAIL: ktest' "$W/ktest.log" | head -1 | tr -d '\r')"; fi
if e2fsck -fn "$W/img.kt" > "$W/fsck.kt.log" 2>&1; then pass ktest-fsck-clean; else
	fail ktest-fsck-clean "$(grep -v '^Pass\|^e2fsck\|^ext4test' "$W/fsck.kt.log" | head -5 | tr '\n' ' ')"; fi
if debugfs -R "ea_list /sizes/f512" "$W/img.kt" 2>/dev/null | grep -q "user.small" &&
   debugfs -R "ea_list /sizes/f1" "$W/img.kt" 2>/dev/null | grep -q 'user.new (8) = "changed!"'; then
	pass xattr-on-disk
else
	fail xattr-on-disk "debugfs does not see the xattrs the kernel set"
fi

# ---- a crash: synced files survive, the journal makes the rest consistent ----
# (poweroff -f without umount; e2fsprogs replays our log. The harder
# version, QEMU killed mid-workload and our own replay, is ext4crash.sh.)
cp "$W/img.orig" "$W/img.crash"
cat > "$W/root/ext4test/run.sh" <<'EOF'
#!/bin/sh
export PATH=/sbin:/usr/sbin:/bin:/usr/bin
mount -t proc proc /proc 2>/dev/null
[ -e /dev/vda ] || mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /mnt/e
mount -t ext4 /dev/vda /mnt/e && cd /mnt/e || { poweroff -f; sleep 5; }
mkdir durable && seq 1 5000 > durable/numbers && cp -a /etc durable/etc
rm big/entry_with_a_longer_name_7*
sync
sha256sum durable/numbers
mkdir later && seq 1 7000 > later/numbers && rm -rf deep
i=0; while [ $i -lt 200 ]; do echo $i > later/f$i; i=$((i + 1)); done
echo "@@CRASH"
poweroff -f
EOF
(cd "$W/root" && find . | cpio -o -H newc --quiet) > "$W/extra.cpio"
cp "$BUILD/initramfs.cpio.gz" "$W/initrd" && truncate -s %4 "$W/initrd" && cat "$W/extra.cpio" >> "$W/initrd"   # archives start 4-aligned, as Linux requires
run_guest "$W/img.crash" "$W/guest.crash.log" 300
if grep -q "@@CRASH" "$W/guest.crash.log"; then
	e2fsck -fy "$W/img.crash" > "$W/fsck.crash1.log" 2>&1
	if e2fsck -fn "$W/img.crash" > "$W/fsck.crash2.log" 2>&1 &&
	   ! grep -v "could be shorter\|could be narrower" "$W/fsck.crash1.log" |
	     grep -q "Inode\|Entry\|Block bitmap\|Free blocks count wrong for group"; then
		pass crash-consistent
	else
		fail crash-consistent "e2fsck after replay: $(grep -v '^Pass\|^e2fsck\|^ext4test' "$W/fsck.crash1.log" | head -4 | tr '\n' ' ')"
	fi
	want=$(seq 1 5000 | sha256sum | cut -d' ' -f1)
	got=$(debugfs -R "cat /durable/numbers" "$W/img.crash" 2>/dev/null | sha256sum | cut -d' ' -f1)
	[ "$want" = "$got" ] && pass crash-synced-data || fail crash-synced-data "durable/numbers lost or wrong"
else
	fail crash-consistent "the guest did not reach the crash point"
fi

# ---- unknown features: INCOMPAT refuses the mount, RO_COMPAT mounts read-only ----
# (bit 19 of each is unassigned; the other bits are this image's own)
feature_case() {   # name, debugfs field, value, expected guest output
	local name=$1 img=$W/img.$1
	cp "$W/img.orig" "$img"
	debugfs -w -R "ssv $2 $3" "$img" >/dev/null 2>&1
	cat > "$W/root/ext4test/run.sh" <<'EOF'
#!/bin/sh
export PATH=/sbin:/usr/sbin:/bin:/usr/bin
mount -t proc proc /proc 2>/dev/null
[ -e /dev/vda ] || mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /mnt/e
mount -t ext4 /dev/vda /mnt/e; echo "mount=$?"
touch /mnt/e/newfile 2>/dev/null; echo "write=$?"
cat /mnt/e/sizes/f1 > /dev/null 2>&1; echo "read=$?"
umount /mnt/e 2>/dev/null
echo "@@DONE"
poweroff -f
EOF
	(cd "$W/root" && find . | cpio -o -H newc --quiet) > "$W/extra.cpio"
	cp "$BUILD/initramfs.cpio.gz" "$W/initrd" && truncate -s %4 "$W/initrd" && cat "$W/extra.cpio" >> "$W/initrd"   # archives start 4-aligned, as Linux requires
	run_guest "$img" "$W/guest.$name.log" 300
	if grep -q "$4" "$W/guest.$name.log" && grep -q "@@DONE" "$W/guest.$name.log"; then
		pass "feature-$name"
	else
		fail "feature-$name" "expected '$4', see $W/guest.$name.log"
	fi
}
feature_case incompat feature_incompat 0x802c2 "mount=[1-9]"
feature_case rocompat feature_ro_compat 0x8046b "write=1"
grep -q "read=0" "$W/guest.rocompat.log" && pass feature-rocompat-reads || fail feature-rocompat-reads "no read"

# ---- corrupted images: a mount error or EIO, never a panic ----
corrupt_case() {   # name, offset-finder command
	local name=$1 off=$2 img=$W/img.$1
	cp "$IMG" "$img"
	head -c 512 /dev/urandom | dd of="$img" bs=1 seek="$off" conv=notrunc 2>/dev/null
	cat > "$W/root/ext4test/run.sh" <<'EOF'
#!/bin/sh
export PATH=/sbin:/usr/sbin:/bin:/usr/bin
mount -t proc proc /proc 2>/dev/null
[ -e /dev/vda ] || mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /mnt/e
if mount -t ext4 /dev/vda /mnt/e; then
	echo "mounted"
	(cd /mnt/e && find . -type f | xargs cat > /dev/null; ls -lR > /dev/null; cat sizes/* big/* > /dev/null) 2>&1 | tail -3
	umount /mnt/e
else
	echo "mount refused"
fi
echo "@@DONE"
poweroff -f
EOF
	(cd "$W/root" && find . | cpio -o -H newc --quiet) > "$W/extra.cpio"
	cp "$BUILD/initramfs.cpio.gz" "$W/initrd" && truncate -s %4 "$W/initrd" && cat "$W/extra.cpio" >> "$W/initrd"   # archives start 4-aligned, as Linux requires
	run_guest "$img" "$W/guest.$name.log" 300
	local rc=$?
	if [ $rc = 0 ] && grep -q "@@DONE" "$W/guest.$name.log" && ! grep -qi "panic" "$W/guest.$name.log"; then
		pass "corrupt-$name"
	else
		fail "corrupt-$name" "exit $rc, see $W/guest.$name.log"
	fi
}
bsize=$(dumpe2fs -h "$IMG" 2>/dev/null | awk -F: '/^Block size/ { gsub(/ /, "", $2); print $2 }')
itable=$(dumpe2fs "$IMG" 2>/dev/null | awk '/Inode table at/ { split($4, a, "-"); print a[1]; exit }')
extblk=$(debugfs -R "stat /sizes/f3000000" "$IMG" 2>/dev/null | awk '/^\(ETB0\)/ { sub(/.*:/, "", $1); print $1; exit }')
corrupt_case super 1024
corrupt_case itable $((itable * bsize + 256))
if [ -n "$extblk" ]; then
	corrupt_case extent $((extblk * bsize))
else
	# No extent tree block: corrupt the extent root in the inode instead.
	loc=$(debugfs -R "imap /sizes/f3000000" "$IMG" 2>/dev/null | awk '/located at block/ { sub(/,/, "", $4); print $4, $6 }')
	set -- $loc
	corrupt_case extent $(( $1 * bsize + $2 + 40 ))
fi
# A directory block of the big (htree) directory.
dblk=$(debugfs -R "bmap /big 3" "$IMG" 2>/dev/null | tail -1)
corrupt_case dirblock $((dblk * bsize + 100))

# ---- a real tree: untar ~100 MB, cp -a it, rm -rf half, sync, power off ----
# The tree is the Debian layer scripts/mkimage makes (a tar of a debootstrap
# root, about 110 MB), put on the disk by mke2fs -d. On the host afterwards:
# e2fsck -fn clean, and debugfs rdump of what the guest kept must match the
# host's own unpacking of the same tar (file checksums, symlink targets,
# modes and owners).
TAR=$BUILD/cache/debian-layer.tar
[ -f "$TAR" ] || make -s BUILD="$BUILD" images > "$W/images.log" 2>&1
if [ -f "$TAR" ]; then
	B=$W/bigtree
	rm -rf "$B" && mkdir -p "$B/src" "$B/ref" "$B/out"
	ln "$TAR" "$B/src/tree.tar" 2>/dev/null || cp "$TAR" "$B/src/tree.tar"
	mke2fs -q -F -t ext4 -L ext4test -b 4096 -d "$B/src" "$B/img" 640M > "$W/mke2fs.big.log" 2>&1
	rm -f "$B/src/tree.tar"
	tar -xf "$TAR" -C "$B/ref" --numeric-owner
	# Each copy keeps every other top-level entry: t1 the even ones, t2 the odd.
	tops=$(cd "$B/ref" && ls -A | LC_ALL=C sort)
	cat > "$W/root/ext4test/run.sh" <<'EOF'
#!/bin/sh
export PATH=/sbin:/usr/sbin:/bin:/usr/bin
mount -t proc proc /proc 2>/dev/null
[ -e /dev/vda ] || mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /mnt/e
mount -t ext4 /dev/vda /mnt/e && cd /mnt/e || { echo "@@MOUNT-FAILED"; poweroff -f; }
t0=$(date +%s)
mkdir t1 && tar -xf tree.tar -C t1; echo "untar=$?"
t1=$(date +%s)
cp -a t1 t2; echo "cp=$?"
t2=$(date +%s)
i=0
for e in $(cd t1 && ls -A | LC_ALL=C sort); do
	if [ $((i % 2)) = 0 ]; then rm -rf "t2/$e"; else rm -rf "t1/$e"; fi
	i=$((i + 1))
done
echo "rm=$?"
sync; echo "sync=$?"
t3=$(date +%s)
echo "@@TIMES untar $((t1 - t0)) cp $((t2 - t1)) rm+sync $((t3 - t2))"
echo "@@DONE"
poweroff -f
EOF
	(cd "$W/root" && find . | cpio -o -H newc --quiet) > "$W/extra.cpio"
	cp "$BUILD/initramfs.cpio.gz" "$W/initrd" && truncate -s %4 "$W/initrd" && cat "$W/extra.cpio" >> "$W/initrd"
	start=$(date +%s)
	run_guest "$B/img" "$W/guest.big.log" 900
	rc=$?
	echo "  bigtree: guest $(( $(date +%s) - start )) s; $(grep -a '@@TIMES' "$W/guest.big.log" | tr -d '\r')"
	if grep -aq "untar=0" "$W/guest.big.log" && grep -aq "cp=0" "$W/guest.big.log" &&
	   grep -aq "sync=0" "$W/guest.big.log" && grep -aq "@@DONE" "$W/guest.big.log" && [ $rc = 0 ]; then
		pass bigtree-guest
	else
		fail bigtree-guest "exit $rc, see $W/guest.big.log"
	fi
	if e2fsck -fn "$B/img" > "$W/fsck.big.log" 2>&1; then pass bigtree-fsck-clean; else
		fail bigtree-fsck-clean "$(grep -v '^Pass\|^e2fsck\|^ext4test' "$W/fsck.big.log" | head -5 | tr '\n' ' ')"; fi
	# What each copy should hold, from the host's unpacking.
	i=0
	mkdir -p "$B/want/t1" "$B/want/t2"
	for e in $tops; do
		if [ $((i % 2)) = 0 ]; then cp -a "$B/ref/$e" "$B/want/t1/"; else cp -a "$B/ref/$e" "$B/want/t2/"; fi
		i=$((i + 1))
	done
	debugfs -R "rdump /t1 /t2 $B/out" "$B/img" > "$W/rdump.log" 2>&1
	# One line per entry: type, permission bits, owner, sha256 or target.
	# (rdump drops setuid/setgid/sticky bits: those are checked below
	# with debugfs stat.)
	tree_sums() {
		(cd "$1" && {
			find . -mindepth 1 -type l -printf '%p L %l\n'
			find . -mindepth 1 -type d -printf '%p D %m %U %G\n'
			find . -mindepth 1 -type f -printf '%p F %m %U %G %s\n'
			find . -type f -print0 | xargs -0 -r sha256sum | awk '{ print $2 " S " $1 }'
		} | sed 's/ \([DF]\) [0-7]\([0-7][0-7][0-7]\) / \1 \2 /' | LC_ALL=C sort)
	}
	ok=1
	for t in t1 t2; do
		tree_sums "$B/want/$t" > "$B/want.$t.sums"
		tree_sums "$B/out/$t" > "$B/got.$t.sums"
		if ! diff -q "$B/want.$t.sums" "$B/got.$t.sums" > /dev/null; then
			ok=0
			diff "$B/want.$t.sums" "$B/got.$t.sums" | head -5 >&2
		fi
	done
	for t in t1 t2; do
		(cd "$B/want/$t" && find . -perm /7000 ! -type l) | while IFS= read -r f; do
			want_mode=$(stat -c %a "$B/want/$t/$f")
			got_mode=$(debugfs -R "stat \"/$t/${f#./}\"" "$B/img" 2>/dev/null |
				sed -n 's/.*Mode: *0*\([0-7]*\).*/\1/p' | head -1)
			[ "$want_mode" = "$got_mode" ] || echo "$t/$f: mode $got_mode, want $want_mode"
		done
	done > "$B/modes.diff"
	[ -s "$B/modes.diff" ] && { ok=0; head -3 "$B/modes.diff" >&2; }
	n=$(cat "$B/want.t1.sums" "$B/want.t2.sums" | grep -c ' F ')
	[ $ok = 1 ] && [ "$n" -gt 1000 ] && pass "bigtree-contents ($n files)" ||
		fail bigtree-contents "debugfs rdump differs from the host's tree ($B/*.sums)"
	rm -rf "$B/ref" "$B/want" "$B/out"
else
	fail bigtree "no $TAR (make images failed: $W/images.log)"
fi

# ---- a file larger than the guest's memory (page-cache reclaim) ----
# 192 MB of random data read twice by a 128 MB guest: without reclaim the
# page cache filled memory and read(2) failed with ENOMEM.
R=$W/reclaim
rm -rf "$R" && mkdir -p "$R/src"
head -c 192M /dev/urandom > "$R/src/big"
want=$(sha256sum < "$R/src/big" | cut -d' ' -f1)
if mke2fs -q -F -t ext4 -L ext4test -d "$R/src" "$R/img" 256M > "$R/mke2fs.log" 2>&1; then
	rm -f "$R/src/big"
	mkdir -p "$R/root/ext4test"
	cat > "$R/root/ext4test/run.sh" <<'EOF2'
#!/bin/sh
mount -t proc proc /proc 2>/dev/null
mkdir -p /mnt/e
mount -t ext4 /dev/vda /mnt/e; echo "mount=$?"
echo "sum1=$(sha256sum < /mnt/e/big | cut -d' ' -f1)"
echo "sum2=$(sha256sum < /mnt/e/big | cut -d' ' -f1)"
grep -E '^(MemTotal|Cached):' /proc/meminfo
umount /mnt/e
poweroff -f
EOF2
	chmod +x "$R/root/ext4test/run.sh"
	(cd "$R/root" && find . | cpio -o -H newc --quiet) > "$R/extra.cpio"
	cp "$BUILD/initramfs.cpio.gz" "$R/initrd" && truncate -s %4 "$R/initrd" && cat "$R/extra.cpio" >> "$R/initrd"
	scripts/qemu.sh --mem 128M --timeout 600 --initrd "$R/initrd" --store "$R/img" \
		--append "init=/ext4test/run.sh" </dev/null >"$R/guest.log" 2>&1
	got1=$(tr -d '\r' < "$R/guest.log" | sed -n 's/^sum1=//p')
	got2=$(tr -d '\r' < "$R/guest.log" | sed -n 's/^sum2=//p')
	if [ "$got1" = "$want" ] && [ "$got2" = "$want" ]; then pass "bigger-than-ram"; else
		fail bigger-than-ram "sha256 ${got1:-none} / ${got2:-none}, want $want ($R/guest.log)"; fi
	rm -f "$R/img"
else
	fail bigger-than-ram "mke2fs: $(cat "$R/mke2fs.log")"
fi

echo "$passed passed, $failed failed"
[ $failed = 0 ]
