/*
 * The address-space side of SysV shared memory: shmat maps a segment's
 * shared anonymous object (shmem_anon.c) into an mm, shmdt finds and
 * unmaps it again. The segment's bookkeeping (ids, permissions, nattch)
 * lives in kernel/ipc/shm.c; it hears of every VMA that maps it through
 * the object's vm_shm_ops (vma_dup and vma_destroy call them).
 */
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/mutex.h>
#include <kernel/vm.h>

#include "vm_internal.h"

long vm_shm_attach(struct mm *mm, struct shmem_anon *s, unsigned long addr, size_t len,
		   int prot, bool remap)
{
	unsigned long vmflags = VM_SHARED | VM_MAYSHARE | VM_MAYREAD | VM_MAYEXEC;
	struct vma *v;
	long r;

	len = ALIGN_UP(len, PAGE_SIZE);
	if (!len)
		return -EINVAL;
	if (prot & LINUX_PROT_READ)
		vmflags |= VM_READ;
	if (prot & LINUX_PROT_WRITE)
		vmflags |= VM_WRITE | VM_MAYWRITE;
	if (prot & LINUX_PROT_EXEC)
		vmflags |= VM_EXEC;

	v = vma_alloc();
	if (!v)
		return -ENOMEM;
	mutex_lock(&mm->lock);
	if (mm->map_count >= VM_MAX_MAP_COUNT) {
		r = -ENOMEM;
		goto out;
	}
	if (addr) {
		struct vma *o;

		/* Linux's shmat: an attach over a mapping needs SHM_REMAP. */
		if (addr + len < addr) {
			r = -EINVAL;
			goto out;
		}
		o = vm_find_vma(mm, addr);
		if (!remap && o && o->start < addr + len) {
			r = -EINVAL;
			goto out;
		}
	}
	addr = vm_get_unmapped_area(mm, addr, len, addr ? LINUX_MAP_FIXED : 0);
	if (IS_ERR_VALUE(addr)) {
		r = (long)addr;
		goto out;
	}
	r = vm_do_munmap(mm, addr, len);
	if (r)
		goto out;
	v->start = addr;
	v->end = addr + len;
	v->flags = vmflags;
	v->pgoff = 0;
	v->shm = s;
	shmem_anon_get(s);
	shmem_anon_vma_open(s);
	vm_vma_link(mm, v);
	mutex_unlock(&mm->lock);
	return (long)addr;

out:
	mutex_unlock(&mm->lock);
	kfree(v);
	return r;
}

static bool is_attach_of(const struct vma *v, unsigned long addr)
{
	return v->shm && shmem_anon_is_sysv(v->shm) &&
	       ((v->start - addr) >> PAGE_SHIFT) == v->pgoff;
}

int vm_shm_detach(struct mm *mm, unsigned long addr)
{
	struct shmem_anon *s = NULL;
	unsigned long size = 0, next;
	struct vma *v;
	int r = -EINVAL;

	if (addr & ~PAGE_MASK)
		return -EINVAL;
	mutex_lock(&mm->lock);
	/* As Linux: the first VMA at or above addr that maps a segment from
	 * offset (start - addr) names the segment; then every other piece of
	 * that segment within its size of addr goes too. */
	for (v = vm_find_vma(mm, addr); v; v = vma_next(v)) {
		if (is_attach_of(v, addr)) {
			s = v->shm;
			shmem_anon_get(s);
			size = shmem_anon_size(s) << PAGE_SHIFT;
			next = v->end;
			vm_do_munmap(mm, v->start, v->end - v->start);
			r = 0;
			break;
		}
	}
	if (s) {
		for (v = vm_find_vma(mm, next); v && v->end - addr <= size; v = vm_find_vma(mm, next)) {
			next = v->end;
			if (v->shm == s && is_attach_of(v, addr))
				vm_do_munmap(mm, v->start, v->end - v->start);
		}
	}
	mutex_unlock(&mm->lock);
	if (s)
		shmem_anon_put(s);
	return r;
}
