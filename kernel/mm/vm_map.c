/*
 * The mapping operations behind mmap, munmap, mprotect, brk, mremap,
 * madvise, msync, mincore and mlock, with Linux's checks and errno values
 * (mm/mmap.c, mm/mprotect.c, mm/mremap.c, mm/madvise.c, mm/msync.c,
 * mm/mincore.c are the reference for the order of the checks). The
 * syscall handlers in linuxabi/mm.c only fetch the file and copy results.
 *
 * Each operation takes mm->lock for its whole length. Ranges are changed
 * VMA by VMA: the VMAs at the edges are split first, so the operation
 * then works on whole VMAs; mprotect and the like merge again afterwards.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/memfd.h>
#include <kernel/mm.h>
#include <kernel/paging.h>
#include <kernel/panic.h>
#include <kernel/proc.h>
#include <kernel/vm.h>
#include <string.h>

#include "vm_internal.h"

static unsigned long prot_to_vmflags(int prot)
{
	unsigned long f = 0;

	if (prot & LINUX_PROT_READ)
		f |= VM_READ;
	if (prot & LINUX_PROT_WRITE)
		f |= VM_WRITE;
	if (prot & LINUX_PROT_EXEC)
		f |= VM_EXEC;
	return f;
}

/*
 * Make start and end VMA boundaries (splitting the VMAs they fall in), so
 * that [start, end) is covered by whole VMAs and holes. -ENOMEM when a
 * split cannot be allocated or would pass the map count limit.
 */
static int split_edges(struct mm *mm, unsigned long start, unsigned long end)
{
	struct vma *v = vm_vma_lookup(mm, start);

	if (v && v->start < start) {
		if (mm->map_count >= VM_MAX_MAP_COUNT)
			return -ENOMEM;
		if (!vm_vma_split(mm, v, start))
			return -ENOMEM;
	}
	v = vm_vma_lookup(mm, end);
	if (v && v->start < end && end < v->end) {
		if (mm->map_count >= VM_MAX_MAP_COUNT)
			return -ENOMEM;
		if (!vm_vma_split(mm, v, end))
			return -ENOMEM;
	}
	return 0;
}

/* Merge what splits and changes in [start, end) made mergeable. */
static void merge_range(struct mm *mm, unsigned long start, unsigned long end)
{
	for (struct vma *v = vm_find_vma(mm, start ? start - 1 : 0); v && v->start <= end;
	     v = vma_next(v))
		v = vm_vma_merge(mm, v);
}

/* munmap with mm->lock held: [start, start+len) page-aligned. */
int vm_do_munmap(struct mm *mm, unsigned long start, size_t len)
{
	unsigned long end = start + len;
	struct vm_gather g;
	struct vma *v, *next;
	int r;

	if (!len)
		return 0;
	v = vm_find_vma(mm, start);
	if (!v || v->start >= end)
		return 0;
	/* Unmapping the middle of a VMA needs one more: Linux's limit check. */
	if (v->start < start && end < v->end && mm->map_count >= VM_MAX_MAP_COUNT)
		return -ENOMEM;
	r = split_edges(mm, start, end);
	if (r)
		return r;

	vm_gather_init(&g, mm);
	for (v = vm_find_vma(mm, start); v && v->start < end; v = next) {
		next = vma_next(v);
		vm_vma_unlink(mm, v);
		vm_zap_range(&g, v->start, v->end);
		/* The file reference goes after the flush (pages first). */
		vm_gather_finish(&g);
		vma_destroy(v);
	}
	vm_gather_finish(&g);
	return 0;
}

int vm_munmap(struct mm *mm, unsigned long addr, size_t len)
{
	int r;

	if ((addr & ~PAGE_MASK) || addr > VM_TASK_SIZE || len > VM_TASK_SIZE - addr)
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!len)
		return -EINVAL;
	mutex_lock(&mm->lock);
	r = vm_do_munmap(mm, addr, len);
	mutex_unlock(&mm->lock);
	return r;
}

