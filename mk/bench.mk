# System-call micro-benchmarks (tests/progs/bench.c) under our kernel and
# under Debian's Linux kernel in the same QEMU: scripts/bench.sh prints
# each figure and the ratio ours/Linux. `make bench` runs it after the boot
# benchmark. The disk figures (ext4 on virtio-blk) need the host's mke2fs
# (e2fsprogs): bench.sh makes a fresh image for every boot. Included by the top Makefile after mk/progs.mk.

.PHONY: bench-progs
bench-progs: $(BUILD)/kernel.elf $(PROGS_BINS) | $(DEPS_STAMP)
	BUILD=$(BUILD) scripts/bench.sh
