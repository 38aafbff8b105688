/*
 * PID namespaces (kernel/include/kernel/pid_ns.h explains the model):
 * struct pid and its per-level numbers, each namespace's number map and
 * allocator, the translations used at the user boundary, CLONE_NEWPID's
 * new namespaces, the death of a namespace's init, and the nsfs
 * operations of /proc/[pid]/ns/pid and pid_for_children.
 *
 * Level 0 has no map here: its numbers are the global tids, which
 * kernel/sched/kthread.c allocates and looks up (and kernel/proc/pid.c
 * keeps reserved while a process group or session uses them).
 */
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/nsfs.h>
#include <kernel/panic.h>
#include <kernel/pid_ns.h>
#include <kernel/proc.h>
#include <kernel/sched.h>
#include <linuxabi/uapi/sched.h>
#include <string.h>

#include "internal.h"

static DEFINE_SPINLOCK(pidmap_lock);

struct pid_namespace init_pid_ns = {
	.refcount = 1,
	.level = 0,
	.inum = PROC_PID_INIT_INO,
	.adding = true,
};

/* ---- references ---------------------------------------------------------- */

struct pid_namespace *get_pid_ns(struct pid_namespace *ns)
{
	if (ns)
		__atomic_fetch_add(&ns->refcount, 1, __ATOMIC_RELAXED);
	return ns;
}

void put_pid_ns(struct pid_namespace *ns)
{
	/* Each namespace holds its parent: the last put may free a chain. */
	while (ns && ns != &init_pid_ns &&
	       __atomic_sub_fetch(&ns->refcount, 1, __ATOMIC_ACQ_REL) == 0) {
		struct pid_namespace *parent = ns->parent;

		kfree(ns);
		ns = parent;
	}
}

struct pid *get_pid(struct pid *pid)
{
	if (pid)
		__atomic_fetch_add(&pid->refcount, 1, __ATOMIC_RELAXED);
	return pid;
}

