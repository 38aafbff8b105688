#!/bin/sh
# Runs the ltp-subset on the host Linux: every flavour (glibc, musl,
# glibc-dyn) of every
# test in OUT (default: ../../build/ltp), each in a fresh scratch TMPDIR.
#
#   run-host.sh [-v] [OUT] [NAME...]
#
# Prints `PASS: ltp/FLAVOUR/NAME` or `FAIL: ltp/FLAVOUR/NAME: reason` per test
# and ends with `N passed, N failed`; exits 1 on any failure. A test that
# ends in TCONF (exit 32) passes only when HOST-CONF lists it (as NAME or
# FLAVOUR/NAME) with the reason the host cannot run it. Each test's output
# is kept in OUT/host-logs/FLAVOUR/NAME.log; -v prints it for failures.

here=$(cd "$(dirname "$0")" && pwd)
verbose=0
if [ "$1" = "-v" ]; then verbose=1; shift; fi
out=${1:-$here/../../build/ltp}
[ $# -gt 0 ] && shift
names="$*"
conf_list=$here/HOST-CONF
per_test_timeout=${LTP_TIMEOUT:-120}

if [ "$(id -u)" != 0 ]; then
	echo "run-host.sh: the suite must run as root" >&2
	exit 2
fi
if [ ! -d "$out/glibc" ] || [ ! -d "$out/musl" ] || [ ! -d "$out/glibc-dyn" ]; then
	echo "run-host.sh: no builds in $out (make -C tests/ltp-subset first)" >&2
	exit 2
fi
out=$(cd "$out" && pwd)

# host_conf FLAVOUR NAME: prints the HOST-CONF reason, fails if not listed.
host_conf() {
	[ -f "$conf_list" ] || return 1
	awk -v a="$2" -v b="$1/$2" '
		/^[ \t]*#/ || NF == 0 { next }
		$1 == a || $1 == b { $1 = ""; sub(/^ +/, ""); print; found = 1; exit }
		END { exit !found }' "$conf_list"
}

passed=0
failed=0
for flavour in ${LTP_FLAVOURS:-glibc musl glibc-dyn}; do
	mkdir -p "$out/host-logs/$flavour"
	if [ -n "$names" ]; then list=$names; else list=$(ls "$out/$flavour"); fi
	for name in $list; do
		bin=$out/$flavour/$name
		[ -f "$bin" ] && [ -x "$bin" ] || { echo "FAIL: ltp/$flavour/$name: no binary"; failed=$((failed + 1)); continue; }
		log=$out/host-logs/$flavour/$name.log
		scratch=$(mktemp -d "${TMPDIR:-/tmp}/ltp-host.XXXXXX")
		chmod 755 "$scratch"
		(cd "$scratch" && TMPDIR=$scratch timeout -k 5 "$per_test_timeout" "$bin") >"$log" 2>&1 </dev/null
		rc=$?
		leftover=$(ls -A "$scratch")
		rm -rf "$scratch"
		reason=
		case $rc in
		0) ;;
		32)
			if why=$(host_conf "$flavour" "$name"); then
				echo "TCONF accepted on the host: $why" >>"$log"
			else
				reason="TCONF not listed in HOST-CONF: $(grep -m1 'TCONF' "$log")"
			fi ;;
		124|137) reason="killed by the ${per_test_timeout}s timeout" ;;
		*)
			reason=$(grep -m1 -E 'TFAIL|TBROK' "$log")
			[ -n "$reason" ] || reason="exit status $rc" ;;
		esac
		if [ -z "$reason" ] && [ -n "$leftover" ]; then
			reason="left files in TMPDIR: $leftover"
		fi
		if [ -z "$reason" ]; then
			echo "PASS: ltp/$flavour/$name"
			passed=$((passed + 1))
		else
			echo "FAIL: ltp/$flavour/$name: $reason"
			[ $verbose = 1 ] && sed 's/^/    /' "$log"
			failed=$((failed + 1))
		fi
	done
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
