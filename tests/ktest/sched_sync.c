/*
 * Synchronization tests: mutex contention from every CPU (exact count,
 * FIFO handoff under sleeping waiters), trylock, completions (counting,
 * complete_all, timeouts), and irqsave spinlocks shared with a timer
 * callback on every CPU.
 */
#include <kernel/clock.h>
#include <kernel/ktest.h>
#include <kernel/mutex.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <kernel/timer.h>

/* ---- mutexes ------------------------------------------------------------------- */

#define MUTEX_TOTAL 16000           /* lock/unlock pairs over all threads */

static DEFINE_MUTEX(test_mutex);
static volatile long mutex_counter;
static volatile int mutex_errors;

static int mutex_worker(void *arg)
{
	int iters = (int)(long)arg;

	for (int i = 0; i < iters; i++) {
		mutex_lock(&test_mutex);
		if (!mutex_owned(&test_mutex))
			mutex_errors++;
		long v = mutex_counter;
		/* Sometimes give the CPU away inside: waiters must sleep. */
		if ((i & 63) == 0)
			yield();
		mutex_counter = v + 1;
		mutex_unlock(&test_mutex);
	}
	return 0;
}

KTEST(sched_mutex_contention)
{
	int n = nr_cpus * 2 < 4 ? 4 : nr_cpus * 2;
	long iters = MUTEX_TOTAL / n;
	struct task *t[2 * MAX_CPUS];

	mutex_counter = 0;
	mutex_errors = 0;
	for (int i = 0; i < n; i++) {
		t[i] = kthread_create(mutex_worker, (void *)iters, "ktest-mutex");
		KT_ASSERT(t[i]);
		kthread_bind(t[i], i % nr_cpus);
		wake_up_process(t[i]);
	}
	for (int i = 0; i < n; i++)
		KT_ASSERT_EQ(kthread_join(t[i]), 0);
	KT_ASSERT_EQ(mutex_errors, 0);
	KT_ASSERT_EQ(mutex_counter, n * iters);
	KT_ASSERT(!mutex_is_locked(&test_mutex));
}

static int trylock_other(void *arg)
{
	return mutex_trylock(arg) ? 1 : 0;
}

KTEST(sched_mutex_trylock)
{
	struct mutex m;
	struct task *t;

	mutex_init(&m, "ktest");
	KT_ASSERT(mutex_trylock(&m));
	KT_ASSERT(mutex_is_locked(&m) && mutex_owned(&m));
	t = kthread_run(trylock_other, &m, "ktest-try");
	KT_ASSERT(t);
	KT_ASSERT_EQ(kthread_join(t), 0);
	mutex_unlock(&m);
	KT_ASSERT(!mutex_is_locked(&m));
	mutex_lock(&m);
	mutex_unlock(&m);
}

/* ---- completions --------------------------------------------------------------- */

struct compl_arg {
	struct completion *c;
	int times;
};

static int compl_waiter(void *arg)
{
	struct compl_arg *a = arg;

	for (int i = 0; i < a->times; i++)
		wait_for_completion(a->c);
	return a->times;
}

KTEST(sched_completion)
{
	struct completion c;
	struct compl_arg a = { &c, 3 };
	struct task *t[4];
	u64 t0, left;

	init_completion(&c);
	/* Counting: three completes let three waits through. */
	complete(&c);
	complete(&c);
	complete(&c);
	KT_ASSERT(completion_done(&c));
	t[0] = kthread_run(compl_waiter, &a, "ktest-compl");
	KT_ASSERT(t[0]);
	KT_ASSERT_EQ(kthread_join(t[0]), 3);
	KT_ASSERT(!completion_done(&c));

	/* Blocked waiters on other CPUs, completed one at a time. */
	a.times = 1;
	for (int i = 0; i < 4; i++) {
		t[i] = kthread_create(compl_waiter, &a, "ktest-compl");
		KT_ASSERT(t[i]);
		kthread_bind(t[i], i % nr_cpus);
		wake_up_process(t[i]);
	}
	msleep(5);
	for (int i = 0; i < 4; i++)
		complete(&c);
	for (int i = 0; i < 4; i++)
		KT_ASSERT_EQ(kthread_join(t[i]), 1);

	/* complete_all releases everyone, now and later. */
	reinit_completion(&c);
	for (int i = 0; i < 4; i++) {
		t[i] = kthread_run(compl_waiter, &a, "ktest-compl");
		KT_ASSERT(t[i]);
	}
	msleep(2);
	complete_all(&c);
	for (int i = 0; i < 4; i++)
		KT_ASSERT_EQ(kthread_join(t[i]), 1);
	KT_ASSERT(wait_for_completion_timeout(&c, NSEC_PER_MSEC) > 0);

	/* Timeout: nothing completes it. */
	reinit_completion(&c);
	t0 = ktime_get_ns();
	left = wait_for_completion_timeout(&c, 3 * NSEC_PER_MSEC);
	KT_ASSERT_EQ(left, 0);
	KT_ASSERT(ktime_get_ns() - t0 >= 3 * NSEC_PER_MSEC);
	KT_ASSERT_EQ(wait_for_completion_timeout(&c, 0), 0);
}

