/*
 * The kernel's virtual and physical memory layout. docs/ARCHITECTURE.md
 * draws the same map; change both together.
 *
 *   0x0000000000000000 - 0x00007fffffffffff  user space (128 TiB)
 *   0xffff800000000000 - 0xffffbfffffffffff  direct map of all physical RAM (64 TiB)
 *   0xffffc90000000000 - 0xffffe8ffffffffff  vmalloc: kernel stacks, large buffers
 *   0xffffffff80000000 - 0xffffffffffffffff  kernel image (-mcmodel=kernel)
 *
 * The kernel image is loaded at KERNEL_PHYS; its first part (.boot) runs
 * identity-mapped in 32-bit mode, the rest at KERNEL_VMA + physical address.
 */
#ifndef KERNEL_VMLAYOUT_H
#define KERNEL_VMLAYOUT_H

#define KERNEL_PHYS      0x200000
#define KERNEL_VMA       0xffffffff80000000
#define DIRECT_MAP_BASE  0xffff800000000000
#define DIRECT_MAP_SIZE  0x0000400000000000
#define VMALLOC_START    0xffffc90000000000
#define VMALLOC_END      0xffffe90000000000
#define USER_SPACE_END   0x0000800000000000

#define PAGE_SHIFT 12
#define PAGE_SIZE  4096UL
#define PAGE_MASK  (~(PAGE_SIZE - 1))

/* Boot page tables map this much physical memory 1:1, at the direct map and
 * (for the first GiB) at KERNEL_VMA. */
#define BOOT_IDENTITY_MAP_SIZE 0x100000000

#ifndef __ASSEMBLER__
#include <kernel/types.h>

static inline void *phys_to_virt(phys_addr_t pa) { return (void *)(pa + DIRECT_MAP_BASE); }

static inline phys_addr_t virt_to_phys(const void *va)
{
	unsigned long a = (unsigned long)va;
	if (a >= KERNEL_VMA)
		return a - KERNEL_VMA;
	return a - DIRECT_MAP_BASE;
}
#endif

#endif