void put_pid(struct pid *pid)
{
	struct pid_namespace *ns;
	unsigned long flags;

	if (!pid || __atomic_sub_fetch(&pid->refcount, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	spin_lock_irqsave(&pidmap_lock, flags);
	for (unsigned i = 1; i <= pid->level; i++) {
		struct upid *u = &pid->numbers[i];

		rb_erase(&u->node, &u->ns->pids);
		/* The first process's fork failed (a signal interrupted it,
		 * say): the namespace never gets an init, and every later fork
		 * into it fails with ENOMEM, as Linux's PIDNS_ADDING. */
		if (--u->ns->nr_pids == 0 && !u->ns->child_reaper)
			u->ns->adding = false;
	}
	spin_unlock_irqrestore(&pidmap_lock, flags);
	ns = pid->numbers[pid->level].ns;
	kfree(pid);
	put_pid_ns(ns);
}

/* ---- which namespace --------------------------------------------------- */

struct pid_namespace *task_active_pid_ns(struct task *t)
{
	struct pid *pid = t ? READ_ONCE(t->pid) : NULL;

	return pid ? pid->numbers[pid->level].ns : &init_pid_ns;
}

struct pid_namespace *task_pid_ns_for_children(struct task *t)
{
	struct pid_namespace *ns = t ? READ_ONCE(t->pid_ns_for_children) : NULL;

	return ns ? ns : &init_pid_ns;
}

bool pid_ns_is_descendant(struct pid_namespace *ns, struct pid_namespace *ancestor)
{
	while (ns && ns->level > ancestor->level)
		ns = ns->parent;
	return ns == ancestor;
}

/* ---- translations ------------------------------------------------------ */

pid_t pid_nr_ns(struct pid *pid, struct pid_namespace *ns)
{
	struct upid *u;

	if (!pid || ns->level > pid->level)
		return 0;
	u = &pid->numbers[ns->level];
	return u->ns == ns ? u->nr : 0;
}

pid_t pid_vnr(struct pid *pid)
{
	return pid_nr_ns(pid, task_active_pid_ns(current));
}

pid_t task_pid_nr_ns(struct task *t, struct pid_namespace *ns)
{
	struct pid *pid = READ_ONCE(t->pid);

	if (!pid)   /* kernel threads live in the initial namespace only */
		return ns == &init_pid_ns ? t->tid : 0;
	return pid_nr_ns(pid, ns);
}

pid_t task_tgid_nr_ns(struct task *t, struct pid_namespace *ns)
{
	struct task *leader = t->signal ? READ_ONCE(t->group_leader) : NULL;

	return task_pid_nr_ns(leader ? leader : t, ns);
}

pid_t task_pgrp_nr_ns(struct task *t, struct pid_namespace *ns)
{
	return t->signal ? pid_nr_ns(READ_ONCE(t->signal->pgrp_pid), ns) : 0;
}

pid_t task_session_nr_ns(struct task *t, struct pid_namespace *ns)
{
	return t->signal ? pid_nr_ns(READ_ONCE(t->signal->session_pid), ns) : 0;
}

pid_t task_ppid_nr_ns(struct task *t, struct pid_namespace *ns)
{
	unsigned long flags;
	struct task *parent;
	pid_t ppid = 0;

	if (!t->signal)
		return 0;
	spin_lock_irqsave(&tasklist_lock, flags);
	parent = t->group_leader->real_parent;
	if (parent)
		ppid = task_tgid_nr_ns(parent, ns);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ppid;
}

pid_t task_pid_vnr(struct task *t) { return task_pid_nr_ns(t, task_active_pid_ns(current)); }
pid_t task_tgid_vnr(struct task *t) { return task_tgid_nr_ns(t, task_active_pid_ns(current)); }
pid_t task_pgrp_vnr(struct task *t) { return task_pgrp_nr_ns(t, task_active_pid_ns(current)); }
pid_t task_session_vnr(struct task *t) { return task_session_nr_ns(t, task_active_pid_ns(current)); }

/* Caller holds pidmap_lock. */
static struct upid *upid_lookup(struct pid_namespace *ns, pid_t nr)
{
	struct rb_node *n = ns->pids.rb_node;

	while (n) {
		struct upid *u = rb_entry(n, struct upid, node);

		if (nr < u->nr)
			n = n->rb_left;
		else if (nr > u->nr)
			n = n->rb_right;
		else
			return u;
	}
	return NULL;
}

static struct pid *upid_to_pid(struct upid *u)
{
	struct pid_namespace *ns = u->ns;

	/* numbers[] is indexed by level: step back to the start. */
	return (struct pid *)((char *)(u - ns->level) - __builtin_offsetof(struct pid, numbers));
}

struct task *find_task_by_pid_ns(pid_t nr, struct pid_namespace *ns)
{
	struct task *t = NULL;
	unsigned long flags;
	struct upid *u;

	if (nr <= 0)
		return NULL;
	if (ns == &init_pid_ns)
		return find_user_task(nr);
	spin_lock_irqsave(&pidmap_lock, flags);
	u = upid_lookup(ns, nr);
	if (u) {
		t = upid_to_pid(u)->task;
		if (t && t->signal)
			task_get(t);
		else
			t = NULL;
	}
	spin_unlock_irqrestore(&pidmap_lock, flags);
	return t;
}

struct task *find_task_by_vpid(pid_t nr)
{
	return find_task_by_pid_ns(nr, task_active_pid_ns(current));
}

pid_t pid_ns_global_nr(struct pid_namespace *ns, pid_t nr)
{
	unsigned long flags;
	struct upid *u;
	pid_t g = 0;

	if (nr <= 0)
		return 0;
	if (ns == &init_pid_ns)
		return nr;
	spin_lock_irqsave(&pidmap_lock, flags);
	u = upid_lookup(ns, nr);
	if (u)
		g = upid_to_pid(u)->numbers[0].nr;
	spin_unlock_irqrestore(&pidmap_lock, flags);
	return g;
}

pid_t pid_ns_next_tgid(struct pid_namespace *ns, pid_t from, pid_t *global)
{
	unsigned long flags, f2;
	struct rb_node *n;
	pid_t best = 0;

	if (ns == &init_pid_ns) {
		best = proc_next_tgid(from);
		*global = best;
		return best;
	}
	/* tasklist_lock first: group_leader and exit states are read under it. */
	spin_lock_irqsave(&tasklist_lock, flags);
	spin_lock_irqsave(&pidmap_lock, f2);
	/* The first number >= from, then on in order. */
	n = ns->pids.rb_node;
	struct rb_node *start = NULL;
	while (n) {
		struct upid *u = rb_entry(n, struct upid, node);

		if (u->nr >= from) {
			start = n;
			n = n->rb_left;
		} else {
			n = n->rb_right;
		}
	}
	for (n = start; n; n = rb_next(n)) {
		struct upid *u = rb_entry(n, struct upid, node);
		struct task *t = upid_to_pid(u)->task;

		if (t && t->signal && t->group_leader == t && !list_empty(&t->proc_node)) {
			best = u->nr;
			*global = t->tid;
			break;
		}
	}
	spin_unlock_irqrestore(&pidmap_lock, f2);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return best;
}

/* ---- allocation ---------------------------------------------------------- */

static bool upid_less(struct rb_node *a, const struct rb_node *b)
{
	return rb_entry(a, struct upid, node)->nr < rb_entry(b, struct upid, node)->nr;
}

/* The next free number after the last one, wrapping (Linux's cyclic
 * allocation: a new namespace starts at 1, its init). Caller holds
 * pidmap_lock. */
static int ns_alloc_nr(struct pid_namespace *ns)
{
	int nr = ns->last_pid;

	for (int tries = 0; tries < PID_NS_PID_MAX; tries++) {
		if (++nr >= PID_NS_PID_MAX)
			nr = 2;     /* 1 is only ever its init's */
		if (!upid_lookup(ns, nr)) {
			ns->last_pid = nr;
			return nr;
		}
	}
	return -EAGAIN;
}

struct pid *alloc_pid(struct pid_namespace *ns, struct task *t)
{
	struct pid *pid = kzalloc(sizeof(*pid) + (ns->level + 1) * sizeof(struct upid), GFP_KERNEL);
	struct pid_namespace *tmp;
	unsigned long flags;
	int err = -ENOMEM;
	unsigned done;

	if (!pid)
		return ERR_PTR(-ENOMEM);
	pid->refcount = 1;
	init_waitqueue_head(&pid->wait_pidfd);
	pid->level = ns->level;
	pid->task = t;
	pid->numbers[0].nr = t->tid;
	pid->numbers[0].ns = &init_pid_ns;
	spin_lock_irqsave(&pidmap_lock, flags);
	for (tmp = ns, done = ns->level + 1; tmp->level > 0; tmp = tmp->parent) {
		struct upid *u = &pid->numbers[tmp->level];
		int nr;

		/* Its init died (or never started): Linux says ENOMEM. */
		if (!tmp->adding) {
			err = -ENOMEM;
			goto fail;
		}
		nr = ns_alloc_nr(tmp);
		if (nr < 0) {
			err = nr;
			goto fail;
		}
		u->nr = nr;
		u->ns = tmp;
		rb_add(&u->node, &tmp->pids, upid_less);
		tmp->nr_pids++;
		done = tmp->level;
	}
	get_pid_ns(ns);
	spin_unlock_irqrestore(&pidmap_lock, flags);
	return pid;

fail:
	for (unsigned i = done; i <= ns->level && i > 0; i++) {
		rb_erase(&pid->numbers[i].node, &pid->numbers[i].ns->pids);
		pid->numbers[i].ns->nr_pids--;
	}
	spin_unlock_irqrestore(&pidmap_lock, flags);
	kfree(pid);
	return ERR_PTR(err);
}

void detach_pid(struct task *t)
{
	unsigned long flags;

	if (!t->pid)
		return;
	spin_lock_irqsave(&pidmap_lock, flags);
	if (t->pid->task == t)
		t->pid->task = NULL;
	spin_unlock_irqrestore(&pidmap_lock, flags);
}

void exchange_pids(struct task *a, struct task *b)
{
	unsigned long flags;
	struct pid *tmp;

	spin_lock_irqsave(&pidmap_lock, flags);
	tmp = a->pid;
	a->pid = b->pid;
	b->pid = tmp;
	if (a->pid)
		a->pid->task = a;
	if (b->pid)
		b->pid->task = b;
	spin_unlock_irqrestore(&pidmap_lock, flags);
}

/* ---- new namespaces ---------------------------------------------------- */

struct pid_namespace *pid_ns_create_child(void)
{
	struct pid_namespace *parent = task_active_pid_ns(current), *ns;

	/* unshare(CLONE_NEWPID) already chose a namespace for the next
	 * child: a second one before it is EINVAL (Linux's copy_pid_ns). */
	if (task_pid_ns_for_children(current) != parent)
		return ERR_PTR(-EINVAL);
	if (parent->level + 1 > MAX_PID_NS_LEVEL)
		return ERR_PTR(-ENOSPC);
	ns = kzalloc(sizeof(*ns), GFP_KERNEL);
	if (!ns)
		return ERR_PTR(-ENOMEM);
	ns->refcount = 1;
	ns->level = parent->level + 1;
	ns->parent = get_pid_ns(parent);
	ns->inum = ns_alloc_inum();
	ns->pids = RB_ROOT;
	ns->adding = true;
	return ns;
}

/* ---- the death of a namespace's init ------------------------------------ */

/* Does ns hold a process other than current's? Caller holds tasklist_lock. */
static bool ns_has_others(struct pid_namespace *ns)
{
	struct task *p;

	list_for_each_entry(p, &proc_list, proc_node)
		if (p->signal != current->signal && task_pid_nr_ns(p, ns))
			return true;
	return false;
}

void zap_pid_ns_processes(struct pid_namespace *ns)
{
	struct wait_result res;
	unsigned long flags;
	struct task *p;
	ksiginfo_t info;

	spin_lock_irqsave(&pidmap_lock, flags);
	ns->adding = false;
	spin_unlock_irqrestore(&pidmap_lock, flags);

	/* SIGKILL, from the kernel and so forced past nested inits'
	 * protection, to every other process of the namespace and below. */
	memset(&info, 0, sizeof(info));
	info.si_signo = SIGKILL;
	info.si_code = SI_KERNEL;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &proc_list, proc_node) {
		unsigned long f2;

		if (p->signal == current->signal || !task_pid_nr_ns(p, ns))
			continue;
		if (lock_task_sighand(p, &f2)) {
			__send_signal(SIGKILL, &info, p, true, true);
			unlock_task_sighand(p, &f2);
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);

	/* Reap our children (orphans of the namespace come to us) until none
	 * is left, then wait for the processes whose parents are outside to
	 * be reaped by them, as Linux's init waits for pid_allocated. Signals
	 * cannot interrupt this: we are exiting. */
	for (;;) {
		long r = do_wait(P_ALL, 0, WEXITED | __WALL | WNOHANG, &res);
		bool others;

		if (r > 0)
			continue;
		spin_lock_irqsave(&tasklist_lock, flags);
		others = ns_has_others(ns);
		spin_unlock_irqrestore(&tasklist_lock, flags);
		if (r == -ECHILD && !others)
			break;
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule_timeout(5 * 1000000ULL);
		__set_current_state(TASK_RUNNING);
	}
}

/* ---- /proc/[pid]/ns/pid and pid_for_children ------------------------------ */

static void *pidns_get(struct task *t)
{
	struct pid_namespace *ns = NULL;
	unsigned long flags;

	/* Linux: none once the task is released (its pid is detached). */
	spin_lock_irqsave(&tasklist_lock, flags);
	if (!t->signal || t->exit_state != EXIT_DEAD)
		ns = get_pid_ns(task_active_pid_ns(t));
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ns;
}

static void *pidns_for_children_get(struct task *t)
{
	struct pid_namespace *ns = NULL;
	unsigned long flags;

	/* Linux: NULL once the task has exited (its nsproxy is gone), and
	 * for a namespace whose init has not been forked yet (after
	 * unshare(CLONE_NEWPID)). */
	spin_lock_irqsave(&t->proc_lock, flags);
	if (!t->exit_state)
		ns = get_pid_ns(task_pid_ns_for_children(t));
	spin_unlock_irqrestore(&t->proc_lock, flags);
	if (ns && ns != &init_pid_ns && !READ_ONCE(ns->child_reaper)) {
		put_pid_ns(ns);
		ns = NULL;
	}
	return ns;
}

static void pidns_put(void *ns)
{
	put_pid_ns(ns);
}

static u32 pidns_inum(void *ns)
{
	return ((struct pid_namespace *)ns)->inum;
}

/* setns(fd, CLONE_NEWPID): only the namespace of our future children
 * changes, and only to our own or one below it (Linux's pidns_install). */
static int pidns_install(void *nsp)
{
	struct pid_namespace *ns = nsp, *old;
	unsigned long flags;

	if (!pid_ns_is_descendant(ns, task_active_pid_ns(current)))
		return -EINVAL;
	get_pid_ns(ns);
	spin_lock_irqsave(&current->proc_lock, flags);
	old = current->pid_ns_for_children;
	current->pid_ns_for_children = ns;
	spin_unlock_irqrestore(&current->proc_lock, flags);
	put_pid_ns(old);
	return 0;
}

const struct proc_ns_operations pidns_operations = {
	.name = "pid",
	.real_name = "pid",
	.type = CLONE_NEWPID,
	.get = pidns_get,
	.put = pidns_put,
	.inum = pidns_inum,
	.install = pidns_install,
};

const struct proc_ns_operations pidns_for_children_operations = {
	.name = "pid_for_children",
	.real_name = "pid",
	.type = CLONE_NEWPID,
	.get = pidns_for_children_get,
	.put = pidns_put,
	.inum = pidns_inum,
	.install = pidns_install,
};