/* ---- spinlocks with interrupts ------------------------------------------------- */

#define SPIN_TOTAL 40000            /* lock/unlock pairs over all CPUs */
#define SPIN_TIMER_MAX 200          /* callbacks per CPU: a bounded load, however slow the CPUs */
#define SPIN_TIMER_NS (200 * NSEC_PER_USEC)

static DEFINE_SPINLOCK(test_spin);
static volatile long spin_counter;        /* test_spin */
static volatile long spin_timer_hits;     /* test_spin */
static volatile bool spin_stop;

static void spin_timer_fn(struct ktimer *t)
{
	long *mine = t->data;

	spin_lock(&test_spin);            /* interrupt context: irqs already off */
	spin_counter++;
	spin_timer_hits++;
	spin_unlock(&test_spin);
	if (!spin_stop && ++*mine < SPIN_TIMER_MAX)
		timer_arm(t, ktime_get_ns() + SPIN_TIMER_NS);
}

static int spin_worker(void *arg)
{
	struct ktimer timer;
	unsigned long flags;
	long hits = 0;

	/* A timer on this CPU takes the same lock from interrupt context: if
	 * irqsave did not keep interrupts off, it would deadlock here. */
	timer_setup(&timer, spin_timer_fn, &hits);
	timer_arm(&timer, ktime_get_ns() + SPIN_TIMER_NS);
	for (int i = 0; i < SPIN_TOTAL / nr_cpus; i++) {
		spin_lock_irqsave(&test_spin, flags);
		spin_counter++;
		spin_unlock_irqrestore(&test_spin, flags);
	}
	spin_stop = true;
	timer_cancel(&timer);
	return 0;
}

KTEST(sched_spinlock_irqsave)
{
	struct task *t[MAX_CPUS];

	spin_counter = 0;
	spin_timer_hits = 0;
	spin_stop = false;
	for (int c = 0; c < nr_cpus; c++) {
		t[c] = kthread_create(spin_worker, NULL, "ktest-spin");
		KT_ASSERT(t[c]);
		kthread_bind(t[c], c);
		wake_up_process(t[c]);
	}
	for (int c = 0; c < nr_cpus; c++)
		KT_ASSERT_EQ(kthread_join(t[c]), 0);
	KT_ASSERT_EQ(spin_counter, (long)nr_cpus * (SPIN_TOTAL / nr_cpus) + spin_timer_hits);
	KT_ASSERT(!spin_is_locked(&test_spin));
}

/* ---- misuse is reported -------------------------------------------------------- */

KTEST(sched_warn_atomic)
{
	int before = preempt_count();

	/* Sleeping with preemption off is a bug the scheduler reports but
	 * survives: the count is per task across the switch. */
	printk("sched_warn_atomic: scheduling while atomic, a WARNING is expected:\n");
	preempt_disable();
	schedule();
	KT_ASSERT_EQ(preempt_count(), before + 1);
	preempt_enable();
	KT_ASSERT_EQ(preempt_count(), before);
}

static int unlock_not_mine(void *arg)
{
	mutex_unlock(arg);        /* panics: the mutex belongs to the test task */
	return 0;
}

/* Deliberate panic: run by name only. */
KTEST_FLAGS(sched_mutex_bad_unlock, KTEST_MANUAL)
{
	static DEFINE_MUTEX(m);
	struct task *t;

	mutex_lock(&m);
	t = kthread_run(unlock_not_mine, &m, "ktest-badunlock");
	KT_ASSERT(t);
	kthread_join(t);
	KT_ASSERT_MSG(0, "mutex_unlock by a non-owner did not panic");
}
