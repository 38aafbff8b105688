# End-to-end tests in QEMU (tests/e2e/run.py): boot the kernel with the
# initramfs, drive busybox sh on the serial console, compare tests/progs
# output with the host's. `make e2e-linux` runs the same tests under
# Debian's Linux kernel (the harness's own check: all pass there).
# Included by the top Makefile after mk/initramfs.mk.

E2E_OPTS ?=

.PHONY: e2e e2e-linux
e2e: $(BUILD)/kernel.elf $(BUILD)/initramfs.cpio $(PROGS_EXPECTED) | $(DEPS_STAMP)
	BUILD=$(BUILD) $(PYTHON) tests/e2e/run.py $(E2E_OPTS)

e2e-linux: $(BUILD)/initramfs.cpio $(PROGS_EXPECTED) | $(DEPS_STAMP)
	BUILD=$(BUILD) $(PYTHON) tests/e2e/run.py --linux $(E2E_OPTS)
