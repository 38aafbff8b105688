/*
 * Scheduler tests: kernel threads on every CPU, joins and exit codes,
 * preemption of CPU-bound threads, wait-queue ping-pong across CPUs
 * (the wakeup and switch handshake under load), many short-lived threads.
 */
#include <kernel/clock.h>
#include <kernel/ktest.h>
#include <kernel/mutex.h>
#include <kernel/percpu.h>
#include <kernel/sched.h>
#include <kernel/waitqueue.h>

/* ---- threads on every CPU ---------------------------------------------------- */

static int report_cpu(void *arg)
{
	int want = (int)(long)arg;

	for (int i = 0; i < 5; i++) {
		if (smp_processor_id() != want)
			return -1;
		if (i & 1)
			yield();
		else
			nsleep(100 * NSEC_PER_USEC);
	}
	return 100 + smp_processor_id();
}

KTEST(sched_kthread_all_cpus)
{
	struct task *t[MAX_CPUS];
	int n = nr_cpus;

	for (int c = 0; c < n; c++) {
		t[c] = kthread_create(report_cpu, (void *)(long)c, "ktest-cpu");
		KT_ASSERT(t[c] != NULL);
		kthread_bind(t[c], c);
		KT_ASSERT(t[c]->tid > 0);
		wake_up_process(t[c]);
	}
	for (int c = 0; c < n; c++)
		KT_ASSERT_EQ(kthread_join(t[c]), 100 + c);
}

/* ---- preemption ---------------------------------------------------------------- */

struct spin_arg {
	volatile bool *stop;
	volatile u64 count;
};

static int spin_counter(void *arg)
{
	struct spin_arg *a = arg;

	while (!*a->stop)
		a->count++;
	return 0;
}

KTEST(sched_preemption)
{
	static volatile bool stop;
	static struct spin_arg a[2];
	int cpu = nr_cpus - 1;
	u64 c0[2], c1[2], sw0 = sched_nr_switches(cpu);
	struct task *t[2];

	stop = false;
	for (int i = 0; i < 2; i++) {
		a[i].stop = &stop;
		a[i].count = 0;
		t[i] = kthread_create(spin_counter, &a[i], "ktest-spin");
		KT_ASSERT(t[i]);
		kthread_bind(t[i], cpu);
		wake_up_process(t[i]);
	}
	/*
	 * Neither thread yields, so only preemption lets both run. Wait for
	 * each to make progress twice, with a deadline rather than a fixed
	 * window: a loaded host may not run this vCPU for a while.
	 */
	u64 deadline = ktime_get_ns() + 2 * NSEC_PER_SEC;
	while ((!a[0].count || !a[1].count) && ktime_get_ns() < deadline)
		msleep(5);
	c0[0] = a[0].count;
	c0[1] = a[1].count;
	deadline = ktime_get_ns() + 2 * NSEC_PER_SEC;
	while ((a[0].count == c0[0] || a[1].count == c0[1]) && ktime_get_ns() < deadline)
		msleep(5);
	c1[0] = a[0].count;
	c1[1] = a[1].count;
	stop = true;
	for (int i = 0; i < 2; i++)
		KT_ASSERT_EQ(kthread_join(t[i]), 0);
	KT_ASSERT_MSG(c0[0] > 0 && c0[1] > 0, "counts %llu %llu", (unsigned long long)c0[0],
		      (unsigned long long)c0[1]);
	KT_ASSERT_MSG(c1[0] > c0[0] && c1[1] > c0[1], "no progress: %llu->%llu %llu->%llu",
		      (unsigned long long)c0[0], (unsigned long long)c1[0],
		      (unsigned long long)c0[1], (unsigned long long)c1[1]);
	/* Both advanced twice without yielding: at least two preemptive switches. */
	KT_ASSERT(sched_nr_switches(cpu) >= sw0 + 2);
}

/* ---- wait queue ping-pong ------------------------------------------------------ */

#define PINGPONG_ROUNDS 5000

struct pingpong {
	struct wait_queue_head wq;
	volatile int token;      /* whose turn: 0 or 1 */
	volatile int rounds[2];
};

struct pp_arg {
	struct pingpong *pp;
	int me;
};

static int pingpong_fn(void *arg)
{
	struct pp_arg *a = arg;
	struct pingpong *pp = a->pp;

	for (int i = 0; i < PINGPONG_ROUNDS; i++) {
		wait_event(&pp->wq, pp->token == a->me);
		pp->rounds[a->me]++;
		pp->token = !a->me;
		wake_up(&pp->wq);
	}
	return pp->rounds[a->me];
}

