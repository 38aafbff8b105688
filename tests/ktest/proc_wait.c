/*
 * Exit and wait: the wait status encodings (exit code, killed by a signal,
 * with the core bit, stopped, continued), WNOHANG, WNOWAIT, ECHILD, pid
 * and process-group selection; pids: tid 1 is never handed out by the
 * counter, a zombie keeps its pid until reaped, a process group's id stays
 * reserved while the group has members, and freed pids come back.
 */
#include <kernel/clock.h>
#include <kernel/mm.h>
#include <kernel/waitqueue.h>

#include "proc_test.h"

static int exit_with(void *arg)
{
	return (int)(long)arg;
}

static int group_exit_with(void *arg)
{
	do_group_exit((int)(long)arg);
}

static volatile bool release_sleepers;
static DECLARE_WAIT_QUEUE_HEAD(release_wq);

static int sleep_until_released(void *arg)
{
	wait_event(&release_wq, READ_ONCE(release_sleepers));
	return (int)(long)arg;
}

static int status_body(void *unused)
{
	struct wait_result res;
	pid_t a, b, c;

	PT_EQ(do_wait(P_ALL, 0, WEXITED, &res), -ECHILD);
	PT_EQ(do_wait(P_ALL, 0, WEXITED | WNOHANG, &res), -ECHILD);

	a = pt_spawn(exit_with, (void *)42L);
	PT_EQ(pt_wait(a, 0, &res), 42 << 8);
	PT_EQ(res.pid, a);
	PT_EQ(res.si_code, CLD_EXITED);
	PT_EQ(res.si_status, 42);
	PT_EQ(pt_wait(a, 0, NULL), -ECHILD);          /* reaped */

	a = pt_spawn(group_exit_with, (void *)(long)SIGSEGV);
	PT_EQ(pt_wait(a, 0, &res), SIGSEGV);
	PT_EQ(res.si_code, CLD_KILLED);
	a = pt_spawn(group_exit_with, (void *)(long)(SIGABRT | 0x80));
	PT_EQ(pt_wait(a, 0, &res), SIGABRT | 0x80);
	PT_EQ(res.si_code, CLD_DUMPED);
	PT_EQ(res.si_status, SIGABRT);

	/* WNOHANG with a live child; WNOWAIT leaves the zombie. */
	release_sleepers = false;
	a = pt_spawn(sleep_until_released, (void *)3L);
	b = pt_spawn(sleep_until_released, (void *)4L);
	PT_EQ(do_wait(P_ALL, 0, WEXITED | WNOHANG, &res), 0);
	PT_EQ(do_wait(P_PID, a, WEXITED | WNOHANG, &res), 0);
	PT_EQ(do_wait(P_PID, 0x7ffffff0, WEXITED | WNOHANG, &res), -ECHILD);
	WRITE_ONCE(release_sleepers, true);
	wake_up_all(&release_wq);
	PT_EQ(do_wait(P_PID, b, WEXITED | WNOWAIT, &res), b);
	PT_EQ(res.status, 4 << 8);
	PT_EQ(do_wait(P_PID, b, WEXITED, &res), b);
	PT_EQ(do_wait(P_PID, a, WEXITED, &res), a);
	PT_EQ(res.status, 3 << 8);

	/* Process-group selection. */
	a = pt_spawn(exit_with, (void *)5L);
	PT_EQ(do_wait(P_PGID, 0x7ffffff0, WEXITED, &res), -ECHILD);
	PT_EQ(do_wait(P_PGID, task_pgrp_nr(current), WEXITED, &res), a);

	/* Stopped and continued, as job control leaves them. */
	release_sleepers = false;
	c = pt_spawn(sleep_until_released, (void *)0L);
	{
		struct task *t = find_user_task(c);
		unsigned long flags;

		PT_CHECK(t);
		spin_lock_irqsave(&t->sighand->siglock, flags);
		t->signal->flags |= SIGNAL_STOP_STOPPED;
		t->signal->stop_signal = SIGTSTP;
		spin_unlock_irqrestore(&t->sighand->siglock, flags);
		PT_EQ(do_wait(P_PID, c, WEXITED | WNOHANG, &res), 0);      /* no WUNTRACED */
		PT_EQ(do_wait(P_PID, c, WEXITED | WSTOPPED, &res), c);
		PT_EQ(res.status, (SIGTSTP << 8) | 0x7f);
		PT_EQ(res.si_code, CLD_STOPPED);
		PT_EQ(res.si_status, SIGTSTP);
		/* Reported once. */
		PT_EQ(do_wait(P_PID, c, WEXITED | WSTOPPED | WNOHANG, &res), 0);
		spin_lock_irqsave(&t->sighand->siglock, flags);
		t->signal->flags &= ~SIGNAL_STOP_STOPPED;
		t->signal->flags |= SIGNAL_STOP_CONTINUED;
		spin_unlock_irqrestore(&t->sighand->siglock, flags);
		PT_EQ(do_wait(P_PID, c, WEXITED | WCONTINUED, &res), c);
		PT_EQ(res.status, 0xffff);
		PT_EQ(res.si_code, CLD_CONTINUED);
		PT_EQ(do_wait(P_PID, c, WEXITED | WCONTINUED | WNOHANG, &res), 0);
		task_put(t);
	}
	WRITE_ONCE(release_sleepers, true);
	wake_up_all(&release_wq);
	PT_EQ(pt_wait(c, 0, NULL), 0);
	return 0;
}

