/*
 * Process ids, the process list, process groups and sessions.
 *
 * A pid is the tid of a thread-group leader (kernel/sched/kthread.c hands
 * them out; tid 1 only to init). Every process, live or zombie, is on
 * proc_list until its parent reaps it. Process groups and sessions are the
 * numbers signal_struct.pgrp/session; a group's members are found by walking
 * proc_list (XXX Linux keeps per-pid hash lists; a walk is fine for the
 * hundreds of processes this kernel runs). While any process names a pgid
 * or sid, that number stays out of the tid allocator (a tid_reservation
 * per process and kind), so a new process can never get a pid that equals
 * a live process group's id, as on Linux.
 *
 * Everything here runs under tasklist_lock.
 */
#include <kernel/errno.h>
#include <kernel/panic.h>
#include <kernel/pid_ns.h>
#include <kernel/proc.h>

#include "internal.h"

DEFINE_SPINLOCK(tasklist_lock);
LIST_HEAD(proc_list);
struct task *init_process;

pid_t task_tgid_nr(struct task *t)
{
	return t->signal ? READ_ONCE(t->tgid) : t->tid;
}

pid_t task_pgrp_nr(struct task *t)
{
	return t->signal ? READ_ONCE(t->signal->pgrp) : 0;
}

pid_t task_session_nr(struct task *t)
{
	return t->signal ? READ_ONCE(t->signal->session) : 0;
}

pid_t task_ppid_nr(struct task *t)
{
	return task_ppid_nr_ns(t, &init_pid_ns);   /* global numbers are the initial namespace's */
}

struct task *find_user_task(pid_t tid)
{
	struct task *t;

	if (tid <= 0)
		return NULL;
	t = task_find_by_tid(tid);
	if (t && !t->signal) {
		task_put(t);
		return NULL;
	}
	return t;
}

struct task *find_user_task_locked(pid_t tid)
{
	struct task *t = find_user_task(tid);

	/* tasklist_lock keeps it from being released: the reference can go. */
	if (t)
		task_put(t);
	return t;
}

struct task *find_process(pid_t pid)
{
	unsigned long flags;
	struct task *t, *leader = NULL;

	t = find_task_by_vpid(pid);
	if (!t)
		return NULL;
	spin_lock_irqsave(&tasklist_lock, flags);
	/* Still in the tree (not released): its leader is valid. */
	if (find_user_task_locked(t->tid) == t) {
		leader = t->group_leader;
		task_get(leader);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	task_put(t);
	return leader;
}

/* ---- process groups and sessions (tasklist_lock held) ---- */

void proc_set_pgrp(struct signal_struct *sig, struct pid *pgrp)
{
	struct pid *old = sig->pgrp_pid;
	pid_t nr = pgrp ? pgrp->numbers[0].nr : 0;

	task_tid_unreserve(&sig->pgrp_res);
	WRITE_ONCE(sig->pgrp, nr);
	task_tid_reserve(&sig->pgrp_res, nr);
	WRITE_ONCE(sig->pgrp_pid, get_pid(pgrp));
	put_pid(old);
}

void proc_set_session(struct signal_struct *sig, struct pid *sid)
{
	struct pid *old = sig->session_pid;
	pid_t nr = sid ? sid->numbers[0].nr : 0;

	task_tid_unreserve(&sig->session_res);
	WRITE_ONCE(sig->session, nr);
	task_tid_reserve(&sig->session_res, nr);
	WRITE_ONCE(sig->session_pid, get_pid(sid));
	put_pid(old);
}

void proc_detach_pid_numbers(struct signal_struct *sig)
{
	struct pid *pg = sig->pgrp_pid, *ss = sig->session_pid;

	task_tid_unreserve(&sig->pgrp_res);
	task_tid_unreserve(&sig->session_res);
	sig->pgrp_pid = sig->session_pid = NULL;
	put_pid(pg);
	put_pid(ss);
}

/* The task with number nr in current's pid namespace, no reference;
 * caller holds tasklist_lock (which keeps it from being released). */
static struct task *find_task_by_vpid_locked(pid_t nr)
{
	struct task *t = find_task_by_vpid(nr);

