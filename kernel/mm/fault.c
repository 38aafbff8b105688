/*
 * Page faults on user addresses, from user mode or from the kernel's
 * copy_*_user (traps.c calls mm_handle_fault first, the exception table
 * after). Also populate (MAP_POPULATE, mlock, MADV_POPULATE_*) and
 * vm_access, which fault pages in the same way without a trap.
 *
 * What a not-present entry gets:
 *   private anonymous   read: the shared zero page, read-only;
 *                       write: a fresh zeroed page (PG_anon)
 *   shared anonymous    the shmem_anon object's page, writable if the VMA is
 *   shared file         the page-cache page itself, writable if the VMA is
 *   private file        read: the page-cache page, read-only;
 *                       write: a private copy of it
 * A write to a present read-only entry in a writable private VMA is
 * copy-on-write: an anonymous page only this mm maps (refcount 1) is made
 * writable in place, anything else (fork-shared, page cache, zero page) is
 * copied. Beyond the file's end is SIGBUS (-EIO), as Linux.
 *
 * MAP_GROWSDOWN VMAs grow down to a fault below them, within RLIMIT_STACK
 * and keeping VM_STACK_GUARD_GAP to the mapping below.
 *
 * All under mm->lock (a mutex: file_get_page may sleep on I/O). A fault
 * taken while holding mm->lock would deadlock, so nothing in kernel/mm
 * touches user memory with the lock held.
 */
#include <asm/x86.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/paging.h>
#include <kernel/panic.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <kernel/vm.h>
#include <string.h>

#include "vm_internal.h"

int vm_expand_stack(struct mm *mm, struct vma *v, unsigned long addr)
{
	unsigned long start = addr & PAGE_MASK;
	struct vma *prev = vma_prev(v);

	if (start >= v->start)
		return 0;
	if (v->file || start < VM_MMAP_MIN_ADDR)
		return -ENOMEM;
	if (v->end - start > mm->stack_rlimit)
		return -ENOMEM;
	/* Linux's stack_guard_gap against an accessible mapping below. */
	if (prev && !(prev->flags & VM_GROWSDOWN) && vma_accessible(prev) &&
	    (start < prev->end || start - prev->end < VM_STACK_GUARD_GAP))
		return -ENOMEM;
	if (prev && start < prev->end)
		return -ENOMEM;
	mm->total_vm += (v->start - start) >> PAGE_SHIFT;
	v->pgoff -= (v->start - start) >> PAGE_SHIFT;
	v->start = start;
	return 0;
}

/* The page that backs va in v when nothing is mapped yet, referenced; for
 * a private file mapping, the page-cache page (copied by the caller on a
 * write). NULL past the end of the object (SIGBUS), or ERR_PTR. */
static struct page *backing_page(struct vma *v, unsigned long va)
{
	struct page *p;

	if (v->shm)
		return shmem_anon_page(v->shm, vma_index(v, va));
	p = file_get_page(v->file, vma_index(v, va));
	return p;
}

static struct page *alloc_anon_page(void)
{
	struct page *p = alloc_page(GFP_KERNEL);

	if (p)
		p->flags |= PG_anon;
	return p;
}

static void install(struct mm *mm, pte_t *pte, struct page *page, u64 prot)
{
	pte_t old = __atomic_exchange_n(pte, page_to_phys(page) | prot, __ATOMIC_SEQ_CST);

	if (pte_mapped(old))
		vm_rss_add(mm, pte_page(old), -1);    /* a copy replaces it */
	vm_rss_add(mm, page, 1);
}

/* Write to a present, read-only entry of a writable VMA. */
static int fault_wp(struct mm *mm, struct vma *v, unsigned long va, pte_t *pte, pte_t old)
{
	struct page *page = pte_page(old), *copy;
	u64 prot = vm_pte_prot(v->flags, true);

	if (vm_page_writable(v, page)) {
		__atomic_fetch_or(pte, PTE_W, __ATOMIC_SEQ_CST);
		invlpg(va);
		return 0;
	}
	copy = alloc_anon_page();
	if (!copy)
		return -ENOMEM;
	if (page == vm_zero_page)
		memset(page_address(copy), 0, PAGE_SIZE);
	else
		memcpy(page_address(copy), page_address(page), PAGE_SIZE);
	install(mm, pte, copy, prot);
	/* Other threads may still read the old page through their TLBs. */
	vm_flush_range(mm, va, va + PAGE_SIZE);
	vm_page_release(page);
	return 0;
}

