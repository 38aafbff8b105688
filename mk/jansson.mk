# jansson in the kernel: Debian's jansson source package (fetched into
# $(BUILD)/src/jansson by scripts/fetch-src.sh; nothing of it committed),
# configured by oci/jansson/*.h and compiled with the kernel's flags except
# that it may use SSE registers: JSON reals are doubles. Its code may only
# run in a kernel thread that has its own FPU state (fpu_task_enable), as
# the OCI worker does; oci/json.c is the one door to it and checks that.
# strconv.c (strtod and "%.17g" through the C library) is replaced by
# oci/jansson_glue.c.

JS_SRC := $(BUILD)/src/jansson
JS_STAMP := $(JS_SRC)/.fetched
JS_NAMES := dump error hashtable hashtable_seed load memory pack_unpack strbuffer utf value version
JS_OBJS := $(addprefix $(BUILD)/jansson/,$(addsuffix .o,$(JS_NAMES)))

JS_FPFLAGS = $(filter-out -Werror -Wstrict-prototypes -Wall -Wextra -mgeneral-regs-only -mno-mmx \
	-mno-sse -mno-sse2,$(KCFLAGS)) -msse2 -mfpmath=sse
JS_CFLAGS = $(JS_FPFLAGS) -DHAVE_CONFIG_H -Ioci/jansson -I$(JS_SRC)/src \
	-Werror=implicit-function-declaration -Werror=int-conversion \
	-Werror=incompatible-pointer-types

KERNEL_OBJS += $(JS_OBJS)
$(BUILD)/kernel.0.elf $(BUILD)/kernel.1.elf $(BUILD)/kernel.elf: $(JS_OBJS)

$(JS_STAMP):
	BUILD=$(BUILD) scripts/fetch-src.sh jansson

$(JS_OBJS): $(BUILD)/jansson/%.o: $(JS_STAMP) oci/jansson/jansson_config.h oci/jansson/jansson_private_config.h mk/jansson.mk
	@mkdir -p $(dir $@)
	$(CC) $(JS_CFLAGS) -c $(JS_SRC)/src/$*.c -o $@

# The glue does floating point too (strtod), so it takes jansson's flags.
$(BUILD)/obj/oci/jansson_glue.o: oci/jansson_glue.c $(JS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(JS_FPFLAGS) -Werror -DHAVE_CONFIG_H -Ioci/jansson -I$(JS_SRC)/src -c $< -o $@
# Its test reads reals back, so it too is built for SSE (and runs its checks
# in an FPU-owning kernel thread).
$(BUILD)/obj/tests/ktest/oci_json.o: tests/ktest/oci_json.c $(JS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(JS_FPFLAGS) -Werror -Ioci/jansson -I$(JS_SRC)/src -c $< -o $@
OCI_JSON_USERS := json manifest path spec unpack load
$(BUILD)/obj/tests/ktest/oci_unpack.o $(BUILD)/obj/linuxabi/oci.o: KCFLAGS += -Ioci/jansson -I$(JS_SRC)/src
$(BUILD)/obj/tests/ktest/oci_unpack.o $(BUILD)/obj/linuxabi/oci.o: | $(JS_STAMP)
$(patsubst %,$(BUILD)/obj/oci/%.o,$(OCI_JSON_USERS)): KCFLAGS += -Ioci/jansson -I$(JS_SRC)/src
$(patsubst %,$(BUILD)/obj/oci/%.o,$(OCI_JSON_USERS)): | $(JS_STAMP)
