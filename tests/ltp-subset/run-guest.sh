#!/bin/sh
# Runs ltp-subset binaries inside the guest; plain POSIX sh (busybox sh).
#
#   run-guest.sh [-v] [-t SECONDS] [-p PREFIX] DIR [NAME...]
#
# Runs every program in DIR (or only the NAMEs), each in its own scratch
# directory under ${TMPDIR:-/tmp} and with a per-test timeout (default 150 s,
# on top of the harness's own), and prints `PASS: PREFIX/NAME` or
# `FAIL: PREFIX/NAME: reason`, then `N passed, N failed`. PREFIX defaults to
# ltp/ and DIR's last component (so /ltp/musl gives ltp/musl/NAME). TCONF
# (exit 32) is a failure here. -v prints the output of failing tests.
# Exits 1 on any failure.

verbose=0
secs=150
prefix=
while [ $# -gt 0 ]; do
	case $1 in
	-v) verbose=1; shift ;;
	-t) secs=$2; shift 2 ;;
	-p) prefix=$2; shift 2 ;;
	*) break ;;
	esac
done
dir=$1
if [ -z "$dir" ] || [ ! -d "$dir" ]; then
	echo "usage: run-guest.sh [-v] [-t SECONDS] [-p PREFIX] DIR [NAME...]" >&2
	exit 2
fi
shift
dir=$(cd "$dir" && pwd)
[ -n "$prefix" ] || prefix=ltp/${dir##*/}
base=${TMPDIR:-/tmp}
log=$base/ltp-guest.$$.log

# run_limited SECONDS CMD...: runs CMD, SIGKILLs it after SECONDS.
run_limited() {
	limit=$1
	shift
	"$@" &
	child=$!
	(
		trap 'kill $sleeper 2>/dev/null; exit 0' TERM
		sleep "$limit" &
		sleeper=$!
		wait $sleeper
		kill -KILL $child 2>/dev/null
	) &
	watcher=$!
	wait $child
	status=$?
	kill $watcher 2>/dev/null
	wait $watcher 2>/dev/null
	return $status
}

if [ $# -gt 0 ]; then list=$*; else list=$(ls "$dir"); fi
passed=0
failed=0
n=0
for name in $list; do
	n=$((n + 1))
	bin=$dir/$name
	if [ ! -f "$bin" ]; then
		echo "FAIL: $prefix/$name: no binary"
		failed=$((failed + 1))
		continue
	fi
	scratch=$base/ltp-guest.$$.$n
	mkdir -p "$scratch" && chmod 755 "$scratch"
	TMPDIR=$scratch run_limited "$secs" "$bin" >"$log" 2>&1 </dev/null
	rc=$?
	rm -rf "$scratch"
	reason=
	case $rc in
	0) ;;
	32) reason="TCONF: $(grep -m1 TCONF "$log")" ;;
	137) reason="killed after ${secs}s" ;;
	*)
		reason=$(grep -m1 -E 'TFAIL|TBROK' "$log")
		[ -n "$reason" ] || reason="exit status $rc" ;;
	esac
	if [ -z "$reason" ]; then
		echo "PASS: $prefix/$name"
		passed=$((passed + 1))
	else
		echo "FAIL: $prefix/$name: $reason"
		[ $verbose = 1 ] && sed 's/^/    /' "$log"
		failed=$((failed + 1))
	fi
done
rm -f "$log"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
