#!/usr/bin/env bash
# `make fuzz`: build the fuzzers, make the seed corpora from the test
# images, and run each target for FUZZ_TIME seconds (default 600), niced,
# all at once (the machine is shared: each is one process). Not part of
# `make test`. See docs/FUZZING.md.
#
#   FUZZ_TIME=600 FUZZ_TARGETS="fuzz_layer fuzz_image_json fuzz_user" tests/fuzz/run.sh
#
# Corpora grow in $BUILD/fuzz/corpus/<target> across runs; crashes land in
# $BUILD/fuzz/artifacts/<target>/; logs in $BUILD/fuzz/logs/. Prints one
# line per target (executions, coverage, findings) and exits 1 when a
# target found something.
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
T=${FUZZ_TIME:-600}
TARGETS=${FUZZ_TARGETS:-fuzz_layer fuzz_image_json fuzz_user}
F=$BUILD/fuzz

tests/fuzz/build.sh fuzz || exit 1
[ -d "$F/seeds/layer" ] || python3 tests/fuzz/mkcorpus.py "$F/seeds" || exit 1
mkdir -p "$F/logs"
pids=()
for t in $TARGETS; do
	seeds=$F/seeds/${t#fuzz_}
	max=65536
	[ "$t" = fuzz_user ] && max=16384
	mkdir -p "$F/corpus/$t" "$F/artifacts/$t"
	nice -n 19 "$F/bin/$t" -max_total_time="$T" -max_len=$max -timeout=25 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$F/artifacts/$t/" \
		"$F/corpus/$t" "$seeds" > "$F/logs/$t.log" 2>&1 &
	pids+=($!)
done
for p in "${pids[@]}"; do
	wait "$p"
done
bad=0
for t in $TARGETS; do
	log=$F/logs/$t.log
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
	corpus=$(ls "$F/corpus/$t" | wc -l)
	found=$(ls "$F/artifacts/$t" | wc -l)
	echo "fuzz: $t: ${execs:-?} executions in ${T}s, ${cov:-no coverage line}, corpus $corpus, findings $found"
	[ "$found" = 0 ] || { bad=1; ls "$F/artifacts/$t" | sed 's/^/    /'; }
done
exit $bad
