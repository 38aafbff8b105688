#!/bin/sh
# Checks a run's output against expected-pass: every test listed there must
# have a `PASS: ltp/FLAVOUR/NAME` line in LOG (a run-guest.sh or
# run-host.sh transcript; serial-console carriage returns are fine).
#
#   check-expected.sh LOG [EXPECTED-LIST]
#
# A list entry NAME means every flavour (glibc, musl, glibc-dyn), FLAVOUR/NAME
# only that one; only the flavours LOG has results for are checked. Prints
# `REGRESSION: ltp/FLAVOUR/NAME` for each missing pass and exits 1 if any.

log=$1
list=${2:-$(dirname "$0")/expected-pass}
if [ -z "$log" ] || [ ! -f "$log" ] || [ ! -f "$list" ]; then
	echo "usage: check-expected.sh LOG [EXPECTED-LIST]" >&2
	exit 2
fi
passes=$(tr -d '\r' <"$log" | sed -n 's/^PASS: ltp\///p')
ran=$(tr -d '\r' <"$log" | sed -n 's/^\(PASS\|FAIL\): ltp\/\([^/]*\)\/.*/\2/p' | sort -u)
missing=0
listed=0
while read -r name rest; do
	case $name in '' | '#'*) continue ;; esac
	case $name in
	*/*) flavours=${name%%/*}; base=${name#*/} ;;
	*) flavours="glibc musl glibc-dyn"; base=$name ;;
	esac
	for f in $flavours; do
		printf '%s\n' "$ran" | grep -qx "$f" || continue
		listed=$((listed + 1))
		if ! printf '%s\n' "$passes" | grep -qx "$f/$base"; then
			echo "REGRESSION: ltp/$f/$base"
			missing=$((missing + 1))
		fi
	done
done <"$list"
echo "$((listed - missing)) of $listed expected passes seen"
[ "$missing" = 0 ]