static int fault_page(struct mm *mm, struct vma *v, unsigned long va, bool write)
{
	pte_t *pte = vm_pte_alloc(mm->pml4, va);
	struct page *page;
	pte_t old;

	if (!pte)
		return -ENOMEM;
	old = *pte;
	if (old & PTE_PROTNONE) {
		/* Left over from a PROT_NONE period the VMA no longer has:
		 * give the page the VMA's rights back. */
		page = pte_page(old);
		old = page_to_phys(page) | vm_pte_prot(v->flags, vm_page_writable(v, page));
		__atomic_store_n(pte, old, __ATOMIC_SEQ_CST);
	}
	if (old & PTE_P) {
		if (write && !(old & PTE_W))
			return fault_wp(mm, v, va, pte, old);
		/* Already good: a stale TLB entry of ours (another CPU changed
		 * the entry, or a racing thread mapped it first). */
		invlpg(va);
		return 0;
	}

	if (vma_is_private_anon(v)) {
		if (!write) {
			install(mm, pte, vm_zero_page, vm_pte_prot(v->flags, false));
			return 0;
		}
		page = alloc_anon_page();
		if (!page)
			return -ENOMEM;
		memset(page_address(page), 0, PAGE_SIZE);
		install(mm, pte, page, vm_pte_prot(v->flags, true));
		return 0;
	}

	page = backing_page(v, va);
	if (!page)
		return -EIO;
	if (IS_ERR(page))
		return PTR_ERR(page) == -ENOMEM ? -ENOMEM : -EIO;
	if ((v->flags & VM_SHARED) || v->shm) {
		install(mm, pte, page, vm_pte_prot(v->flags, true));
		return 0;
	}
	if (write) {
		struct page *copy = alloc_anon_page();

		if (!copy) {
			vm_page_release(page);
			return -ENOMEM;
		}
		memcpy(page_address(copy), page_address(page), PAGE_SIZE);
		vm_page_release(page);
		install(mm, pte, copy, vm_pte_prot(v->flags, true));
		return 0;
	}
	install(mm, pte, page, vm_pte_prot(v->flags, false));
	return 0;
}

/* Does v allow the access? 0, or -EACCES. */
static int access_ok_vma(struct vma *v, unsigned access)
{
	if ((access & FAULT_WRITE) && !(v->flags & VM_WRITE))
		return -EACCES;
	if ((access & FAULT_EXEC) && !(v->flags & VM_EXEC))
		return -EACCES;
	if (!vma_accessible(v))
		return -EACCES;
	return 0;
}

int vm_fault_locked(struct mm *mm, unsigned long addr, unsigned access)
{
	struct vma *v;
	int r;

	if (addr >= VM_TASK_SIZE)
		return -EFAULT;
	v = vm_find_vma(mm, addr);
	if (!v)
		return -EFAULT;
	if (addr < v->start) {
		if (!(v->flags & VM_GROWSDOWN) || vm_expand_stack(mm, v, addr) < 0)
			return -EFAULT;
	}
	r = access_ok_vma(v, access);
	if (r)
		return r;
	return fault_page(mm, v, addr & PAGE_MASK, access & FAULT_WRITE);
}

int mm_handle_fault(struct mm *mm, unsigned long addr, unsigned long err)
{
	unsigned access = 0;
	int r;

	if (!mm || addr >= VM_TASK_SIZE)
		return -EFAULT;
	if (err & PF_RSVD) {
		/* Our own tables are corrupt: nothing a retry would fix. */
		printk(KERN_ERR "vm: reserved-bit fault at %lx (error %lx)\n", addr, err);
		return -EFAULT;
	}
	/* The kernel never runs user code: a fetch from kernel mode is a bug
	 * (no SMEP here to stop it), not something to map. */
	if ((err & PF_INSTR) && !(err & PF_USER))
		return -EFAULT;
	if (err & PF_WRITE)
		access |= FAULT_WRITE;
	if (err & PF_INSTR)
		access |= FAULT_EXEC;
	mutex_lock(&mm->lock);
	r = vm_fault_locked(mm, addr, access);
	mutex_unlock(&mm->lock);
	return r;
}

int vm_populate_locked(struct mm *mm, unsigned long start, unsigned long end, bool write_all)
{
	for (unsigned long va = start; va < end; va += PAGE_SIZE) {
		struct vma *v = vm_vma_lookup(mm, va);
		unsigned access = 0;
		int r;

		if (!v)
			return -ENOMEM;
		if (!vma_accessible(v))
			continue;
		/* Linux breaks COW ahead for private writable mappings only. */
		if (write_all || (v->flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
			access = FAULT_WRITE;
		r = vm_fault_locked(mm, va, access);
		if (r == -ENOMEM)
			return r;
		if (r == -EIO)
			/* Past the end of the file: Linux stops there quietly. */
			va = v->end - PAGE_SIZE;
		else if (r)
			return r;
	}
	return 0;
}

long vm_access(struct mm *mm, unsigned long addr, void *buf, size_t len, bool write)
{
	size_t done = 0;

	mutex_lock(&mm->lock);
	while (done < len) {
		unsigned long va = addr + done;
		size_t off = va & ~PAGE_MASK, n = MIN(len - done, PAGE_SIZE - off);
		pte_t *pte;
		char *kva;

		if (va < addr || va >= VM_TASK_SIZE)
			break;
		if (vm_fault_locked(mm, va, write ? FAULT_WRITE : 0) < 0)
			break;
		pte = vm_pte_lookup(mm->pml4, va & PAGE_MASK);
		if (!pte || !(*pte & PTE_P))
			break;
		kva = (char *)page_address(pte_page(*pte)) + off;
		if (write)
			memcpy(kva, (char *)buf + done, n);
		else
			memcpy((char *)buf + done, kva, n);
		done += n;
	}
	mutex_unlock(&mm->lock);
	return done ? (long)done : -EFAULT;
}
