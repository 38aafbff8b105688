/*
 * What the boot loader told us, copied out of its structures early (they live
 * in memory the page allocator will reuse). Filled by bootinfo.c from either
 * multiboot2 (GRUB) or PVH's hvm_start_info (QEMU -kernel).
 */
#ifndef KERNEL_BOOT_H
#define KERNEL_BOOT_H

#include <kernel/types.h>

#define BOOT_PROTO_MB2 1
#define BOOT_PROTO_PVH 2

#define BOOT_MAX_MEM_REGIONS 128
#define BOOT_MAX_MODULES 16
#define BOOT_CMDLINE_MAX 1024

enum boot_mem_type {
	BOOT_MEM_USABLE = 1,
	BOOT_MEM_RESERVED = 2,
	BOOT_MEM_ACPI = 3,
	BOOT_MEM_NVS = 4,
	BOOT_MEM_BAD = 5,
};

struct boot_mem_region {
	u64 base;
	u64 size;
	u32 type;
};

struct boot_module {
	u64 phys;
	u64 size;
	char cmdline[64];
};

struct boot_info {
	int protocol;
	const char *loader;
	char cmdline[BOOT_CMDLINE_MAX];
	struct boot_mem_region mem[BOOT_MAX_MEM_REGIONS];
	int nr_mem;
	struct boot_module modules[BOOT_MAX_MODULES];
	int nr_modules;
	u64 rsdp_phys;          /* 0: search the BIOS areas */
	u8 rsdp_copy[36];       /* multiboot2 hands a copy, not an address */
	bool have_rsdp_copy;
	u64 info_phys, info_size; /* the loader's structure, to keep until parsed */
};

extern struct boot_info boot_info;

void bootinfo_parse(int protocol, u64 info_phys);

/* Command line: `key=value` and bare `flag` words. */
const char *cmdline_get(const char *key);   /* value or NULL; valid forever */
bool cmdline_has(const char *flag);
long cmdline_get_long(const char *key, long def);

extern char _kernel_phys_start[], _kernel_end[];
extern char _text[], _etext[], _rodata[], _erodata[], _data[], _edata[], _bss[], _ebss[];

#endif
