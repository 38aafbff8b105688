/*
 * Memory-mapping system calls: mmap, munmap, mprotect, mremap, brk,
 * madvise, msync, mincore, mlock/munlock. They fetch the file for mmap and
 * copy mincore's vector out; the semantics (and Linux's errno order) live
 * in kernel/mm/vm_map.c.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/pid_ns.h>
#include <kernel/proc.h>
#include <kernel/procfs.h>
#include <kernel/sched.h>
#include <kernel/uaccess.h>
#include <kernel/vm.h>
#include <linuxabi/uapi/mman.h>

long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags,
	      unsigned long fd, unsigned long off);
long sys_munmap(unsigned long addr, size_t len);
long sys_mprotect(unsigned long start, size_t len, unsigned long prot);
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr);
long sys_brk(unsigned long brk);
long sys_madvise(unsigned long start, size_t len, int advice);
long sys_msync(unsigned long start, size_t len, int flags);
long sys_mincore(unsigned long start, size_t len, unsigned char __user *vec);
long sys_mlock(unsigned long start, size_t len);
long sys_mlock2(unsigned long start, size_t len, int flags);
long sys_munlock(unsigned long start, size_t len);
long sys_mlockall(int flags);
long sys_munlockall(void);

long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags,
	      unsigned long fd, unsigned long off)
{
	struct file *f = NULL;
	long r;

	if (!current->mm)
		return -EINVAL;
	if (off & ~PAGE_MASK)
		return -EINVAL;
	if (!(flags & LINUX_MAP_ANONYMOUS)) {
		f = fget((int)fd);
		if (!f)
			return -EBADF;
	}
	/* personality(READ_IMPLIES_EXEC), as Linux's do_mmap (not for files
	 * on a noexec mount). */
	if ((current->personality & PER_READ_IMPLIES_EXEC) && (prot & LINUX_PROT_READ) &&
	    !(f && f->f_path.mnt && (f->f_path.mnt->mnt_flags & MNT_NOEXEC)))
		prot |= LINUX_PROT_EXEC;
	r = vm_mmap(current->mm, addr, len, (int)prot, (int)flags, f, off);
	if (f)
		fput(f);
	return r;
}

long sys_munmap(unsigned long addr, size_t len)
{
	if (!current->mm)
		return -EINVAL;
	return vm_munmap(current->mm, addr, len);
}

long sys_mprotect(unsigned long start, size_t len, unsigned long prot)
{
	if (!current->mm)
		return -EINVAL;
	/* Bits above int are not Linux's either: refuse them. */
	if (prot >> 31)
		return -EINVAL;
	/* XXX: Linux's mprotect adds PROT_EXEC under READ_IMPLIES_EXEC only for
	 * VMAs that are not noexec-file mappings; here: for all of them. */
	if ((current->personality & PER_READ_IMPLIES_EXEC) && (prot & LINUX_PROT_READ))
		prot |= LINUX_PROT_EXEC;
	return vm_mprotect(current->mm, start, len, (int)prot);
}

long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr)
{
	if (!current->mm)
		return -EINVAL;
	if (flags >> 31)
		return -EINVAL;
	return vm_mremap(current->mm, addr, old_len, new_len, (int)flags, new_addr);
}

long sys_brk(unsigned long brk)
{
	if (!current->mm)
		return 0;
	return (long)vm_brk(current->mm, brk);
}

long sys_madvise(unsigned long start, size_t len, int advice)
{
	if (!current->mm)
		return -EINVAL;
	return vm_madvise(current->mm, start, len, advice);
}

long sys_msync(unsigned long start, size_t len, int flags)
{
	if (!current->mm)
		return -EINVAL;
	return vm_msync(current->mm, start, len, flags);
}

long sys_mincore(unsigned long start, size_t len, unsigned char __user *vec)
{
	unsigned char buf[256];
	unsigned long pages;

	if (!current->mm)
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!access_ok((void __user *)start, len) || start + len > VM_TASK_SIZE)
		return -ENOMEM;
	pages = (len >> PAGE_SHIFT) + ((len & ~PAGE_MASK) != 0);
	if (!access_ok(vec, pages))
		return -EFAULT;
	/* In chunks: the vm lock cannot be held across a user copy (its
	 * fault would need the same lock). */
	while (pages) {
		unsigned long n = MIN(pages, sizeof(buf));
		int r = vm_mincore(current->mm, start, n, buf);

		if (r)
			return r;
		if (copy_to_user(vec, buf, n))
			return -EFAULT;
		vec += n;
		start += n << PAGE_SHIFT;
		pages -= n;
	}
	return 0;
}

#define CAP_IPC_LOCK 14

/* Linux's can_do_mlock: a non-zero RLIMIT_MEMLOCK or CAP_IPC_LOCK. */
static bool can_do_mlock(void)
{
	return task_rlimit(current, RLIMIT_MEMLOCK) != 0 || capable(CAP_IPC_LOCK);
}

/* Would locking `more` pages pass RLIMIT_MEMLOCK? (XXX: like Linux we count
 * what is locked already, but not the overlap with the new range.) */
static bool within_memlock(unsigned long more)
{
	struct vm_mem_stats st;

	if (capable(CAP_IPC_LOCK))
		return true;
	vm_mem_stats(current->mm, &st);
	return st.locked_vm + more <= task_rlimit(current, RLIMIT_MEMLOCK) >> PAGE_SHIFT;
}

