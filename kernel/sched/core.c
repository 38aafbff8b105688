/*
 * The scheduler core: per-CPU run queues, the fair pick, context switches,
 * wakeups, preemption, idle balancing and the idle loop.
 *
 * Boot and idle tasks. sched_init() (boot CPU, before interrupts are on)
 * turns the running boot code into the task "kmain" (tid 0, the static
 * boot stack, bound to CPU 0) and creates CPU 0's idle task, with a stack
 * of its own, which first runs when kmain blocks. sched_init_ap() turns
 * each AP's start code, on the stack smp.c gave it, into that CPU's idle
 * task. cpu_idle_loop() never returns: an AP's idle task simply stays in
 * it; on the boot CPU it is called by kmain after the ktests, and kmain's
 * task exits there (TASK_DEAD), so CPU 0's idle task takes over.
 *
 * Policy. Fair tasks (SCHED_NORMAL, SCHED_BATCH, SCHED_IDLE) wait in an
 * rbtree per run queue ordered by vruntime, the CPU time a task has had
 * scaled by 1024 / its weight: nice 0 weighs 1024 and each nice step
 * about 1.25x (nice_weight[]), SCHED_IDLE 3, so that two competing tasks
 * a nice step apart share about 55:45, nice 0 against nice 10 about 9:1.
 * The running task is not in the tree. The next fair task is the
 * leftmost; the tick ends a slice after SCHED_SLICE_NS if someone is
 * waiting; a SCHED_NORMAL wakeup preempts when the wakee is
 * SCHED_WAKEUP_GRAN_NS behind the current task (SCHED_BATCH and
 * SCHED_IDLE wakees never preempt; anything preempts a SCHED_IDLE task).
 * A task that slept keeps its lag relative to min_vruntime, capped so
 * that it lands at most SCHED_SLEEPER_CREDIT_NS behind: sleepers get
 * served quickly but cannot bank credit.
 *
 * Real-time tasks (SCHED_FIFO, SCHED_RR, rt_priority 1..99) wait in a
 * FIFO list per priority (a bitmap says which are non-empty) and always
 * run before fair ones. A woken one goes to the tail of its level and
 * preempts a lower-priority or fair current task at once; wakeup
 * placement looks for a CPU where it would run (idle, else running a
 * fair or lower task). A preempted one goes back to the head of its
 * level; sched_yield and the end of an RR slice (SCHED_RR_TIMESLICE_NS,
 * checked every SCHED_RT_TICK_NS) send it to the tail. A priority change
 * (sched_set_policy) moves a waiting task to the tail of its new level
 * when raised and to the head when lowered, as sched(7) says; a running
 * one lowered is preempted if something now outranks it. Throttling, as
 * Linux's sched_rt_runtime_us / sched_rt_period_us defaults: once a
 * queue's real-time tasks have run SCHED_RT_RUNTIME_NS in a
 * SCHED_RT_PERIOD_NS period (one starts when they start running),
 * waiting fair tasks (kthreads among them) go
 * first until the period ends, so a spinning FIFO task cannot lock a CPU
 * up. The fair-only path pays a branch or two for all this.
 *
 * SMP. A task belongs to one run queue (task->on_cpu) at a time and
 * migrates only while waiting (idle pull) or asleep (wakeup placement).
 * task->running is the switch handshake: it is set when a CPU picks the
 * task and cleared only by the next task on that CPU once the old one's
 * registers are saved (finish_task_switch), so a waker that finds a task
 * dequeued but still running spins until it is safe to run it elsewhere.
 * Wakeups (try_to_wake_up) hold the task's pi_lock, so at most one waker
 * acts on a task; the sleeper's own dequeue in __schedule and a waker's
 * state change both happen under the rq lock, which is what rules out
 * lost wakeups. A sync wakeup (wake_up_sync: the waker is about to sleep,
 * or is exiting) puts the wakee on the waker's CPU when nothing else
 * waits there, without preempting the waker: the wakee runs when the
 * waker sleeps or returns to user mode (sched_exit_to_user), so two tasks
 * handing work back and forth stay on one CPU with one switch per
 * hand-over instead of an IPI to a halted CPU (Linux's wake_affine for
 * WF_SYNC). Idle CPUs halt; a CPU whose queue holds waiting tasks
 * kicks an idle CPU from its tick, and the idle CPU pulls one (a fair
 * one first, else a real-time one); the tick also pushes a waiting fair
 * task to a CPU running two tasks fewer, and a waiting real-time task to
 * a CPU running a lower priority (push_rt). XXX Linux balances by
 * tracked load averages in scheduling domains; three tasks on two CPUs
 * stay 2+1 here. Nice weights do not enter balancing either.
 *
 * Lock order: see internal.h (wait queue locks -> pi_lock -> rq lock).
 */
#include <asm/fpu.h>
#include <asm/process.h>
#include <asm/segment.h>
#include <asm/x86.h>
#include <kernel/clock.h>
#include <kernel/irq.h>
#include <kernel/mm.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <kernel/timer.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define SLEEP_MASK (TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

/* switch.S */
struct task *__switch_to(struct task *prev, struct task *next);

extern char boot_stack_bottom[], boot_stack_top[];

static struct task boot_task;
static struct runqueue bsp_rq;

BUILD_BUG_ON(__builtin_offsetof(struct task, rsp) != 0);   /* switch.S uses 0(%rdi) */
BUILD_BUG_ON(__builtin_offsetof(struct percpu, preempt_count) != PERCPU_PREEMPT);

/* percpu->current, which the 'current' macro hides from plain C. */
static __always_inline void set_current(struct task *t)
{
	__asm__ __volatile__("movq %0, %%gs:24" :: "r"(t) : "memory");
}

static __always_inline void preempt_count_set(int c)
{
	__asm__ __volatile__("movl %0, %%gs:32" :: "r"(c) : "memory");
}

/* The rq lock without touching preempt_count: __schedule must hand the lock
 * and an unchanged count across the switch. Interrupts are off. */
