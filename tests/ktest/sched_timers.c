/*
 * Timer and clock tests: nsleep accuracy, many timers firing in deadline
 * order, timer_cancel racing with expiry on another CPU, schedule_timeout's
 * remaining time, wait_event_timeout, and the clocks' sanity.
 */
#include <asm/x86.h>
#include <kernel/clock.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/mutex.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/timer.h>
#include <kernel/waitqueue.h>

/* Under TCG a vCPU can stall for a while; this is how much lateness we
 * forgive. Early is never forgiven. */
#define SLACK_NS (60 * NSEC_PER_MSEC)

static u64 rng_state = 88172645463325252ULL;

static u64 rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

KTEST(sched_nsleep_accuracy)
{
	static const u64 lens[] = { 50 * NSEC_PER_USEC, NSEC_PER_MSEC, 5 * NSEC_PER_MSEC,
				    20 * NSEC_PER_MSEC };

	for (unsigned i = 0; i < ARRAY_SIZE(lens); i++) {
		u64 t0 = ktime_get_ns(), d;

		nsleep(lens[i]);
		d = ktime_get_ns() - t0;
		KT_ASSERT_MSG(d >= lens[i], "slept %llu < %llu ns", (unsigned long long)d,
			      (unsigned long long)lens[i]);
		KT_ASSERT_MSG(d < lens[i] + SLACK_NS, "slept %llu ns for %llu",
			      (unsigned long long)d, (unsigned long long)lens[i]);
	}
}

/* ---- many timers in order ---------------------------------------------------- */

#define NTIMERS 300

struct order_state {
	struct ktimer timers[NTIMERS];
	u64 fired_at[NTIMERS];
	int order[NTIMERS];         /* order[k]: index of the k-th timer to fire */
	volatile int nfired;
	struct completion all;
};

static void order_fn(struct ktimer *t)
{
	struct order_state *s = t->data;
	int idx = t - s->timers;

	s->fired_at[idx] = ktime_get_ns();
	s->order[s->nfired] = idx;  /* one CPU, interrupts off: no race */
	if (++s->nfired == NTIMERS)
		complete(&s->all);
}

static int order_thread(void *arg)
{
	struct order_state *s = arg;
	unsigned long flags;
	u64 now;
	int bad = 0;

	/* Arm them all with interrupts off: a vCPU that the host stops for
	 * over a millisecond in the middle would otherwise let an early timer
	 * fire before a later-armed one whose deadline is already past. */
	flags = local_irq_save();
	now = ktime_get_ns();
	for (int i = 0; i < NTIMERS; i++) {
		timer_setup(&s->timers[i], order_fn, s);
		timer_arm(&s->timers[i], now + NSEC_PER_MSEC + rng() % (40 * NSEC_PER_MSEC));
	}
	/* Re-arm a few: the latest deadline counts. */
	for (int i = 0; i < NTIMERS; i += 10)
		timer_arm(&s->timers[i], now + NSEC_PER_MSEC + rng() % (40 * NSEC_PER_MSEC));
	local_irq_restore(flags);
	wait_for_completion(&s->all);
	for (int k = 0; k < NTIMERS; k++) {
		int i = s->order[k];

		if (s->fired_at[i] < s->timers[i].expires)
			bad |= 1;
		if (k && s->timers[i].expires < s->timers[s->order[k - 1]].expires)
			bad |= 2;
		if (timer_pending(&s->timers[i]))
			bad |= 4;
	}
	return bad;
}

KTEST(sched_timers_order)
{
	struct order_state *s = kzalloc(sizeof(*s), GFP_KERNEL);
	struct task *t;

	KT_ASSERT(s);
	init_completion(&s->all);
	t = kthread_create(order_thread, s, "ktest-order");
	KT_ASSERT(t);
	kthread_bind(t, nr_cpus - 1);
	wake_up_process(t);
	KT_ASSERT_EQ(kthread_join(t), 0);
	kfree(s);
}

/* ---- timer_cancel against expiry on another CPU --------------------------------- */

#define CANCEL_ROUNDS 3000

struct cancel_state {
	struct ktimer timer;
	volatile int round;         /* armer bumps it after arming */
	volatile int done_round;    /* canceller bumps it after checking */
	volatile int in_callback;
	volatile int fired;         /* callbacks completed this round */
	volatile int errors;
	int cancelled, expired;
};

static void cancel_fn(struct ktimer *t)
{
	struct cancel_state *s = t->data;

	s->in_callback = 1;
	ndelay(3000);               /* widen the window timer_cancel must wait out */
	s->fired++;
	s->in_callback = 0;
}

static int cancel_armer(void *arg)
{
	struct cancel_state *s = arg;

	for (int r = 1; r <= CANCEL_ROUNDS; r++) {
		s->fired = 0;
		timer_arm(&s->timer, ktime_get_ns() + rng() % (20 * NSEC_PER_USEC));
		s->round = r;
		while (s->done_round != r)
			if (nr_cpus == 1)
				yield();
			else
				cpu_relax();
	}
	return 0;
}

