/*
 * Scheduling-policy tests on kernel threads bound to one CPU: a SCHED_FIFO
 * thread runs alone while fair ones wait, nice weighs CPU time, and RT
 * throttling still lets a fair thread run beside a spinning FIFO one.
 */
#include <kernel/clock.h>
#include <kernel/ktest.h>
#include <kernel/percpu.h>
#include <kernel/sched.h>

struct pol_spin {
	volatile bool *stop;
	volatile u64 count;
};

static int pol_spinner(void *arg)
{
	struct pol_spin *a = arg;

	while (!*a->stop)
		a->count++;
	return 0;
}

struct fifo_window {
	struct pol_spin *fair;
	u64 before, after;
};

/* FIFO: the fair spinner on this CPU must not advance while it runs. */
static int fifo_window_fn(void *arg)
{
	struct fifo_window *w = arg;
	u64 end = ktime_get_ns() + 50 * NSEC_PER_MSEC;

	w->before = w->fair->count;
	while (ktime_get_ns() < end)
		cpu_relax();
	w->after = w->fair->count;
	return 0;
}

static struct task *start_bound(int (*fn)(void *), void *arg, int cpu)
{
	struct task *t = kthread_create(fn, arg, "ktest-pol");

	if (t) {
		kthread_bind(t, cpu);
		wake_up_process(t);
	}
	return t;
}

KTEST(sched_fifo_kthread)
{
	static volatile bool stop;
	static struct pol_spin fair;
	static struct fifo_window w;
	int cpu = nr_cpus - 1;
	struct task *f, *rt;
	u64 deadline;

	stop = false;
	fair.stop = &stop;
	fair.count = 0;
	f = start_bound(pol_spinner, &fair, cpu);
	KT_ASSERT(f);
	deadline = ktime_get_ns() + 2 * NSEC_PER_SEC;
	while (!fair.count && ktime_get_ns() < deadline)
		msleep(1);
	w.fair = &fair;
	rt = kthread_create(fifo_window_fn, &w, "ktest-fifo");
	KT_ASSERT(rt);
	kthread_bind(rt, cpu);
	sched_set_policy(rt, SCHED_FIFO, 10, 0, false);
	wake_up_process(rt);
	KT_ASSERT_EQ(kthread_join(rt), 0);
	stop = true;
	KT_ASSERT_EQ(kthread_join(f), 0);
	KT_ASSERT_MSG(w.before == w.after, "fair spinner advanced %llu -> %llu under FIFO",
		      (unsigned long long)w.before, (unsigned long long)w.after);
}

KTEST(sched_nice_weight)
{
	static volatile bool stop;
	static struct pol_spin a[2];
	int cpu = nr_cpus - 1;
	struct task *t[2];
	u64 ns[2];

	stop = false;
	for (int i = 0; i < 2; i++) {
		a[i].stop = &stop;
		a[i].count = 0;
		t[i] = kthread_create(pol_spinner, &a[i], "ktest-nice");
		KT_ASSERT(t[i]);
		kthread_bind(t[i], cpu);
		sched_set_policy(t[i], SCHED_NORMAL, 0, i ? 10 : 0, false);
	}
	for (int i = 0; i < 2; i++)
		wake_up_process(t[i]);
	msleep(300);
	stop = true;
	for (int i = 0; i < 2; i++) {
		ns[i] = READ_ONCE(t[i]->sum_exec_ns);
		task_get(t[i]);
		KT_ASSERT_EQ(kthread_join(t[i]), 0);
	}
	for (int i = 0; i < 2; i++)
		task_put(t[i]);
	KT_ASSERT_MSG(ns[1] > 0 && ns[0] > 3 * ns[1], "nice 0: %llu ns, nice 10: %llu ns",
		      (unsigned long long)ns[0], (unsigned long long)ns[1]);
}

struct throttle_arg {
	struct pol_spin *fair;
	u64 before, after;
};

static int rt_hog_fn(void *arg)
{
	struct throttle_arg *w = arg;
	u64 end = ktime_get_ns() + 1200 * NSEC_PER_MSEC;

	w->before = w->fair->count;
	while (ktime_get_ns() < end)
		cpu_relax();
	w->after = w->fair->count;
	return 0;
}

KTEST(sched_rt_throttle)
{
	static volatile bool stop;
	static struct pol_spin fair;
	static struct throttle_arg w;
	int cpu = nr_cpus - 1;
	struct task *f, *rt;
	u64 deadline;

	stop = false;
	fair.stop = &stop;
	fair.count = 0;
	f = start_bound(pol_spinner, &fair, cpu);
	KT_ASSERT(f);
	deadline = ktime_get_ns() + 2 * NSEC_PER_SEC;
	while (!fair.count && ktime_get_ns() < deadline)
		msleep(1);
	w.fair = &fair;
	rt = kthread_create(rt_hog_fn, &w, "ktest-rthog");
	KT_ASSERT(rt);
	kthread_bind(rt, cpu);
	sched_set_policy(rt, SCHED_FIFO, 50, 0, false);
	wake_up_process(rt);
	KT_ASSERT_EQ(kthread_join(rt), 0);
	stop = true;
	KT_ASSERT_EQ(kthread_join(f), 0);
	KT_ASSERT_MSG(w.after > w.before, "fair spinner starved: %llu -> %llu",
		      (unsigned long long)w.before, (unsigned long long)w.after);
}