static inline void rq_lock_raw(struct runqueue *rq)
{
	arch_spin_lock(&rq->lock);
	rq->lock.holder_cpu = smp_processor_id();
}

static inline void rq_unlock_raw(struct runqueue *rq)
{
	rq->lock.holder_cpu = -1;
	arch_spin_unlock(&rq->lock);
}

/* ---- policies and weights ---------------------------------------------- */

/* Fair load weight per nice level, -20..19: 1024 / 1.25^nice, so that each
 * step is about 10% of CPU between two competing tasks (Linux's ratio). */
static const unsigned nice_weight[NICE_MAX - NICE_MIN + 1] = {
	88818, 71054, 56843, 45475, 36380, 29104, 23283, 18626,
	14901, 11921, 9537, 7629, 6104, 4883, 3906, 3125,
	2500, 2000, 1600, 1280, 1024, 819, 655, 524,
	419, 336, 268, 215, 172, 137, 110, 88,
	70, 56, 45, 36, 29, 23, 18, 15,
};

#define SCHED_IDLE_WEIGHT 3   /* SCHED_IDLE: below nice 19 (Linux's WEIGHT_IDLEPRIO) */

static unsigned sched_weight(int policy, int nice)
{
	return policy == SCHED_IDLE ? SCHED_IDLE_WEIGHT : nice_weight[nice - NICE_MIN];
}

/* ---- the run queue tree ------------------------------------------------ */

static bool vruntime_less(struct rb_node *a, const struct rb_node *b)
{
	const struct task *ta = rb_entry(a, struct task, run_node);
	const struct task *tb = rb_entry(b, struct task, run_node);

	return (s64)(ta->vruntime - tb->vruntime) < 0;
}

/* Caller holds rq->lock. */
static void rq_tree_add(struct runqueue *rq, struct task *t)
{
	rb_add_cached(&t->run_node, &rq->tree, vruntime_less);
	WRITE_ONCE(rq->nr_queued, rq->nr_queued + 1);
}

/* Caller holds rq->lock. */
static void rq_tree_del(struct runqueue *rq, struct task *t)
{
	rb_erase_cached(&t->run_node, &rq->tree);
	RB_CLEAR_NODE(&t->run_node);
	WRITE_ONCE(rq->nr_queued, rq->nr_queued - 1);
}

static struct task *rq_first(struct runqueue *rq)
{
	struct rb_node *n = rb_first_cached(&rq->tree);

	return n ? rb_entry(n, struct task, run_node) : NULL;
}

/* ---- the real-time lists ------------------------------------------------ */

/* Caller holds rq->lock. head: first of its level (a preempted FIFO task,
 * or one whose priority was lowered), else last. */
static void rt_list_add(struct runqueue *rq, struct task *t, bool head)
{
	int p = t->rt_priority;

	if (head)
		list_add(&t->rt_node, &rq->rt_queue[p]);
	else
		list_add_tail(&t->rt_node, &rq->rt_queue[p]);
	rq->rt_bitmap[p / 64] |= 1ULL << (p % 64);
	rq->nr_rt_queued++;
	WRITE_ONCE(rq->nr_queued, rq->nr_queued + 1);
}

/* Caller holds rq->lock. */
static void rt_list_del(struct runqueue *rq, struct task *t)
{
	int p = t->rt_priority;

	list_del_init(&t->rt_node);
	if (list_empty(&rq->rt_queue[p]))
		rq->rt_bitmap[p / 64] &= ~(1ULL << (p % 64));
	rq->nr_rt_queued--;
	WRITE_ONCE(rq->nr_queued, rq->nr_queued - 1);
}

/* The highest priority with a waiting real-time task, 0 if none. */
static int rt_top_priority(struct runqueue *rq)
{
	if (rq->rt_bitmap[1])
		return 127 - __builtin_clzll(rq->rt_bitmap[1]);
	if (rq->rt_bitmap[0])
		return 63 - __builtin_clzll(rq->rt_bitmap[0]);
	return 0;
}

/* Fair tasks wait while real-time ones are throttled: they go first. */
static bool rt_throttled_for_fair(struct runqueue *rq)
{
	return rq->rt_throttled && rq->nr_queued > rq->nr_rt_queued;
}

/* Queue or unqueue a waiting task in its class. Caller holds rq->lock. */
static void rq_enqueue(struct runqueue *rq, struct task *t, bool head)
{
	if (unlikely(t->rt_priority))
		rt_list_add(rq, t, head);
	else
		rq_tree_add(rq, t);
}

static void rq_dequeue(struct runqueue *rq, struct task *t)
{
	if (unlikely(t->rt_priority))
		rt_list_del(rq, t);
	else
		rq_tree_del(rq, t);
}

/* Take the task that runs next off the queue (NULL: none): the first of
 * the highest real-time level, unless throttled with fair tasks waiting;
 * else the leftmost fair task. Caller holds rq->lock. */
static struct task *rq_pick(struct runqueue *rq)
{
	struct task *t;

	if (unlikely(rq->nr_rt_queued) && !rt_throttled_for_fair(rq)) {
		t = list_first_entry(&rq->rt_queue[rt_top_priority(rq)], struct task, rt_node);
		rt_list_del(rq, t);
		return t;
	}
	t = rq_first(rq);
	if (t)
		rq_tree_del(rq, t);
	return t;
}

/* Caller holds rq->lock. min_vruntime only moves forward, so lags stored
 * relative to it stay meaningful. */
static void update_min_vruntime(struct runqueue *rq)
{
	struct task *curr = rq->curr, *first = rq_first(rq);
	bool have = false;
	u64 v = 0;

	if (curr != rq->idle && curr->on_rq && !curr->rt_priority) {
		v = curr->vruntime;
		have = true;
	}
	if (first && (!have || (s64)(first->vruntime - v) < 0)) {
		v = first->vruntime;
		have = true;
	}
	if (have && (s64)(v - rq->min_vruntime) > 0)
		rq->min_vruntime = v;
}

