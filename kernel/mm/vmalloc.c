/*
 * vmalloc: virtually contiguous kernel memory in VMALLOC_START..VMALLOC_END,
 * built from single pages wherever they are. Also kernel stacks and MMIO
 * mappings (ioremap), which need the same thing: a stretch of kernel
 * address space of their own.
 *
 * Every area is followed by an unmapped guard page, and a stack also has one
 * below it, so running off either end faults instead of corrupting a
 * neighbour; vmalloc_is_guard() lets the page-fault handler name the cause.
 * Areas, guards included, are kept in a red-black tree sorted by address.
 * New areas go to the lowest hole that fits (first fit), so that freed
 * address space, and the page tables under it, are reused: page-table pages
 * of the kernel half are never freed, and handing out ever new addresses
 * would leave one behind for every 2 MiB ever used. A search starts where
 * the last one ended unless a hole that may be big enough was left below
 * (the free-area cache of old Linux vmalloc), so allocating N stacks does
 * not cost N^2.
 *
 * Freeing must not give frames or addresses to a new owner while another
 * CPU may still hold a translation for them. vfree clears the PTEs and
 * flushes its own TLB at once (so a use after free on this CPU faults), but
 * defers the other CPUs' flush: the area, still reserved, and its frames
 * wait on a lazy list until enough have gathered (a few MiB) or an
 * allocation runs short, and then one shootdown covers them all before
 * anything is released. A shootdown interrupts and waits for every CPU;
 * doing one per freed kernel stack would make each thread exit pay for it.
 */
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/paging.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/rbtree.h>
#include <kernel/spinlock.h>
#include <string.h>

#include "internal.h"

#define VM_STACK   0x1    /* guard page below too */
#define VM_IOREMAP 0x2    /* maps device memory: the frames are not ours */
#define VM_DYING   0x4    /* being freed: a second vfree is a bug */

struct vmap_area {
	struct rb_node node;      /* vmap_tree; vmap_lock */
	unsigned long start;      /* reserved [start, end), guard pages included */
	unsigned long end;
	unsigned long addr;       /* first usable byte (page-aligned) */
	size_t size;              /* usable bytes, all mapped */
	unsigned flags;           /* VM_*; vmap_lock */
	struct list_head lazy;    /* on lazy_list once freed; lazy_lock */
	struct list_head frames;  /* freed: its frames until the flush; owned by the freer */
};

static DEFINE_SPINLOCK(vmap_lock);
static struct rb_root vmap_tree = RB_ROOT;   /* vmap_lock */
/* Searches start at vmap_hint; no hole below it is larger than
 * vmap_hole_below (an upper bound). vmap_lock. */
static unsigned long vmap_hint;
static unsigned long vmap_hole_below;
static struct kmem_cache *vmap_area_cache;

/* Freed areas whose remote TLB flush is still owed. */
static DEFINE_SPINLOCK(lazy_lock);
static LIST_HEAD(lazy_list);          /* lazy_lock */
static unsigned long lazy_pages;      /* pages (and one per area) on it; lazy_lock */
static unsigned long lazy_max_pages;  /* purge beyond this; set at init */

bool is_vmalloc_addr(const void *addr)
{
	unsigned long a = (unsigned long)addr;

	return a >= VMALLOC_START && a < VMALLOC_END;
}

/* The area whose reservation contains addr. vmap_lock held. */
static struct vmap_area *area_containing(unsigned long addr)
{
	struct rb_node *n = vmap_tree.rb_node;

	while (n) {
		struct vmap_area *va = rb_entry(n, struct vmap_area, node);

		if (addr < va->start)
			n = n->rb_left;
		else if (addr >= va->end)
			n = n->rb_right;
		else
			return va;
	}
	return NULL;
}

/* The first area ending after addr (areas are disjoint, so sorted by end
 * as well as by start). vmap_lock held. */
static struct vmap_area *first_area_ending_after(unsigned long addr)
{
	struct rb_node *n = vmap_tree.rb_node;
	struct vmap_area *best = NULL;

	while (n) {
		struct vmap_area *va = rb_entry(n, struct vmap_area, node);

		if (va->end > addr) {
			best = va;
			n = n->rb_left;
		} else {
			n = n->rb_right;
		}
	}
	return best;
}

static void area_insert(struct vmap_area *va)
{
	struct rb_node **link = &vmap_tree.rb_node, *parent = NULL;

	while (*link) {
		struct vmap_area *cur = rb_entry(*link, struct vmap_area, node);

		parent = *link;
		link = va->start < cur->start ? &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&va->node, parent, link);
	rb_insert_color(&va->node, &vmap_tree);
}

/* The lowest hole of len bytes at or above from, or 0. *largest_skipped
 * grows to the biggest hole passed over. vmap_lock held. */
