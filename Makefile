# The one build file. Sources are picked up by folder; everything generated
# goes to $(BUILD). `make help` lists the targets.

BUILD ?= build
CC := gcc
AS := gcc
LD := ld
PYTHON ?= python3

# Install missing Debian packages once per invocation of the main targets.
DEPS_STAMP := $(BUILD)/.deps-ok

KERNEL_DIRS := kernel/arch/x86_64 kernel/core kernel/mm kernel/sched kernel/proc \
	kernel/fs kernel/fs/ext4 kernel/fs/jbd2 kernel/block kernel/drivers kernel/drivers/virtio \
	kernel/ipc kernel/net kernel/lib kernel/cgroup \
	linuxabi procfs sysfs overlayfs oci tests/ktest
KERNEL_C := $(foreach d,$(KERNEL_DIRS),$(wildcard $(d)/*.c))
KERNEL_S := $(wildcard boot/*.S) $(foreach d,$(KERNEL_DIRS),$(wildcard $(d)/*.S))
KERNEL_OBJS := $(patsubst %.c,$(BUILD)/obj/%.o,$(KERNEL_C)) $(patsubst %.S,$(BUILD)/obj/%.o,$(KERNEL_S))

GCC_INCLUDE := $(shell $(CC) -print-file-name=include)

KCFLAGS := -std=gnu11 -ffreestanding -nostdinc -isystem $(GCC_INCLUDE) \
	-Ikernel/include -Ikernel/lib/include -I. -I$(BUILD)/gen \
	-mno-red-zone -mcmodel=kernel -mgeneral-regs-only -mno-mmx -mno-sse -mno-sse2 \
	-fno-pic -fno-pie -fno-common -fno-strict-aliasing \
	-fno-omit-frame-pointer -mno-omit-leaf-frame-pointer \
	-fno-asynchronous-unwind-tables -fno-unwind-tables \
	-fstack-protector-strong -mstack-protector-guard=global \
	-fcf-protection=none -fno-jump-tables \
	-O2 -g -Wall -Wextra -Werror -Wno-unused-parameter -Wvla -Wstrict-prototypes \
	-MMD -MP
KASFLAGS := -D__ASSEMBLER__ -Wa,--noexecstack -nostdinc -Ikernel/include -I. -g -MMD -MP
KLDFLAGS := -nostdlib -static -z max-page-size=4096 -z noexecstack \
	--no-warn-rwx-segments -T boot/linker.ld

all: kernel

FORCE:

.PHONY: FORCE compat all kernel run run-iso iso test unit ktest e2e clean deps help gdb bench ltp ltp-host sysfuzz

deps: $(DEPS_STAMP)
$(DEPS_STAMP): scripts/deps.sh
	@mkdir -p $(BUILD)
	bash scripts/deps.sh
	@touch $@

kernel: $(BUILD)/kernel.elf

# The syscall dispatch list and docs/COMPAT.md come from one table.
$(BUILD)/gen/syscalls.gen.h: linuxabi/syscall_64.tbl scripts/gen-syscalls
	@mkdir -p $(dir $@)
	$(PYTHON) scripts/gen-syscalls $< --header $@
$(BUILD)/obj/kernel/core/syscall.o: $(BUILD)/gen/syscalls.gen.h

# Ext4 images whose journals e2fsprogs filled, for the jbd2 ktest (made
# here by e2fsprogs' own debugfs, never committed).
$(BUILD)/gen/jbd2_images.h: tests/jbd2/mkimages.sh | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	sh tests/jbd2/mkimages.sh $@.tmp && mv $@.tmp $@
$(BUILD)/obj/tests/ktest/jbd2_linux.o: $(BUILD)/gen/jbd2_images.h

# With the transcripts of `make ltp` (both builds) the table also shows
# each syscall's conformance pass rate.
LTP_LOGS = $(BUILD)/test-logs/ltp-glibc.log $(BUILD)/test-logs/ltp-musl.log \
	$(BUILD)/test-logs/ltp-glibc-dyn.log
compat:
	$(PYTHON) scripts/gen-syscalls linuxabi/syscall_64.tbl --compat docs/COMPAT.md $(LTP_LOGS)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/obj/%.o: %.S
	@mkdir -p $(dir $@)
	$(AS) $(KASFLAGS) -c $< -o $@

# Three links: the symbol table is generated from the previous link and its
# size settles after the second; the last two must agree exactly.
$(BUILD)/kernel.0.elf: $(KERNEL_OBJS) boot/linker.ld
	$(LD) $(KLDFLAGS) -o $@ $(KERNEL_OBJS)

$(BUILD)/ksyms.1.S: $(BUILD)/kernel.0.elf scripts/gen-ksyms
	$(PYTHON) scripts/gen-ksyms $< > $@
$(BUILD)/ksyms.2.S: $(BUILD)/kernel.1.elf scripts/gen-ksyms
	$(PYTHON) scripts/gen-ksyms $< > $@
$(BUILD)/ksyms.%.o: $(BUILD)/ksyms.%.S
	$(AS) $(KASFLAGS) -c $< -o $@

$(BUILD)/kernel.1.elf: $(KERNEL_OBJS) $(BUILD)/ksyms.1.o boot/linker.ld
	$(LD) $(KLDFLAGS) -o $@ $(KERNEL_OBJS) $(BUILD)/ksyms.1.o

$(BUILD)/kernel.elf: $(KERNEL_OBJS) $(BUILD)/ksyms.2.o boot/linker.ld
	$(LD) $(KLDFLAGS) -o $@ $(KERNEL_OBJS) $(BUILD)/ksyms.2.o
	@$(PYTHON) scripts/gen-ksyms $@ | cmp -s - $(BUILD)/ksyms.2.S || \
		{ echo "kernel symbol table did not settle after three links" >&2; rm -f $@; exit 1; }

# GRUB ISO that boots under BIOS and UEFI.
# ISO_CMDLINE adds kernel options to the GRUB entry (the tests boot the ISO
# with ktest=boot_smoke). The ISO is rebuilt every time: it takes a second.
ISO_CMDLINE ?=
iso: $(BUILD)/kernel.iso
$(BUILD)/kernel.iso: $(BUILD)/kernel.elf boot/grub.cfg $(DEPS_STAMP) FORCE
	@rm -rf $(BUILD)/isodir && mkdir -p $(BUILD)/isodir/boot/grub
	cp $(BUILD)/kernel.elf $(BUILD)/isodir/boot/kernel.elf
	sed 's|@CMDLINE@|$(ISO_CMDLINE)|' boot/grub.cfg > $(BUILD)/isodir/boot/grub/grub.cfg
	@if [ -f $(BUILD)/initramfs.cpio.gz ]; then cp $(BUILD)/initramfs.cpio.gz $(BUILD)/isodir/boot/; fi
	grub-mkrescue -o $@ $(BUILD)/isodir 2>$(BUILD)/grub-mkrescue.log || { cat $(BUILD)/grub-mkrescue.log; exit 1; }

# make run IMAGE=debian.tar: straight into that image (init's runimg=).
RUN_APPEND = $(if $(IMAGE),--append "runimg=$(IMAGE)")
run: $(DEPS_STAMP) kernel store
	scripts/qemu.sh $(RUN_APPEND) $(QEMU_OPTS)

run-iso: $(DEPS_STAMP) iso
	scripts/qemu.sh --iso $(QEMU_OPTS)

gdb: $(DEPS_STAMP) kernel
	scripts/qemu.sh --timeout 0 $(QEMU_OPTS) -- -s -S

test: $(DEPS_STAMP) kernel
	BUILD=$(BUILD) scripts/test.sh

unit:
	BUILD=$(BUILD) KLIB_KERNEL_CFLAGS="$(KCFLAGS)" bash tests/unit/run.sh

ktest: $(DEPS_STAMP) kernel
	BUILD=$(BUILD) scripts/test.sh ktest

# Random system calls (part of make test, 45 s a mode there); longer runs:
# make sysfuzz SYSFUZZ_TIME=600 [SYSFUZZ_SEED=N]
sysfuzz: $(DEPS_STAMP) kernel initramfs
	BUILD=$(BUILD) scripts/test.sh sysfuzz

clean:
	rm -rf $(BUILD)

help:
	@echo "make         build $(BUILD)/kernel.elf"
	@echo "make run     boot it in QEMU (serial console on this terminal)"
	@echo "make iso     build $(BUILD)/kernel.iso (GRUB, BIOS and UEFI)"
	@echo "make test    every test; ends with 'N passed, N failed'"
	@echo "make gdb     boot stopped, gdb stub on :1234"
	@echo "make clean   remove $(BUILD)"

# Fragments for generated userland and fetched sources, in dependency order
# (a rule's prerequisites are expanded when it is read): the test programs
# before the initramfs that packs them, before the suites that boot it.
MK_ORDER := mk/zlib.mk mk/libarchive.mk mk/jansson.mk mk/progs.mk mk/initramfs.mk mk/e2e.mk mk/bench.mk
include $(MK_ORDER)
-include $(filter-out $(MK_ORDER),$(wildcard mk/*.mk))

-include $(KERNEL_OBJS:.o=.d)

# `make` also builds the guest's initramfs; `make run` boots it.
all: $(BUILD)/initramfs.cpio.gz
run gdb: $(BUILD)/initramfs.cpio.gz

# Benchmarks (docs/PERFORMANCE.md): boot to ready, then the syscall-level
# programs, each against Debian's Linux kernel in the same QEMU.
bench: $(DEPS_STAMP) kernel $(PROGS_BINS)
	BUILD=$(BUILD) scripts/bench-boot.sh
	BUILD=$(BUILD) scripts/bench.sh
	BUILD=$(BUILD) scripts/bench-runimg.sh

# The conformance suite under our kernel, every build (musl, glibc static,
# glibc-dyn; the glibc initramfs is ~340 MB: it boots with 2 GiB). Prints
# per-test results and `N passed, N failed` for each; fails if a test listed
# in expected-pass fails. `make compat` then puts the pass rates into
# docs/COMPAT.md.
LTP_FLAVOURS ?= musl glibc glibc-dyn
ltp: $(DEPS_STAMP) kernel $(foreach f,$(LTP_FLAVOURS),$(BUILD)/initramfs-ltp-$(f).cpio)
	@mkdir -p $(BUILD)/test-logs
	@for f in $(LTP_FLAVOURS); do \
		echo "== ltp-subset, $$f build"; \
		scripts/qemu.sh --mem 2G --timeout 1800 --initrd $(BUILD)/initramfs-ltp-$$f.cpio \
			< /dev/null | tee $(BUILD)/test-logs/ltp-$$f.log | tr -d '\r' | \
			grep -a -E '^(PASS|FAIL): |passed, .* failed'; \
	done
	cat $(foreach f,$(LTP_FLAVOURS),$(BUILD)/test-logs/ltp-$(f).log) > $(BUILD)/test-logs/ltp-all.log
	tests/ltp-subset/check-expected.sh $(BUILD)/test-logs/ltp-all.log

# The conformance suite on the host Linux: every test must pass there.
ltp-host: $(DEPS_STAMP)
	$(MAKE) -C tests/ltp-subset host BUILD=$(abspath $(BUILD))
