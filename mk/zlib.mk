# zlib in the kernel: the inflate side of Debian's zlib source package
# (scripts/fetch-src.sh zlib unpacks it into $(BUILD)/src/zlib; nothing of
# it is committed), compiled with the kernel's flags into $(BUILD)/zlib/
# and linked into the kernel. kernel/lib/zlib_glue.c gives it kmalloc/kfree
# and the gunzip API (kernel/include/kernel/gunzip.h).
#
# The top Makefile includes every mk/*.mk after its link rules: their
# prerequisite lists were expanded before KERNEL_OBJS grew here, so the
# zlib objects are added to each link as prerequisites explicitly (the
# link recipes expand $(KERNEL_OBJS) late and so see them).

ZLIB_SRC := $(BUILD)/src/zlib
ZLIB_STAMP := $(ZLIB_SRC)/.fetched
ZLIB_NAMES := inflate inftrees inffast adler32 crc32 zutil
ZLIB_OBJS := $(addprefix $(BUILD)/zlib/,$(addsuffix .o,$(ZLIB_NAMES)))

# Z_SOLO: no stdio/stdlib, no default allocator; zlib's own memcpy loops.
# zlib is outside code: its warnings are shown but do not stop the build.
ZLIB_CFLAGS = $(filter-out -Werror -Wstrict-prototypes,$(KCFLAGS)) \
	-Wno-implicit-fallthrough -Wno-old-style-definition -Wno-sign-compare \
	-I$(ZLIB_SRC)

# The whole kernel may rely on gunzip being real (tests/ktest/zlib_gunzip.c).
KCFLAGS += -DKERNEL_ZLIB
KERNEL_OBJS += $(ZLIB_OBJS)
$(BUILD)/kernel.0.elf $(BUILD)/kernel.1.elf $(BUILD)/kernel.elf: $(ZLIB_OBJS)

$(ZLIB_STAMP):
	BUILD=$(BUILD) scripts/fetch-src.sh zlib

# A static pattern: a plain one would let make chain its built-in rules
# into "remaking" the -include'd .d files from it.
$(ZLIB_OBJS): $(BUILD)/zlib/%.o: $(ZLIB_STAMP) mk/zlib.mk
	@mkdir -p $(dir $@)
	$(CC) $(ZLIB_CFLAGS) -c $(ZLIB_SRC)/$*.c -o $@

$(BUILD)/obj/kernel/lib/zlib_glue.o: KCFLAGS += -DKERNEL_ZLIB_SRC -I$(ZLIB_SRC)
$(BUILD)/obj/kernel/lib/zlib_glue.o: | $(ZLIB_STAMP)
# Their .d files are read by the Makefile's -include of $(KERNEL_OBJS:.o=.d).
