/*
 * Private interfaces between the files of kernel/mm: the page array, the
 * init steps mm_init() runs in order, and small helpers for sections that
 * touch per-CPU state.
 *
 *   page_alloc.c  buddy allocator, per-CPU order-0 lists, pmm_alloc_low
 *   paging.c      kernel page tables, paging_*, TLB flushes
 *   slab.c        kmem_cache_* and kmalloc
 *   vmalloc.c     vmalloc, kernel stacks, ioremap
 *   init.c        mm_init
 *
 * Lock order inside mm (outermost first):
 *   kmem_cache.lock -> pcp_list.lock -> buddy_lock
 *   vmap_lock and lazy_lock (vmalloc.c) are leaves: never held while
 *   calling into the other allocators or flushing TLBs.
 * kmem_cache.lock is dropped around the page allocation that grows a cache.
 * Page-table pages are installed with cmpxchg and take no lock.
 */
#ifndef KERNEL_MM_INTERNAL_H
#define KERNEL_MM_INTERNAL_H

#include <asm/x86.h>
#include <kernel/mm.h>
#include <kernel/preempt.h>
#include <kernel/types.h>

/* One struct page per frame from physical 0 to max_phys_addr. Set up by
 * pmm_init() and never moved. */
extern struct page *mem_map;
extern u64 mem_map_pages;

/* Bytes of RAM the firmware called usable, before any reservation. */
extern u64 pmm_usable_bytes;
/* Bytes of physical address space mapped by the direct map. */
extern u64 direct_map_bytes;

/* The steps of mm_init(), in this order. */
void pmm_init(void);          /* page array and buddy lists; only DMA32 pages until: */
void pmm_enable_high(void);   /* paging_init has mapped all RAM */
void paging_init(void);
void slab_init(void);
void vmalloc_init(void);

/* Flush every TLB entry of this CPU, global ones included. */
void flush_tlb_all_local(void);

/*
 * Per-CPU sections: preemption off first, then interrupts, so a spin_unlock
 * inside never reaches preempt_schedule() with interrupts disabled and the
 * task cannot move to another CPU while it uses smp_processor_id()'s data.
 */
static __always_inline unsigned long mm_cpu_enter(void)
{
	preempt_disable();
	return local_irq_save();
}

static __always_inline void mm_cpu_exit(unsigned long flags)
{
	local_irq_restore(flags);
	preempt_enable();
}

static inline u64 page_pfn(const struct page *p)
{
	return (u64)(p - mem_map);
}

/* Smallest order whose block holds size bytes. */
static inline unsigned size_to_order(size_t size)
{
	unsigned order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

/* The freed-object poison pattern of slab.c, as a word. */
#define SLAB_POISON_BYTE 0x6b
#define SLAB_POISON_WORD 0x6b6b6b6b6b6b6b6bULL

#endif
