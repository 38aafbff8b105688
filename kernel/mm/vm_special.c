/*
 * Special mappings: kernel pages every process maps, the vDSO's text and
 * data page (kernel/proc/vdso.c). Each is a shared anonymous page store
 * (shmem_anon.c) that carries a name and is filled once by the kernel;
 * its VMAs are shared-anonymous VMAs without VM_MAYWRITE, so the faults,
 * fork, munmap, mremap and mprotect paths need nothing of their own:
 * pages come from the store, fork refaults them, nothing can ever write
 * them through a user mapping.
 *
 * Pages are allocated at creation (not on first touch) so the kernel can
 * fill them and keep writing the data page through page_address.
 */
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/vm.h>

#include "vm_internal.h"

struct vm_special {
	struct shmem_anon *store;     /* one reference, never dropped */
	unsigned long npages;
	unsigned long vmflags;
	void **pages;                 /* kernel addresses; the store keeps the pages */
};

struct vm_special *vm_special_create(const char *name, unsigned long npages, bool exec)
{
	struct vm_special *s;

	if (!npages)
		return NULL;
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return NULL;
	s->pages = kzalloc(npages * sizeof(*s->pages), GFP_KERNEL);
	s->store = shmem_anon_create(npages);
	if (!s->pages || !s->store)
		goto fail;
	shmem_anon_set_name(s->store, name);
	s->npages = npages;
	s->vmflags = VM_READ | VM_MAYREAD | (exec ? VM_EXEC | VM_MAYEXEC : VM_DONTDUMP);
	for (unsigned long i = 0; i < npages; i++) {
		struct page *p = shmem_anon_page(s->store, i);

		if (!p || IS_ERR(p))
			goto fail;
		s->pages[i] = page_address(p);
		vm_page_release(p);      /* the store's own reference keeps it */
	}
	return s;

fail:
	if (s->store)
		shmem_anon_put(s->store);
	kfree(s->pages);
	kfree(s);
	return NULL;
}

void *vm_special_page(struct vm_special *s, unsigned long index)
{
	return index < s->npages ? s->pages[index] : NULL;
}

long vm_special_map(struct mm *mm, unsigned long addr, struct vm_special *const *specials, int n)
{
	struct vma *vmas[4] = { NULL };
	unsigned long len = 0, at;
	long r;
	int i;

	if (n <= 0 || n > (int)ARRAY_SIZE(vmas))
		return -EINVAL;
	for (i = 0; i < n; i++)
		len += specials[i]->npages << PAGE_SHIFT;
	for (i = 0; i < n; i++) {
		vmas[i] = vma_alloc();
		if (!vmas[i]) {
			r = -ENOMEM;
			goto out_free;
		}
	}

	mutex_lock(&mm->lock);
	if (mm->map_count + n > VM_MAX_MAP_COUNT) {
		r = -ENOMEM;
		goto out_unlock;
	}
	if (addr) {
		if ((addr & ~PAGE_MASK) || addr < VM_MMAP_MIN_ADDR || addr > VM_TASK_SIZE - len ||
		    !vm_range_free(mm, addr, addr + len)) {
			r = -EINVAL;
			goto out_unlock;
		}
	} else {
		addr = vm_get_unmapped_area(mm, 0, len, 0);
		if (IS_ERR_VALUE(addr)) {
			r = (long)addr;
			goto out_unlock;
		}
	}
	at = addr;
	for (i = 0; i < n; i++) {
		struct vma *v = vmas[i];

		v->start = at;
		v->end = at + (specials[i]->npages << PAGE_SHIFT);
		v->flags = specials[i]->vmflags;
		v->pgoff = 0;
		shmem_anon_get(specials[i]->store);
		v->shm = specials[i]->store;
		vm_vma_link(mm, v);
		vmas[i] = NULL;
		at = v->end;
	}
	r = (long)addr;
out_unlock:
	mutex_unlock(&mm->lock);
out_free:
	for (i = 0; i < n; i++)
		kfree(vmas[i]);
	return r;
}
