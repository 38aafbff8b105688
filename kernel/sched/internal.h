/*
 * Private interfaces of kernel/sched: the per-CPU run queue, the pieces of
 * task lifecycle shared between core.c (switching, wakeups) and kthread.c
 * (creation, exit, freeing), and the timer/scheduler hand-offs.
 *
 * Lock order inside the scheduler (outermost first):
 *   mutex.wait_lock / wait_queue_head.lock / completion wq.lock
 *     -> task->pi_lock
 *       -> rq->lock (two rq locks: lower CPU number first)
 *   timer_base.lock is a leaf: nothing else is taken while holding it, and
 *   timer callbacks run with it dropped.
 *   tasks_lock, tid_lock, free_lock are leaves as well.
 */
#ifndef KERNEL_SCHED_INTERNAL_H
#define KERNEL_SCHED_INTERNAL_H

#include <kernel/rbtree.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <kernel/waitqueue.h>

/* Fair policy tunables (ns). */
#define SCHED_SLICE_NS        (4 * 1000 * 1000ULL)   /* longest run before a tick preempts */
#define SCHED_WAKEUP_GRAN_NS  (1 * 1000 * 1000ULL)   /* wakee must lead current by this to preempt */
#define SCHED_SLEEPER_CREDIT_NS (3 * 1000 * 1000ULL) /* how far behind min_vruntime a waker may land */
/* Real-time tunables (ns): Linux's sched_rt_period_us / sched_rt_runtime_us
 * defaults, and how often the tick looks at a running real-time task. */
#define SCHED_RT_PERIOD_NS    (1000 * 1000 * 1000ULL)
#define SCHED_RT_RUNTIME_NS   (950 * 1000 * 1000ULL)
#define SCHED_RT_TICK_NS      (10 * 1000 * 1000ULL)

struct runqueue {
	spinlock_t lock;
	int cpu;                     /* constant */
	bool online;                 /* set once by sched_init(_ap); read racily */
	struct task *curr;           /* running task (the idle task when none); lock */
	struct task *idle;           /* constant after init */
	struct rb_root_cached tree;  /* runnable tasks waiting, by vruntime; lock */
	int nr_queued;               /* waiting tasks, fair and real-time; lock (read racily as a hint) */
	u64 min_vruntime;            /* monotonic floor of vruntimes here; lock */
	u64 nr_switches;             /* lock */
	/* A sync wakeup queued a task here without preempting the waker: it
	 * runs when the waker sleeps or, at the latest, returns to user mode
	 * (sched_exit_to_user). Lock; read by the own CPU, interrupts off. */
	bool sync_wakee;
	/* Real-time tasks waiting: a FIFO list per priority (task.rt_node,
	 * rt_queue[] last, away from the hot fields above), a bit per
	 * non-empty list; nr_queued counts them too. Lock. */
	int nr_rt_queued;
	int curr_rt_priority;        /* curr's rt_priority; lock (read racily as a hint) */
	u64 rt_bitmap[2];
	/* Throttling: real-time run time in the period that began at
	 * rt_period_start_ns; past SCHED_RT_RUNTIME_NS waiting fair tasks
	 * go first until the period ends. Lock. */
	u64 rt_time_ns;
	u64 rt_period_start_ns;
	bool rt_throttled;
	struct list_head rt_queue[MAX_RT_PRIO];
};

static inline struct runqueue *cpu_rq(int cpu)
{
	return cpu_data(cpu)->rq;
}

static inline struct runqueue *this_rq(void)
{
	return this_cpu()->rq;
}

/* core.c */
__noreturn void sched_task_dead(void);      /* current is TASK_DEAD: switch away for good */
/* A CPU that is running its idle task with nothing queued: a hint, no lock. */
bool sched_cpu_idle(int cpu);
/* kthread.c */
void task_list_add(struct task *t);
void task_list_del(struct task *t);
void task_tid_alloc(struct task *t);
void task_tid_free(struct task *t);
struct task *task_alloc(const char *name, bool with_stack);
/* A kthread ready for its first wakeup, but with no tid and not on the task list. */
struct task *kthread_alloc(int (*fn)(void *), void *arg, const char *name);
/* Drop the reference a finished task's run time held; safe with interrupts off. */
void task_put_deferred(struct task *t);
void task_reap_deferred(void);              /* free tasks queued by task_put_deferred */
void task_set_comm(struct task *t, const char *name);
/* Entry of every new task after its first switch (switch.S calls it). */
__noreturn void sched_task_entry(struct task *prev);

/* A sync wakeup (the waker is about to sleep: wake_up_sync) is being made
 * on this CPU between these two; interrupts off. begin returns the old
 * hint for end (wakeups nest: a wake function may wake another queue). */
bool sched_wake_sync_begin(bool sync);
void sched_wake_sync_end(bool old);

/* The wake-one/wake-all core for wait queues whose lock the caller holds. */
void __wake_up_locked(struct wait_queue_head *wq, int nr_exclusive, void *key);

#endif