long vm_mmap(struct mm *mm, unsigned long addr, size_t len, int prot, int flags,
	     struct file *file, u64 offset)
{
	unsigned long vmflags = prot_to_vmflags(prot) | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	int type = flags & LINUX_MAP_TYPE;
	struct shmem_anon *shm = NULL;
	struct vma *v;
	u64 pgoff;
	long r;

	if (offset & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return -EINVAL;
	if (flags & LINUX_MAP_ANONYMOUS)
		file = NULL;
	switch (type) {
	case LINUX_MAP_SHARED_VALIDATE:
		if (flags & ~(LINUX_MAP_LEGACY_MASK | LINUX_MAP_SYNC))
			return -EOPNOTSUPP;
		/* MAP_SYNC needs DAX, which no filesystem here has. */
		if (flags & LINUX_MAP_SYNC)
			return -EOPNOTSUPP;
		type = LINUX_MAP_SHARED;
		break;
	case LINUX_MAP_SHARED:
	case LINUX_MAP_PRIVATE:
		flags &= LINUX_MAP_LEGACY_MASK;
		break;
	default:
		return -EINVAL;
	}
	/* No huge pages are reserved: Linux with nr_hugepages = 0 says so. */
	if (flags & LINUX_MAP_HUGETLB)
		return file ? -EINVAL : -ENOMEM;   /* XXX: hugetlbfs */
	if (!(flags & (LINUX_MAP_FIXED | LINUX_MAP_FIXED_NOREPLACE))) {
		addr &= PAGE_MASK;
		if (addr && addr < VM_MMAP_MIN_ADDR)
			addr = VM_MMAP_MIN_ADDR;
	}
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!len)
		return -ENOMEM;
	pgoff = offset >> PAGE_SHIFT;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;

	if (flags & LINUX_MAP_GROWSDOWN)
		vmflags |= VM_GROWSDOWN;
	if (flags & LINUX_MAP_LOCKED)
		vmflags |= VM_LOCKED;
	if (flags & LINUX_MAP_NORESERVE)
		vmflags |= VM_NORESERVE;

	mutex_lock(&mm->lock);
	vmflags |= mm->def_flags;   /* mlockall(MCL_FUTURE) */
	if (mm->map_count >= VM_MAX_MAP_COUNT) {
		r = -ENOMEM;
		goto out_unlock;
	}
	addr = vm_get_unmapped_area(mm, addr, len, flags);
	if (IS_ERR_VALUE(addr)) {
		r = (long)addr;
		goto out_unlock;
	}
	if (flags & LINUX_MAP_FIXED_NOREPLACE) {
		struct vma *o = vm_find_vma(mm, addr);

		if (o && o->start < addr + len) {
			r = -EEXIST;
			goto out_unlock;
		}
	}

	if (file) {
		int acc = file_accmode(file);

		if (type == LINUX_MAP_SHARED) {
			if ((prot & LINUX_PROT_WRITE) && acc != LINUX_O_RDWR && acc != LINUX_O_WRONLY) {
				r = -EACCES;
				goto out_unlock;
			}
			/* XXX: Linux also refuses a writable shared map of an
			 * append-only inode (EACCES). */
			vmflags |= VM_SHARED | VM_MAYSHARE;
			if (acc != LINUX_O_RDWR && acc != LINUX_O_WRONLY)
				vmflags &= ~(VM_MAYWRITE | VM_SHARED);
			r = memfd_mmap_check(file, &vmflags);   /* file seals */
			if (r)
				goto out_unlock;
		}
		if (acc == LINUX_O_WRONLY) {
			r = -EACCES;
			goto out_unlock;
		}
		if (file_noexec(file)) {
			if (vmflags & VM_EXEC) {
				r = -EPERM;
				goto out_unlock;
			}
			vmflags &= ~VM_MAYEXEC;
		}
		if (!file_mmap_ok(file)) {
			r = -ENODEV;
			goto out_unlock;
		}
		if (vmflags & VM_GROWSDOWN) {
			r = -EINVAL;
			goto out_unlock;
		}
		/* /dev/zero: the checks above were the file's; the memory is
		 * anonymous (shared: one object for every sharer). */
		if (file_mmap_anon(file))
			file = NULL;
	} else if (type == LINUX_MAP_SHARED) {
		if (vmflags & VM_GROWSDOWN) {
			r = -EINVAL;
			goto out_unlock;
		}
		vmflags |= VM_SHARED | VM_MAYSHARE;
	}
	if (!vm_may_expand(mm, vmflags, addr, len)) {
		r = -ENOMEM;
		goto out_unlock;
	}
	if (file) {
		/* The page cache (or the device's get_page) backs it. */
	} else if (type == LINUX_MAP_SHARED) {
		shm = shmem_anon_create(len >> PAGE_SHIFT);
		if (!shm) {
			r = -ENOMEM;
			goto out_unlock;
		}
		pgoff = 0;
	} else {
		pgoff = addr >> PAGE_SHIFT;
	}

