/*
 * The hung-task detector (Linux's khungtaskd): a kernel thread that looks
 * at every task every few seconds and reports, once per sleep, a task that
 * has been in TASK_UNINTERRUPTIBLE without running for more than
 * hung_task_timeout_secs (command line; Linux's default 120, 0 turns it
 * off): "INFO: task NAME:TID blocked for more than N seconds." and the
 * kernel stack it sleeps on, read from the frame __switch_to left. Such a
 * task can be neither woken by a signal nor killed, so this is how a lost
 * wakeup or a lock cycle shows itself instead of a silent hang.
 *
 * The stack is read while the task sleeps; if it wakes meanwhile the trace
 * may be cut short (backtrace_from checks every frame it follows).
 * XXX: Linux also has the kernel.hung_task_* sysctls and can panic.
 */
#include <kernel/boot.h>
#include <kernel/clock.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/sched.h>

#define HUNG_CHECK_NS (5 * NSEC_PER_SEC)

static u64 timeout_ns;
static struct task *hungd;

struct hung_scan {
	u64 now;
	struct task *found[4];     /* reported after the walk, referenced */
	int n;
};

static void check_one(struct task *t, void *arg)
{
	struct hung_scan *s = arg;
	u64 exec = READ_ONCE(t->sum_exec_ns);

	if (READ_ONCE(t->state) != TASK_UNINTERRUPTIBLE || exec != t->hung_seen_exec_ns ||
	    !t->hung_since_ns) {
		t->hung_seen_exec_ns = exec;
		t->hung_since_ns = s->now;
		t->hung_reported = false;
		return;
	}
	if (t->hung_reported || s->now - t->hung_since_ns < timeout_ns || s->n == 4)
		return;
	t->hung_reported = true;
	task_get(t);
	s->found[s->n++] = t;
}

static void report(struct task *t, u64 now)
{
	/* __switch_to pushed rbp, rbx, r12-r15 below its return address. */
	unsigned long *frame = (unsigned long *)READ_ONCE(t->rsp);

	printk(KERN_ERR "INFO: task %s:%d blocked for more than %llu seconds.\n", t->comm, t->tid,
	       (unsigned long long)((now - t->hung_since_ns) / NSEC_PER_SEC));
	if (frame && READ_ONCE(t->state) == TASK_UNINTERRUPTIBLE)
		backtrace_from(frame[5], frame[6]);
}

static int khungtaskd(void *unused)
{
	for (;;) {
		struct hung_scan s = { .now = ktime_get_ns() };

		u64 t = READ_ONCE(timeout_ns);

		set_current_state(TASK_INTERRUPTIBLE);
		schedule_timeout(t && t < HUNG_CHECK_NS ? t : HUNG_CHECK_NS);
		if (!READ_ONCE(timeout_ns))
			continue;
		s.now = ktime_get_ns();
		sched_for_each_task(check_one, &s);
		for (int i = 0; i < s.n; i++) {
			report(s.found[i], s.now);
			task_put(s.found[i]);
		}
	}
	return 0;
}

void hung_task_init(void)
{
	long secs = cmdline_get_long("hung_task_timeout_secs", 120);

	if (secs <= 0)
		return;
	timeout_ns = (u64)secs * NSEC_PER_SEC;
	hungd = kthread_run(khungtaskd, NULL, "khungtaskd");
	if (!hungd)
		printk(KERN_WARNING "hung_task: no memory for khungtaskd\n");
}

u64 hung_task_set_timeout(u64 ns)
{
	u64 old = READ_ONCE(timeout_ns);

	WRITE_ONCE(timeout_ns, ns);
	if (hungd)
		wake_up_process(hungd);
	return old;
}
