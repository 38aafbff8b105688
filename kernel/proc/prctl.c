/*
 * prctl(2)'s process options: PR_SET/GET_DUMPABLE, PR_SET/GET_CHILD_SUBREAPER
 * and PR_SET/GET_NO_NEW_PRIVS (the capability ones are capability.c's), the
 * non-dumpable rule for credential changes, and RLIMIT_NPROC at fork.
 *
 * dumpable lives in the signal_struct (Linux: the mm, which a process's
 * threads share as they share this); it is 1 (SUID_DUMP_USER) or 0: we
 * have no core dumps, so suid_dumpable is always 0 and 2 is refused.
 * A non-dumpable process's /proc/PID files belong to root and only root
 * may look into them (procfs/root.c).
 *
 * A child subreaper gets the orphans of its descendants (exit.c's
 * find_new_reaper). has_child_subreaper marks every process below a
 * subreaper so that exit only walks up the tree when there may be one;
 * fork inherits it, as Linux does.
 *
 * ru_maxrss: each mm keeps its peak RSS (kernel/mm); exec and the exit of
 * a process's last thread fold it into signal->maxrss, and wait adds a
 * child's (and its children's) to the parent's cmaxrss.
 */
#include <kernel/errno.h>
#include <kernel/proc.h>
#include <kernel/uaccess.h>
#include <kernel/vm.h>

#include "internal.h"

#define PR_GET_DUMPABLE 3
#define PR_SET_DUMPABLE 4
#define PR_SET_CHILD_SUBREAPER 36
#define PR_GET_CHILD_SUBREAPER 37
#define PR_SET_NO_NEW_PRIVS 38
#define PR_GET_NO_NEW_PRIVS 39

#define CAP_SYS_RESOURCE 24

/* Is p a descendant of anc (both leaders)? Caller holds tasklist_lock. */
static bool is_descendant(struct task *p, struct task *anc)
{
	for (p = p->real_parent; p; p = p->real_parent) {
		if (p == anc)
			return true;
		if (p == init_process)
			break;
	}
	return false;
}

/* Mark every descendant of me as having a subreaper above it (Linux's
 * walk_process_tree). */
static void mark_descendants(struct task *me)
{
	unsigned long flags;
	struct task *p;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &proc_list, proc_node)
		if (p != me && !p->signal->has_child_subreaper && is_descendant(p, me))
			p->signal->has_child_subreaper = true;
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

long proc_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
		unsigned long arg5)
{
	struct task *t = current;
	struct signal_struct *sig = t->signal;

	switch (option) {
	case PR_GET_DUMPABLE:
		return READ_ONCE(sig->dumpable);
	case PR_SET_DUMPABLE:
		/* 2 (SUID_DUMP_ROOT) is only for the suid_dumpable sysctl. */
		if (arg2 > 1)
			return -EINVAL;
		WRITE_ONCE(sig->dumpable, (int)arg2);
		return 0;
	case PR_SET_CHILD_SUBREAPER: {
		unsigned long flags;

		spin_lock_irqsave(&tasklist_lock, flags);
		sig->is_child_subreaper = !!arg2;
		spin_unlock_irqrestore(&tasklist_lock, flags);
		if (arg2)
			mark_descendants(t->group_leader);
		return 0;
	}
	case PR_GET_CHILD_SUBREAPER:
		return put_user((int)READ_ONCE(sig->is_child_subreaper), (int __user *)arg2);
	case PR_SET_NO_NEW_PRIVS:
		if (arg2 != 1 || arg3 || arg4 || arg5)
			return -EINVAL;
		t->proc_flags |= PFP_NO_NEW_PRIVS;
		return 0;
	case PR_GET_NO_NEW_PRIVS:
		if (arg2 || arg3 || arg4 || arg5)
			return -EINVAL;
		return !!(t->proc_flags & PFP_NO_NEW_PRIVS);
	}
	return cap_prctl(option, arg2, arg3, arg4, arg5);
}

void proc_creds_changed(const struct cred *old, const struct cred *new)
{
	struct task *t = current;

	/* Linux's commit_creds: a process whose identity or permitted
	 * capabilities change may hold secrets of the old one: no dumps,
	 * root-owned /proc files, and its parent-death signal is dropped. */
	if (old->euid != new->euid || old->egid != new->egid || old->fsuid != new->fsuid ||
	    old->fsgid != new->fsgid || (new->cap_permitted & ~old->cap_permitted)) {
		if (t->signal)
			WRITE_ONCE(t->signal->dumpable, 0);
		t->pdeath_signal = 0;
	}
}

/* t's real uid; its cred may be replaced (and freed) under proc_lock.
 * Caller holds tasklist_lock (interrupts off). */
static uid_t task_ruid(struct task *t)
{
	uid_t uid = INVALID_UID;

	spin_lock(&t->proc_lock);
	if (t->cred)
		uid = t->cred->uid;
	spin_unlock(&t->proc_lock);
	return uid;
}

/* Tasks (threads) whose real uid is uid, zombies included until reaped, as
 * Linux's per-user process count. Caller holds tasklist_lock. */
static unsigned long count_user_tasks(uid_t uid)
{
	unsigned long n = 0;
	struct task *p, *th;

	list_for_each_entry(p, &proc_list, proc_node) {
		if (p->exit_state && task_ruid(p) == uid)
			n++;     /* a zombie leader is off the thread list */
		list_for_each_entry(th, &p->signal->threads, thread_node)
			if (!th->exit_state && task_ruid(th) == uid)
				n++;
	}
	return n;
}

int proc_nproc_check(void)
{
	const struct cred *c = current_cred();
	u64 lim = rlimit(RLIMIT_NPROC);
	unsigned long flags, n;

	/* Linux exempts root's user and CAP_SYS_RESOURCE/CAP_SYS_ADMIN. */
	if (lim == RLIM_INFINITY || c->uid == 0 || capable(CAP_SYS_RESOURCE) ||
	    capable(CAP_SYS_ADMIN))
		return 0;
	/* XXX: Linux keeps a counter per user (ucounts); we count, which is
	 * O(tasks) per fork but only for limited, unprivileged users. */
	spin_lock_irqsave(&tasklist_lock, flags);
	n = count_user_tasks(c->uid);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return n >= lim ? -EAGAIN : 0;
}

/* ---- ru_maxrss ---------------------------------------------------------- */

void proc_update_maxrss(struct task *t, struct mm *mm)
{
	/* kernel/mm raises the peak as faults map pages (vm_rss_add). */
	unsigned long rss = READ_ONCE(mm->hiwater_rss), flags;
	struct signal_struct *sig = t->signal;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (rss > sig->maxrss)
		sig->maxrss = rss;
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* The process's peak: its exited or replaced mms' (signal->maxrss) and
 * the current mm's, as Linux's getrusage. */
unsigned long proc_maxrss_pages(void)
{
	struct task *t = current;

	if (t->mm)
		proc_update_maxrss(t, t->mm);
	return READ_ONCE(t->signal->maxrss);
}
