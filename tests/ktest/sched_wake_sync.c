/*
 * Sync wakeups (wake_up_sync): two unbound kthreads hand a token back and
 * forth, each waking the other with wake_up_sync and then sleeping. The
 * wakee should be put on the waker's CPU and run as soon as the waker
 * sleeps: one context switch per turn, both on one CPU. With plain
 * wake_up the wakee is sent to the other, idle CPU (an IPI), the waker's
 * CPU goes idle and its idle balance usually pulls the wakee back before
 * the halted CPU wakes: the same CPU too, but two switches per turn
 * (waker -> idle -> wakee).
 */
#include <kernel/ktest.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/waitqueue.h>

#define SYNC_ROUNDS 2000

static struct wait_queue_head sync_wq;
static volatile int sync_token;          /* whose turn: 0 or 1 */
static volatile int sync_last_cpu = -1;  /* where the previous turn ran */
static volatile int sync_same;           /* turns that ran where the previous one did */

static int sync_fn(void *arg)
{
	int me = (int)(long)arg;

	for (int i = 0; i < SYNC_ROUNDS; i++) {
		wait_event(&sync_wq, sync_token == me);
		/* The other side sleeps now: these are ours alone. */
		if (smp_processor_id() == sync_last_cpu)
			sync_same++;
		sync_last_cpu = smp_processor_id();
		sync_token = !me;
		wake_up_sync(&sync_wq);
	}
	return 0;
}

static u64 all_switches(void)
{
	u64 n = 0;

	for (int c = 0; c < nr_cpus; c++)
		n += sched_nr_switches(c);
	return n;
}

KTEST(sched_wake_sync_affine)
{
	struct task *t[2];
	u64 sw;

	if (nr_cpus < 2)
		return;   /* one CPU: nothing to place */
	init_waitqueue_head(&sync_wq);
	sync_token = 0;
	sync_last_cpu = -1;
	sync_same = 0;
	for (int i = 0; i < 2; i++) {
		t[i] = kthread_create(sync_fn, (void *)(long)i, "ktest-sync");
		KT_ASSERT(t[i]);
	}
	sw = all_switches();
	wake_up_process(t[0]);
	wake_up_process(t[1]);
	for (int i = 0; i < 2; i++)
		KT_ASSERT_EQ(kthread_join(t[i]), 0);
	sw = all_switches() - sw;
	pr_info("sched_wake_sync_affine: %d of %d turns on the previous turn's CPU, %llu switches\n",
		sync_same, 2 * SYNC_ROUNDS, (unsigned long long)sw);
	/* About one switch per turn; plain wakeups take two. */
	KT_ASSERT_MSG(sw < 2 * SYNC_ROUNDS * 3 / 2, "%llu switches for %d turns", (unsigned long long)sw,
		      2 * SYNC_ROUNDS);
	/* Allow for the start and for the tick's balancing moving one of
	 * them now and then; without sync placement this is near 0. */
	KT_ASSERT_MSG(sync_same >= 2 * SYNC_ROUNDS * 9 / 10, "%d of %d turns on the previous turn's CPU",
		      sync_same, 2 * SYNC_ROUNDS);
}