	v = vma_alloc();
	if (!v) {
		r = -ENOMEM;
		goto out_shm;
	}
	/* MAP_FIXED replaces whatever was there. */
	r = vm_do_munmap(mm, addr, len);
	if (r)
		goto out_vma;
	v->start = addr;
	v->end = addr + len;
	v->flags = vmflags;
	v->pgoff = pgoff;
	v->shm = shm;
	v->file = file ? file_get(file) : NULL;
	vm_vma_link(mm, v);
	if (!v->shm)
		v = vm_vma_merge(mm, v);

	if ((flags & (LINUX_MAP_POPULATE | LINUX_MAP_NONBLOCK)) == LINUX_MAP_POPULATE ||
	    (vmflags & VM_LOCKED))
		/* Errors are not reported: Linux returns the mapping anyway. */
		vm_populate_locked(mm, addr, addr + len, false);
	mutex_unlock(&mm->lock);
	return (long)addr;

out_vma:
	kfree(v);
out_shm:
	if (shm)
		shmem_anon_put(shm);
out_unlock:
	mutex_unlock(&mm->lock);
	return r;
}

int vm_mprotect(struct mm *mm, unsigned long start, size_t len, int prot)
{
	int grows = prot & (LINUX_PROT_GROWSDOWN | LINUX_PROT_GROWSUP);
	unsigned long end, newbits;
	struct vma *v, *next;
	int r = 0;

	prot &= ~(LINUX_PROT_GROWSDOWN | LINUX_PROT_GROWSUP);
	if (grows == (LINUX_PROT_GROWSDOWN | LINUX_PROT_GROWSUP))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	len = ALIGN_UP(len, PAGE_SIZE);
	end = start + len;
	if (end <= start)
		return -ENOMEM;
	if (prot & ~(LINUX_PROT_READ | LINUX_PROT_WRITE | LINUX_PROT_EXEC | LINUX_PROT_SEM))
		return -EINVAL;
	newbits = prot_to_vmflags(prot);

	mutex_lock(&mm->lock);
	v = vm_find_vma(mm, start);
	if (!v) {
		r = -ENOMEM;
		goto out;
	}
	if (grows & LINUX_PROT_GROWSDOWN) {
		if (v->start >= end) {
			r = -ENOMEM;
			goto out;
		}
		start = v->start;
		if (!(v->flags & VM_GROWSDOWN)) {
			r = -EINVAL;
			goto out;
		}
	} else {
		if (v->start > start) {
			r = -ENOMEM;
			goto out;
		}
		if (grows & LINUX_PROT_GROWSUP) {
			r = -EINVAL;          /* no VM_GROWSUP on x86 */
			goto out;
		}
	}
	/* Check the whole range before changing anything. XXX: Linux changes
	 * the VMAs before a hole or a refused one and then fails. */
	for (struct vma *w = v; w && w->start < end; w = vma_next(w)) {
		struct vma *n = vma_next(w);

		if ((newbits & ~(w->flags >> 4)) & (VM_READ | VM_WRITE | VM_EXEC)) {
			r = -EACCES;
			goto out;
		}
		if (w->end < end && (!n || n->start != w->end)) {
			r = -ENOMEM;
			goto out;
		}
	}
	r = split_edges(mm, start, end);
	if (r)
		goto out;
	for (v = vm_find_vma(mm, start); v && v->start < end; v = next) {
		next = vma_next(v);
		if ((v->flags & (VM_READ | VM_WRITE | VM_EXEC)) == newbits)
			continue;
		v->flags = (v->flags & ~(VM_READ | VM_WRITE | VM_EXEC)) | newbits;
		vm_change_prot(mm, v, v->start, v->end);
	}
	merge_range(mm, start, end);
out:
	mutex_unlock(&mm->lock);
	return r;
}

