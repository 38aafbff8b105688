/*
 * GDT layout, the same selectors as Linux so that values user space can see
 * (cs in a signal frame, ss) match: SYSRET with STAR base USER32_CS yields
 * USER_CS = 0x33 and USER_DS = 0x2b.
 */
#ifndef ASM_SEGMENT_H
#define ASM_SEGMENT_H

#define KERNEL32_CS 0x08
#define KERNEL_CS   0x10
#define KERNEL_DS   0x18
#define USER32_CS   0x23
#define USER_DS     0x2b
#define USER_CS     0x33
#define TSS_SEL     0x40

#define GDT_ENTRIES 10

/* Interrupt stack table slots (1-based as in the TSS). */
#define IST_DOUBLE_FAULT 1
#define IST_NMI          2
#define IST_MACHINE_CHECK 3
#define IST_STACK_SIZE   (16 * 1024)

#ifndef __ASSEMBLER__
#include <kernel/percpu.h>
#include <kernel/types.h>

struct tss {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __packed;

void gdt_init_cpu(struct percpu *p, void *ist_stacks[3]);
void tss_set_rsp0(unsigned long rsp0);
#endif

#endif
