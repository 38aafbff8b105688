/*
 * The VMA tree of an mm: lookup, insertion and removal, splitting and
 * merging, and the choice of an address for a new mapping (Linux's
 * get_unmapped_area: top-down below mm->mmap_base, then bottom-up from a
 * third of the address space; hints honoured when the range is free; the
 * guard gap below MAP_GROWSDOWN mappings kept clear).
 *
 * VMAs never overlap, so the tree is ordered by start and by end alike.
 * The search for free space walks VMAs one by one from the top: O(number
 * of mappings). XXX: Linux keeps the largest gap below each node in an
 * augmented tree (maple tree now) for O(log n) searches.
 *
 * Everything here runs under mm->lock.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/proc.h>
#include <kernel/vm.h>
#include <string.h>

#include "vm_internal.h"

/* Bottom-up searches start here (Linux's TASK_UNMAPPED_BASE). */
#define VM_UNMAPPED_BASE ALIGN_DOWN(VM_TASK_SIZE / 3, PAGE_SIZE)
/* MAP_32BIT: the second GiB, as Linux places it (without randomization). */
#define VM_32BIT_START 0x40000000UL
#define VM_32BIT_END   0x80000000UL

struct vma *vma_alloc(void)
{
	struct vma *v = kzalloc(sizeof(*v), GFP_KERNEL);

	if (v) {
		RB_CLEAR_NODE(&v->node);
		INIT_LIST_HEAD(&v->i_mmap_node);
	}
	return v;
}

struct vma *vma_dup(const struct vma *v)
{
	struct vma *n = vma_alloc();

	if (!n)
		return NULL;
	*n = *v;
	RB_CLEAR_NODE(&n->node);
	INIT_LIST_HEAD(&n->i_mmap_node);
	if (n->file)
		file_get(n->file);
	if (n->shm) {
		shmem_anon_get(n->shm);
		shmem_anon_vma_open(n->shm);
	}
	return n;
}

void vma_destroy(struct vma *v)
{
	vma_rmap_del(v);    /* mm teardown destroys without unlinking */
	if (v->file)
		fput(v->file);
	if (v->shm) {
		shmem_anon_vma_close(v->shm);
		shmem_anon_put(v->shm);
	}
	kfree(v);
}

struct vma *vm_find_vma(struct mm *mm, unsigned long addr)
{
	struct rb_node *node = mm->vmas.rb_node;
	struct vma *best = NULL;

	while (node) {
		struct vma *v = rb_entry(node, struct vma, node);

		if (v->end > addr) {
			best = v;
			if (v->start <= addr)
				break;
			node = node->rb_left;
		} else {
			node = node->rb_right;
		}
	}
	return best;
}

struct vma *vm_vma_lookup(struct mm *mm, unsigned long addr)
{
	struct vma *v = vm_find_vma(mm, addr);

	return v && v->start <= addr ? v : NULL;
}

struct vma *vma_prev(struct vma *v)
{
	return rb_entry_safe(rb_prev(&v->node), struct vma, node);
}

struct vma *vma_next(struct vma *v)
{
	return rb_entry_safe(rb_next(&v->node), struct vma, node);
}

struct vma *vm_first_vma(struct mm *mm)
{
	return rb_entry_safe(rb_first(&mm->vmas), struct vma, node);
}

static struct vma *vm_last_vma(struct mm *mm)
{
	return rb_entry_safe(rb_last(&mm->vmas), struct vma, node);
}

void vm_vma_link(struct mm *mm, struct vma *v)
{
	struct rb_node **link = &mm->vmas.rb_node, *parent = NULL;

	while (*link) {
		struct vma *o = rb_entry(*link, struct vma, node);

		parent = *link;
		link = v->start < o->start ? &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&v->node, parent, link);
	rb_insert_color(&v->node, &mm->vmas);
	v->mm = mm;
	vma_rmap_add(v);
	mm->map_count++;
	mm->total_vm += vma_pages(v);
}

void vm_vma_unlink(struct mm *mm, struct vma *v)
{
	rb_erase(&v->node, &mm->vmas);
	RB_CLEAR_NODE(&v->node);
	vma_rmap_del(v);
	mm->map_count--;
	mm->total_vm -= vma_pages(v);
}

struct vma *vm_vma_split(struct mm *mm, struct vma *v, unsigned long addr)
{
	struct vma *n = vma_dup(v);

	if (!n)
		return NULL;
	n->start = addr;
	n->pgoff = vma_index(v, addr);
	mm->total_vm -= (v->end - addr) >> PAGE_SHIFT;
	v->end = addr;
	vm_vma_link(mm, n);
	return n;
}

