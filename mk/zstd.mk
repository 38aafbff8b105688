# zstd in the kernel: the decompressor of Debian's zstd source package
# (scripts/fetch-src.sh zstd unpacks it into $(BUILD)/src/zstd; nothing of
# it is committed): lib/common and lib/decompress, compiled with the
# kernel's flags into $(BUILD)/zstd/ and linked into the kernel for
# libarchive's zstd filter (oci/libarchive/config.h: HAVE_ZSTD_H,
# HAVE_LIBZSTD). No compressor, no threads, no legacy formats, no
# assembly: oci/zstd/zstd_kernel.h, forced into every file, says so and
# caps the window; oci/zstd_glue.c gives it memory.
#
# Included by the top Makefile after mk/libarchive.mk, whose recipes
# expand LA_CFLAGS late and so see the include path added here.

ZSTD_SRC := $(BUILD)/src/zstd
ZSTD_STAMP := $(ZSTD_SRC)/.fetched
ZSTD_NAMES := common/entropy_common common/error_private common/fse_decompress \
	common/zstd_common common/xxhash common/debug \
	decompress/huf_decompress decompress/zstd_ddict decompress/zstd_decompress \
	decompress/zstd_decompress_block
ZSTD_OBJS := $(addprefix $(BUILD)/zstd/,$(addsuffix .o,$(ZSTD_NAMES)))

# Outside code: its warnings are shown but do not stop the build; calls to
# undeclared functions and pointer/integer mix-ups do.
ZSTD_CFLAGS = $(filter-out -Werror -Wstrict-prototypes -Wvla,$(KCFLAGS)) \
	-include oci/zstd/zstd_kernel.h -I$(ZSTD_SRC)/lib -I$(ZSTD_SRC)/lib/common \
	-Werror=implicit-function-declaration -Werror=int-conversion \
	-Werror=incompatible-pointer-types

KERNEL_OBJS += $(ZSTD_OBJS)
$(BUILD)/kernel.0.elf $(BUILD)/kernel.1.elf $(BUILD)/kernel.elf: $(ZSTD_OBJS)

$(ZSTD_STAMP):
	BUILD=$(BUILD) scripts/fetch-src.sh zstd

$(ZSTD_OBJS): $(BUILD)/zstd/%.o: $(ZSTD_STAMP) oci/zstd/zstd_kernel.h mk/zstd.mk
	@mkdir -p $(dir $@)
	$(CC) $(ZSTD_CFLAGS) -c $(ZSTD_SRC)/lib/$*.c -o $@

# libarchive's zstd filter calls zstd's public API (zstd.h).
LA_CFLAGS += -I$(ZSTD_SRC)/lib
$(LA_OBJS): | $(ZSTD_STAMP)
$(BUILD)/libarchive/archive_read_support_filter_zstd.o: mk/zstd.mk
