/*
 * unshare(2): give the calling thread private copies of what it shares
 * (fd table, cwd/root/umask) and new namespaces. Linux's order of checks:
 * unknown flags EINVAL; the implied flags added (CLONE_NEWNS unshares the
 * fs_struct too); sharing that cannot be undone (threads, sighand, mm)
 * EINVAL; namespaces need privilege (EPERM).
 *
 * CLONE_NEWPID changes only where the caller's next children go (Linux):
 * the first becomes PID 1 of the new namespace; the caller stays where it
 * is.
 *
 * XXX: CLONE_NEWIPC/NET/USER/CGROUP/TIME are EINVAL, as on a kernel built
 * without them. CLONE_SYSVSEM is
 * accepted (there are no semaphore undo lists to unshare).
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/pid_ns.h>
#include <kernel/proc.h>
#include <kernel/sched.h>
#include <kernel/uts.h>
#include <kernel/syscall.h>
#include <kernel/vm.h>
#include <linuxabi/uapi/sched.h>

long sys_unshare(unsigned long flags)
{
	struct task *t = current;
	struct files_struct *new_files = NULL, *old_files;
	struct fs_struct *new_fs = NULL, *old_fs;
	struct mnt_namespace *new_ns = NULL, *old_ns;
	struct pid_namespace *new_pidns = NULL, *old_pidns = NULL;
	unsigned long irqf;

	if (flags & ~(CLONE_THREAD | CLONE_FS | CLONE_NEWNS | CLONE_SIGHAND | CLONE_VM |
		      CLONE_FILES | CLONE_SYSVSEM | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET |
		      CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWCGROUP | CLONE_NEWTIME))
		return -EINVAL;
	if (flags & CLONE_NEWUSER)
		flags |= CLONE_THREAD | CLONE_FS;
	if (flags & CLONE_VM)
		flags |= CLONE_SIGHAND;
	if (flags & CLONE_SIGHAND)
		flags |= CLONE_THREAD;
	if (flags & CLONE_NEWNS)
		flags |= CLONE_FS;
	/* What cannot be unshared once shared. */
	if ((flags & CLONE_THREAD) && t->signal && t->signal->nr_threads > 1)
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && t->sighand &&
	    __atomic_load_n(&t->sighand->refcount, __ATOMIC_ACQUIRE) > 1)
		return -EINVAL;
	if ((flags & CLONE_VM) && t->mm && __atomic_load_n(&t->mm->refcount, __ATOMIC_ACQUIRE) > 1)
		return -EINVAL;
	if (flags & (CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWUSER | CLONE_NEWCGROUP | CLONE_NEWTIME))
		return -EINVAL;   /* XXX: those namespaces */
	if ((flags & (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWPID)) && !capable_root())
		return -EPERM;
	if (flags & CLONE_NEWPID) {
		/* First, as Linux's copy_pid_ns: a second unshare before the
		 * first child is EINVAL. Nothing can fail after the others. */
		new_pidns = pid_ns_create_child();
		if (IS_ERR(new_pidns))
			return PTR_ERR(new_pidns);
	}
	if (flags & CLONE_NEWUTS) {
		/* Nothing below can fail after this; only this task uses it. */
		struct uts_namespace *uts = copy_uts_ns(t->uts_ns), *old_uts = t->uts_ns;

		if (!uts) {
			put_pid_ns(new_pidns);
			return -ENOMEM;
		}
		t->uts_ns = uts;
		put_uts_ns(old_uts);
	}

	if ((flags & CLONE_FS) && t->fs && __atomic_load_n(&t->fs->users, __ATOMIC_ACQUIRE) > 1) {
		new_fs = fs_struct_fork(t->fs);
		if (!new_fs) {
			put_pid_ns(new_pidns);
			return -ENOMEM;
		}
	}
	if ((flags & CLONE_FILES) && t->files &&
	    __atomic_load_n(&t->files->count, __ATOMIC_ACQUIRE) > 1) {
		new_files = files_fork(t->files);
		if (!new_files) {
			fs_struct_put(new_fs);
			put_pid_ns(new_pidns);
			return -ENOMEM;
		}
	}
	if (flags & CLONE_NEWNS) {
		/* The copy moves the root and cwd of the fs_struct that will be ours. */
		new_ns = copy_mnt_ns(t->mnt_ns, new_fs ? new_fs : t->fs);
		if (IS_ERR(new_ns)) {
			if (new_files)
				files_put(new_files);
			fs_struct_put(new_fs);
			put_pid_ns(new_pidns);
			return PTR_ERR(new_ns);
		}
	}

	old_fs = NULL;
	old_files = NULL;
	old_ns = NULL;
	spin_lock_irqsave(&t->proc_lock, irqf);
	if (new_fs) {
		old_fs = t->fs;
		t->fs = new_fs;
	}
	if (new_files) {
		old_files = t->files;
		t->files = new_files;
	}
	if (new_ns) {
		old_ns = t->mnt_ns;
		t->mnt_ns = new_ns;
	}
	if (new_pidns) {
		old_pidns = t->pid_ns_for_children;
		t->pid_ns_for_children = new_pidns;
	}
	spin_unlock_irqrestore(&t->proc_lock, irqf);
	put_pid_ns(old_pidns);
	if (old_fs)
		fs_struct_put(old_fs);
	if (old_files)
		files_put(old_files);
	if (new_ns)
		put_mnt_ns(old_ns);
	return 0;
}
