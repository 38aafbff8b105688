/*
 * Nice values and scheduling policies, the process side: who may change
 * which task, and how the ids of getpriority/setpriority and the sched_*
 * calls name tasks. The scheduler (kernel/sched/core.c, sched_set_policy)
 * does the change itself.
 *
 * Nice is per thread, as in Linux: setpriority(PRIO_PROCESS, id) acts on
 * the thread with that id; PRIO_PGRP and PRIO_USER on every thread of the
 * matching processes; getpriority reports the best (lowest nice) of them.
 * Permissions follow Linux: another user's task needs CAP_SYS_NICE (EPERM
 * for setpriority and the sched_* calls alike); lowering nice beyond the
 * target's RLIMIT_NICE needs it too (EACCES from setpriority, EPERM from
 * sched_setattr); real-time policies need it or RLIMIT_RTPRIO.
 */
#include <kernel/errno.h>
#include <kernel/pid_ns.h>
#include <kernel/proc.h>
#include <kernel/sched.h>

#include "internal.h"

#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define PRIO_USER 2

/* Serializes policy and nice changes, so that a change computed from a
 * task's current values (keep the policy, keep the nice) is not lost to a
 * concurrent one. Lock order: tasklist_lock -> prio_lock -> pi_lock. */
static DEFINE_SPINLOCK(prio_lock);

static bool prio_match(struct task *p, int which, int who, uid_t uid)
{
	bool hit;

	if (p->exit_state || !p->signal)
		return false;
	if (which == PRIO_PGRP)
		return p->signal->pgrp == who;
	{
		const struct cred *c = get_task_cred(p);

		hit = c->uid == uid;
		put_cred(c);
		return hit;
	}
}

static int resolve_who(int which, int *who, uid_t *uid)
{
	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	*uid = current_cred()->uid;
	if (which == PRIO_PGRP && !*who)
		*who = task_pgrp_nr(current);
	else if (which == PRIO_USER && *who)
		*uid = (uid_t)*who;
	else if (which == PRIO_PGRP) {
		/* A pgid of the caller's pid namespace: match globally (-1,
		 * matching nothing, if it has no such number). */
		pid_t g = pid_ns_global_nr(task_active_pid_ns(current), *who);

		*who = g ? g : -1;
	}
	return 0;
}

/* For each thread of the matching processes (PRIO_PGRP, PRIO_USER), with
 * tasklist_lock held; stops when fn returns false. */
static void for_each_prio_thread(int which, int who, uid_t uid,
				 bool (*fn)(struct task *t, void *arg), void *arg)
{
	struct task *p, *t;

	list_for_each_entry(p, &proc_list, proc_node) {
		if (!prio_match(p, which, who, uid))
			continue;
		list_for_each_entry(t, &p->signal->threads, thread_node)
			if (!fn(t, arg))
				return;
	}
}

static bool best_nice(struct task *t, void *arg)
{
	long *best = arg;

	if (20 - READ_ONCE(t->nice) > *best)
		*best = 20 - READ_ONCE(t->nice);
	return true;
}

/* Linux's getpriority: 20 - the lowest nice among the matches (1..40). */
long proc_getpriority(int which, int who)
{
	unsigned long flags;
	long best = -ESRCH;
	uid_t uid;
	int r = resolve_who(which, &who, &uid);

	if (r)
		return r;
	if (which == PRIO_PROCESS) {
		struct task *t = who ? find_task_by_vpid(who) : current;

		if (!t)
			return -ESRCH;
		best = 20 - READ_ONCE(t->nice);
		if (who)
			task_put(t);
		return best;
	}
	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_prio_thread(which, who, uid, best_nice, &best);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return best;
}

/* Linux's set_one_prio_perm / check_same_owner: the caller's euid is the
 * task's uid or euid, or it has CAP_SYS_NICE. */
static bool same_owner_or_nice_cap(struct task *p)
{
	const struct cred *me = current_cred(), *tc;
	bool same;

	tc = get_task_cred(p);
	same = tc->uid == me->euid || tc->euid == me->euid;
	put_cred(tc);
	return same || capable(CAP_SYS_NICE);
}

/* Linux's can_nice: nice within the task's RLIMIT_NICE (20 - nice), or privileged. */
static bool can_nice(struct task *p, int nice)
{
	return (u64)(20 - nice) <= task_rlimit(p, RLIMIT_NICE) || capable(CAP_SYS_NICE);
}

struct setprio {
	int nice;
	long ret;
};

