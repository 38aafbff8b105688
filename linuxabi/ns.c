/*
 * unshare(2): give the calling thread private copies of what it shares
 * (fd table, cwd/root/umask) and new namespaces. Linux's order of checks:
 * unknown flags EINVAL; the implied flags added (CLONE_NEWNS unshares the
 * fs_struct too, CLONE_NEWIPC the undo list); sharing that cannot be
 * undone (threads, sighand, mm) EINVAL; namespaces need privilege (EPERM).
 *
 * setns(2): join the namespace an nsfs file (/proc/[pid]/ns/<name>)
 * stands for; the kind's install() does the work (kernel/nsfs.h).
 *
 * CLONE_NEWPID changes only where the caller's next children go (Linux):
 * the first becomes PID 1 of the new namespace; the caller stays where it
 * is.
 *
 * XXX: mnt, uts, ipc, net and pid namespaces exist; CLONE_NEWUSER/CGROUP/
 * TIME are EINVAL, as on a kernel built without them.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/ipc.h>
#include <kernel/net_ns.h>
#include <kernel/nsfs.h>
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
	struct uts_namespace *new_uts = NULL, *old_uts = NULL;
	struct ipc_namespace *new_ipc = NULL;
	struct net *new_net = NULL;
	struct pid_namespace *new_pidns = NULL, *old_pidns = NULL;
	unsigned long irqf;
	long err;

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
	if (flags & CLONE_NEWIPC)
		flags |= CLONE_SYSVSEM;
	/* What cannot be unshared once shared. */
	if ((flags & CLONE_THREAD) && t->signal && t->signal->nr_threads > 1)
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && t->sighand &&
	    __atomic_load_n(&t->sighand->refcount, __ATOMIC_ACQUIRE) > 1)
		return -EINVAL;
	if ((flags & CLONE_VM) && t->mm && __atomic_load_n(&t->mm->refcount, __ATOMIC_ACQUIRE) > 1)
		return -EINVAL;
	if (flags & (CLONE_NEWUSER | CLONE_NEWCGROUP | CLONE_NEWTIME))
		return -EINVAL;   /* XXX: those namespaces */
	if ((flags & (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWPID)) &&
	    !capable_root())
		return -EPERM;
	if (flags & CLONE_NEWPID) {
		/* First, as Linux's copy_pid_ns: a second unshare before the
		 * first child is EINVAL. */
		new_pidns = pid_ns_create_child();
		if (IS_ERR(new_pidns))
			return PTR_ERR(new_pidns);
	}
	/* Every copy first, so that a failure changes nothing. */
	err = -ENOMEM;
	if (flags & CLONE_NEWIPC) {
		new_ipc = copy_ipc_ns(t->ipc_ns);
		if (IS_ERR(new_ipc)) {
			new_ipc = NULL;
			goto fail;
		}
	}
	if (flags & CLONE_NEWNET) {
		new_net = copy_net_ns(t->net_ns);
		if (IS_ERR(new_net)) {
			new_net = NULL;
			goto fail;
		}
	}
	if ((flags & CLONE_NEWUTS) && !(new_uts = copy_uts_ns(t->uts_ns)))
		goto fail;
	if ((flags & CLONE_FS) && t->fs && __atomic_load_n(&t->fs->users, __ATOMIC_ACQUIRE) > 1) {
		new_fs = fs_struct_fork(t->fs);
		if (!new_fs)
			goto fail;
	}
	if ((flags & CLONE_FILES) && t->files &&
	    __atomic_load_n(&t->files->count, __ATOMIC_ACQUIRE) > 1) {
		new_files = files_fork(t->files);
		if (!new_files)
			goto fail;
	}
	if (flags & CLONE_NEWNS) {
		/* The copy moves the root and cwd of the fs_struct that will be ours. */
		new_ns = copy_mnt_ns(t->mnt_ns, new_fs ? new_fs : t->fs);
		if (IS_ERR(new_ns)) {
			err = PTR_ERR(new_ns);
			new_ns = NULL;
			goto fail;
		}
	}

	if (new_ipc)
		ipc_task_switch_ns(new_ipc);   /* applies and drops the undo list (CLONE_SYSVSEM) */
	else if (flags & CLONE_SYSVSEM)
		ipc_task_exit(t);
	if (new_net)
		net_task_switch_ns(new_net);
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
	if (new_uts) {
		old_uts = t->uts_ns;   /* /proc/[pid]/ns reads it under proc_lock */
		t->uts_ns = new_uts;
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
	if (new_uts)
		put_uts_ns(old_uts);
	return 0;

fail:
	if (new_files)
		files_put(new_files);
	fs_struct_put(new_fs);
	put_uts_ns(new_uts);
	put_net(new_net);
	put_ipc_ns(new_ipc);
	put_pid_ns(new_pidns);
	return err;
}

long sys_setns(int fd, int nstype)
{
	const struct proc_ns_operations *ops;
	struct file *f = fget(fd);
	void *ns;
	int err;

	if (!f)
		return -EBADF;
	/* XXX: pidfds (Linux: join several of the process's namespaces at
	 * once) do not exist; any file but an nsfs one is EINVAL, as Linux. */
	ns = nsfs_file_ns(f, &ops);
	err = -EINVAL;
	if (!ns || (nstype && nstype != ops->type))
		goto out;
	err = -EPERM;   /* CAP_SYS_ADMIN, in the target's user namespace on Linux */
	if (!capable_root())
		goto out;
	err = ops->install(ns);
out:
	fput(f);
	return err;
}
