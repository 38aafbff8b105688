/*
 * Per-CPU GDT and TSS. Each CPU gets its own GDT (the TSS descriptor's busy
 * bit is per CPU) and its own TSS with IST stacks for the exceptions that
 * may arrive on a broken stack: double fault, NMI, machine check.
 */
#include <asm/segment.h>
#include <asm/x86.h>
#include <kernel/percpu.h>
#include <string.h>

struct gdt_page {
	u64 entries[GDT_ENTRIES];
	struct tss tss;
};

static struct gdt_page bsp_gdt __aligned(64);

static const u64 gdt_template[GDT_ENTRIES] = {
	[KERNEL32_CS >> 3] = 0x00cf9a000000ffffULL,
	[KERNEL_CS >> 3] = 0x00af9a000000ffffULL,
	[KERNEL_DS >> 3] = 0x00cf92000000ffffULL,
	[USER32_CS >> 3] = 0x00cffa000000ffffULL,
	[USER_DS >> 3] = 0x00cff2000000ffffULL,
	[USER_CS >> 3] = 0x00affa000000ffffULL,
};

static void set_tss_descriptor(u64 *gdt, struct tss *tss)
{
	u64 base = (u64)tss, limit = sizeof(*tss) - 1;

	gdt[TSS_SEL >> 3] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
			    (0x89ULL << 40) |            /* present, 64-bit TSS (available) */
			    (((limit >> 16) & 0xf) << 48) |
			    (((base >> 24) & 0xff) << 56);
	gdt[(TSS_SEL >> 3) + 1] = base >> 32;
}

/* p->gdt is set to a kmalloc'd gdt_page by the caller for APs; the boot CPU
 * uses the static one (gdt_init_cpu runs before the allocators). */
void gdt_init_cpu(struct percpu *p, void *ist_stacks[3])
{
	struct gdt_page *g = p->gdt ? p->gdt : &bsp_gdt;
	struct {
		u16 limit;
		u64 base;
	} __packed gdtr;

	memcpy(g->entries, gdt_template, sizeof(gdt_template));
	memset(&g->tss, 0, sizeof(g->tss));
	g->tss.iomap_base = sizeof(struct tss);   /* no I/O permission bitmap */
	for (int i = 0; i < 3; i++)
		g->tss.ist[i] = (u64)ist_stacks[i] + IST_STACK_SIZE;
	set_tss_descriptor(g->entries, &g->tss);
	p->gdt = g;
	p->tss = &g->tss;

	gdtr.limit = sizeof(g->entries) - 1;
	gdtr.base = (u64)g->entries;
	__asm__ __volatile__(
		"lgdt %0\n\t"
		"pushq %1\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movl %2, %%eax\n\t"
		"movl %%eax, %%ds\n\t"
		"movl %%eax, %%es\n\t"
		"movl %%eax, %%ss\n\t"
		"ltr %w3\n\t"
		:
		: "m"(gdtr), "i"((u64)KERNEL_CS), "i"(KERNEL_DS), "r"(TSS_SEL)
		: "rax", "memory");
}

void tss_set_rsp0(unsigned long rsp0)
{
	this_cpu()->tss->rsp[0] = rsp0;
}