static unsigned long find_gap(unsigned long from, unsigned long len,
			      unsigned long *largest_skipped)
{
	unsigned long cand = from;
	struct vmap_area *va = first_area_ending_after(cand);

	/* Walk the areas in address order until one leaves room before it. */
	while (va && va->start < cand + len) {
		struct rb_node *n = rb_next(&va->node);

		if (va->start > cand && va->start - cand > *largest_skipped)
			*largest_skipped = va->start - cand;
		cand = MAX(cand, va->end);
		va = n ? rb_entry(n, struct vmap_area, node) : NULL;
	}
	if (cand + len > VMALLOC_END || cand + len < cand)
		return 0;
	return cand;
}

/*
 * Reserve address space for size usable bytes (a multiple of PAGE_SIZE):
 * a guard page above, and one below when flags has VM_STACK.
 */
static struct vmap_area *area_alloc(size_t size, unsigned flags)
{
	size_t below = (flags & VM_STACK) ? PAGE_SIZE : 0;
	size_t len = below + size + PAGE_SIZE;
	struct vmap_area *va;
	unsigned long start, irq;

	if (!size || len < size || len > VMALLOC_END - VMALLOC_START)
		return NULL;
	va = kmem_cache_alloc(vmap_area_cache, GFP_KERNEL);
	if (!va)
		return NULL;

	spin_lock_irqsave(&vmap_lock, irq);
	if (len <= vmap_hole_below) {
		/* A hole below the hint might fit: search from the bottom. */
		vmap_hint = VMALLOC_START;
		vmap_hole_below = 0;
	}
	start = find_gap(vmap_hint, len, &vmap_hole_below);
	if (start) {
		va->start = start;
		va->end = start + len;
		va->addr = start + below;
		va->size = size;
		va->flags = flags;
		area_insert(va);
		vmap_hint = va->end;
	}
	spin_unlock_irqrestore(&vmap_lock, irq);

	if (!start) {
		kmem_cache_free(vmap_area_cache, va);
		return NULL;
	}
	return va;
}

static void area_release(struct vmap_area *va)
{
	unsigned long irq;

	spin_lock_irqsave(&vmap_lock, irq);
	rb_erase(&va->node, &vmap_tree);
	/* The next search starts no higher than the hole it leaves (holes
	 * below that are as before, so vmap_hole_below still bounds them). */
	if (va->start < vmap_hint)
		vmap_hint = va->start;
	spin_unlock_irqrestore(&vmap_lock, irq);
	kmem_cache_free(vmap_area_cache, va);
}

/* Find the area that starts its usable part at addr and mark it dying, so
 * that a concurrent or repeated free of it is caught. */
static struct vmap_area *area_claim(unsigned long addr, const char *who)
{
	struct vmap_area *va;
	unsigned long irq;

	spin_lock_irqsave(&vmap_lock, irq);
	va = area_containing(addr);
	if (va && (va->addr != addr || (va->flags & VM_DYING)))
		va = NULL;
	if (va)
		va->flags |= VM_DYING;
	spin_unlock_irqrestore(&vmap_lock, irq);
	if (!va) {
		printk(KERN_ERR "%s: %lx is not the start of a live area\n", who, addr);
		WARN_ON(1);
	}
	return va;
}

/* Clear the PTEs of va's usable part and flush this CPU; the frames that
 * were mapped (unless the area maps device memory) go to va->frames. */
static void area_unmap(struct vmap_area *va)
{
	INIT_LIST_HEAD(&va->frames);
	for (unsigned long a = va->addr; a < va->addr + va->size; a += PAGE_SIZE) {
		pte_t *pte = paging_walk(kernel_pml4, a, false);
		struct page *p;
		pte_t old;

		if (!pte)
			continue;
		old = __atomic_exchange_n(pte, 0, __ATOMIC_RELAXED);
		if (!(va->flags & VM_IOREMAP) && (old & PTE_P) &&
		    (p = phys_to_page(old & PTE_ADDR_MASK)))
			list_add_tail(&p->lru, &va->frames);
	}
	flush_tlb_local(va->addr, va->addr + va->size);
}

static void area_free_frames(struct vmap_area *va)
{
	struct page *p, *tmp;

	list_for_each_entry_safe(p, tmp, &va->frames, lru)
		free_page(p);
	INIT_LIST_HEAD(&va->frames);
}

/* Undo a half-built area at once (error paths). */
static void area_undo(struct vmap_area *va)
{
	area_unmap(va);
	/* Other CPUs may have cached the translations speculatively. */
	flush_tlb_kernel_range(va->addr, va->addr + va->size);
	area_free_frames(va);
	area_release(va);
}

void vmalloc_purge(void)
{
	LIST_HEAD(list);
	struct vmap_area *va, *tmp;
	unsigned long irq, start = ~0UL, end = 0;

	spin_lock_irqsave(&lazy_lock, irq);
	list_splice_init(&lazy_list, &list);
	lazy_pages = 0;
	spin_unlock_irqrestore(&lazy_lock, irq);
	if (list_empty(&list))
		return;

	list_for_each_entry(va, &list, lazy) {
		start = MIN(start, va->addr);
		end = MAX(end, va->addr + va->size);
	}
	flush_tlb_kernel_range(start, end);
	list_for_each_entry_safe(va, tmp, &list, lazy) {
		area_free_frames(va);
		area_release(va);
	}
}

