# The guest's initramfs: $(BUILD)/initramfs.cpio (cpio newc, uncompressed:
# the kernel unpacks it without zlib) and $(BUILD)/initramfs.cpio.gz (the
# same, gzip -n -9), from scripts/mkinitramfs: initramfs/ (/init, /etc),
# Debian's busybox-static with its applet links, and tests/progs in both
# builds under /tests. Included by the top Makefile after mk/progs.mk.

INITRAMFS_FILES := $(shell find initramfs -type f 2>/dev/null)

.PHONY: initramfs
initramfs: $(BUILD)/initramfs.cpio

# runimg: static with musl; the container work is the kernel's (its
# container system calls).
$(BUILD)/runimg: initramfs/runimg.c linuxabi/uapi/container.h | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	musl-gcc -static -O2 -Wall -Wextra -Werror -Wno-unused-parameter -Wno-format-truncation \
		-o $@ initramfs/runimg.c

$(BUILD)/initramfs.cpio: scripts/mkinitramfs $(INITRAMFS_FILES) tests/progs/progs.list \
		$(PROGS_BINS) $(BUILD)/runimg | $(DEPS_STAMP)
	BUILD=$(BUILD) scripts/mkinitramfs -o $@

$(BUILD)/initramfs.cpio.gz: $(BUILD)/initramfs.cpio
	gzip -n -9 -c $< > $@.tmp && mv $@.tmp $@

# Variants whose /init runs tests/ltp-subset in one flavour and powers off
# (ltp=1 baked in): `scripts/qemu.sh --initrd $(BUILD)/initramfs-ltp-musl.cpio`
# and its transcript through tests/ltp-subset/check-expected.sh. The glibc
# one is ~240 MB: boot it with --mem 2G.
$(BUILD)/initramfs-ltp-%.cpio: scripts/mkinitramfs $(INITRAMFS_FILES) $(PROGS_BINS) \
		tests/ltp-subset/run-guest.sh FORCE | $(DEPS_STAMP)
	$(MAKE) -C tests/ltp-subset $* BUILD=$(abspath $(BUILD))
	BUILD=$(BUILD) scripts/mkinitramfs -o $@ --ltp $(BUILD)/ltp --ltp-flavours $* --param ltp=1