long sys_mlock(unsigned long start, size_t len)
{
	if (!current->mm)
		return -EINVAL;
	if (!can_do_mlock())
		return -EPERM;
	if (!within_memlock((ALIGN_UP(len + (start & ~PAGE_MASK), PAGE_SIZE)) >> PAGE_SHIFT))
		return -ENOMEM;
	return vm_mlock(current->mm, start, len, true);
}

long sys_mlock2(unsigned long start, size_t len, int flags)
{
	/* MLOCK_ONFAULT (1) only defers the populate: nothing else differs here. */
	if (flags & ~1)
		return -EINVAL;
	return sys_mlock(start, len);
}

long sys_mlockall(int flags)
{
	/* Linux: some of CURRENT/FUTURE, ONFAULT only with one of them. */
	if (!flags || (flags & ~(LINUX_MCL_CURRENT | LINUX_MCL_FUTURE | LINUX_MCL_ONFAULT)) ||
	    flags == LINUX_MCL_ONFAULT)
		return -EINVAL;
	if (!current->mm)
		return -EINVAL;
	if (!can_do_mlock())
		return -EPERM;
	if (flags & LINUX_MCL_CURRENT) {
		struct vm_mem_stats st;

		vm_mem_stats(current->mm, &st);
		if (!capable(CAP_IPC_LOCK) &&
		    st.total_vm > task_rlimit(current, RLIMIT_MEMLOCK) >> PAGE_SHIFT)
			return -ENOMEM;
	}
	/* XXX: mappings made later under MCL_FUTURE are not held to the limit. */
	return vm_mlockall(current->mm, flags, true);
}

long sys_munlockall(void)
{
	if (!current->mm)
		return -EINVAL;
	return vm_mlockall(current->mm, 0, false);
}

long sys_munlock(unsigned long start, size_t len)
{
	if (!current->mm)
		return -EINVAL;
	return vm_mlock(current->mm, start, len, false);
}

/*
 * process_vm_readv/process_vm_writev: copy between the caller's iovecs
 * (local) and another process's memory (remote iovecs), Linux's order of
 * checks: flags, the local vector (EINVAL past IOV_MAX, EFAULT), nothing
 * to do -> 0, the remote vector, the pid (ESRCH), the ptrace access check
 * (EPERM). Remote segments are done in order until one faults; the result
 * is the bytes moved, or the error when none were.
 */
long sys_process_vm_readv(pid_t pid, const struct uvec __user *lvec, unsigned long liovcnt,
			  const struct uvec __user *rvec, unsigned long riovcnt,
			  unsigned long flags);
long sys_process_vm_writev(pid_t pid, const struct uvec __user *lvec, unsigned long liovcnt,
			   const struct uvec __user *rvec, unsigned long riovcnt,
			   unsigned long flags);

static long process_vm_rw(pid_t pid, const struct uvec __user *lvec, unsigned long liovcnt,
			  const struct uvec __user *rvec, unsigned long riovcnt,
			  unsigned long flags, bool write)
{
	struct uvec lfast[UIO_FASTIOV], rfast[UIO_FASTIOV], *liov, *riov = NULL;
	struct iov_iter lit, rit;
	size_t total = 0;
	struct task *t;
	struct mm *mm;
	long r;

	if (flags)
		return -EINVAL;
	r = import_uvec(lvec, liovcnt, lfast, &liov, &lit);
	if (r)
		return r;
	if (!iov_iter_count(&lit))
		goto out;
	r = import_uvec(rvec, riovcnt, rfast, &riov, &rit);
	if (r)
		goto out;
	t = find_task_by_vpid(pid);
	if (!t) {
		r = -ESRCH;
		goto out;
	}
	mm = vm_mm_access(t);
	task_put(t);
	if (!mm) {
		r = -ESRCH;
		goto out;
	}
	if (IS_ERR(mm)) {
		r = PTR_ERR(mm) == -EACCES ? -EPERM : PTR_ERR(mm);
		goto out;
	}
	r = 0;
	for (unsigned long i = 0; i < riovcnt && iov_iter_count(&lit); i++) {
		size_t want = MIN(riov[i].iov_len, iov_iter_count(&lit));
		long got;

		if (!want)
			continue;
		got = vm_access_iter(mm, (unsigned long)riov[i].iov_base, &lit, want, write);
		if (got < 0) {
			r = got;
			break;
		}
		total += (size_t)got;
		if ((size_t)got < want) {
			r = -EFAULT;
			break;
		}
	}
	mm_put(mm);
	if (total)
		r = (long)total;
out:
	if (riov && riov != rfast)
		kfree(riov);
	if (liov != lfast)
		kfree(liov);
	return r;
}

long sys_process_vm_readv(pid_t pid, const struct uvec __user *lvec, unsigned long liovcnt,
			  const struct uvec __user *rvec, unsigned long riovcnt,
			  unsigned long flags)
{
	return process_vm_rw(pid, lvec, liovcnt, rvec, riovcnt, flags, false);
}

long sys_process_vm_writev(pid_t pid, const struct uvec __user *lvec, unsigned long liovcnt,
			   const struct uvec __user *rvec, unsigned long riovcnt,
			   unsigned long flags)
{
	return process_vm_rw(pid, lvec, liovcnt, rvec, riovcnt, flags, true);
}
