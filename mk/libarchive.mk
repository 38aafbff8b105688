# libarchive in the kernel: the read side of Debian's libarchive source
# package (scripts/fetch-src.sh libarchive unpacks it into
# $(BUILD)/src/libarchive; nothing of it is committed), configured by
# oci/libarchive/config.h for tar (ustar, pax, GNU) with gzip through the
# kernel's zlib, compiled with the kernel's flags into $(BUILD)/libarchive/
# and linked into the kernel. The C library under it is kernel/lib plus
# oci/libc_glue.c; oci/libarchive_glue.c fills in its platform hooks.

LA_SRC := $(BUILD)/src/libarchive
LA_STAMP := $(LA_SRC)/.fetched
LA_NAMES := archive_read archive_read_support_format_tar archive_read_support_filter_gzip \
	archive_read_support_filter_zstd archive_read_set_options archive_options archive_read_open_memory archive_read_support_format_raw \
	archive_entry archive_entry_sparse archive_entry_xattr archive_acl \
	archive_string archive_string_sprintf archive_util archive_virtual archive_check_magic
LA_OBJS := $(addprefix $(BUILD)/libarchive/,$(addsuffix .o,$(LA_NAMES)))

# Outside code: its warnings are shown but do not stop the build; calls to
# undeclared functions and pointer/integer mix-ups do.
LA_CFLAGS = $(filter-out -Werror -Wstrict-prototypes -Wall -Wextra,$(KCFLAGS)) \
	-DHAVE_CONFIG_H -Ioci/libarchive -I$(LA_SRC)/libarchive -I$(ZLIB_SRC) \
	-Werror=implicit-function-declaration -Werror=int-conversion \
	-Werror=incompatible-pointer-types -Wno-deprecated-declarations

KERNEL_OBJS += $(LA_OBJS)
$(BUILD)/kernel.0.elf $(BUILD)/kernel.1.elf $(BUILD)/kernel.elf: $(LA_OBJS)

$(LA_STAMP):
	BUILD=$(BUILD) scripts/fetch-src.sh libarchive

$(LA_OBJS): $(BUILD)/libarchive/%.o: $(LA_STAMP) oci/libarchive/config.h mk/libarchive.mk | $(ZLIB_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(LA_CFLAGS) -c $(LA_SRC)/libarchive/$*.c -o $@

$(BUILD)/obj/oci/libarchive_glue.o: KCFLAGS += -DHAVE_CONFIG_H -D__LIBARCHIVE_BUILD -Ioci/libarchive -I$(LA_SRC)/libarchive
$(BUILD)/obj/oci/libarchive_glue.o: | $(LA_STAMP)

$(BUILD)/obj/tests/ktest/oci_libarchive.o: KCFLAGS += -I$(LA_SRC)/libarchive
$(BUILD)/obj/tests/ktest/oci_libarchive.o: | $(LA_STAMP)

$(BUILD)/obj/oci/layer_read.o: KCFLAGS += -I$(LA_SRC)/libarchive
$(BUILD)/obj/oci/layer_read.o: | $(LA_STAMP)
