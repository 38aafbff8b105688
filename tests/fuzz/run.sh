#!/usr/bin/env bash
# `make fuzz`: build the fuzzers, make the seed corpora from the test
# images, and run each target for FUZZ_TIME seconds (default 600), niced,
# all at once (the machine is shared: each is one process). Not part of
# `make test`. See docs/FUZZING.md.
#
#   FUZZ_TIME=600 FUZZ_TARGETS="fuzz_layer fuzz_image_json fuzz_user fuzz_user_msan fuzz_entry_plan" tests/fuzz/run.sh
#
# fuzz_user_msan is fuzz_user built with MemorySanitizer (build.sh msan).
#
# Corpora grow in $BUILD/fuzz/corpus/<target> across runs; crashes land in
# $BUILD/fuzz/artifacts/<target>/; logs in $BUILD/fuzz/logs/. Prints one
# line per target (executions, coverage, findings) and exits 1 when a
# target found something.
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
T=${FUZZ_TIME:-600}
TARGETS=${FUZZ_TARGETS:-fuzz_layer fuzz_image_json fuzz_user fuzz_user_msan fuzz_entry_plan}
F=$BUILD/fuzz

tests/fuzz/build.sh fuzz || exit 1
case " $TARGETS " in *" fuzz_user_msan "*) tests/fuzz/build.sh msan || exit 1 ;; esac
[ -d "$F/seeds/entry_plan" ] || python3 tests/fuzz/mkcorpus.py "$F/seeds" || exit 1
mkdir -p "$F/logs"
pids=()
for t in $TARGETS; do
	seeds=$F/seeds/${t#fuzz_}
	bin=$F/bin/$t
	max=65536
	case $t in
	fuzz_user) max=16384 ;;
	fuzz_user_msan) max=16384; seeds=$F/seeds/user; bin=$F/msan/fuzz_user ;;
	esac
	mkdir -p "$F/corpus/$t" "$F/artifacts/$t"
	nice -n 19 "$bin" -max_total_time="$T" -max_len=$max -timeout=25 -rss_limit_mb=2048 \
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
