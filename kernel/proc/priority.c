/*
 * Nice values: getpriority/setpriority for PRIO_PROCESS, PRIO_PGRP and
 * PRIO_USER with Linux's permission rules (EPERM to touch another user's
 * process, EACCES to lower the nice value beyond RLIMIT_NICE without
 * privilege) and clamping to [-20, 19]. Inherited by fork, kept by exec.
 *
 * XXX: the value is stored per process (signal_struct.nice), Linux keeps
 * it per thread; and the scheduler does not weight by it yet: it is
 * bookkeeping only.
 */
#include <kernel/errno.h>
#include <kernel/proc.h>

#include "internal.h"

#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define PRIO_USER 2
#define NICE_MIN (-20)
#define NICE_MAX 19

static bool prio_match(struct task *p, int which, int who, uid_t uid)
{
	bool hit;

	if (p->exit_state || !p->signal)
		return false;
	switch (which) {
	case PRIO_PROCESS:
		return p->tgid == who;
	case PRIO_PGRP:
		return p->signal->pgrp == who;
	default: {
		const struct cred *c = get_task_cred(p);

		hit = c->uid == uid;
		put_cred(c);
		return hit;
	}
	}
}

static int resolve_who(int which, int *who, uid_t *uid)
{
	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	*uid = current_cred()->uid;
	if (which == PRIO_PROCESS && !*who)
		*who = current->tgid;
	else if (which == PRIO_PGRP && !*who)
		*who = task_pgrp_nr(current);
	else if (which == PRIO_USER && *who)
		*uid = (uid_t)*who;
	else if (which != PRIO_USER) {
		/* A pid or pgid of the caller's pid namespace: match globally
		 * (-1, matching nothing, if it has no such number). */
		pid_t g = pid_ns_global_nr(task_active_pid_ns(current), *who);

		*who = g ? g : -1;
	}
	return 0;
}

/* Linux's getpriority: 20 - the lowest nice among the matches (1..40). */
long proc_getpriority(int which, int who)
{
	unsigned long flags;
	struct task *p;
	uid_t uid;
	long best = -ESRCH;
	int r = resolve_who(which, &who, &uid);

	if (r)
		return r;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &proc_list, proc_node) {
		if (!prio_match(p, which, who, uid))
			continue;
		if (20 - READ_ONCE(p->signal->nice) > best)
			best = 20 - READ_ONCE(p->signal->nice);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return best;
}

static int set_one_prio(struct task *p, int nice)
{
	const struct cred *me = current_cred(), *tc;
	bool same;

	tc = get_task_cred(p);
	same = tc->uid == me->euid || tc->euid == me->euid;
	put_cred(tc);
	if (!same && !capable_root())
		return -EPERM;
	if (nice < READ_ONCE(p->signal->nice) && !capable_root() &&
	    (u64)(20 - nice) > task_rlimit(current, RLIMIT_NICE))
		return -EACCES;
	WRITE_ONCE(p->signal->nice, nice);
	return 0;
}

long proc_setpriority(int which, int who, int nice)
{
	unsigned long flags;
	struct task *p;
	uid_t uid;
	long ret = -ESRCH;
	int r = resolve_who(which, &who, &uid);

	if (r)
		return r;
	if (nice < NICE_MIN)
		nice = NICE_MIN;
	if (nice > NICE_MAX)
		nice = NICE_MAX;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &proc_list, proc_node) {
		if (!prio_match(p, which, who, uid))
			continue;
		r = set_one_prio(p, nice);
		/* Linux reports the first error, else success if any matched. */
		if (ret == -ESRCH || (ret == 0 && r))
			ret = r;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}
