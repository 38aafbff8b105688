/*
 * File reverse map: which VMAs map a file (its address_space's i_mmap
 * list), kept as VMAs enter and leave an mm, and the truncation side of
 * it, vm_unmap_mapping_from, which clears the page-table entries that map
 * pages past a file's new end in every process (Linux's
 * unmap_mapping_range from truncate_pagecache).
 *
 * Locking: a VMA joins or leaves the list with its mm->lock held and the
 * mapping's i_mmap_lock (a spinlock) inside. Truncation cannot take
 * mm->lock under i_mmap_lock, so it first collects the mms (a reference
 * each) under the spinlock, then takes each mm->lock in turn and walks
 * that mm's VMAs. A VMA that comes after the collection maps the file
 * only after i_size shrank, so its faults already see the new end.
 * XXX: Linux keeps i_mmap as an interval tree by file offset and zaps
 * under the page-table lock; this is a list and each mm's whole VMA tree.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/vm.h>

#include "vm_internal.h"

static struct address_space *vma_mapping(const struct vma *v)
{
	if (!v->file || !v->file->f_inode)
		return NULL;
	return v->file->f_inode->i_mapping;
}

void vma_rmap_add(struct vma *v)
{
	struct address_space *m = vma_mapping(v);

	if (!m)
		return;
	spin_lock(&m->i_mmap_lock);
	if (list_empty(&v->i_mmap_node)) {
		list_add_tail(&v->i_mmap_node, &m->i_mmap);
		m->i_mmap_nr++;
	}
	spin_unlock(&m->i_mmap_lock);
}

void vma_rmap_del(struct vma *v)
{
	struct address_space *m = vma_mapping(v);

	if (!m)
		return;
	spin_lock(&m->i_mmap_lock);
	if (!list_empty(&v->i_mmap_node)) {
		list_del_init(&v->i_mmap_node);
		m->i_mmap_nr--;
	}
	spin_unlock(&m->i_mmap_lock);
}

/* A reference on mm unless its last one is already gone (teardown runs). */
static bool mm_get_unless_zero(struct mm *mm)
{
	int c = __atomic_load_n(&mm->refcount, __ATOMIC_RELAXED);

	while (c > 0)
		if (__atomic_compare_exchange_n(&mm->refcount, &c, c + 1, false, __ATOMIC_ACQ_REL,
						__ATOMIC_RELAXED))
			return true;
	return false;
}

/* The distinct mms mapping m, referenced, into *out (kmalloc'ed); their
 * number, or -ENOMEM. */
static long collect_mms(struct address_space *m, struct mm ***out)
{
	for (;;) {
		unsigned long cap = READ_ONCE(m->i_mmap_nr) + 4, n = 0;
		struct mm **mms = kmalloc(cap * sizeof(*mms), GFP_KERNEL);
		bool full = false;
		struct vma *v;

		if (!mms)
			return -ENOMEM;
		spin_lock(&m->i_mmap_lock);
		list_for_each_entry(v, &m->i_mmap, i_mmap_node) {
			unsigned long i;

			for (i = 0; i < n && mms[i] != v->mm; i++)
				;
			if (i < n)
				continue;
			if (n == cap) {
				full = true;
				break;
			}
			if (mm_get_unless_zero(v->mm))
				mms[n++] = v->mm;
		}
		spin_unlock(&m->i_mmap_lock);
		if (!full) {
			*out = mms;
			return (long)n;
		}
		/* The list grew meanwhile: start over with more room. */
		while (n)
			mm_put(mms[--n]);
		kfree(mms);
	}
}

static void unmap_in_mm(struct mm *mm, struct address_space *m, u64 first)
{
	struct vma *v;

	mutex_lock(&mm->lock);
	for (v = vm_first_vma(mm); v; v = vma_next(v)) {
		unsigned long start = v->start;
		struct vm_gather g;

		if (vma_mapping(v) != m || v->pgoff + vma_pages(v) <= first)
			continue;
		if (first > v->pgoff)
			start += (first - v->pgoff) << PAGE_SHIFT;
		vm_gather_init(&g, mm);
		vm_zap_range(&g, start, v->end);
		vm_gather_finish(&g);
	}
	mutex_unlock(&mm->lock);
}

void vm_unmap_mapping_from(struct address_space *m, u64 first)
{
	struct mm **mms;
	long n;

	if (!READ_ONCE(m->i_mmap_nr))
		return;
	n = collect_mms(m, &mms);
	if (n < 0) {
		/* XXX: out of memory for the list: mappings keep the old
		 * pages (detached from the file) until unmapped. Linux needs
		 * no allocation here. */
		return;
	}
	for (long i = 0; i < n; i++) {
		unmap_in_mm(mms[i], m, first);
		mm_put(mms[i]);
	}
	kfree(mms);
}