/* Charge the running task for the time since it was last charged.
 * Caller holds rq->lock. */
static void update_curr(struct runqueue *rq, u64 now)
{
	struct task *curr = rq->curr;
	s64 delta = (s64)(now - curr->exec_start_ns);

	if (delta <= 0)
		return;
	curr->exec_start_ns = now;
	curr->sum_exec_ns += delta;
	if (curr == rq->idle)
		return;
	if (unlikely(curr->rt_priority)) {
		/* Real-time tasks have no fair clock; their time counts
		 * against the queue's real-time budget, whose period starts
		 * when they start running. */
		if (!rq->rt_time_ns)
			rq->rt_period_start_ns = now - delta;
		rq->rt_time_ns += delta;
		return;
	}
	/* Weighted: a heavier (lower nice) task's clock runs slower. */
	curr->vruntime += likely(curr->weight == 1024) ? (u64)delta
						       : (u64)delta * 1024 / curr->weight;
	update_min_vruntime(rq);
}

static void resched_cpu(struct runqueue *rq)
{
	struct percpu *p = cpu_data(rq->cpu);

	if (p->need_resched)
		return;          /* whoever set it also sent the IPI */
	p->need_resched = true;
	if (rq->cpu != smp_processor_id())
		smp_send_reschedule(rq->cpu);
}

/* check_preempt when either task is not SCHED_NORMAL. */
static void check_preempt_policy(struct runqueue *rq, struct task *t, struct task *curr)
{
	if (t->rt_priority || curr->rt_priority) {
		/* Real-time: a higher priority (any, against a fair task)
		 * runs at once; while throttled, waiting fair tasks do. */
		if (rq->rt_throttled ? !t->rt_priority : t->rt_priority > curr->rt_priority)
			resched_cpu(rq);
		return;
	}
	/* Linux: anything preempts a SCHED_IDLE task; SCHED_BATCH and
	 * SCHED_IDLE wakees never preempt. */
	if (curr->policy == SCHED_IDLE && t->policy != SCHED_IDLE) {
		resched_cpu(rq);
		return;
	}
	if (t->policy != SCHED_NORMAL)
		return;
	update_curr(rq, ktime_get_ns());
	if ((s64)(curr->vruntime - t->vruntime) > (s64)SCHED_WAKEUP_GRAN_NS)
		resched_cpu(rq);
}

/* t was just queued on rq: preempt the current task if t should run first.
 * Caller holds rq->lock. */
static void check_preempt(struct runqueue *rq, struct task *t)
{
	struct task *curr = rq->curr;

	if (curr == rq->idle) {
		resched_cpu(rq);
		return;
	}
	/* One test for the common case: both SCHED_NORMAL. */
	if (unlikely(t->policy | curr->policy)) {
		check_preempt_policy(rq, t, curr);
		return;
	}
	update_curr(rq, ktime_get_ns());
	if ((s64)(curr->vruntime - t->vruntime) > (s64)SCHED_WAKEUP_GRAN_NS)
		resched_cpu(rq);
}

/* Queue a task that is neither queued nor running; its vruntime holds its
 * lag relative to the min_vruntime of whatever queue it last left. Caller
 * holds rq->lock (and t->pi_lock). */
static void enqueue_woken(struct runqueue *rq, struct task *t)
{
	u64 floor = rq->min_vruntime - SCHED_SLEEPER_CREDIT_NS;
	u64 v = rq->min_vruntime + t->vruntime;

	if ((s64)(v - floor) < 0)
		v = floor;
	t->vruntime = v;
	t->on_cpu = rq->cpu;
	t->on_rq = true;
	t->rt_requeue_tail = false;
	rq_enqueue(rq, t, false);
}

/* Lock the run queue t is on; t->on_cpu can change under us until we hold
 * that queue's lock (an idle pull moves waiting tasks). */
static struct runqueue *task_rq_lock(struct task *t)
{
	for (;;) {
		int cpu = READ_ONCE(t->on_cpu);
		struct runqueue *rq = cpu_rq(cpu);

		spin_lock(&rq->lock);
		if (READ_ONCE(t->on_cpu) == cpu)
			return rq;
		spin_unlock(&rq->lock);
	}
}

static bool rq_usable(int cpu)
{
	struct percpu *p;

	if (cpu < 0 || cpu >= MAX_CPUS)
		return false;
	p = percpu_ptrs[cpu];
	return p && p->rq && READ_ONCE(p->rq->online);
}

bool sched_cpu_idle(int cpu)
{
	struct runqueue *rq = cpu_rq(cpu);

	return READ_ONCE(rq->curr) == rq->idle && READ_ONCE(rq->nr_queued) == 0;
}

int sched_nr_running(int cpu)
{
	struct runqueue *rq;

	if (!rq_usable(cpu))
		return 0;
	rq = cpu_rq(cpu);
	return READ_ONCE(rq->nr_queued) + (READ_ONCE(rq->curr) != rq->idle);
}

u64 sched_nr_switches(int cpu)
{
	return rq_usable(cpu) ? READ_ONCE(cpu_rq(cpu)->nr_switches) : 0;
}

/* May t run on cpu? Its kernel binding and its user affinity mask. */
static bool task_allowed_on(const struct task *t, int cpu)
{
	u64 mask = READ_ONCE(t->cpus_allowed);

	if (t->affinity >= 0 && t->affinity != cpu)
		return false;
	return !mask || cpu >= 64 || (mask & (1ULL << cpu));
}

/* Per CPU: a wakeup now being made is a sync one (sched_wake_sync_begin):
 * the waker is about to sleep. Own CPU, interrupts off while set. */
static bool wake_sync[MAX_CPUS];

bool sched_wake_sync_begin(bool sync)
{
	int cpu = smp_processor_id();
	bool old = wake_sync[cpu];

	BUG_ON(!irqs_disabled());
	wake_sync[cpu] = sync;
	return old;
}