void vm_set_brk_start(struct mm *mm, unsigned long start)
{
	mutex_lock(&mm->lock);
	mm->start_brk = mm->brk = vm_aslr_brk(mm, ALIGN_UP(start, PAGE_SIZE));
	mutex_unlock(&mm->lock);
}

unsigned long vm_brk(struct mm *mm, unsigned long new_brk)
{
	unsigned long old_end, new_end, r;

	mutex_lock(&mm->lock);
	r = mm->brk;
	/* Linux answers every failure with the current break. No break
	 * set up (no loader ran): nothing to grow from. */
	if (!mm->start_brk || new_brk < mm->start_brk || new_brk > VM_TASK_SIZE)
		goto out;
	old_end = ALIGN_UP(mm->brk, PAGE_SIZE);
	new_end = ALIGN_UP(new_brk, PAGE_SIZE);
	if (new_end == old_end) {
		mm->brk = r = new_brk;
		goto out;
	}
	if (new_brk < mm->brk) {
		if (vm_do_munmap(mm, new_end, old_end - new_end) == 0)
			mm->brk = r = new_brk;
		goto out;
	}
	/* Linux's overcommit heuristic (vm.overcommit_memory 0): one request
	 * larger than all of RAM and swap is refused (brk(1 << 46)).
	 * RLIMIT_DATA and RLIMIT_AS: vm_may_expand below. XXX: mmap does not
	 * apply the heuristic yet. */
	if ((new_end - old_end) >> PAGE_SHIFT > pmm_total_pages())
		goto out;
	/* Linux keeps a page (and a stack's guard gap) free above the heap. */
	if (!vm_range_free(mm, old_end, new_end + PAGE_SIZE) || mm->map_count >= VM_MAX_MAP_COUNT ||
	    !vm_may_expand(mm, VM_READ | VM_WRITE, old_end, new_end - old_end))
		goto out;
	{
		struct vma *v = vma_alloc();

		if (!v)
			goto out;
		v->start = old_end;
		v->end = new_end;
		v->flags = VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
		v->pgoff = old_end >> PAGE_SHIFT;
		vm_vma_link(mm, v);
		vm_vma_merge(mm, v);
	}
	mm->brk = r = new_brk;
out:
	mutex_unlock(&mm->lock);
	return r;
}

/* mremap helpers */

/*
 * Move [old_addr, +old_len) of v to a new VMA at new_addr of new_len (the
 * range is free). old_len 0: a second mapping of a shared object, nothing
 * moves. dontunmap: the old range stays, emptied.
 */
static long mremap_move(struct mm *mm, struct vma *v, unsigned long old_addr, size_t old_len,
			size_t new_len, unsigned long new_addr, bool dontunmap)
{
	struct vma *nv;
	int r;

	if (mm->map_count + 2 >= VM_MAX_MAP_COUNT)
		return -ENOMEM;
	nv = vma_dup(v);
	if (!nv)
		return -ENOMEM;
	nv->start = new_addr;
	nv->end = new_addr + new_len;
	nv->pgoff = vma_index(v, old_addr);
	if (vma_is_private_anon(nv))
		nv->pgoff = new_addr >> PAGE_SHIFT;
	/* XXX: Linux keeps VM_LOCKED and populates the grown part. */
	nv->flags &= ~VM_LOCKED;
	vm_vma_link(mm, nv);
	if (!old_len)
		return (long)new_addr;
	r = vm_move_ptes(mm, old_addr, new_addr, MIN(old_len, new_len));
	if (r) {
		/* Put back what moved, then forget the new VMA. */
		vm_move_ptes(mm, new_addr, old_addr, MIN(old_len, new_len));
		vm_vma_unlink(mm, nv);
		vma_destroy(nv);
		return r;
	}
	/* With dontunmap the old range stays mapped and empty: private
	 * anonymous memory there reads as zero again. */
	if (!dontunmap)
		vm_do_munmap(mm, old_addr, old_len);
	vm_vma_merge(mm, nv);
	return (long)new_addr;
}

