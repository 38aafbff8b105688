/*
 * Access to another process's memory (Linux's mm_access and
 * access_remote_vm): the ptrace-mode permission check that hands out a
 * task's mm, and the copy between a range of a foreign mm and an
 * iov_iter, for process_vm_readv/writev and /proc/PID/mem (and ptrace's
 * PEEK/POKE later).
 *
 * The copy faults each remote page in as the owner's own access would
 * (protections respected: no FOLL_FORCE yet), takes a reference on the
 * page under the remote mm->lock, and copies with the lock dropped: the
 * local side may fault, and the local mm may be the remote one.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/proc.h>
#include <kernel/procfs.h>
#include <kernel/sched.h>
#include <kernel/vm.h>

#include "vm_internal.h"

#ifndef CAP_SYS_PTRACE
#define CAP_SYS_PTRACE 19
#endif

/*
 * Linux's __ptrace_may_access with PTRACE_MODE_ATTACH_REALCREDS: a thread
 * of one's own process, or the caller's real uid and gid equal all three
 * of the target's (real, effective, saved), or CAP_SYS_PTRACE.
 * XXX: no dumpable flag (a setuid-exec'd process is refused by Linux
 * without CAP_SYS_PTRACE), no user-namespace ownership, no Yama.
 */
bool vm_ptrace_may_access(struct task *t)
{
	const struct cred *me = current_cred(), *c;
	bool ok;

	if (t->group_leader == current->group_leader)
		return true;
	c = get_task_cred(t);
	ok = me->uid == c->uid && me->uid == c->euid && me->uid == c->suid &&
	     me->gid == c->gid && me->gid == c->egid && me->gid == c->sgid;
	put_cred(c);
	return ok || capable(CAP_SYS_PTRACE);
}

struct mm *vm_mm_access(struct task *t)
{
	struct mm *mm = proc_task_mm(t);

	if (!mm)
		return NULL;
	if (!vm_ptrace_may_access(t)) {
		mm_put(mm);
		return ERR_PTR(-EACCES);
	}
	return mm;
}

/* The page mapping addr in mm after a fault as the access needs it,
 * referenced (put_page), or NULL when the access is not allowed. */
static struct page *remote_page(struct mm *mm, unsigned long addr, bool write)
{
	struct page *p = NULL;
	pte_t *pte;

	mutex_lock(&mm->lock);
	if (vm_fault_locked(mm, addr, write ? FAULT_WRITE : 0) == 0) {
		pte = vm_pte_lookup(mm->pml4, addr & PAGE_MASK);
		if (pte && (*pte & PTE_P)) {
			p = pte_page(*pte);
			get_page(p);
		}
	}
	mutex_unlock(&mm->lock);
	return p;
}

long vm_access_iter(struct mm *mm, unsigned long addr, struct iov_iter *it, size_t len,
		    bool write)
{
	size_t done = 0;

	while (done < len) {
		unsigned long va = addr + done;
		size_t off = va & ~PAGE_MASK, n = MIN(len - done, PAGE_SIZE - off), got;
		struct page *p;
		char *kva;

		if (va < addr || va >= VM_TASK_SIZE)
			return done ? (long)done : -EFAULT;
		p = remote_page(mm, va, write);
		if (!p)
			return done ? (long)done : -EFAULT;
		kva = (char *)page_address(p) + off;
		got = write ? copy_from_iter(kva, n, it) : copy_to_iter(kva, n, it);
		put_page(p);
		done += got;
		if (got < n)
			/* The local side faulted: -EFAULT if nothing moved. */
			return done ? (long)done : -EFAULT;
	}
	return (long)done;
}