void sched_wake_sync_end(bool old)
{
	wake_sync[smp_processor_id()] = old;
}

/*
 * Where a waking real-time task should run: a CPU where it would run at
 * once, preferring an idle one (its last first), then one running a fair
 * task, then one running a lower real-time priority; else its last CPU.
 * Hints, as below: the wakeup's check_preempt decides for real.
 */
static int select_rt_cpu(struct task *t, int prev)
{
	int n = READ_ONCE(nr_cpus), best = -1, best_prio = t->rt_priority;

	if (!rq_usable(prev) || !task_allowed_on(t, prev))
		prev = -1;
	if (prev >= 0 && sched_cpu_idle(prev))
		return prev;
	for (int c = 0; c < n; c++)
		if (rq_usable(c) && task_allowed_on(t, c) && sched_cpu_idle(c))
			return c;
	for (int i = 0; i < n; i++) {
		int c = prev >= 0 ? (prev + i) % n : i, p;

		if (!rq_usable(c) || !task_allowed_on(t, c))
			continue;
		p = READ_ONCE(cpu_rq(c)->curr_rt_priority);
		if (p < best_prio) {
			best = c;
			best_prio = p;
		}
		if (prev < 0)
			prev = c;
	}
	if (best >= 0)
		return best;
	return prev >= 0 ? prev : smp_processor_id();
}

/*
 * Where a waking task should run: its own CPU if bound; the waker's CPU
 * for a sync wakeup when the waker is all that runs there (it is about to
 * sleep, so the wakee gets the CPU at once, and two tasks handing work
 * back and forth stay on one CPU instead of paying a cross-CPU wakeup,
 * an IPI and an idle exit, per hand-over: Linux's wake_affine); else the
 * CPU it last ran on if idle, any idle CPU, or the least loaded one.
 * Lockless hints: a wrong guess costs balance, never correctness.
 */
static int select_task_cpu(struct task *t, bool sync)
{
	int prev = t->on_cpu, best = -1, best_load = 0;
	int n = READ_ONCE(nr_cpus), self = smp_processor_id();

	if (t->affinity >= 0) {
		if (rq_usable(t->affinity))
			return t->affinity;
		/* Bound to a CPU that is not (yet) up: run it anywhere rather
		 * than never. */
		WARN_ON(1);
	}
	if (unlikely(t->rt_priority))
		return select_rt_cpu(t, prev);
	if (sync && !in_interrupt() && rq_usable(self) && task_allowed_on(t, self)) {
		struct runqueue *rq = cpu_rq(self);

		if (READ_ONCE(rq->curr) == current && current != rq->idle &&
		    READ_ONCE(rq->nr_queued) == 0)
			return self;
	}
	if (!rq_usable(prev))
		prev = self;
	if (sched_cpu_idle(prev) && task_allowed_on(t, prev))
		return prev;
	for (int i = 1; i < n; i++) {
		int c = (prev + i) % n;

		if (rq_usable(c) && sched_cpu_idle(c) && task_allowed_on(t, c))
			return c;
	}
	for (int i = 0; i < n; i++) {
		int c = (prev + i) % n;
		int load;

		if (!rq_usable(c) || !task_allowed_on(t, c))
			continue;
		load = sched_nr_running(c);
		if (best < 0 || load < best_load) {
			best = c;
			best_load = load;
		}
	}
	return best >= 0 ? best : prev;
}

/* ---- wakeups ------------------------------------------------------------ */

static bool try_to_wake_up(struct task *t, int state_mask)
{
	unsigned long flags;
	struct runqueue *rq;
	bool woke = false, sync;

	spin_lock_irqsave(&t->pi_lock, flags);
	/* The lock's atomic is a full barrier: the waker's condition store is
	 * visible before we read state, which pairs with set_current_state. */
	if (!(READ_ONCE(t->state) & state_mask))
		goto out;

	if (READ_ONCE(t->on_rq)) {
		/* Still queued (asleep-to-be, or preempted before it slept):
		 * flipping the state under the rq lock makes its __schedule
		 * keep it on the queue. */
		rq = task_rq_lock(t);
		if (t->on_rq) {
			WRITE_ONCE(t->state, TASK_RUNNING);
			spin_unlock(&rq->lock);
			woke = true;
			goto out;
		}
		spin_unlock(&rq->lock);
	}

	/* Dequeued. Its CPU may still be switching away from it: wait until
	 * its registers are saved before letting any CPU run it. */
	while (__atomic_load_n(&t->running, __ATOMIC_ACQUIRE))
		cpu_relax();

	/* A real-time wakee runs at once where it can, never behind its
	 * waker; nor does a fair one wait behind a real-time waker. */
	sync = !t->rt_priority && !current->rt_priority &&
	       (wake_sync[smp_processor_id()] ||
		(!in_interrupt() && (current->flags & PF_WAKE_SYNC)));
	rq = cpu_rq(select_task_cpu(t, sync));
	spin_lock(&rq->lock);
	WRITE_ONCE(t->state, TASK_RUNNING);
	enqueue_woken(rq, t);
	/* A sync wakee put next to its waker does not preempt it at once:
	 * the waker is about to sleep, and preempting it now, often with the
	 * lock the wakee is about to take still held, would only add
	 * switches. If the waker goes back to user mode instead, the wakee
	 * gets its turn there (sched_exit_to_user). */
	if (sync && rq->cpu == smp_processor_id())
		rq->sync_wakee = true;
	else
		check_preempt(rq, t);
	spin_unlock(&rq->lock);
	woke = true;
out:
	spin_unlock_irqrestore(&t->pi_lock, flags);
	return woke;
}

bool wake_up_process(struct task *t)
{
	return try_to_wake_up(t, SLEEP_MASK | TASK_NEW);
}

void set_current_state(int state)
{
	/* xchg: the state store is globally visible before the caller's
	 * condition check (pairs with the barrier in try_to_wake_up). */
	__atomic_exchange_n(&current->state, state, __ATOMIC_SEQ_CST);
}