/* va is unmapped here; the rest waits for the next purge. */
static void area_retire(struct vmap_area *va)
{
	unsigned long irq;
	bool purge;

	spin_lock_irqsave(&lazy_lock, irq);
	list_add_tail(&va->lazy, &lazy_list);
	lazy_pages += (va->size >> PAGE_SHIFT) + 1;
	purge = lazy_pages > lazy_max_pages;
	spin_unlock_irqrestore(&lazy_lock, irq);
	if (purge)
		vmalloc_purge();
}

/* Map fresh pages over the usable part of va; false (and va released) if
 * memory runs out. */
static bool area_populate(struct vmap_area *va, gfp_t gfp)
{
	for (unsigned long a = va->addr; a < va->addr + va->size; a += PAGE_SIZE) {
		struct page *p = alloc_page(gfp);

		if (!p || paging_map(kernel_pml4, a, page_to_phys(p), PAGE_SIZE, PAGE_KERNEL) < 0) {
			if (p)
				free_page(p);
			/* Everything mapped so far is undone (pages not yet
			 * mapped have no PTE and are skipped). */
			area_undo(va);
			return false;
		}
	}
	return true;
}

static void *vmalloc_flags(size_t size, unsigned flags, gfp_t gfp)
{
	struct vmap_area *va;

	size = ALIGN_UP(size, PAGE_SIZE);
	if (!size)
		return NULL;
	/* A second try after releasing what lazily freed areas hold. */
	for (int attempt = 0; attempt < 2; attempt++) {
		if (attempt)
			vmalloc_purge();
		va = area_alloc(size, flags);
		if (va && area_populate(va, gfp))
			return (void *)va->addr;
	}
	return NULL;
}

void *vmalloc(size_t size)
{
	return vmalloc_flags(size, 0, GFP_KERNEL);
}

void *vzalloc(size_t size)
{
	return vmalloc_flags(size, 0, GFP_KERNEL | __GFP_ZERO);
}

void *vmalloc_stack(size_t size)
{
	return vmalloc_flags(size, VM_STACK, GFP_KERNEL);
}

void vfree(const void *addr)
{
	struct vmap_area *va;

	if (!addr)
		return;
	va = area_claim((unsigned long)addr, "vfree");
	if (!va)
		return;
	if (va->flags & VM_IOREMAP) {
		printk(KERN_ERR "vfree: %p is an ioremap; use iounmap\n", addr);
		WARN_ON(1);
	}
	area_unmap(va);
	area_retire(va);
}

void vfree_stack(void *base)
{
	vfree(base);
}

bool vmalloc_is_guard(unsigned long addr)
{
	struct vmap_area *va;
	unsigned long irq;
	bool guard = false;

	if (addr < VMALLOC_START || addr >= VMALLOC_END)
		return false;
	/* Called from the page-fault handler and from panic: neither a fault
	 * taken while this CPU holds vmap_lock nor a CPU stopped by the panic
	 * while holding it may hang the report. */
	if (spin_held_by_me(&vmap_lock))
		return false;
	if (READ_ONCE(panic_in_progress)) {
		irq = local_irq_save();
		if (!spin_trylock(&vmap_lock)) {
			local_irq_restore(irq);
			return false;
		}
	} else {
		spin_lock_irqsave(&vmap_lock, irq);
	}
	va = area_containing(addr);
	if (va && !(va->flags & VM_DYING))
		guard = addr < va->addr || addr >= va->addr + va->size;
	spin_unlock_irqrestore(&vmap_lock, irq);
	return guard;
}

void *ioremap(phys_addr_t pa, size_t len)
{
	phys_addr_t base = pa & PAGE_MASK;
	size_t size = ALIGN_UP(len + (pa - base), PAGE_SIZE);
	struct vmap_area *va;

	if (!len || size < len)
		return NULL;
	va = area_alloc(size, VM_IOREMAP);
	if (!va) {
		vmalloc_purge();
		va = area_alloc(size, VM_IOREMAP);
	}
	if (!va)
		return NULL;
	if (paging_map(kernel_pml4, va->addr, base, size, PAGE_KERNEL_IO) < 0) {
		area_undo(va);
		return NULL;
	}
	return (void *)(va->addr + (pa - base));
}

void iounmap(void *addr)
{
	struct vmap_area *va;

	if (!addr)
		return;
	va = area_claim((unsigned long)addr & PAGE_MASK, "iounmap");
	if (!va)
		return;
	area_unmap(va);
	area_retire(va);
}

void vmalloc_init(void)
{
	vmap_area_cache = kmem_cache_create("vmap_area", sizeof(struct vmap_area), 0, NULL);
	if (!vmap_area_cache)
		panic("vmalloc: no memory for the area cache");
	vmap_hint = VMALLOC_START;
	/* 2 MiB (a hundred kernel stacks per shootdown), or 1/64 of memory
	 * on small machines. */
	lazy_max_pages = MIN(512UL, pmm_total_pages() / 64);
}
