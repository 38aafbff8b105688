# `make fuzz` (not part of make test): the libFuzzer targets of
# tests/fuzz over oci/'s parsers and the unpack path, built for the host
# with clang (scripts/deps.sh fuzz installs it) and run FUZZ_TIME seconds
# each, niced, in parallel; `make fuzz-cov` reports the source coverage of
# their corpora. See docs/FUZZING.md.

FUZZ_TIME ?= 600

fuzz:
	bash scripts/deps.sh fuzz
	BUILD=$(BUILD) FUZZ_TIME=$(FUZZ_TIME) tests/fuzz/run.sh

fuzz-cov:
	BUILD=$(BUILD) tests/fuzz/coverage.sh

.PHONY: fuzz fuzz-cov