	if (t)
		task_put(t);
	return t;
}

pid_t pid_global_to_vnr(pid_t global)
{
	return pid_global_to_ns(global, task_active_pid_ns(current));
}

pid_t pid_global_to_ns(pid_t global, struct pid_namespace *ns)
{
	unsigned long flags;
	struct task *p;
	pid_t r = 0;

	if (ns == &init_pid_ns || global <= 0)
		return global;
	/* A process, or a group or session whose maker may be gone. */
	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_user_task_locked(global);
	if (p && p->pid && p->pid->numbers[0].nr == global) {
		r = pid_nr_ns(p->pid, ns);
	} else {
		list_for_each_entry(p, &proc_list, proc_node) {
			if (p->signal->pgrp == global) {
				r = pid_nr_ns(p->signal->pgrp_pid, ns);
				break;
			}
			if (p->signal->session == global) {
				r = pid_nr_ns(p->signal->session_pid, ns);
				break;
			}
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return r;
}

bool proc_pgrp_exists(pid_t pgrp)
{
	struct task *p;

	list_for_each_entry(p, &proc_list, proc_node)
		if (p->signal->pgrp == pgrp)
			return true;
	return false;
}

/* The process group pgrp (global number) if it has a member in session
 * sid, else NULL. */
static struct pid *pgrp_in_session(pid_t pgrp, pid_t sid)
{
	struct task *p;

	list_for_each_entry(p, &proc_list, proc_node)
		if (p->signal->pgrp == pgrp)
			return p->signal->session == sid ? p->signal->pgrp_pid : NULL;
	return NULL;
}

/*
 * POSIX: a process group is orphaned when no member has a parent in a
 * different group of the same session. ignored: a process about to leave
 * (it does not count). Parents that are init do not count (Linux).
 */
bool proc_will_become_orphaned_pgrp(pid_t pgrp, struct task *ignored)
{
	struct task *p;

	list_for_each_entry(p, &proc_list, proc_node) {
		struct task *parent = p->real_parent;

		if (p->signal->pgrp != pgrp || p == ignored || p->exit_state || !parent ||
		    parent->tgid == 1)
			continue;
		if (parent->signal->pgrp != pgrp && parent->signal->session == p->signal->session)
			return false;
	}
	return true;
}

bool proc_pgrp_has_stopped_jobs(pid_t pgrp)
{
	struct task *p;

	list_for_each_entry(p, &proc_list, proc_node)
		if (p->signal->pgrp == pgrp && (p->signal->flags & SIGNAL_STOP_STOPPED))
			return true;
	return false;
}

/* ---- the syscalls' cores ---- */

/* pid and pgid are numbers in the caller's pid namespace. */
int proc_setpgid(pid_t pid, pid_t pgid)
{
	struct task *me = current->group_leader, *p;
	struct pid *grp;
	unsigned long flags;
	pid_t gpgid;
	int err;

	if (pgid < 0)
		return -EINVAL;

	spin_lock_irqsave(&tasklist_lock, flags);
	err = -ESRCH;
	p = pid ? find_task_by_vpid_locked(pid) : me;
	if (!p)
		goto out;
	if (!pid)
		pid = task_pid_vnr(me);
	if (!pgid)
		pgid = pid;
	err = -EINVAL;
	if (!thread_group_leader(p))
		goto out;
	if (p->real_parent == me) {
		err = -EPERM;
		if (p->signal->session != me->signal->session)
			goto out;
		err = -EACCES;
		if (p->signal->did_exec)
			goto out;
	} else {
		err = -ESRCH;
		if (p != me)
			goto out;
	}
	err = -EPERM;
	if (p->signal->leader)
		goto out;
	if (pgid != pid) {
		gpgid = pid_ns_global_nr(task_active_pid_ns(current), pgid);
		grp = gpgid ? pgrp_in_session(gpgid, me->signal->session) : NULL;
		if (!grp)
			goto out;
	} else {
		grp = p->pid;
	}
	if (p->signal->pgrp_pid != grp)
		proc_set_pgrp(p->signal, grp);
	err = 0;
out:
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

pid_t proc_getpgid(pid_t pid)
{
	unsigned long flags;
	struct task *p;
	pid_t r = -ESRCH;

	if (!pid)
		return task_pgrp_vnr(current);
	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_by_vpid_locked(pid);
	if (p)
		r = task_pgrp_vnr(p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return r;
}

pid_t proc_getsid(pid_t pid)
{
	unsigned long flags;
	struct task *p;
	pid_t r = -ESRCH;

	if (!pid)
		return task_session_vnr(current);
	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_by_vpid_locked(pid);
	if (p)
		r = task_session_vnr(p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return r;
}

pid_t proc_setsid(void)
{
	struct task *me = current->group_leader;
	pid_t sid = me->tgid;
	unsigned long flags;
	pid_t r = -EPERM;

	spin_lock_irqsave(&tasklist_lock, flags);
	/* Already a session leader, or a group with our pid exists (we lead
	 * one): POSIX says EPERM. */
	if (me->signal->leader || proc_pgrp_exists(sid))
		goto out;
	me->signal->leader = true;
	proc_set_session(me->signal, me->pid);
	proc_set_pgrp(me->signal, me->pid);
	me->signal->tty = NULL;
	r = task_pid_vnr(me);
out:
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return r;
}
