# The vDSO (kernel/arch/x86_64/vdso): a user-mode shared object built from
# our own C, checked to need no loader (no relocations, no undefined
# symbols, no writable data), stripped, and embedded in the kernel by
# kernel/proc/vdso_image.S. $(BUILD)/vdso/vdso.so.dbg keeps the symbols and
# debug info for gdb (`add-symbol-file build/vdso/vdso.so.dbg ADDR`).
# Included by the top Makefile.

VDSO_SRC := kernel/arch/x86_64/vdso
VDSO_OUT := $(BUILD)/vdso
VDSO_CFLAGS := -std=gnu11 -O2 -g -fPIC -ffreestanding -fno-builtin -fno-common \
	-fno-stack-protector -fno-strict-aliasing -mgeneral-regs-only \
	-fasynchronous-unwind-tables -fvisibility=hidden -fno-jump-tables \
	-Wall -Wextra -Werror -Wno-unused-parameter -MMD -MP
VDSO_LDFLAGS := -nostdlib -shared -Wl,-T,$(VDSO_SRC)/vdso.lds -Wl,-soname=linux-vdso.so.1 \
	-Wl,--hash-style=both -Wl,--build-id=sha1 -Wl,-Bsymbolic -Wl,--eh-frame-hdr \
	-Wl,-z,max-page-size=4096 -Wl,-z,noexecstack -Wl,--no-undefined

$(VDSO_OUT)/vdso.o: $(VDSO_SRC)/vdso.c
	@mkdir -p $(dir $@)
	$(CC) $(VDSO_CFLAGS) -c $< -o $@

$(VDSO_OUT)/vdso.so.dbg: $(VDSO_OUT)/vdso.o $(VDSO_SRC)/vdso.lds
	$(CC) $(VDSO_LDFLAGS) -o $@ $(VDSO_OUT)/vdso.o
	@if readelf -rW $@ | grep -q 'Relocation section'; then \
		echo "vdso: $@ has relocations; it must work unrelocated" >&2; rm -f $@; exit 1; fi
	@if nm -u $@ | grep -q .; then \
		echo "vdso: $@ has undefined symbols" >&2; rm -f $@; exit 1; fi
	@if readelf -lW $@ | grep -E '^ +LOAD' | grep -q ' RW'; then \
		echo "vdso: $@ has a writable segment" >&2; rm -f $@; exit 1; fi

$(VDSO_OUT)/vdso.so: $(VDSO_OUT)/vdso.so.dbg
	objcopy -S $< $@

$(BUILD)/obj/kernel/proc/vdso_image.o: $(VDSO_OUT)/vdso.so
$(BUILD)/obj/kernel/proc/vdso_image.o: KASFLAGS += -DVDSO_IMAGE_PATH='"$(VDSO_OUT)/vdso.so"'

-include $(VDSO_OUT)/vdso.d
