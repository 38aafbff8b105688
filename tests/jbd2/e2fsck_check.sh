#!/bin/sh
# Linux's e2fsck replays journals our jbd2 wrote. Boots the kernel with
# the manual ktest jbd2_e2fsck_dump, which recovers the debugfs-made images
# of $(BUILD)/gen/jbd2_images.h (tests/jbd2/mkimages.sh), commits transactions of its own (a volume
# label in the ext4 superblock, new blocks, a revoke, an escaped block) and
# prints the crash image; this rebuilds each image, checks e2fsprogs reads
# our log (logdump), lets e2fsck replay it, and checks the result:
#   e2fsck -fn clean afterwards, label "jbd2-ktest", block 3005 revoked
#   (zeros), 3006 = 'Z' (the later of two transactions), 3007 = magic + 'W'.
# It also checks e2fsck -fn finds our replay of debugfs's journals clean.
# Needs a built kernel (make) and e2fsprogs. Exit 0 when all pass.
set -e
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
scripts/qemu.sh --timeout 300 --append "ktest=jbd2_e2fsck_dump" >"$tmp/log" 2>&1 || true
grep -q "PASS: ktest/jbd2_e2fsck_dump" "$tmp/log" || { grep -E "FAIL|jbd2" "$tmp/log"; echo "FAIL: ktest"; exit 1; }
python3 - "$tmp" <<'PY'
import re, sys
d = sys.argv[1]
imgs = {}
for line in open(d + '/log', errors='replace'):
    m = re.search(r'JBD2DUMP (\S+) (\S+)(?: (\S+))?', line)
    if not m:
        continue
    name, a, b = m.groups()
    if a == 'size':
        imgs[name] = bytearray(int(b))
    elif a != 'end':
        off = int(a)
        imgs[name][off:off + 256] = bytes.fromhex(b)
for name, img in imgs.items():
    open('%s/%s.img' % (d, name), 'wb').write(img)
    print(name)
PY
fail=0
blk() { dd if="$1" bs="$2" skip="$3" count=1 2>/dev/null | od -An -v -tx1 | tr -d ' \n'; }
want() { python3 -c "import sys; bs=int(sys.argv[1]); p=bytes.fromhex(sys.argv[2]); c=sys.argv[3]; print((p + c.encode()*(bs-len(p))).hex())" "$1" "$2" "$3"; }
zero() { [ -z "$(blk "$1" "$2" "$3" | tr -d 0)" ]; }
# Our replay of debugfs's journals: clean, with the blocks e2fsck's own
# replay gives (the v1 image ends after transaction 1, see jbd2_linux.c).
for img in "$tmp"/rec_*.img; do
	name=$(basename "$img" .img)
	bs=$(dumpe2fs -h "$img" 2>/dev/null | awk '/^Block size/{print $3}')
	ok=1
	e2fsck -fn "$img" >"$tmp/$name.fsck" 2>&1 || { echo "FAIL: $name: e2fsck -fn"; cat "$tmp/$name.fsck"; ok=0; }
	[ "$(blk "$img" "$bs" 3000)" = "$(want "$bs" '' A)" ] || { echo "FAIL: $name: block 3000"; ok=0; }
	[ "$(blk "$img" "$bs" 3002)" = "$(want "$bs" '' C)" ] || { echo "FAIL: $name: block 3002"; ok=0; }
	zero "$img" "$bs" 3004 || { echo "FAIL: $name: uncommitted block 3004 replayed"; ok=0; }
	case $name in
	*csum2*) [ "$(blk "$img" "$bs" 3001)" = "$(want "$bs" '' B)" ] && zero "$img" "$bs" 3003 ||
			{ echo "FAIL: $name: blocks 3001/3003"; ok=0; } ;;
	*) zero "$img" "$bs" 3001 && [ "$(blk "$img" "$bs" 3003)" = "$(want "$bs" c03b3998 D)" ] ||
			{ echo "FAIL: $name: blocks 3001/3003"; ok=0; } ;;
	esac
	[ $ok = 1 ] && echo "PASS: $name: our replay of debugfs's journal, e2fsck -fn clean" || fail=1
	rm -f "$img"
done
for img in "$tmp"/*.img; do
	name=$(basename "$img" .img)
	bs=$(dumpe2fs -h "$img" 2>/dev/null | awk '/^Block size/{print $3}')
	debugfs -R "logdump" "$img" >"$tmp/$name.logdump" 2>&1
	if ! grep -q "commit block" "$tmp/$name.logdump"; then
		echo "FAIL: $name: debugfs logdump finds no commit in our log"; fail=1
	fi
	label0=$(dumpe2fs -h "$img" 2>/dev/null | awk -F": *" "/^Filesystem volume name/{print \$2}")
	[ "$label0" != "jbd2-ktest" ] || { echo "FAIL: $name: label already home before replay"; fail=1; }
	e2fsck -fy "$img" >"$tmp/$name.fsck1" 2>&1 || true
	grep -q "recovering journal" "$tmp/$name.fsck1" || { echo "FAIL: $name: e2fsck did not replay"; cat "$tmp/$name.fsck1"; fail=1; }
	if ! e2fsck -fn "$img" >"$tmp/$name.fsck2" 2>&1; then
		echo "FAIL: $name: e2fsck -fn not clean after replay"; cat "$tmp/$name.fsck2"; fail=1
	fi
	label=$(dumpe2fs -h "$img" 2>/dev/null | awk -F': *' '/^Filesystem volume name/{print $2}')
	[ "$label" = "jbd2-ktest" ] || { echo "FAIL: $name: label '$label'"; fail=1; }
	zero "$img" "$bs" 3005 || { echo "FAIL: $name: revoked block 3005 was replayed"; fail=1; }
	[ "$(blk "$img" "$bs" 3006)" = "$(want "$bs" '' Z)" ] || { echo "FAIL: $name: block 3006"; fail=1; }
	[ "$(blk "$img" "$bs" 3007)" = "$(want "$bs" c03b3998 W)" ] || { echo "FAIL: $name: block 3007 (escaped)"; fail=1; }
	[ $fail = 0 ] && echo "PASS: $name: e2fsck replayed our journal, clean afterwards"
done
[ -n "$KEEP" ] && cp -r "$tmp" "$KEEP"
exit $fail