void __set_current_state(int state)
{
	WRITE_ONCE(current->state, state);
}

/* ---- switching ---------------------------------------------------------- */

/* Runs on the new task right after the switch: lets other CPUs at prev and
 * the run queue, frees prev's run-time reference if it died, and programs
 * the timer for the new task's slice. Interrupts off, rq lock held. */
static void finish_task_switch(struct task *prev)
{
	struct runqueue *rq = this_rq();
	bool dead = prev->state == TASK_DEAD;

	/* After this store prev may run elsewhere: touch it no more. */
	__atomic_store_n(&prev->running, false, __ATOMIC_RELEASE);
	rq_unlock_raw(rq);
	if (dead)
		task_put_deferred(prev);
	timer_reprogram();
}

/*
 * Pick the next task and switch to it. Entered and left with interrupts
 * off and preempt_count raised by the caller. preempt: an involuntary
 * switch, which never takes a task off the queue whatever its state (it
 * may be between set_current_state and its own schedule()).
 */
static void __schedule(bool preempt)
{
	struct percpu *cpu = this_cpu();
	struct runqueue *rq = cpu->rq;
	struct task *prev = get_current(), *next;
	u64 now;

	rq_lock_raw(rq);
	now = ktime_get_ns();
	update_curr(rq, now);

	if (!preempt && prev->state != TASK_RUNNING && !(prev->flags & PF_IDLE)) {
		/* Going to sleep (or dying): off the queue; keep the lag. */
		WRITE_ONCE(prev->on_rq, false);
		prev->vruntime -= rq->min_vruntime;
	} else if (unlikely(prev->rt_priority)) {
		/* Preempted real-time tasks keep their place at the head;
		 * a yield or an RR slice's end sends them to the tail. */
		rt_list_add(rq, prev, !prev->rt_requeue_tail);
		prev->rt_requeue_tail = false;
	} else if (prev != rq->idle) {
		rq_tree_add(rq, prev);
	}

	next = rq_pick(rq);
	if (!next)
		next = rq->idle;
	cpu->need_resched = false;
	rq->sync_wakee = false;
	next->exec_start_ns = now;
	if (unlikely(next->rt_priority)) {
		next->slice_end_ns = now + SCHED_RT_TICK_NS;
		/* XXX Linux keeps a preempted RR task's remaining slice. */
		if (next->policy == SCHED_RR && next != prev)
			next->rr_slice_end_ns = now + SCHED_RR_TIMESLICE_NS;
	} else {
		next->slice_end_ns = now + SCHED_SLICE_NS;
	}
	WRITE_ONCE(rq->curr_rt_priority, next->rt_priority);

	if (next == prev) {
		rq_unlock_raw(rq);
		return;
	}

	WRITE_ONCE(rq->curr, next);
	WRITE_ONCE(rq->nr_switches, rq->nr_switches + 1);
	next->running = true;
	set_current(next);
	if (next->stack_top) {
		cpu->kernel_rsp = next->stack_top;
		tss_set_rsp0(next->stack_top);
	}
	fpu_switch(prev, next);
	arch_switch_user_state(prev, next);
	prev->preempt_saved = preempt_count();

	prev = __switch_to(prev, next);

	/* Back in the task that switched out above, later, maybe elsewhere. */
	preempt_count_set(current->preempt_saved);
	finish_task_switch(prev);
}

__noreturn void sched_task_entry(struct task *prev)
{
	struct task *me = current;

	/* Every switch happens with preempt_count 1 (see schedule()). */
	preempt_count_set(1);
	finish_task_switch(prev);
	preempt_count_set(0);
	local_irq_enable();
	if (need_resched())
		schedule();
	kthread_exit(me->thread_fn(me->thread_arg));
}

void schedule(void)
{
	unsigned long flags;

	if (unlikely(!current))
		return;          /* before sched_init: nothing to switch to */
	if (WARN_ON(in_interrupt()))
		return;          /* would switch away from an interrupt frame */
	WARN_ON(preempt_count() != 0);   /* scheduling while atomic */
	do {
		flags = local_irq_save();
		preempt_disable();
		__schedule(false);
		preempt_enable_no_resched();
		local_irq_restore(flags);
	} while (need_resched() && preempt_count() == 0);
}

void preempt_schedule(void)
{
	if (preempt_count() || irqs_disabled() || !current || in_interrupt())
		return;
	do {
		unsigned long flags = local_irq_save();

		preempt_disable();
		__schedule(true);
		preempt_enable_no_resched();
		local_irq_restore(flags);
	} while (need_resched());
}

void preempt_schedule_irq(void)
{
	BUG_ON(!irqs_disabled());
	if (!current)
		return;
	do {
		preempt_disable();
		__schedule(true);
		preempt_enable_no_resched();
	} while (need_resched());
}

__noreturn void sched_task_dead(void)
{
	local_irq_disable();
	preempt_count_set(1);
	WRITE_ONCE(current->state, TASK_DEAD);
	__schedule(false);
	BUG();
}

void yield(void)
{
	struct runqueue *rq;
	struct task *last;
	unsigned long flags;

	flags = local_irq_save();
	rq = this_rq();
	spin_lock(&rq->lock);
	update_curr(rq, ktime_get_ns());
	if (unlikely(current->rt_priority)) {
		/* To the tail of its priority level (Linux's sched_yield). */
		if (!list_empty(&rq->rt_queue[current->rt_priority])) {
			current->rt_requeue_tail = true;
			this_cpu()->need_resched = true;
		}
	} else if (rq->nr_queued > rq->nr_rt_queued) {
		/* Go behind everyone waiting here. */
		last = rb_entry(rb_last(&rq->tree.rb_root), struct task, run_node);
		if ((s64)(current->vruntime - last->vruntime) <= 0)
			current->vruntime = last->vruntime + 1;
		this_cpu()->need_resched = true;
	}
	spin_unlock(&rq->lock);
	local_irq_restore(flags);
	if (need_resched())
		schedule();
}

