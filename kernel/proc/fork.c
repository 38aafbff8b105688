/*
 * fork, vfork, clone and clone3: a new task that shares or copies each
 * part of the caller's state as the clone flags say (CLONE_VM: mm,
 * CLONE_FILES: fd table, CLONE_FS: root/cwd/umask, CLONE_SIGHAND: actions,
 * CLONE_THREAD: thread group), with a copy of the caller's user registers
 * (rax = 0, and the stack and TLS it asked for).
 *
 * The new task is a scheduler task (kthread_alloc) whose first code,
 * fork_child_entry, enters user mode through return_to_user() with those
 * registers; its kernel stack holds the pt_regs frame at the top, and the
 * switch frame the scheduler starts it from right below (proc_task_alloc
 * moves it there: a kthread's sits at the very top).
 *
 * CLONE_NEWPID makes the child the init (number 1) of a new pid namespace
 * (kernel/proc/pid_ns.c); the number fork returns is the child's in the
 * caller's namespace, the one CLONE_CHILD_SETTID stores the child's in its
 * own.
 *
 * Namespaces: mnt, uts, ipc, net and pid (CLONE_NEWUSER/CGROUP/TIME are
 * EINVAL, as on a kernel built without them). XXX: no set_tid.
 */
#include <asm/fpu.h>
#include <kernel/clock.h>
#include <kernel/cgroup.h>
#include <kernel/errno.h>
#include <kernel/uts.h>
#include <kernel/fs.h>
#include <kernel/ipc.h>
#include <kernel/mm.h>
#include <kernel/mutex.h>
#include <kernel/net_ns.h>
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <kernel/vm.h>
#include <linuxabi/uapi/sched.h>
#include <string.h>

#include "internal.h"

extern void task_trampoline(void);       /* kernel/arch/x86_64/switch.S */

struct task *proc_task_alloc(const char *comm, int (*fn)(void *), void *arg)
{
	struct pt_regs *regs;
	unsigned long *sp;
	struct task *t;

	t = kthread_alloc(fn, arg, comm);
	if (!t)
		return NULL;
	t->flags &= ~PF_KTHREAD;
	/* The switch frame goes below the user register frame, which the
	 * syscall and interrupt entries put at the top of the stack. */
	regs = task_pt_regs(t);
	memset(regs, 0, sizeof(*regs));
	sp = (unsigned long *)regs;
	*--sp = (unsigned long)task_trampoline;
	for (int i = 0; i < 6; i++)
		*--sp = 0;
	t->rsp = (unsigned long)sp;

	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	INIT_LIST_HEAD(&t->thread_node);
	INIT_LIST_HEAD(&t->proc_node);
	INIT_LIST_HEAD(&t->dead_node);
	init_sigpending(&t->pending);
	spin_lock_init(&t->proc_lock, "proc_lock");
	t->exit_signal = -1;
	t->start_time_ns = ktime_get_ns();
	return t;
}

void proc_task_unwind(struct task *t)
{
	if (t->mm)
		mm_put(t->mm);
	t->mm = t->active_mm = NULL;
	if (t->files)
		files_put(t->files);
	t->files = NULL;
	if (t->fs)
		fs_struct_put(t->fs);
	t->fs = NULL;
	put_mnt_ns(t->mnt_ns);
	t->mnt_ns = NULL;
	put_uts_ns(t->uts_ns);
	t->uts_ns = NULL;
	ipc_task_exit(t);
	cgroup_cancel_fork(t);
	net_task_exit_ns(t);
	detach_pid(t);           /* the pid itself goes with the task struct */
	task_tid_free(t);
	/* kthread_alloc's two references: ours and the run time's (it never
	 * ran); the last one frees it, with signal, sighand and cred. */
	task_put(t);
	task_put(t);
}

static int fork_child_entry(void *unused)
{
	struct task *t = current;

	if (t->set_child_tid)
		put_user(task_pid_vnr(t), t->set_child_tid);   /* its number in its own namespace */
	return_to_user(task_pt_regs(t));
}