/* Can b (right after a) join a into one VMA? */
static bool vma_compatible(const struct vma *a, const struct vma *b)
{
	if (a->end != b->start || a->flags != b->flags || a->file != b->file || a->shm != b->shm)
		return false;
	/* Private anonymous memory has no object whose offsets must line up. */
	return vma_is_private_anon(a) || a->pgoff + vma_pages(a) == b->pgoff;
}

/* a absorbs b (its right neighbour). */
static void vma_absorb(struct mm *mm, struct vma *a, struct vma *b)
{
	unsigned long end = b->end;

	vm_vma_unlink(mm, b);
	mm->total_vm += (end - a->end) >> PAGE_SHIFT;
	a->end = end;
	vma_destroy(b);
}

struct vma *vm_vma_merge(struct mm *mm, struct vma *v)
{
	struct vma *prev = vma_prev(v), *next;

	if (prev && vma_compatible(prev, v)) {
		vma_absorb(mm, prev, v);
		v = prev;
	}
	next = vma_next(v);
	if (next && vma_compatible(v, next))
		vma_absorb(mm, v, next);
	return v;
}

unsigned long vma_start_gap(const struct vma *v)
{
	if (!(v->flags & VM_GROWSDOWN))
		return v->start;
	return v->start > VM_STACK_GUARD_GAP ? v->start - VM_STACK_GUARD_GAP : 0;
}

bool vm_range_free(struct mm *mm, unsigned long start, unsigned long end)
{
	struct vma *v = vm_find_vma(mm, start);

	return !v || vma_start_gap(v) >= end;
}

/* Highest len-sized free range within [low, high), or 0. */
static unsigned long unmapped_area_topdown(struct mm *mm, size_t len, unsigned long low,
					   unsigned long high)
{
	struct vma *next, *prev;

	if (high <= low || high - low < len)
		return 0;
	next = vm_find_vma(mm, high);
	prev = next ? vma_prev(next) : vm_last_vma(mm);
	for (;;) {
		unsigned long gap_end = next ? MIN(vma_start_gap(next), high) : high;
		unsigned long gap_start = prev ? MAX(prev->end, low) : low;

		if (gap_end > gap_start && gap_end - gap_start >= len)
			return gap_end - len;
		if (!prev || prev->end <= low)
			return 0;
		next = prev;
		prev = vma_prev(prev);
	}
}

/* Lowest len-sized free range within [low, high), or 0. */
static unsigned long unmapped_area_bottomup(struct mm *mm, size_t len, unsigned long low,
					    unsigned long high)
{
	struct vma *v, *prev;
	unsigned long gap_start;

	if (high <= low || high - low < len)
		return 0;
	v = vm_find_vma(mm, low);
	prev = v ? vma_prev(v) : vm_last_vma(mm);
	gap_start = prev ? MAX(prev->end, low) : low;
	for (;;) {
		unsigned long gap_end = v ? MIN(vma_start_gap(v), high) : high;

		if (gap_end > gap_start && gap_end - gap_start >= len)
			return gap_start;
		if (!v || v->end >= high)
			return 0;
		gap_start = MAX(v->end, low);
		v = vma_next(v);
	}
}

unsigned long vm_get_unmapped_area(struct mm *mm, unsigned long addr, size_t len, int flags)
{
	unsigned long low = MAX(PAGE_SIZE, VM_MMAP_MIN_ADDR), r;

	if (len > VM_TASK_SIZE - VM_MMAP_MIN_ADDR)
		return -ENOMEM;
	if (flags & (LINUX_MAP_FIXED | LINUX_MAP_FIXED_NOREPLACE)) {
		if (addr & ~PAGE_MASK)
			return -EINVAL;
		if (addr > VM_TASK_SIZE - len)
			return -ENOMEM;
		/* vm.mmap_min_addr: below it only with CAP_SYS_RAWIO. */
		if (addr < VM_MMAP_MIN_ADDR && !capable_root())
			return -EPERM;
		return addr;
	}
	if (flags & LINUX_MAP_32BIT) {
		if (addr) {
			addr = ALIGN_UP(addr, PAGE_SIZE);
			if (addr && VM_32BIT_END - len >= addr && len <= VM_32BIT_END &&
			    vm_range_free(mm, addr, addr + len))
				return addr;
		}
		r = unmapped_area_bottomup(mm, len, VM_32BIT_START, VM_32BIT_END);
		return r ? r : (unsigned long)-ENOMEM;
	}
	if (addr) {
		addr = ALIGN_UP(addr, PAGE_SIZE);
		if (addr && addr <= VM_TASK_SIZE - len && addr >= VM_MMAP_MIN_ADDR &&
		    vm_range_free(mm, addr, addr + len))
			return addr;
	}
	r = unmapped_area_topdown(mm, len, low, mm->mmap_base);
	if (!r)
		r = unmapped_area_bottomup(mm, len, VM_UNMAPPED_BASE, VM_TASK_SIZE);
	return r ? r : (unsigned long)-ENOMEM;
}