KTEST(proc_wait_status)
{
	PT_RUN(status_body, NULL);
}

/* ---- pids ---- */

static int zombie_body(void *unused)
{
	struct task *probe = kzalloc(sizeof(*probe), GFP_KERNEL);
	pid_t a;

	PT_CHECK(probe);
	a = pt_spawn(exit_with, (void *)0L);
	/* Until it is reaped, its pid is taken. */
	while (!({ struct task *t = find_user_task(a); bool z = t && t->exit_state; if (t) task_put(t); z; }))
		msleep(1);
	PT_EQ(task_tid_alloc_nr(probe, a), -EBUSY);
	PT_EQ(pt_wait(a, 0, NULL), 0);
	PT_EQ(task_tid_alloc_nr(probe, a), 0);
	task_tid_free(probe);
	kfree(probe);
	return 0;
}

static int pgrp_leader(void *arg)
{
	pid_t *grandchild = arg;

	/* A new group led by us; a child in it outlives us. */
	if (proc_setpgid(0, 0))
		return 1;
	release_sleepers = false;
	*grandchild = pt_spawn(sleep_until_released, NULL);
	return *grandchild > 0 ? 0 : 2;
}

static int pgrp_body(void *unused)
{
	struct task *probe = kzalloc(sizeof(*probe), GFP_KERNEL);
	pid_t leader, grandchild = 0;

	PT_CHECK(probe);
	leader = pt_spawn(pgrp_leader, &grandchild);
	PT_EQ(pt_wait(leader, 0, NULL), 0);
	PT_CHECK(grandchild > 0);
	PT_EQ(proc_getpgid(grandchild), leader);
	/* The leader is gone, its group is not: the number stays reserved. */
	PT_EQ(task_tid_alloc_nr(probe, leader), -EBUSY);
	WRITE_ONCE(release_sleepers, true);
	wake_up_all(&release_wq);
	/* The orphan has no parent to wait for it: it is released on exit. */
	while (({ struct task *t = find_user_task(grandchild); if (t) task_put(t); t; }))
		msleep(1);
	PT_EQ(task_tid_alloc_nr(probe, leader), 0);
	task_tid_free(probe);
	kfree(probe);
	return 0;
}

KTEST(proc_pid_alloc)
{
	struct task *t[64];
	pid_t first;

	for (int i = 0; i < 64; i++) {
		t[i] = kzalloc(sizeof(*t[i]), GFP_KERNEL);
		KT_ASSERT(t[i]);
		task_tid_alloc(t[i]);
		KT_ASSERT(t[i]->tid > 1);
		for (int j = 0; j < i; j++)
			KT_ASSERT(t[j]->tid != t[i]->tid);
	}
	/* Explicit numbers: busy ones refused. */
	KT_ASSERT_EQ(task_tid_alloc_nr(t[0], t[1]->tid), -EBUSY);
	KT_ASSERT_EQ(task_tid_alloc_nr(t[0], 0), -EINVAL);
	/* Reserved numbers are skipped. */
	first = t[63]->tid;
	{
		struct tid_reservation r1 = { 0 }, r2 = { 0 };

		task_tid_reserve(&r1, first + 1);
		task_tid_reserve(&r2, first + 2);
		task_tid_free(t[0]);
		task_tid_alloc(t[0]);
		KT_ASSERT(t[0]->tid != first + 1 && t[0]->tid != first + 2);
		task_tid_unreserve(&r1);
		task_tid_unreserve(&r2);
	}
	for (int i = 0; i < 64; i++) {
		task_tid_free(t[i]);
		kfree(t[i]);
	}
	PT_RUN(zombie_body, NULL);
	PT_RUN(pgrp_body, NULL);
}

/* Many short-lived processes: nothing stays behind (run by name). */
static int churn_body(void *arg)
{
	for (int i = 0; i < (int)(long)arg; i++) {
		pid_t a = pt_spawn(exit_with, (void *)(long)(i & 0x7f));

		PT_CHECK(a > 0);
		PT_EQ(pt_wait(a, 0, NULL), (i & 0x7f) << 8);
	}
	return 0;
}

KTEST_FLAGS(proc_churn, KTEST_MANUAL)
{
	u64 before, after;

	PT_RUN(churn_body, (void *)20L);
	msleep(50);
	task_reap_deferred();
	before = pmm_free_pages();
	PT_RUN(churn_body, (void *)500L);
	msleep(50);
	task_reap_deferred();
	after = pmm_free_pages();
	printk("proc_churn: free pages %llu before, %llu after 500 processes\n",
	       (unsigned long long)before, (unsigned long long)after);
	KT_ASSERT(after + 16 >= before);
}
