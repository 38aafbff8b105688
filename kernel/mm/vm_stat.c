/*
 * Memory figures of an address space for /proc/[pid]/status, statm, stat
 * and smaps_rollup (kernel/procfs.h): VMA sizes by kind and the resident
 * pages found in the page tables, counted under mm->lock.
 */
#include <kernel/mutex.h>
#include <kernel/procfs.h>
#include <string.h>

#include "vm_internal.h"

struct rss_count {
	const struct vma *v;
	struct vm_mem_stats *st;
};

static void count_pte(pte_t *pte, unsigned long va, void *arg)
{
	struct rss_count *c = arg;
	pte_t e = READ_ONCE(*pte);
	struct page *page;

	if (!(e & PTE_P))
		return;
	page = pte_page(e);
	if (c->v->shm)
		c->st->rss_shmem++;
	else if (page->flags & PG_anon)
		c->st->rss_anon++;
	else if (c->v->file)
		c->st->rss_file++;
	/* else: the shared zero page, which Linux does not count either */
}

void vm_mem_stats(struct mm *mm, struct vm_mem_stats *st)
{
	struct vma *v;

	memset(st, 0, sizeof(*st));
	mutex_lock(&mm->lock);
	for (v = vm_first_vma(mm); v; v = vma_next(v)) {
		unsigned long pages = vma_pages(v);
		struct rss_count c = { v, st };

		st->total_vm += pages;
		if (v->flags & VM_GROWSDOWN)
			st->stack_vm += pages;
		else if ((v->flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
			st->data_vm += pages;
		else if ((v->flags & (VM_EXEC | VM_WRITE)) == VM_EXEC)
			st->exec_vm += pages;
		if (v->flags & VM_LOCKED)
			st->locked_vm += pages;
		if ((v->flags & VM_EXEC) && v->file && !st->end_code) {
			st->start_code = v->start;
			st->end_code = v->end;
		}
		vm_pte_range(mm->pml4, v->start, v->end, count_pte, &c);
	}
	st->peak_vm = st->total_vm;
	/* One page-table page maps 2 MiB: a rough figure for VmPTE. */
	st->pte_pages = (st->total_vm + 511) / 512;
	st->start_brk = mm->start_brk;
	st->brk = mm->brk;
	st->start_data = st->end_code;
	st->end_data = mm->start_brk;
	st->start_stack = mm->start_stack;
	st->arg_start = mm->arg_start;
	st->arg_end = mm->arg_end;
	st->env_start = mm->env_start;
	st->env_end = mm->env_end;
	mutex_unlock(&mm->lock);
}
