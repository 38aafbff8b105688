/*
 * Address-space resource limits (Linux's may_expand_vm): RLIMIT_AS bounds
 * the pages mapped in all, RLIMIT_DATA the private writable ones (and the
 * heap, which is one). mmap, brk and mremap ask before they grow an mm;
 * a refusal is ENOMEM (brk: the break stays). This is the only place in
 * kernel/mm that reads the limits.
 */
#include <kernel/proc.h>

#include "vm_internal.h"

/* Linux's is_data_mapping: private, writable, not a stack. */
static bool data_mapping(unsigned long flags)
{
	return (flags & (VM_WRITE | VM_SHARED | VM_GROWSDOWN)) == VM_WRITE;
}

/* Pages of mm in [start, end) (all, and data ones). Caller holds mm->lock. */
static void count_range(struct mm *mm, unsigned long start, unsigned long end,
			unsigned long *all, unsigned long *data)
{
	struct vma *v;

	*all = *data = 0;
	for (v = vm_first_vma(mm); v; v = vma_next(v)) {
		unsigned long s = v->start > start ? v->start : start;
		unsigned long e = v->end < end ? v->end : end;

		if (s >= e)
			continue;
		*all += (e - s) >> PAGE_SHIFT;
		if (data_mapping(v->flags))
			*data += (e - s) >> PAGE_SHIFT;
	}
}

bool vm_may_expand(struct mm *mm, unsigned long flags, unsigned long addr, unsigned long len)
{
	u64 as = rlimit(RLIMIT_AS), dlim = rlimit(RLIMIT_DATA);
	unsigned long npages = len >> PAGE_SHIFT, old_all, old_data, all, data;

	if (as == RLIM_INFINITY && (dlim == RLIM_INFINITY || !data_mapping(flags)))
		return true;
	/* What a MAP_FIXED mapping replaces does not count twice (Linux's
	 * count_vma_pages_range). */
	count_range(mm, addr, addr + len, &old_all, &old_data);
	if (as != RLIM_INFINITY && mm->total_vm - old_all + npages > (as >> PAGE_SHIFT))
		return false;
	if (dlim != RLIM_INFINITY && data_mapping(flags)) {
		u64 hard = current->signal ? READ_ONCE(current->signal->rlim[RLIMIT_DATA].max)
					   : RLIM_INFINITY;

		count_range(mm, 0, VM_TASK_SIZE, &all, &data);
		data = data - old_data + npages;
		/* Linux's Valgrind workaround: a soft limit of 0 lets the
		 * hard one count. */
		if (data > (dlim >> PAGE_SHIFT) && !(dlim == 0 && data <= (hard >> PAGE_SHIFT)))
			return false;
	}
	return true;
}
