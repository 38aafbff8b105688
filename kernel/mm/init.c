/*
 * mm_init(): brings up memory management on the boot CPU, interrupts off,
 * still on the boot page tables. Each step needs the one before:
 *   pmm_init      page array and buddy lists (frames below 4 GiB only)
 *   paging_init   kernel_pml4 with the direct map of all RAM; CR3 switched
 *   slab_init     kmalloc caches
 *   vmalloc_init  vmalloc, kernel stacks, ioremap
 */
#include <kernel/mm.h>
#include <kernel/printk.h>

#include "internal.h"

void mm_init(void)
{
	pmm_init();
	paging_init();
	slab_init();
	vmalloc_init();
	printk(KERN_INFO "mm: %llu MiB usable, %llu free pages, direct map %llu MiB\n",
	       (unsigned long long)(pmm_usable_bytes >> 20),
	       (unsigned long long)pmm_free_pages(),
	       (unsigned long long)(direct_map_bytes >> 20));
}
