/*
 * I/O priorities (ioprio_get/ioprio_set) and the execution domain
 * (personality), per task as on Linux, inherited by fork.
 *
 * ioprio follows Linux 6.1: a value is class << 13 | data; classes NONE
 * (data 0), RT (needs CAP_SYS_NICE or CAP_SYS_ADMIN), BE and IDLE, data
 * below 8; the targets are a thread (IOPRIO_WHO_PROCESS), every thread of
 * a process group or of a user; another user's tasks need CAP_SYS_NICE.
 * A task that never set one reports 0 (class NONE), and the "best" of
 * several counts NONE as BE level 4, as Linux's ioprio_best.
 *
 * XXX: the block layer does not order requests by it yet (bookkeeping, as
 * Linux's noop scheduler would treat it).
 */
#include <kernel/errno.h>
#include <kernel/pid_ns.h>
#include <kernel/proc.h>

#include "internal.h"

#define IOPRIO_CLASS_SHIFT 13
#define IOPRIO_CLASS_NONE 0
#define IOPRIO_CLASS_RT 1
#define IOPRIO_CLASS_BE 2
#define IOPRIO_CLASS_IDLE 3
#define IOPRIO_NR_LEVELS 8
#define IOPRIO_WHO_PROCESS 1
#define IOPRIO_WHO_PGRP 2
#define IOPRIO_WHO_USER 3
#define CAP_SYS_NICE 23

static int check_ioprio(int ioprio)
{
	int class = ioprio >> IOPRIO_CLASS_SHIFT, data = ioprio & ((1 << IOPRIO_CLASS_SHIFT) - 1);

	if (ioprio < 0)
		return -EINVAL;
	switch (class) {
	case IOPRIO_CLASS_RT:
		if (!capable(CAP_SYS_NICE) && !capable(CAP_SYS_ADMIN))
			return -EPERM;
		/* fall through */
	case IOPRIO_CLASS_BE:
		return data >= IOPRIO_NR_LEVELS ? -EINVAL : 0;
	case IOPRIO_CLASS_IDLE:
		return 0;
	case IOPRIO_CLASS_NONE:
		return data ? -EINVAL : 0;
	}
	return -EINVAL;
}

static int best(int a, int b)
{
	int be_norm = IOPRIO_CLASS_BE << IOPRIO_CLASS_SHIFT | 4;

	if (!(a >> IOPRIO_CLASS_SHIFT))
		a = be_norm;
	if (!(b >> IOPRIO_CLASS_SHIFT))
		b = be_norm;
	return a < b ? a : b;
}

/* Does thread t belong to the target (tasklist_lock held)? */
static bool ioprio_match(struct task *t, int which, int who)
{
	const struct cred *c;
	bool hit;

	if (t->exit_state || !t->signal)
		return false;
	if (which == IOPRIO_WHO_PGRP)
		return t->signal->pgrp == who;
	c = get_task_cred(t);
	hit = c->uid == (uid_t)who;
	put_cred(c);
	return hit;
}

static int set_one(struct task *t, int ioprio)
{
	const struct cred *me = current_cred(), *tc = get_task_cred(t);
	bool same = tc->uid == me->euid || tc->uid == me->uid;

	put_cred(tc);
	if (!same && !capable(CAP_SYS_NICE))
		return -EPERM;
	WRITE_ONCE(t->ioprio, ioprio);
	return 0;
}

/* The process group as a global number (-1 for none in the caller's pid
 * namespace), or the uid. */
static int resolve(int which, int who)
{
	if (which == IOPRIO_WHO_USER)
		return who ? who : (int)current_cred()->uid;
	if (!who)
		return task_pgrp_nr(current);
	who = pid_ns_global_nr(task_active_pid_ns(current), who);
	return who ? who : -1;
}

long sys_ioprio_set(int which, int who, int ioprio)
{
	unsigned long flags;
	struct task *p, *t;
	long ret;
	int err = check_ioprio(ioprio);

	if (err)
		return err;
	if (which == IOPRIO_WHO_PROCESS) {
		t = who ? find_task_by_vpid(who) : current;
		if (!t)
			return -ESRCH;
		ret = set_one(t, ioprio);
		if (who)
			task_put(t);
		return ret;
	}
	if (which != IOPRIO_WHO_PGRP && which != IOPRIO_WHO_USER)
		return -EINVAL;
	who = resolve(which, who);
	ret = -ESRCH;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &proc_list, proc_node) {
		list_for_each_entry(t, &p->signal->threads, thread_node) {
			if (!ioprio_match(t, which, who))
				continue;
			ret = set_one(t, ioprio);
			if (ret)
				goto out;
		}
	}
out:
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

long sys_ioprio_get(int which, int who)
{
	unsigned long flags;
	struct task *p, *t;
	long ret = -ESRCH;

	if (which == IOPRIO_WHO_PROCESS) {
		t = who ? find_task_by_vpid(who) : current;
		if (!t)
			return -ESRCH;
		ret = READ_ONCE(t->ioprio);
		if (who)
			task_put(t);
		return ret;
	}
	if (which != IOPRIO_WHO_PGRP && which != IOPRIO_WHO_USER)
		return -EINVAL;
	who = resolve(which, who);
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &proc_list, proc_node) {
		list_for_each_entry(t, &p->signal->threads, thread_node) {
			if (!ioprio_match(t, which, who))
				continue;
			ret = ret == -ESRCH ? READ_ONCE(t->ioprio) : best((int)ret, READ_ONCE(t->ioprio));
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* ---- personality ---- */

long sys_personality(unsigned int persona)
{
	unsigned int old = current->personality;

	if (persona != 0xffffffffu)
		current->personality = persona;
	return old;
}

/* execve: what Linux's SET_PERSONALITY and setuid programs keep. */
void personality_exec(struct task *t, bool setid)
{
	t->personality &= ~PER_READ_IMPLIES_EXEC;
	if (setid)
		t->personality &= ~PER_CLEAR_ON_SETID;
}