static bool run_pingpong(int cpu0, int cpu1, int pairs)
{
	static struct pingpong pp[4];
	static struct pp_arg args[4][2];
	struct task *t[4][2];
	bool ok = true;

	for (int p = 0; p < pairs; p++) {
		init_waitqueue_head(&pp[p].wq);
		pp[p].token = 0;
		pp[p].rounds[0] = pp[p].rounds[1] = 0;
		for (int i = 0; i < 2; i++) {
			args[p][i] = (struct pp_arg){ &pp[p], i };
			t[p][i] = kthread_create(pingpong_fn, &args[p][i], "ktest-pp");
			if (!t[p][i])
				return false;
			if (cpu0 >= 0)
				kthread_bind(t[p][i], i ? cpu1 : cpu0);
		}
		wake_up_process(t[p][0]);
		wake_up_process(t[p][1]);
	}
	for (int p = 0; p < pairs; p++)
		for (int i = 0; i < 2; i++)
			if (kthread_join(t[p][i]) != PINGPONG_ROUNDS)
				ok = false;
	return ok;
}

KTEST(sched_waitqueue_pingpong)
{
	/* Bound to two CPUs: every round is a cross-CPU wakeup. */
	KT_ASSERT(run_pingpong(0, nr_cpus > 1 ? 1 : 0, 1));
}

KTEST(sched_waitqueue_pingpong_unbound)
{
	/* Free to migrate: wakeups race with switches and idle pulls. */
	KT_ASSERT(run_pingpong(-1, -1, 4));
}

/* ---- many short threads --------------------------------------------------------- */

static int short_worker(void *arg)
{
	long i = (long)arg;

	if (i % 3 == 0)
		yield();
	else if (i % 3 == 1)
		nsleep((i % 7) * 50 * NSEC_PER_USEC);
	return (int)(i * 7);
}

KTEST(sched_many_threads)
{
	enum { N = 200 };
	static struct task *t[N];

	for (int round = 0; round < 3; round++) {
		for (long i = 0; i < N; i++) {
			t[i] = kthread_run(short_worker, (void *)i, "ktest-short");
			KT_ASSERT(t[i]);
		}
		for (long i = 0; i < N; i++)
			KT_ASSERT_EQ(kthread_join(t[i]), i * 7);
	}
}

/* ---- tids and lookup ------------------------------------------------------------- */

static int wait_forever(void *arg)
{
	struct completion *c = arg;

	wait_for_completion(c);
	return 7;
}

KTEST(sched_tid_lookup)
{
	static DECLARE_COMPLETION(go);
	struct task *t, *found;

	reinit_completion(&go);
	t = kthread_run(wait_forever, &go, "ktest-tid");
	KT_ASSERT(t);
	found = task_find_by_tid(t->tid);
	KT_ASSERT(found == t);
	task_put(found);
	complete(&go);
	KT_ASSERT_EQ(kthread_join(t), 7);
}

/* ---- a ring of wakeups, mixed with timer wakeups --------------------------------- */

#define RING_THREADS 8
#define RING_LAPS    200

struct ring {
	struct wait_queue_head wq;
	volatile int token;          /* index of the thread whose turn it is */
	volatile int passes;
};

struct ring_arg {
	struct ring *r;
	int me;
	u64 seed;
};

static int ring_fn(void *arg)
{
	struct ring_arg *a = arg;
	struct ring *r = a->r;

	for (int lap = 0; lap < RING_LAPS; lap++) {
		wait_event(&r->wq, r->token == a->me);
		r->passes++;
		/* Sometimes sleep on a timer while holding the turn: the
		 * wakeup then comes from an interrupt, on whatever CPU. */
		a->seed = a->seed * 6364136223846793005ULL + 1442695040888963407ULL;
		if ((a->seed >> 33) % 8 == 0)
			nsleep((a->seed >> 40) % (30 * NSEC_PER_USEC));
		r->token = (a->me + 1) % RING_THREADS;
		wake_up_all(&r->wq);
	}
	return 0;
}

KTEST(sched_wakeup_ring)
{
	static struct ring r;
	static struct ring_arg args[RING_THREADS];
	struct task *t[RING_THREADS];

	init_waitqueue_head(&r.wq);
	r.token = 0;
	r.passes = 0;
	for (int i = 0; i < RING_THREADS; i++) {
		args[i] = (struct ring_arg){ &r, i, 0x12345678ULL * (i + 1) };
		t[i] = kthread_run(ring_fn, &args[i], "ktest-ring");
		KT_ASSERT(t[i]);
	}
	for (int i = 0; i < RING_THREADS; i++)
		KT_ASSERT_EQ(kthread_join(t[i]), 0);
	KT_ASSERT_EQ(r.passes, RING_THREADS * RING_LAPS);
}