/* Linux's vma_to_resize: the VMA holding the old range, or ERR_PTR. */
static struct vma *mremap_vma(struct mm *mm, unsigned long addr, size_t old_len)
{
	struct vma *v = vm_vma_lookup(mm, addr);

	if (!v)
		return ERR_PTR(-EFAULT);
	/* old_len 0 duplicates a shared mapping; private ones cannot be. */
	if (!old_len && !(v->flags & VM_MAYSHARE))
		return ERR_PTR(-EINVAL);
	if (old_len > v->end - addr)
		return ERR_PTR(-EFAULT);
	return v;
}

/* MREMAP_FIXED and MREMAP_DONTUNMAP: always a move (Linux's mremap_to). */
static long mremap_to(struct mm *mm, unsigned long addr, size_t old_len, size_t new_len,
		      int flags, unsigned long new_addr)
{
	bool fixed = flags & LINUX_MREMAP_FIXED;
	struct vma *v;
	long r;

	if (fixed) {
		if (new_addr & ~PAGE_MASK)
			return -EINVAL;
		if (new_len > VM_TASK_SIZE || new_addr > VM_TASK_SIZE - new_len)
			return -EINVAL;
		if (addr + old_len > new_addr && new_addr + new_len > addr)
			return -EINVAL;
		r = vm_do_munmap(mm, new_addr, new_len);
		if (r)
			return r;
	}
	if (old_len > new_len) {
		r = vm_do_munmap(mm, addr + new_len, old_len - new_len);
		if (r)
			return r;
		old_len = new_len;
	}
	v = mremap_vma(mm, addr, old_len);
	if (IS_ERR(v))
		return PTR_ERR(v);
	/* The growth is what counts; nothing is mapped at VM_TASK_SIZE. */
	if (new_len > old_len && !vm_may_expand(mm, v->flags, VM_TASK_SIZE, new_len - old_len))
		return -ENOMEM;
	new_addr = vm_get_unmapped_area(mm, new_addr, new_len,
					(fixed ? LINUX_MAP_FIXED : 0) |
					((v->flags & VM_MAYSHARE) ? LINUX_MAP_SHARED : 0));
	if (IS_ERR_VALUE(new_addr))
		return (long)new_addr;
	return mremap_move(mm, v, addr, old_len, new_len, new_addr,
			   flags & LINUX_MREMAP_DONTUNMAP);
}