void sched_exit_to_user(void)
{
	struct runqueue *rq = this_rq();

	if (likely(!rq || !rq->sync_wakee))
		return;
	rq->sync_wakee = false;
	if (READ_ONCE(rq->nr_queued))
		this_cpu()->need_resched = true;
}

/* ---- policy changes ----------------------------------------------------- */

void sched_set_policy(struct task *t, int policy, int rt_priority, int nice, bool reset_on_fork)
{
	unsigned long flags;
	struct runqueue *rq;
	bool running, move, to_rr = policy == SCHED_RR && t->policy != SCHED_RR;
	int old = t->rt_priority;
	u64 now;

	spin_lock_irqsave(&t->pi_lock, flags);
	rq = task_rq_lock(t);
	now = ktime_get_ns();
	update_curr(rq, now);        /* charge the old weight up to now */
	running = rq->curr == t;
	/* Queued elsewhere than where the new class keeps it. A real-time
	 * task whose priority stays keeps its place (Linux). */
	move = t->on_rq && !running && old != rt_priority;
	if (move)
		rq_dequeue(rq, t);
	t->policy = policy;
	t->rt_priority = rt_priority;
	t->nice = nice;
	t->weight = sched_weight(policy, nice);
	t->sched_reset_on_fork = reset_on_fork;
	if (old && !rt_priority && t->on_rq &&
	    (s64)(t->vruntime - rq->min_vruntime) < 0) {
		/* Back to fair: no credit for the time it ran real-time. */
		t->vruntime = rq->min_vruntime;
	}
	if (running) {
		WRITE_ONCE(rq->curr_rt_priority, rt_priority);
		if (rt_priority && !old)
			t->slice_end_ns = now;          /* the tick sets its RT pace */
		if (to_rr)
			t->rr_slice_end_ns = now + SCHED_RR_TIMESLICE_NS;
		/* Lowered: whatever now outranks it runs; a real-time task
		 * requeued by the preemption goes to its level's head, as
		 * sched(7) says of a lowered one. */
		if (rt_priority < old || (!rt_priority && !old && rq->nr_queued))
			resched_cpu(rq);
	} else if (move) {
		/* Raised goes to the tail of its new level, lowered to the head. */
		rq_enqueue(rq, t, rt_priority && rt_priority < old);
		check_preempt(rq, t);
	}
	spin_unlock(&rq->lock);
	spin_unlock_irqrestore(&t->pi_lock, flags);
	if (running && rq->cpu == smp_processor_id())
		timer_reprogram();
}

void sched_fork(struct task *p, struct task *parent)
{
	p->policy = READ_ONCE(parent->policy);
	p->rt_priority = READ_ONCE(parent->rt_priority);
	p->nice = READ_ONCE(parent->nice);
	if (READ_ONCE(parent->sched_reset_on_fork)) {
		/* SCHED_RESET_ON_FORK: real-time becomes SCHED_NORMAL at
		 * nice 0; a negative nice becomes 0. The child does not keep
		 * the flag (Linux). */
		if (rt_policy(p->policy)) {
			p->policy = SCHED_NORMAL;
			p->rt_priority = 0;
			p->nice = 0;
		} else if (p->nice < 0) {
			p->nice = 0;
		}
	}
	p->sched_reset_on_fork = false;
	p->weight = sched_weight(p->policy, p->nice);
}

u64 sched_rr_interval_ns(struct task *t)
{
	int policy = READ_ONCE(t->policy);

	if (policy == SCHED_RR)
		return SCHED_RR_TIMESLICE_NS;
	if (policy == SCHED_FIFO)
		return 0;
	/* Linux reports the fair slice; ours does not depend on the load. */
	return SCHED_SLICE_NS;
}

/* ---- the tick and balancing --------------------------------------------- */

static bool rq_has_movable(struct runqueue *rq, int to_cpu)
{
	for (struct rb_node *n = rb_first_cached(&rq->tree); n; n = rb_next(n)) {
		struct task *t = rb_entry(n, struct task, run_node);

		if (task_allowed_on(t, to_cpu))
			return true;
	}
	return false;
}

static void sched_tick_kick_idle(void);
static void push_balance(struct runqueue *rq);
static void push_rt(struct runqueue *rq);

/* Real-time throttling (Linux's sched_rt_runtime_us): past the budget,
 * waiting fair tasks (kthreads among them) go first until the period
 * ends. Only while real-time tasks have run this period. Timer interrupt,
 * rq->lock held. XXX Linux leaves the CPU idle rather than run a
 * throttled real-time task; here one runs when nothing fair waits. */
static void rt_period_tick(struct runqueue *rq, u64 now)
{
	if (now - rq->rt_period_start_ns >= SCHED_RT_PERIOD_NS) {
		rq->rt_period_start_ns = now;
		rq->rt_time_ns = 0;
		if (rq->rt_throttled) {
			rq->rt_throttled = false;
			if (rq->nr_rt_queued && rt_top_priority(rq) > rq->curr->rt_priority)
				resched_cpu(rq);
		}
		return;
	}
	if (!rq->rt_throttled && rq->rt_time_ns > SCHED_RT_RUNTIME_NS) {
		rq->rt_throttled = true;
		if (rq->curr->rt_priority && rq->nr_queued > rq->nr_rt_queued)
			resched_cpu(rq);
	}
}

/* A real-time task's periodic look: an RR task whose slice ended goes to
 * the tail of its level if another waits there; FIFO runs on. */
static void rt_slice_tick(struct runqueue *rq, struct task *curr, u64 now)
{
	curr->slice_end_ns = now + SCHED_RT_TICK_NS;
	if (curr->policy != SCHED_RR || (s64)(now - curr->rr_slice_end_ns) < 0)
		return;
	curr->rr_slice_end_ns = now + SCHED_RR_TIMESLICE_NS;
	if (!list_empty(&rq->rt_queue[curr->rt_priority])) {
		curr->rt_requeue_tail = true;
		resched_cpu(rq);
	}
}