static int copy_signal_struct(struct task *p, struct task *parent)
{
	struct signal_struct *sig = signal_struct_alloc(), *psig = parent->signal;
	unsigned long flags;

	if (!sig)
		return -ENOMEM;
	spin_lock_irqsave(&psig->rlim_lock, flags);
	memcpy(sig->rlim, psig->rlim, sizeof(sig->rlim));
	spin_unlock_irqrestore(&psig->rlim_lock, flags);
	sig->oom_score_adj = READ_ONCE(psig->oom_score_adj);
	/* Linux copies the mm's dumpable flag with the mm. */
	sig->dumpable = READ_ONCE(psig->dumpable);
	sig->has_child_subreaper = psig->has_child_subreaper || psig->is_child_subreaper;
	/* The program goes with the copy, as Linux's mm->exe_file does: a
	 * forked child that has not exec'd shows it in /proc/self/exe. */
	spin_lock_irqsave(&tasklist_lock, flags);
	if (psig->exe_file)
		sig->exe_file = file_get(psig->exe_file);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	p->signal = sig;
	return 0;
}

long do_fork(struct kernel_clone_args *a)
{
	struct task *parent = current, *p;
	struct pt_regs *regs;
	struct completion vfork;
	struct file *pidfile = NULL;
	unsigned long flags;
	u64 cf = a->flags;
	struct pid *pid;
	int pidfd = -1;
	long err;
	pid_t nr;

	if ((cf & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS))
		return -EINVAL;
	if ((cf & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS))
		return -EINVAL;
	if ((cf & CLONE_THREAD) && !(cf & CLONE_SIGHAND))
		return -EINVAL;
	if ((cf & CLONE_SIGHAND) && !(cf & CLONE_VM))
		return -EINVAL;
	/* init may not make siblings: they would have no one to reap them. */
	if ((cf & CLONE_PARENT) && (parent->signal->flags & SIGNAL_UNKILLABLE))
		return -EINVAL;
	/* A new ipc namespace has none of the parent's undo lists to share. */
	if ((cf & (CLONE_NEWIPC | CLONE_SYSVSEM)) == (CLONE_NEWIPC | CLONE_SYSVSEM))
		return -EINVAL;
	/* A thread must live in its group's pid namespace (Linux). */
	if ((cf & CLONE_THREAD) &&
	    ((cf & (CLONE_NEWUSER | CLONE_NEWPID)) ||
	     task_active_pid_ns(parent) != task_pid_ns_for_children(parent)))
		return -EINVAL;
	if (cf & ((CLONE_NEW_MASK & ~(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET |
				      CLONE_NEWPID)) | CLONE_NEWTIME))
		return -EINVAL;     /* XXX: user, cgroup, time namespaces */
	/* A pidfd names a process: not for threads, nor with the obsolete
	 * CLONE_DETACHED (Linux). */
	if ((cf & CLONE_PIDFD) && (cf & (CLONE_THREAD | CLONE_DETACHED)))
		return -EINVAL;
	if ((cf & (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWPID)) &&
	    !capable_root())
		return -EPERM;
	if ((cf & CLONE_SETTLS) && a->tls >= VM_TASK_SIZE)
		return -EPERM;

	err = proc_nproc_check();     /* RLIMIT_NPROC (Linux: EAGAIN) */
	if (err)
		return err;
	task_reap_deferred();
	p = proc_task_alloc(parent->comm, a->entry ? a->entry : fork_child_entry, a->entry_arg);
	if (!p)
		return -ENOMEM;

	err = -ENOMEM;
	p->cred = get_cred(current_cred());
	if (fpu_task_copy(p, parent))
		goto fail;
	regs = task_pt_regs(p);
	*regs = *task_pt_regs(parent);
	regs->rax = 0;
	if (a->stack)
		regs->rsp = a->stack;
	p->user_fsbase = (cf & CLONE_SETTLS) ? a->tls : parent->user_fsbase;
	p->user_gsbase = parent->user_gsbase;
	p->blocked = parent->blocked;
	p->cpus_allowed = parent->cpus_allowed;   /* affinity is inherited (Linux) */
	p->personality = parent->personality;
	p->ioprio = parent->ioprio;
	sched_fork(p, parent);   /* policy and nice, or their reset */
	/* A thread sharing the VM must not share the alternate stack;
	 * vfork children run on the parent's (which is suspended). */
	if ((cf & (CLONE_VM | CLONE_VFORK)) != CLONE_VM) {
		p->sas_ss_sp = parent->sas_ss_sp;
		p->sas_ss_size = parent->sas_ss_size;
		p->sas_ss_flags = parent->sas_ss_flags;
	} else {
		p->sas_ss_flags = SS_DISABLE;   /* Linux's sas_ss_reset */
	}
	p->set_child_tid = (cf & CLONE_CHILD_SETTID) ? a->child_tid : NULL;
	p->clear_child_tid = (cf & CLONE_CHILD_CLEARTID) ? a->child_tid : NULL;
	p->proc_flags = PFP_FORKNOEXEC | (parent->proc_flags & PFP_NO_NEW_PRIVS);

	if (cf & CLONE_NEWPID) {
		/* The child is the new namespace's init, and its children go there. */
		struct pid_namespace *ns = pid_ns_create_child();

		if (IS_ERR(ns)) {
			err = PTR_ERR(ns);
			goto fail;
		}
		p->pid_ns_for_children = ns;
	} else if (a->pid_ns) {
		/* A kernel caller's choice (a container's later processes). */
		err = -EINVAL;
		if (!pid_ns_is_descendant(a->pid_ns, task_active_pid_ns(parent)))
			goto fail;
		p->pid_ns_for_children = get_pid_ns(a->pid_ns);
	} else {
		p->pid_ns_for_children = get_pid_ns(task_pid_ns_for_children(parent));
	}

	if (parent->files) {
		if (cf & CLONE_FILES) {
			files_get(parent->files);
			p->files = parent->files;
		} else if (!(p->files = files_fork(parent->files))) {
			goto fail;
		}
	}
	if (parent->fs) {
		if (cf & CLONE_FS) {
			fs_struct_get(parent->fs);
			p->fs = parent->fs;
		} else if (!(p->fs = fs_struct_fork(parent->fs))) {
			goto fail;
		}
	}
	if (cf & CLONE_NEWNS) {
		/* A copy of the whole tree, the child's root and cwd moved into it. */
		struct mnt_namespace *ns = copy_mnt_ns(parent->mnt_ns, p->fs);

		if (IS_ERR(ns)) {
			err = PTR_ERR(ns);
			goto fail;
		}
		p->mnt_ns = ns;
	} else {
		get_mnt_ns(parent->mnt_ns);
		p->mnt_ns = parent->mnt_ns;
	}
	if (cf & CLONE_NEWUTS) {
		p->uts_ns = copy_uts_ns(parent->uts_ns);
		if (!p->uts_ns) {
			err = -ENOMEM;
			goto fail;
		}
	} else {
		get_uts_ns(parent->uts_ns);
		p->uts_ns = parent->uts_ns;
	}
	if (cf & CLONE_SIGHAND) {
		__atomic_fetch_add(&parent->sighand->refcount, 1, __ATOMIC_RELAXED);
		p->sighand = parent->sighand;
	} else {
		p->sighand = sighand_copy(parent->sighand);
		if (!p->sighand)
			goto fail;
		if (cf & CLONE_CLEAR_SIGHAND)
			flush_signal_handlers(p->sighand);
	}
	if (cf & CLONE_THREAD) {
		__atomic_fetch_add(&parent->signal->refcount, 1, __ATOMIC_RELAXED);
		p->signal = parent->signal;
	} else if (copy_signal_struct(p, parent)) {
		goto fail;
	}
	err = ipc_task_fork(p, parent, cf);
	if (!err)
		err = net_task_fork(p, parent, cf);
	if (err)
		goto fail;
	err = -ENOMEM;
	if (parent->mm) {
		if (cf & CLONE_VM) {
			mm_get(parent->mm);
			p->mm = parent->mm;
		} else if (!(p->mm = mm_fork(parent->mm))) {
			goto fail;
		}
		p->active_mm = p->mm;
	}

	if (cf & CLONE_INTO_CGROUP) {
		struct file *into = fget(a->cgroup_fd);

		err = into ? cgroup_can_fork(p, parent, into) : -EBADF;
		if (into)
			fput(into);
	} else {
		err = cgroup_can_fork(p, parent, NULL);
	}
	if (err)
		goto fail;
	err = -ENOMEM;
	task_tid_alloc(p);
	pid = alloc_pid(p->pid_ns_for_children, p);
	if (IS_ERR(pid)) {
		err = PTR_ERR(pid);
		goto fail;
	}
	p->pid = pid;
	nr = pid_nr_ns(pid, task_active_pid_ns(parent));   /* the caller's view */
	if (cf & CLONE_PIDFD) {
		/* The descriptor is reserved and stored before the child runs;
		 * it is installed once the fork can no longer fail. */
		pidfd = fd_alloc(0, 1);
		if (pidfd < 0) {
			err = pidfd;
			goto fail;
		}
		pidfile = pidfd_file_create(pid, 0);
		if (IS_ERR(pidfile)) {
			err = PTR_ERR(pidfile);
			pidfile = NULL;
			goto fail;
		}
		err = -EFAULT;
		if (put_user(pidfd, a->pidfd))
			goto fail;
	}
	if (cf & CLONE_THREAD) {
		p->group_leader = parent->group_leader;
		p->tgid = parent->tgid;
		p->exit_signal = -1;
	} else {
		p->group_leader = p;
		p->tgid = p->tid;
		p->exit_signal = (cf & CLONE_PARENT) ? parent->group_leader->exit_signal
						     : a->exit_signal;
	}

	spin_lock_irqsave(&tasklist_lock, flags);
	spin_lock(&parent->sighand->siglock);
	/* A signal that arrived while we copied is for the parent alone:
	 * back out and restart fork after it is handled (Linux). This also
	 * keeps new threads out of a group that is exiting or stopping. */
	recalc_sigpending(parent);
	if (signal_pending(parent)) {
		spin_unlock(&parent->sighand->siglock);
		spin_unlock_irqrestore(&tasklist_lock, flags);
		err = -ERESTARTNOINTR;
		goto fail;
	}
	if (cf & CLONE_THREAD) {
		list_add_tail(&p->thread_node, &p->signal->threads);
		p->signal->nr_threads++;
	} else {
		struct task *rp = (cf & CLONE_PARENT) ? parent->group_leader->real_parent
						      : parent->group_leader;

		p->real_parent = rp;
		if (rp)
			list_add_tail(&p->sibling, &rp->children);
		list_add_tail(&p->proc_node, &proc_list);
		list_add_tail(&p->thread_node, &p->signal->threads);
		p->signal->nr_threads = 1;
		proc_set_pgrp(p->signal, parent->signal->pgrp_pid);
		proc_set_session(p->signal, parent->signal->session_pid);
		p->signal->tty = parent->signal->tty;
		if (pid->level && pid->numbers[pid->level].nr == 1) {
			/* The init of a new pid namespace: it reaps the namespace's
			 * orphans, and signals from inside it are dropped unless
			 * it handles them (Linux's is_child_reaper). */
			pid->numbers[pid->level].ns->child_reaper = p;
			p->signal->flags |= SIGNAL_UNKILLABLE;
		}
	}
	spin_unlock(&parent->sighand->siglock);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	task_list_add(p);
	cgroup_post_fork(p);
	if (pidfile)
		fd_install(pidfd, pidfile);

	if (cf & CLONE_PARENT_SETTID)
		put_user(nr, a->parent_tid);
	if (cf & CLONE_VFORK) {
		init_completion(&vfork);
		p->vfork_done = &vfork;
	}
	wake_up_process(p);
	if (cf & CLONE_VFORK) {
		/* XXX: Linux sleeps killably here; we wait for exec or exit. */
		wait_for_completion(&vfork);
	}
	return nr;

fail:
	if (pidfile)
		fput(pidfile);
	if (pidfd >= 0)
		fd_free_reserved(pidfd);
	proc_task_unwind(p);
	return err;
}