long vm_mremap(struct mm *mm, unsigned long old_addr, size_t old_len, size_t new_len,
	       int flags, unsigned long new_addr)
{
	bool maymove = flags & LINUX_MREMAP_MAYMOVE;
	struct vma *v, *next;
	long r;

	if (flags & ~(LINUX_MREMAP_MAYMOVE | LINUX_MREMAP_FIXED | LINUX_MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & LINUX_MREMAP_FIXED) && !maymove)
		return -EINVAL;
	if ((flags & LINUX_MREMAP_DONTUNMAP) && (!maymove || old_len != new_len))
		return -EINVAL;
	if (old_addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = ALIGN_UP(old_len, PAGE_SIZE);
	new_len = ALIGN_UP(new_len, PAGE_SIZE);
	if (!new_len)
		return -EINVAL;

	mutex_lock(&mm->lock);
	if (flags & (LINUX_MREMAP_FIXED | LINUX_MREMAP_DONTUNMAP)) {
		r = mremap_to(mm, old_addr, old_len, new_len, flags, new_addr);
		goto out;
	}
	/* Shrinking needs no VMA check: it is an munmap of the tail. */
	if (old_len >= new_len) {
		r = vm_do_munmap(mm, old_addr + new_len, old_len - new_len);
		if (!r)
			r = (long)old_addr;
		goto out;
	}
	v = mremap_vma(mm, old_addr, old_len);
	if (IS_ERR(v)) {
		r = PTR_ERR(v);
		goto out;
	}
	if (!vm_may_expand(mm, v->flags, old_addr + old_len, new_len - old_len)) {
		r = -ENOMEM;
		goto out;
	}
	/* Grow in place when the VMA ends there and nothing lies above. */
	if (old_len && old_addr + old_len == v->end &&
	    new_len - old_len <= VM_TASK_SIZE - v->end) {
		next = vma_next(v);
		if (!next || next->start >= old_addr + new_len) {
			mm->total_vm += (old_addr + new_len - v->end) >> PAGE_SHIFT;
			v->end = old_addr + new_len;
			vm_vma_merge(mm, v);
			r = (long)old_addr;
			goto out;
		}
	}
	if (!maymove) {
		r = -ENOMEM;
		goto out;
	}
	new_addr = vm_get_unmapped_area(mm, 0, new_len,
					(v->flags & VM_MAYSHARE) ? LINUX_MAP_SHARED : 0);
	if (IS_ERR_VALUE(new_addr)) {
		r = (long)new_addr;
		goto out;
	}
	r = mremap_move(mm, v, old_addr, old_len, new_len, new_addr, false);
out:
	mutex_unlock(&mm->lock);
	return r;
}

/* madvise */

static bool madvise_known(int advice)
{
	switch (advice) {
	case LINUX_MADV_NORMAL: case LINUX_MADV_RANDOM: case LINUX_MADV_SEQUENTIAL:
	case LINUX_MADV_WILLNEED: case LINUX_MADV_DONTNEED: case LINUX_MADV_FREE:
	case LINUX_MADV_REMOVE: case LINUX_MADV_DONTFORK: case LINUX_MADV_DOFORK:
	case LINUX_MADV_MERGEABLE: case LINUX_MADV_UNMERGEABLE: case LINUX_MADV_HUGEPAGE:
	case LINUX_MADV_NOHUGEPAGE: case LINUX_MADV_DONTDUMP: case LINUX_MADV_DODUMP:
	case LINUX_MADV_WIPEONFORK: case LINUX_MADV_KEEPONFORK: case LINUX_MADV_COLD:
	case LINUX_MADV_PAGEOUT: case LINUX_MADV_POPULATE_READ: case LINUX_MADV_POPULATE_WRITE:
	case LINUX_MADV_DONTNEED_LOCKED: case LINUX_MADV_COLLAPSE:
		return true;
	}
	return false;
}

/* Advice that changes VMA flags: the new flags for v, or -errno. */
static long madvise_flags(struct vma *v, int advice)
{
	switch (advice) {
	case LINUX_MADV_DONTFORK:
		return v->flags | VM_DONTCOPY;
	case LINUX_MADV_DOFORK:
		return v->flags & ~VM_DONTCOPY;
	case LINUX_MADV_WIPEONFORK:
		if (!vma_is_private_anon(v))
			return -EINVAL;
		return v->flags | VM_WIPEONFORK;
	case LINUX_MADV_KEEPONFORK:
		return v->flags & ~VM_WIPEONFORK;
	case LINUX_MADV_DONTDUMP:
		return v->flags | VM_DONTDUMP;
	case LINUX_MADV_DODUMP:
		return v->flags & ~VM_DONTDUMP;
	}
	return v->flags;
}

/* Apply advice to [start, end) inside v (a whole VMA after split_edges). */
static int madvise_vma(struct mm *mm, struct vma *v, unsigned long start, unsigned long end,
		       int advice)
{
	struct vm_gather g;

	switch (advice) {
	case LINUX_MADV_DONTNEED:
	case LINUX_MADV_DONTNEED_LOCKED:
	case LINUX_MADV_FREE:
		/* Locked memory keeps its pages: only DONTNEED_LOCKED drops them. */
		if (advice != LINUX_MADV_DONTNEED_LOCKED && (v->flags & VM_LOCKED))
			return -EINVAL;
		/* MADV_FREE is for private anonymous memory only; it frees at
		 * once here (XXX: Linux frees lazily, under memory pressure). */
		if (advice == LINUX_MADV_FREE && !vma_is_private_anon(v))
			return -EINVAL;
		vm_gather_init(&g, mm);
		vm_zap_range(&g, start, end);
		vm_gather_finish(&g);
		return 0;
	case LINUX_MADV_REMOVE:
		if (v->flags & VM_LOCKED)
			return -EINVAL;
		if (!v->file && !v->shm)
			return -EINVAL;
		if ((v->flags & (VM_SHARED | VM_WRITE)) != (VM_SHARED | VM_WRITE))
			return -EACCES;
		if (!v->shm)
			return -EOPNOTSUPP;   /* XXX: punch a hole in the file (tmpfs) */
		vm_gather_init(&g, mm);
		vm_zap_range(&g, start, end);
		vm_gather_finish(&g);
		shmem_anon_punch(v->shm, vma_index(v, start), vma_index(v, end));
		return 0;
	case LINUX_MADV_POPULATE_READ:
	case LINUX_MADV_POPULATE_WRITE: {
		int r;

		if (!vma_accessible(v))
			return -ENOMEM;
		if (advice == LINUX_MADV_POPULATE_WRITE && !(v->flags & VM_WRITE))
			return -EFAULT;
		r = vm_populate_locked(mm, start, end, advice == LINUX_MADV_POPULATE_WRITE);
		return r == -EIO ? -EFAULT : r;
	}
	case LINUX_MADV_COLLAPSE:
		return -EINVAL;       /* no transparent huge pages */
	}
	return 0;
}

int vm_madvise(struct mm *mm, unsigned long start, size_t len_in, int advice)
{
	size_t len;
	unsigned long end;
	int r = 0, unmapped = 0;
	struct vma *v;
	bool changes_flags;

	if (!madvise_known(advice))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	len = ALIGN_UP(len_in, PAGE_SIZE);
	if (len_in && !len)
		return -EINVAL;
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	changes_flags = advice == LINUX_MADV_DONTFORK || advice == LINUX_MADV_DOFORK ||
			advice == LINUX_MADV_WIPEONFORK || advice == LINUX_MADV_KEEPONFORK ||
			advice == LINUX_MADV_DONTDUMP || advice == LINUX_MADV_DODUMP;

	mutex_lock(&mm->lock);
	if (changes_flags) {
		r = split_edges(mm, start, end);
		if (r)
			goto out;
	}
	v = vm_find_vma(mm, start);
	for (unsigned long at = start; at < end; v = vma_next(v)) {
		if (!v || v->start >= end) {
			unmapped = -ENOMEM;
			break;
		}
		if (v->start > at) {
			unmapped = -ENOMEM;
			at = v->start;
		}
		if (changes_flags) {
			long f = madvise_flags(v, advice);

			if (f < 0) {
				r = (int)f;
				break;
			}
			v->flags = (unsigned long)f;
		} else {
			r = madvise_vma(mm, v, at, MIN(v->end, end), advice);
			if (r)
				break;
		}
		at = v->end;
	}
	if (changes_flags)
		merge_range(mm, start, end);
out:
	mutex_unlock(&mm->lock);
	return r ? r : unmapped;
}

int vm_msync(struct mm *mm, unsigned long start, size_t len, int flags)
{
	unsigned long end;
	struct vma *v;
	int r, unmapped = 0;

	if (flags & ~(LINUX_MS_ASYNC | LINUX_MS_INVALIDATE | LINUX_MS_SYNC))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if ((flags & LINUX_MS_ASYNC) && (flags & LINUX_MS_SYNC))
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	end = start + len;
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;
	mutex_lock(&mm->lock);
	r = -ENOMEM;
	for (v = vm_find_vma(mm, start); v; v = vma_next(v)) {
		if (start < v->start) {
			start = v->start;
			if (start >= end)
				break;
			unmapped = -ENOMEM;    /* a hole; the rest is still synced */
		}
		if ((flags & LINUX_MS_INVALIDATE) && (v->flags & VM_LOCKED)) {
			r = -EBUSY;
			break;
		}
		/* XXX: MS_SYNC of a shared file mapping should write the file's
		 * dirty pages back (vfs_fsync_range); tmpfs has nothing to write. */
		start = v->end;
		if (start >= end) {
			r = 0;
			break;
		}
	}
	mutex_unlock(&mm->lock);
	return r ? r : unmapped;
}

int vm_mincore(struct mm *mm, unsigned long start, unsigned long npages, unsigned char *vec)
{
	unsigned long va = start, end = start + (npages << PAGE_SHIFT);
	int r = 0;

	mutex_lock(&mm->lock);
	while (va < end) {
		struct vma *v = vm_vma_lookup(mm, va);

		if (!v) {
			r = -ENOMEM;
			break;
		}
		for (; va < end && va < v->end; va += PAGE_SIZE) {
			pte_t *pte = vm_pte_lookup(mm->pml4, va);
			unsigned char in = pte && pte_mapped(*pte);

			/* A shared object's page is resident whether or not this
			 * mapping has faulted it in. XXX: page-cache residency of
			 * file pages not mapped here (Linux reports it). */
			if (!in && v->shm)
				in = shmem_anon_present(v->shm, vma_index(v, va));
			*vec++ = in;
		}
	}
	mutex_unlock(&mm->lock);
	return r;
}

int vm_mlock(struct mm *mm, unsigned long start, size_t len, bool lock)
{
	unsigned long end;
	struct vma *v;
	int r;

	len = ALIGN_UP(len + (start & ~PAGE_MASK), PAGE_SIZE);
	start &= PAGE_MASK;
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	mutex_lock(&mm->lock);
	/* The whole range must be mapped (ENOMEM), as Linux checks first. */
	for (unsigned long at = start; at < end; at = v->end) {
		v = vm_vma_lookup(mm, at);
		if (!v) {
			r = -ENOMEM;
			goto out;
		}
	}
	r = split_edges(mm, start, end);
	if (r)
		goto out;
	for (v = vm_find_vma(mm, start); v && v->start < end; v = vma_next(v)) {
		if (lock)
			v->flags |= VM_LOCKED;
		else
			v->flags &= ~VM_LOCKED;
	}
	if (lock) {
		r = vm_populate_locked(mm, start, end, false);
		if (r == -EIO || r == -EACCES)
			r = 0;
	}
	merge_range(mm, start, end);
out:
	mutex_unlock(&mm->lock);
	return r;
}

/* mlockall/munlockall: MCL_CURRENT locks (and populates) every mapping
 * there is, MCL_FUTURE every mapping made later; munlockall undoes both.
 * As in Linux, mappings that cannot be populated (PROT_NONE, files past
 * their end) are locked without their pages. */
int vm_mlockall(struct mm *mm, int flags, bool lock)
{
	struct vma *v;

	mutex_lock(&mm->lock);
	if (!lock) {
		mm->def_flags &= ~VM_LOCKED;
	} else if (flags & LINUX_MCL_FUTURE) {
		mm->def_flags |= VM_LOCKED;
	} else {
		mm->def_flags &= ~VM_LOCKED;
	}
	if (!lock || (flags & LINUX_MCL_CURRENT)) {
		for (v = vm_find_vma(mm, 0); v; v = vma_next(v)) {
			if (lock)
				v->flags |= VM_LOCKED;
			else
				v->flags &= ~VM_LOCKED;
		}
		if (lock && !(flags & LINUX_MCL_ONFAULT)) {
			for (v = vm_find_vma(mm, 0); v; v = vma_next(v))
				if (v->flags & (VM_READ | VM_WRITE | VM_EXEC))   /* not PROT_NONE */
					vm_populate_locked(mm, v->start, v->end, false);
		}
	}
	mutex_unlock(&mm->lock);
	return 0;
}