/* From the timer interrupt (irqs off). */
void sched_timer_tick(void)
{
	struct runqueue *rq = this_rq();
	struct task *curr;
	bool movable;
	u64 now;

	if (!rq)
		return;
	spin_lock(&rq->lock);
	now = ktime_get_ns();
	update_curr(rq, now);
	curr = rq->curr;
	if (unlikely(rq->rt_time_ns))
		rt_period_tick(rq, now);
	if (curr != rq->idle && (s64)(now - curr->slice_end_ns) >= 0) {
		if (unlikely(curr->rt_priority))
			rt_slice_tick(rq, curr, now);
		else if (rq->nr_queued)
			resched_cpu(rq);
		else
			curr->slice_end_ns = now + SCHED_SLICE_NS;
	}
	movable = rq->nr_queued && rq_has_movable(rq, -1);
	spin_unlock(&rq->lock);
	if (movable) {
		sched_tick_kick_idle();
		push_balance(rq);
	}
	if (unlikely(READ_ONCE(rq->nr_rt_queued)))
		push_rt(rq);
}

/* Someone waits on this CPU: wake one halted CPU so that it pulls. */
static void sched_tick_kick_idle(void)
{
	int self = smp_processor_id(), n = READ_ONCE(nr_cpus);

	for (int i = 1; i < n; i++) {
		int c = (self + i) % n;

		if (rq_usable(c) && sched_cpu_idle(c)) {
			smp_send_reschedule(c);
			return;
		}
	}
}

static void double_rq_lock(struct runqueue *a, struct runqueue *b)
{
	if (a->cpu < b->cpu) {
		spin_lock(&a->lock);
		spin_lock(&b->lock);
	} else {
		spin_lock(&b->lock);
		spin_lock(&a->lock);
	}
}

static void double_rq_unlock(struct runqueue *a, struct runqueue *b)
{
	spin_unlock(&a->lock);
	spin_unlock(&b->lock);
}

/* Move one waiting task from rq to the least loaded CPU if that one has
 * at least two tasks fewer: idle pulls alone never even out busy CPUs.
 * Timer interrupt, no locks held. */
static void push_balance(struct runqueue *rq)
{
	int self = rq->cpu, n = READ_ONCE(nr_cpus), target = -1;
	int mine = sched_nr_running(self), least = mine;
	struct runqueue *dst;
	struct task *moved = NULL;

	for (int i = 1; i < n; i++) {
		int c = (self + i) % n, load;

		if (!rq_usable(c))
			continue;
		load = sched_nr_running(c);
		if (load < least) {
			least = load;
			target = c;
		}
	}
	if (target < 0 || mine - least < 2)
		return;
	dst = cpu_rq(target);
	double_rq_lock(rq, dst);
	/* From the back: the task here that would wait longest. */
	for (struct rb_node *nd = rb_last(&rq->tree.rb_root); nd; nd = rb_prev(nd)) {
		struct task *t = rb_entry(nd, struct task, run_node);

		if (!task_allowed_on(t, target))
			continue;
		rq_tree_del(rq, t);
		t->vruntime = t->vruntime - rq->min_vruntime + dst->min_vruntime;
		WRITE_ONCE(t->on_cpu, target);
		rq_tree_add(dst, t);
		moved = t;
		break;
	}
	if (moved)
		check_preempt(dst, moved);
	double_rq_unlock(rq, dst);
}

/* A real-time task waits here (behind a higher one, or throttled): move
 * the highest one that may run there to the CPU running the lowest
 * priority below it (idle or fair first), which it then preempts. Wakeup
 * placement does this for a waking task; this catches the ones whose
 * CPU got busy later. Timer interrupt, no locks held. */
static void push_rt(struct runqueue *rq)
{
	int self = rq->cpu, n = READ_ONCE(nr_cpus), target = -1;
	int lowest = READ_ONCE(rq->curr_rt_priority);
	struct runqueue *dst;
	struct task *moved = NULL;

	for (int i = 1; i < n; i++) {
		int c = (self + i) % n, p;

		if (!rq_usable(c))
			continue;
		p = READ_ONCE(cpu_rq(c)->curr_rt_priority);
		if (p < lowest) {
			lowest = p;
			target = c;
		}
	}
	if (target < 0)
		return;
	dst = cpu_rq(target);
	double_rq_lock(rq, dst);
	for (int p = rt_top_priority(rq); !moved && p > dst->curr_rt_priority; p--) {
		struct task *t;

		list_for_each_entry(t, &rq->rt_queue[p], rt_node) {
			if (!task_allowed_on(t, target))
				continue;
			rt_list_del(rq, t);
			t->vruntime = t->vruntime - rq->min_vruntime + dst->min_vruntime;
			WRITE_ONCE(t->on_cpu, target);
			rt_list_add(dst, t, false);
			moved = t;
			break;
		}
	}
	if (moved)
		check_preempt(dst, moved);
	double_rq_unlock(rq, dst);
}

/* Pull one waiting task from the busiest other queue. Idle task only,
 * interrupts on. Returns true if this CPU now has work. */
