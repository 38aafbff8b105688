/*
 * Copies what the boot loader hands over into struct boot_info: memory map,
 * command line, modules (the initramfs), ACPI RSDP. Two formats: multiboot2
 * tags (GRUB) and PVH's hvm_start_info (QEMU -kernel). Runs on the boot page
 * tables, where the first 4 GiB are reachable through the direct map.
 */
#include <kernel/boot.h>
#include <kernel/printk.h>
#include <kernel/vmlayout.h>
#include <string.h>

struct boot_info boot_info;

/* multiboot2 */
#define MB2_TAG_END     0
#define MB2_TAG_CMDLINE 1
#define MB2_TAG_LOADER  2
#define MB2_TAG_MODULE  3
#define MB2_TAG_MMAP    6
#define MB2_TAG_ACPI1   14
#define MB2_TAG_ACPI2   15

struct mb2_tag {
	u32 type;
	u32 size;
};

struct mb2_mmap_entry {
	u64 base;
	u64 len;
	u32 type;
	u32 reserved;
};

/* PVH (xen/include/public/arch-x86/hvm/start_info.h) */
#define HVM_START_MAGIC 0x336ec578

struct hvm_start_info {
	u32 magic;
	u32 version;
	u32 flags;
	u32 nr_modules;
	u64 modlist_paddr;
	u64 cmdline_paddr;
	u64 rsdp_paddr;
	u64 memmap_paddr;
	u32 memmap_entries;
	u32 reserved;
};

struct hvm_modlist_entry {
	u64 paddr;
	u64 size;
	u64 cmdline_paddr;
	u64 reserved;
};

struct hvm_memmap_entry {
	u64 addr;
	u64 size;
	u32 type;
	u32 reserved;
};

static char loader_name[64];

static void add_region(u64 base, u64 size, u32 type)
{
	if (boot_info.nr_mem >= BOOT_MAX_MEM_REGIONS || !size)
		return;
	if (type < BOOT_MEM_USABLE || type > BOOT_MEM_BAD)
		type = BOOT_MEM_RESERVED;
	boot_info.mem[boot_info.nr_mem++] = (struct boot_mem_region){ base, size, type };
}

static void copy_string(char *dst, size_t n, u64 phys)
{
	if (!phys || phys >= BOOT_IDENTITY_MAP_SIZE) {
		dst[0] = 0;
		return;
	}
	strlcpy(dst, phys_to_virt(phys), n);
}

static void add_module(u64 phys, u64 size, u64 cmdline_phys)
{
	struct boot_module *m;

	if (boot_info.nr_modules >= BOOT_MAX_MODULES)
		return;
	m = &boot_info.modules[boot_info.nr_modules++];
	m->phys = phys;
	m->size = size;
	copy_string(m->cmdline, sizeof(m->cmdline), cmdline_phys);
}

static void parse_mb2(u64 info)
{
	u32 total = *(u32 *)phys_to_virt(info);
	u64 off = 8;

	boot_info.info_size = total;
	while (off + sizeof(struct mb2_tag) <= total) {
		struct mb2_tag *tag = phys_to_virt(info + off);

		if (tag->type == MB2_TAG_END || tag->size < 8)
			break;
		switch (tag->type) {
		case MB2_TAG_CMDLINE:
			strlcpy(boot_info.cmdline, (char *)(tag + 1), sizeof(boot_info.cmdline));
			break;
		case MB2_TAG_LOADER:
			strlcpy(loader_name, (char *)(tag + 1), sizeof(loader_name));
			boot_info.loader = loader_name;
			break;
		case MB2_TAG_MODULE: {
			u32 *w = (u32 *)(tag + 1);
			if (boot_info.nr_modules < BOOT_MAX_MODULES) {
				struct boot_module *m = &boot_info.modules[boot_info.nr_modules++];
				m->phys = w[0];
				m->size = w[1] - w[0];
				strlcpy(m->cmdline, (char *)(w + 2), sizeof(m->cmdline));
			}
			break;
		}
		case MB2_TAG_MMAP: {
			u32 esize = ((u32 *)(tag + 1))[0];
			u8 *p = (u8 *)(tag + 1) + 8, *end = (u8 *)tag + tag->size;
			if (esize < sizeof(struct mb2_mmap_entry))
				break;
			for (; p + esize <= end; p += esize) {
				struct mb2_mmap_entry *e = (void *)p;
				add_region(e->base, e->len, e->type);
			}
			break;
		}
		case MB2_TAG_ACPI1:
		case MB2_TAG_ACPI2: {
			size_t n = tag->size - 8;
			if (n > sizeof(boot_info.rsdp_copy))
				n = sizeof(boot_info.rsdp_copy);
			/* Prefer the ACPI 2.0 copy when both are given. */
			if (!boot_info.have_rsdp_copy || tag->type == MB2_TAG_ACPI2) {
				memcpy(boot_info.rsdp_copy, tag + 1, n);
				boot_info.have_rsdp_copy = true;
			}
			break;
		}
		}
		off += ALIGN_UP((u64)tag->size, 8);
	}
	if (!boot_info.loader)
		boot_info.loader = "multiboot2";
}

static void parse_pvh(u64 info)
{
	struct hvm_start_info *si = phys_to_virt(info);
	u32 i;

	boot_info.info_size = sizeof(*si);
	boot_info.loader = "PVH";
	if (si->magic != HVM_START_MAGIC)
		return;
	copy_string(boot_info.cmdline, sizeof(boot_info.cmdline), si->cmdline_paddr);
	boot_info.rsdp_phys = si->rsdp_paddr;
	if (si->modlist_paddr) {
		struct hvm_modlist_entry *m = phys_to_virt(si->modlist_paddr);
		for (i = 0; i < si->nr_modules; i++)
			add_module(m[i].paddr, m[i].size, m[i].cmdline_paddr);
	}
	if (si->version >= 1 && si->memmap_paddr) {
		struct hvm_memmap_entry *e = phys_to_virt(si->memmap_paddr);
		for (i = 0; i < si->memmap_entries; i++)
			add_region(e[i].addr, e[i].size, e[i].type);
	}
}

void bootinfo_parse(int protocol, u64 info_phys)
{
	boot_info.protocol = protocol;
	boot_info.info_phys = info_phys;
	if (protocol == BOOT_PROTO_MB2)
		parse_mb2(info_phys);
	else if (protocol == BOOT_PROTO_PVH)
		parse_pvh(info_phys);
}
