/*
 * The hung-task detector (kernel/sched/hung_task.c): a kernel thread held
 * in an uninterruptible wait past the timeout is reported once, with its
 * stack ("INFO: task NAME:TID blocked for more than N seconds." and a call
 * trace through the wait); one in an idle wait (TASK_IDLE) is not.
 */
#include <kernel/clock.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/mutex.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/waitqueue.h>
#include <string.h>

static struct completion hung_done;
static struct wait_queue_head idle_wq;
static volatile bool idle_go;

static int stuck_fn(void *unused)
{
	wait_for_completion(&hung_done);
	return 0;
}

static int idle_fn(void *unused)
{
	wait_event_idle(&idle_wq, READ_ONCE(idle_go));
	return 0;
}

static bool log_has(const char *what)
{
	size_t n = 32768;
	char *buf = kmalloc(n + 1, GFP_KERNEL);
	bool r;

	if (!buf)
		return false;
	n = printk_read_log(buf, n);
	buf[n] = 0;
	r = strstr(buf, what) != NULL;
	kfree(buf);
	return r;
}

KTEST(sched_hung_task_report)
{
	struct task *stuck, *idle;
	u64 old;

	init_completion(&hung_done);
	init_waitqueue_head(&idle_wq);
	idle_go = false;
	stuck = kthread_run(stuck_fn, NULL, "hungtest_d");
	idle = kthread_run(idle_fn, NULL, "hungtest_i");
	KT_ASSERT(stuck && idle);
	old = hung_task_set_timeout(NSEC_PER_SEC);
	/* The detector looks every second now: 3.5 s is a report. */
	for (int i = 0; i < 35 && !log_has("INFO: task hungtest_d:"); i++) {
		set_current_state(TASK_INTERRUPTIBLE);
		schedule_timeout(100 * NSEC_PER_MSEC);
	}
	hung_task_set_timeout(old);
	KT_ASSERT(log_has("INFO: task hungtest_d:"));
	KT_ASSERT(log_has("wait_for_completion"));
	KT_ASSERT(!log_has("INFO: task hungtest_i:"));
	complete(&hung_done);
	WRITE_ONCE(idle_go, true);
	wake_up_all(&idle_wq);
	KT_ASSERT_EQ(kthread_join(stuck), 0);
	KT_ASSERT_EQ(kthread_join(idle), 0);
}
