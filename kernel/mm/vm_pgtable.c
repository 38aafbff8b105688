/*
 * The user half of an mm's page tables: finding and creating leaf entries,
 * walking a range while skipping absent tables, clearing (zap), moving
 * (mremap) and re-protecting (mprotect) entries, and the gather of pages
 * that may only be released after the TLB flush of their range.
 *
 * The user half holds 4 KiB pages only. A leaf entry is one of: zero
 * (nothing), present (P set), or PROT_NONE (P clear, PTE_PROTNONE set, the
 * frame kept). Any non-zero entry holds a reference on its page (except the
 * zero page). Table pages are created by paging.c's walk (cmpxchg-installed)
 * and freed only with the whole mm (XXX: Linux frees empty tables on
 * munmap; ours stay until exit).
 *
 * Everything here runs under mm->lock.
 */
#include <asm/x86.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/paging.h>
#include <kernel/panic.h>
#include <kernel/vm.h>

#include "vm_internal.h"

static inline unsigned level_shift(int level) { return PAGE_SHIFT + 9 * (level - 1); }
static inline unsigned level_index(unsigned long va, int level)
{
	return (va >> level_shift(level)) & 511;
}

pte_t *vm_pte_lookup(u64 *pml4, unsigned long va)
{
	u64 *table = pml4;

	for (int level = 4; level > 1; level--) {
		pte_t e = READ_ONCE(table[level_index(va, level)]);

		if (!(e & PTE_P))
			return NULL;
		table = phys_to_virt(e & PTE_ADDR_MASK);
	}
	return &table[level_index(va, 1)];
}

pte_t *vm_pte_alloc(u64 *pml4, unsigned long va)
{
	return paging_walk(pml4, va, true);
}

static void range_level(u64 *table, int level, unsigned long start, unsigned long end,
			vm_pte_fn fn, void *arg)
{
	unsigned long size = 1UL << level_shift(level);

	for (unsigned long va = start; va < end;) {
		unsigned long next = (va & ~(size - 1)) + size;
		pte_t *e = &table[level_index(va, level)];

		if (next > end || next < va)
			next = end;
		if (level == 1) {
			if (*e)
				fn(e, va, arg);
		} else if (READ_ONCE(*e) & PTE_P) {
			range_level(phys_to_virt(*e & PTE_ADDR_MASK), level - 1, va, next, fn, arg);
		}
		va = next;
	}
}

void vm_pte_range(u64 *pml4, unsigned long start, unsigned long end, vm_pte_fn fn, void *arg)
{
	if (end > USER_SPACE_END)
		end = USER_SPACE_END;
	if (start < end)
		range_level(pml4, 4, start, end, fn, arg);
}

u64 vm_pte_prot(unsigned long vmflags, bool writable)
{
	u64 f;

	if (!(vmflags & (VM_READ | VM_WRITE | VM_EXEC)))
		return PTE_PROTNONE;
	f = PTE_P | PTE_U;
	if (writable && (vmflags & VM_WRITE))
		f |= PTE_W;
	if (!(vmflags & VM_EXEC) && cpu_has_nx)
		f |= PTE_NX;
	return f;
}

bool vm_page_writable(const struct vma *v, struct page *page)
{
	if (!(v->flags & VM_WRITE))
		return false;
	if (v->flags & VM_SHARED)
		return true;
	/* Private: only an anonymous page nobody else maps (no COW pending). */
	return page != vm_zero_page && (page->flags & PG_anon) && page_count(page) == 1;
}

/* Gather */

void vm_gather_init(struct vm_gather *g, struct mm *mm)
{
	g->mm = mm;
	g->noflush = false;
	g->start = ~0UL;
	g->end = 0;
	g->n = 0;
}

void vm_gather_range(struct vm_gather *g, unsigned long start, unsigned long end)
{
	if (start < g->start)
		g->start = start;
	if (end > g->end)
		g->end = end;
}

static void gather_flush(struct vm_gather *g)
{
	if (!g->noflush && g->start < g->end)
		vm_flush_range(g->mm, g->start, g->end);
	g->start = ~0UL;
	g->end = 0;
	for (unsigned i = 0; i < g->n; i++)
		vm_page_release(g->pages[i]);
	g->n = 0;
}

void vm_gather_page(struct vm_gather *g, struct page *page)
{
	if (page == vm_zero_page)
		return;
	if (g->n == VM_GATHER_MAX)
		gather_flush(g);
	g->pages[g->n++] = page;
}

void vm_gather_finish(struct vm_gather *g)
{
	gather_flush(g);
}

static void zap_pte(pte_t *pte, unsigned long va, void *arg)
{
	struct vm_gather *g = arg;
	pte_t old = __atomic_exchange_n(pte, 0, __ATOMIC_SEQ_CST);

	if (!pte_mapped(old))
		return;
	vm_rss_add(g->mm, pte_page(old), -1);
	/* The flush range must cover this entry before its page can go. */
	vm_gather_range(g, va, va + PAGE_SIZE);
	vm_gather_page(g, pte_page(old));
}

void vm_zap_range(struct vm_gather *g, unsigned long start, unsigned long end)
{
	vm_pte_range(g->mm->pml4, start, end, zap_pte, g);
}

int vm_move_ptes(struct mm *mm, unsigned long old, unsigned long new, size_t len)
{
	int err = 0;

	for (size_t off = 0; off < len; off += PAGE_SIZE) {
		pte_t *src = vm_pte_lookup(mm->pml4, old + off), *dst;
		pte_t e;

		if (!src || !*src)
			continue;
		dst = vm_pte_alloc(mm->pml4, new + off);
		if (!dst) {
			err = -ENOMEM;
			break;
		}
		e = __atomic_exchange_n(src, 0, __ATOMIC_SEQ_CST);
		WARN_ON(*dst);
		*dst = e;
	}
	vm_flush_range(mm, old, old + len);
	return err;
}

struct prot_ctx {
	struct vma *v;
	bool lost;          /* some entry lost a permission: flush */
};

static void prot_pte(pte_t *pte, unsigned long va, void *arg)
{
	struct prot_ctx *c = arg;
	pte_t old = *pte, new;
	struct page *page;

	if (!pte_mapped(old))
		return;
	page = pte_page(old);
	new = (old & PTE_ADDR_MASK) | vm_pte_prot(c->v->flags, vm_page_writable(c->v, page));
	if (new == (old & ~(PTE_A | PTE_D)))
		return;
	if ((old & PTE_P) && (!(new & PTE_P) || ((old & PTE_W) && !(new & PTE_W)) ||
			      (!(old & PTE_NX) && (new & PTE_NX))))
		c->lost = true;
	__atomic_store_n(pte, new, __ATOMIC_SEQ_CST);
}

void vm_change_prot(struct mm *mm, struct vma *v, unsigned long start, unsigned long end)
{
	struct prot_ctx c = { .v = v };

	vm_pte_range(mm->pml4, start, end, prot_pte, &c);
	if (c.lost)
		vm_flush_range(mm, start, end);
}