static int cancel_canceller(void *arg)
{
	struct cancel_state *s = arg;

	for (int r = 1; r <= CANCEL_ROUNDS; r++) {
		bool was;

		while (s->round != r)
			if (nr_cpus == 1)
				yield();
			else
				cpu_relax();
		ndelay(rng() % (25 * NSEC_PER_USEC));
		was = timer_cancel(&s->timer);
		/* After cancel: not running, and it either was cancelled
		 * while pending or its callback completed, not both. */
		if (s->in_callback || s->fired != (was ? 0 : 1) || timer_pending(&s->timer))
			s->errors++;
		if (was)
			s->cancelled++;
		else
			s->expired++;
		s->done_round = r;
	}
	return 0;
}

KTEST(sched_timer_cancel_race)
{
	static struct cancel_state s;
	struct task *a, *c;

	s = (struct cancel_state){ 0 };
	timer_setup(&s.timer, cancel_fn, &s);
	a = kthread_create(cancel_armer, &s, "ktest-arm");
	c = kthread_create(cancel_canceller, &s, "ktest-cancel");
	KT_ASSERT(a && c);
	kthread_bind(a, 0);
	kthread_bind(c, nr_cpus > 1 ? 1 : 0);
	wake_up_process(a);
	wake_up_process(c);
	KT_ASSERT_EQ(kthread_join(a), 0);
	KT_ASSERT_EQ(kthread_join(c), 0);
	KT_ASSERT_EQ(s.errors, 0);
	printk("sched_timer_cancel_race: %d cancelled, %d expired\n", s.cancelled, s.expired);
}

/* ---- schedule_timeout ------------------------------------------------------------ */

static volatile u64 timeout_left;

static int timeout_sleeper(void *arg)
{
	set_current_state(TASK_UNINTERRUPTIBLE);
	timeout_left = schedule_timeout(200 * NSEC_PER_MSEC);
	return 0;
}

KTEST(sched_schedule_timeout)
{
	struct task *t;
	u64 t0, left;

	/* Woken early: returns what was left. */
	timeout_left = ~0ULL;
	t = kthread_run(timeout_sleeper, NULL, "ktest-timeout");
	KT_ASSERT(t);
	msleep(20);
	wake_up_process(t);
	KT_ASSERT_EQ(kthread_join(t), 0);
	/* It slept about 20 of its 200 ms (it started a little after us). */
	KT_ASSERT_MSG(timeout_left > 0 && timeout_left < 195 * NSEC_PER_MSEC,
		      "left %llu ns", (unsigned long long)timeout_left);
	KT_ASSERT_MSG(timeout_left > 180 * NSEC_PER_MSEC - SLACK_NS, "left %llu ns",
		      (unsigned long long)timeout_left);

	/* Not woken: times out, returns 0, after the full time. */
	t0 = ktime_get_ns();
	set_current_state(TASK_UNINTERRUPTIBLE);
	left = schedule_timeout(3 * NSEC_PER_MSEC);
	KT_ASSERT_EQ(left, 0);
	KT_ASSERT(ktime_get_ns() - t0 >= 3 * NSEC_PER_MSEC);
	KT_ASSERT_EQ(current->state, TASK_RUNNING);
}

KTEST(sched_wait_event_timeout)
{
	static DECLARE_WAIT_QUEUE_HEAD(wq);
	u64 t0 = ktime_get_ns(), left;
	int never = 0;

	left = wait_event_timeout(&wq, never, 2 * NSEC_PER_MSEC);
	KT_ASSERT_EQ(left, 0);
	KT_ASSERT(ktime_get_ns() - t0 >= 2 * NSEC_PER_MSEC);
	left = wait_event_timeout(&wq, 1, 2 * NSEC_PER_MSEC);
	KT_ASSERT(left > 0);
}

/* ---- clocks ------------------------------------------------------------------------ */

static volatile int clock_backwards;

static int clock_reader(void *arg)
{
	u64 last = 0;

	for (int i = 0; i < 20000; i++) {
		u64 now = ktime_get_ns();

		if (now < last)
			clock_backwards++;
		last = now;
	}
	return 0;
}

KTEST(sched_clock_sane)
{
	struct task *t[MAX_CPUS];
	u64 real = ktime_get_real_ns() / NSEC_PER_SEC;
	u64 a, b;

	KT_ASSERT(tsc_khz_get() > 100000);           /* > 100 MHz */
	KT_ASSERT_MSG(real >= 1704067200ULL && real < 4102444800ULL, "realtime %llu s",
		      (unsigned long long)real);
	/* ndelay waits at least as long as asked. */
	a = ktime_get_ns();
	ndelay(200 * NSEC_PER_USEC);
	b = ktime_get_ns();
	KT_ASSERT(b - a >= 200 * NSEC_PER_USEC);
	/* Monotonic on every CPU. */
	clock_backwards = 0;
	for (int c = 0; c < nr_cpus; c++) {
		t[c] = kthread_create(clock_reader, NULL, "ktest-clock");
		KT_ASSERT(t[c]);
		kthread_bind(t[c], c);
		wake_up_process(t[c]);
	}
	for (int c = 0; c < nr_cpus; c++)
		kthread_join(t[c]);
	KT_ASSERT_EQ(clock_backwards, 0);
	/* Setting the realtime clock moves it, not the monotonic one. */
	a = ktime_get_real_ns();
	ktime_set_real_ns(a + 1000 * NSEC_PER_SEC);
	b = ktime_get_real_ns();
	ktime_set_real_ns(b - 1000 * NSEC_PER_SEC);
	KT_ASSERT(b >= a + 1000 * NSEC_PER_SEC);
}