static bool idle_balance(void)
{
	struct runqueue *me = this_rq(), *src = NULL;
	int self = me->cpu, n = READ_ONCE(nr_cpus), most = 0;
	struct task *moved = NULL;
	unsigned long flags;

	for (int i = 1; i < n; i++) {
		int c = (self + i) % n;
		int q;

		if (!rq_usable(c))
			continue;
		q = READ_ONCE(cpu_rq(c)->nr_queued);
		if (q > most) {
			most = q;
			src = cpu_rq(c);
		}
	}
	if (!src)
		return false;

	flags = local_irq_save();
	double_rq_lock(me, src);
	for (struct rb_node *nd = rb_first_cached(&src->tree); nd; nd = rb_next(nd)) {
		struct task *t = rb_entry(nd, struct task, run_node);

		if (!task_allowed_on(t, self))
			continue;
		/* Waiting tasks are never running: their CPU switched away
		 * from them under src->lock, which we hold. */
		rq_tree_del(src, t);
		t->vruntime = t->vruntime - src->min_vruntime + me->min_vruntime;
		WRITE_ONCE(t->on_cpu, self);
		rq_tree_add(me, t);
		moved = t;
		break;
	}
	/* A real-time task waiting behind a higher one there runs here. */
	for (int p = MAX_RT_PRIO - 1; !moved && src->nr_rt_queued && p > 0; p--) {
		struct task *t;

		list_for_each_entry(t, &src->rt_queue[p], rt_node) {
			if (!task_allowed_on(t, self))
				continue;
			rt_list_del(src, t);
			t->vruntime = t->vruntime - src->min_vruntime + me->min_vruntime;
			WRITE_ONCE(t->on_cpu, self);
			rt_list_add(me, t, false);
			moved = t;
			break;
		}
	}
	if (moved)
		this_cpu()->need_resched = true;
	double_rq_unlock(me, src);
	local_irq_restore(flags);
	return moved != NULL;
}

__noreturn void cpu_idle_loop(void)
{
	struct percpu *cpu = this_cpu();

	if (current != cpu->idle) {
		/* The boot CPU's kmain: its job is done; the idle task that
		 * sched_init made takes over this CPU. */
		kthread_exit(0);
	}
	for (;;) {
		task_reap_deferred();
		while (!need_resched()) {
			if (idle_balance())
				break;
			/* Check and halt with no window in between: a wakeup's
			 * IPI arriving after the check ends the hlt. */
			local_irq_disable();
			if (need_resched()) {
				local_irq_enable();
				break;
			}
			safe_halt();
		}
		schedule();
	}
}

/* ---- setup -------------------------------------------------------------- */

static void rq_init(struct runqueue *rq, int cpu)
{
	spin_lock_init(&rq->lock, "rq");
	rq->cpu = cpu;
	rq->tree = RB_ROOT_CACHED;
	rq->nr_queued = 0;
	rq->min_vruntime = 0;
	for (int p = 0; p < MAX_RT_PRIO; p++)
		INIT_LIST_HEAD(&rq->rt_queue[p]);
}

static void init_idle_task(struct task *idle, struct runqueue *rq)
{
	idle->flags = PF_KTHREAD | PF_IDLE;
	idle->state = TASK_RUNNING;
	idle->tid = 0;
	idle->on_cpu = rq->cpu;
	idle->affinity = rq->cpu;
	idle->on_rq = false;        /* idle tasks are never in a tree */
	rq->idle = idle;
	cpu_data(rq->cpu)->idle = idle;
}

static int idle_thread_fn(void *unused)
{
	cpu_idle_loop();
}

void sched_init(void)
{
	struct percpu *cpu = this_cpu();
	struct runqueue *rq = &bsp_rq;
	struct task *idle;

	rq_init(rq, cpu->cpu);

	/* kmain: static, so it holds one reference that is never dropped. */
	spin_lock_init(&boot_task.pi_lock, "pi_lock");
	RB_CLEAR_NODE(&boot_task.run_node);
	RB_CLEAR_NODE(&boot_task.tid_node);
	INIT_LIST_HEAD(&boot_task.rq_node);
	INIT_LIST_HEAD(&boot_task.rt_node);
	boot_task.weight = 1024;
	task_set_comm(&boot_task, "kmain");
	boot_task.refcount = 2;
	boot_task.flags = PF_KTHREAD;
	boot_task.stack = boot_stack_bottom;
	boot_task.stack_top = (unsigned long)boot_stack_top;
	boot_task.state = TASK_RUNNING;
	boot_task.on_cpu = cpu->cpu;
	boot_task.affinity = cpu->cpu;   /* the rest of kmain expects the boot CPU */
	boot_task.on_rq = true;
	boot_task.running = true;
	boot_task.exec_start_ns = ktime_get_ns();
	task_list_add(&boot_task);

	idle = kthread_alloc(idle_thread_fn, NULL, "idle/0");
	if (!idle)
		panic("sched: no memory for the idle task");
	idle->refcount = 1;         /* nobody joins an idle task */
	init_idle_task(idle, rq);
	task_list_add(idle);

	rq->curr = &boot_task;
	cpu->rq = rq;
	set_current(&boot_task);
	cpu->kernel_rsp = boot_task.stack_top;
	tss_set_rsp0(boot_task.stack_top);
	WRITE_ONCE(rq->online, true);
	pr_info("sched: fair scheduler, %llu ms slices\n", SCHED_SLICE_NS / NSEC_PER_MSEC);
}

void sched_init_ap(void)
{
	struct percpu *cpu = this_cpu();
	struct runqueue *rq = kzalloc(sizeof(*rq), GFP_KERNEL);
	struct task *idle = task_alloc("idle", false);
	char name[TASK_COMM_LEN];

	if (!rq || !idle)
		panic("sched: no memory for CPU %d's run queue", cpu->cpu);
	rq_init(rq, cpu->cpu);
	snprintf(name, sizeof(name), "idle/%d", cpu->cpu);
	task_set_comm(idle, name);
	init_idle_task(idle, rq);
	idle->running = true;
	idle->refcount = 1;
	if (cpu->boot_stack) {
		idle->stack = cpu->boot_stack;
		idle->stack_top = (unsigned long)cpu->boot_stack + KSTACK_SIZE;
		cpu->kernel_rsp = idle->stack_top;
		tss_set_rsp0(idle->stack_top);
	}
	idle->exec_start_ns = ktime_get_ns();
	task_list_add(idle);

	rq->curr = idle;
	cpu->rq = rq;
	set_current(idle);
	WRITE_ONCE(rq->online, true);
}

/* Per-task errno for kernel/lib and the libraries built against it. */
int *__errno_location(void)
{
	static int early_errno;
	struct task *t = current;

	return t ? &t->kerrno : &early_errno;
}
