/*
 * PID namespaces (kernel/proc/pid_ns.c): a child namespace's own number
 * allocation (1 first, next free after the last, wrapping past the
 * maximum without reusing busy numbers, refused once the namespace is
 * closed, or after its first process died unborn), translations between a namespace's numbers and the global
 * ones, and the initial namespace's view of kernel threads. Processes in
 * namespaces are tested by tests/ltp-subset/syscalls/pidns*.c.
 */
#include <kernel/errno.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/nsfs.h>
#include <kernel/pid_ns.h>
#include <kernel/sched.h>

KTEST(pidns_alloc)
{
	struct pid_namespace *ns = pid_ns_create_child();
	struct task *t[4];
	struct pid *p[4], *bad;

	KT_ASSERT(!IS_ERR(ns));
	KT_ASSERT_EQ(ns->level, 1);
	KT_ASSERT(ns->parent == &init_pid_ns);
	KT_ASSERT(ns->inum >= 0xF0000000u);
	KT_ASSERT(pid_ns_is_descendant(ns, &init_pid_ns));
	KT_ASSERT(!pid_ns_is_descendant(&init_pid_ns, ns));
	for (int i = 0; i < 4; i++) {
		t[i] = kzalloc(sizeof(*t[i]), GFP_KERNEL);
		KT_ASSERT(t[i]);
		t[i]->tid = 900000 + i;     /* never looked up by tid here */
	}
	p[0] = alloc_pid(ns, t[0]);
	p[1] = alloc_pid(ns, t[1]);
	KT_ASSERT(!IS_ERR(p[0]) && !IS_ERR(p[1]));
	KT_ASSERT_EQ(pid_nr_ns(p[0], ns), 1);
	KT_ASSERT_EQ(pid_nr_ns(p[1], ns), 2);
	KT_ASSERT_EQ(pid_nr_ns(p[0], &init_pid_ns), 900000);
	KT_ASSERT_EQ(pid_ns_global_nr(ns, 2), 900001);
	KT_ASSERT_EQ(pid_ns_global_nr(ns, 3), 0);
	KT_ASSERT_EQ(pid_ns_global_nr(&init_pid_ns, 77), 77);
	/* Not user tasks (no signal_struct): lookups never return them. */
	KT_ASSERT(!find_task_by_pid_ns(1, ns));
	/* A freed number is not reused at once: the next one after the last. */
	put_pid(p[0]);
	p[0] = alloc_pid(ns, t[0]);
	KT_ASSERT(!IS_ERR(p[0]));
	KT_ASSERT_EQ(pid_nr_ns(p[0], ns), 3);
	KT_ASSERT_EQ(pid_ns_global_nr(ns, 1), 0);
	/* Wrapping skips the busy 2 and 3 (and 1, its init's). */
	ns->last_pid = PID_NS_PID_MAX - 1;
	p[2] = alloc_pid(ns, t[2]);
	KT_ASSERT(!IS_ERR(p[2]));
	KT_ASSERT_EQ(pid_nr_ns(p[2], ns), 4);
	KT_ASSERT_EQ(ns->nr_pids, 3);
	/* Kernel threads exist in the initial namespace only. */
	KT_ASSERT_EQ(task_pid_nr_ns(current, &init_pid_ns), current->tid);
	KT_ASSERT_EQ(task_pid_nr_ns(current, ns), 0);
	KT_ASSERT(task_active_pid_ns(current) == &init_pid_ns);
	/* Once its init is dead, nothing more is allocated (ENOMEM). */
	ns->adding = false;
	bad = alloc_pid(ns, t[3]);
	KT_ASSERT_EQ(PTR_ERR(bad), -ENOMEM);
	KT_ASSERT_EQ(ns->nr_pids, 3);
	/* The nsfs view. */
	KT_ASSERT_EQ(pidns_operations.inum(ns), ns->inum);
	KT_ASSERT_EQ(pidns_operations.inum(&init_pid_ns), PROC_PID_INIT_INO);
	KT_ASSERT_EQ(pidns_operations.type, 0x20000000);   /* CLONE_NEWPID */
	for (int i = 0; i < 3; i++)
		put_pid(p[i]);
	KT_ASSERT_EQ(ns->nr_pids, 0);
	put_pid_ns(ns);
	for (int i = 0; i < 4; i++)
		kfree(t[i]);
}

/* The first process of a namespace dies unborn (its fork failed after
 * taking a number): the namespace will never have an init, and later
 * forks into it fail with ENOMEM, as Linux's, rather than get a second
 * "1". */
KTEST(pidns_first_fork_fails)
{
	struct pid_namespace *ns = pid_ns_create_child();
	struct task *t = kzalloc(sizeof(*t), GFP_KERNEL);
	struct pid *p;

	KT_ASSERT(!IS_ERR(ns));
	KT_ASSERT(t);
	t->tid = 900100;
	p = alloc_pid(ns, t);
	KT_ASSERT(!IS_ERR(p));
	KT_ASSERT_EQ(pid_nr_ns(p, ns), 1);
	put_pid(p);
	KT_ASSERT_EQ(ns->nr_pids, 0);
	p = alloc_pid(ns, t);
	KT_ASSERT_EQ(PTR_ERR(p), -ENOMEM);
	put_pid_ns(ns);
	kfree(t);
}