static bool set_one_prio(struct task *p, void *arg)
{
	struct setprio *sp = arg;
	int r = 0;

	if (!same_owner_or_nice_cap(p))
		r = -EPERM;
	else if (sp->nice < READ_ONCE(p->nice) && !can_nice(p, sp->nice))
		r = -EACCES;
	else
		sched_set_policy(p, p->policy, p->rt_priority, sp->nice, p->sched_reset_on_fork);
	/* Linux reports the first error, else success if any matched. */
	if (sp->ret == -ESRCH || (sp->ret == 0 && r))
		sp->ret = r;
	return true;
}

long proc_setpriority(int which, int who, int nice)
{
	struct setprio sp = { .ret = -ESRCH };
	unsigned long flags;
	uid_t uid;
	int r = resolve_who(which, &who, &uid);

	if (r)
		return r;
	if (nice < NICE_MIN)
		nice = NICE_MIN;
	if (nice > NICE_MAX)
		nice = NICE_MAX;
	sp.nice = nice;
	if (which == PRIO_PROCESS) {
		struct task *t = who ? find_task_by_vpid(who) : current;

		if (!t)
			return -ESRCH;
		spin_lock_irqsave(&prio_lock, flags);
		set_one_prio(t, &sp);
		spin_unlock_irqrestore(&prio_lock, flags);
		if (who)
			task_put(t);
		return sp.ret;
	}
	spin_lock_irqsave(&tasklist_lock, flags);
	spin_lock(&prio_lock);
	for_each_prio_thread(which, who, uid, set_one_prio, &sp);
	spin_unlock(&prio_lock);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return sp.ret;
}

/* ---- sched_setscheduler and friends ------------------------------------- */

struct task *proc_sched_task(pid_t pid)
{
	struct task *t;

	if (pid < 0)
		return ERR_PTR(-EINVAL);
	if (!pid) {
		task_get(current);
		return current;
	}
	t = find_task_by_vpid(pid);
	return t ? t : ERR_PTR(-ESRCH);
}

/* Linux's user checks in __sched_setscheduler, for a caller without
 * CAP_SYS_NICE. Caller holds prio_lock. */
static int sched_perm(struct task *p, int policy, int prio, int nice, bool reset_on_fork)
{
	if (capable(CAP_SYS_NICE))
		return 0;
	if ((policy == SCHED_NORMAL || policy == SCHED_BATCH) && nice < p->nice &&
	    !can_nice(p, nice))
		return -EPERM;
	if (rt_policy(policy)) {
		u64 rlim = task_rlimit(p, RLIMIT_RTPRIO);

		/* Entering real-time needs a non-zero RLIMIT_RTPRIO; raising
		 * the priority, one at least as high. */
		if (policy != p->policy && !rlim)
			return -EPERM;
		if (prio > p->rt_priority && (u64)prio > rlim)
			return -EPERM;
	}
	/* Leaving SCHED_IDLE counts as raising the priority. */
	if (p->policy == SCHED_IDLE && policy != SCHED_IDLE && !can_nice(p, p->nice))
		return -EPERM;
	if (!same_owner_or_nice_cap(p))
		return -EPERM;
	/* Only privilege clears SCHED_RESET_ON_FORK. */
	if (p->sched_reset_on_fork && !reset_on_fork)
		return -EPERM;
	return 0;
}

long proc_sched_setattr(struct task *p, const struct sched_change *c)
{
	unsigned long flags;
	int policy, prio, nice;
	bool reset;
	long r;

	spin_lock_irqsave(&prio_lock, flags);
	policy = c->policy < 0 ? p->policy : c->policy;
	reset = c->policy < 0 ? p->sched_reset_on_fork : c->reset_on_fork;
	prio = c->rt_priority;
	/* FIFO and RR take 1..99, the fair policies 0 (EINVAL otherwise). */
	r = -EINVAL;
	if (prio < 0 || prio > MAX_RT_PRIO - 1 || rt_policy(policy) != (prio != 0))
		goto out;
	nice = c->set_nice ? c->nice : p->nice;
	if (nice < NICE_MIN)
		nice = NICE_MIN;
	if (nice > NICE_MAX)
		nice = NICE_MAX;
	r = sched_perm(p, policy, prio, nice, reset);
	if (r)
		goto out;
	if (c->keep_params) {
		/* SCHED_FLAG_KEEP_PARAMS: policy and parameters stay; only
		 * the reset-on-fork flag changes (Linux). */
		policy = p->policy;
		prio = p->rt_priority;
		nice = p->nice;
	} else if (policy != SCHED_NORMAL && policy != SCHED_BATCH) {
		/* Real-time and SCHED_IDLE leave the nice value (Linux sets it
		 * for SCHED_NORMAL and SCHED_BATCH only). */
		nice = p->nice;
	}
	sched_set_policy(p, policy, prio, nice, reset);
out:
	spin_unlock_irqrestore(&prio_lock, flags);
	return r;
}
