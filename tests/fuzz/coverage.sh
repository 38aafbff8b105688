#!/usr/bin/env bash
# Source coverage of the fuzzers' corpora (`make fuzz-cov`): the targets
# built with clang's coverage instrumentation (tests/fuzz/build.sh cov),
# each run once over its corpus and seeds (-runs=0), and llvm-cov's
# per-file line and branch figures for oci/ and for the outside code
# they drive. Writes $BUILD/fuzz/coverage.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
F=$BUILD/fuzz
tests/fuzz/build.sh cov
rm -rf "$F/profraw" && mkdir -p "$F/profraw"
bins=()
for t in fuzz_layer fuzz_image_json fuzz_user fuzz_entry_plan; do
	dirs=()
	for d in "$F/corpus/$t" "$F/seeds/${t#fuzz_}"; do
		[ -d "$d" ] && dirs+=("$d")
	done
	LLVM_PROFILE_FILE="$F/profraw/$t-%p.profraw" nice -n 19 "$F/cov/$t" -runs=0 \
		-max_len=65536 "${dirs[@]}" > "$F/profraw/$t.log" 2>&1 || true
	bins+=(-object "$F/cov/$t")
done
llvm-profdata merge -sparse "$F"/profraw/*.profraw -o "$F/fuzz.profdata"
# Only the code under test (not the harnesses themselves).
llvm-cov report "${bins[@]:1}" -instr-profile="$F/fuzz.profdata" \
	-ignore-filename-regex='tests/fuzz/' | tee "$F/coverage.txt"
