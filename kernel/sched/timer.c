/*
 * Kernel timers and sleeping with a timeout.
 *
 * Each CPU has a timer base: an rbtree of armed ktimers ordered by expiry
 * (leftmost cached). The local APIC one-shot is programmed for the
 * earliest of that and the running task's slice end; with nothing due the
 * timer is stopped, so an idle CPU takes no timer interrupts (tickless).
 * Programming is lazy upward: if the APIC is already set to fire earlier
 * than needed, it is left alone and the early interrupt just re-arms it
 * (fewer APIC writes on every context switch).
 *
 * A timer's cpu field says which base holds it (-1: none). It leaves -1
 * only by a compare-and-swap made under the new base's lock, and goes back
 * to -1 only under the lock of the base holding it, so concurrent
 * timer_arm/timer_cancel/expiry of one timer never corrupt a tree.
 * Expiry marks the base's 'running' timer before dropping the lock to call
 * the callback; timer_cancel waits for that mark to clear, so after it
 * returns the callback is not running anywhere (unless called by the
 * callback itself).
 *
 * Lock: timer_base.lock is a leaf (taken with interrupts off).
 */
#include <kernel/clock.h>
#include <kernel/irq.h>
#include <kernel/panic.h>
#include <kernel/percpu.h>
#include <kernel/sched.h>
#include <kernel/timer.h>

#include "internal.h"

#define NO_DEADLINE   (~0ULL)
#define MIN_DELTA_NS  1000ULL      /* shortest one-shot we program */

struct timer_base {
	spinlock_t lock;
	struct rb_root_cached tree;      /* armed timers by expiry; lock */
	struct ktimer *running;          /* callback in progress; lock (read lockless to wait) */
	u64 programmed;                  /* absolute deadline the APIC is set for; own CPU, irqs off */
	bool online;                     /* timers_init_cpu done; own CPU */
} __aligned(64);

static struct timer_base bases[MAX_CPUS];

static bool expires_less(struct rb_node *a, const struct rb_node *b)
{
	return (s64)(rb_entry(a, struct ktimer, node)->expires -
		     rb_entry(b, struct ktimer, node)->expires) < 0;
}

void timer_setup(struct ktimer *t, void (*fn)(struct ktimer *t), void *data)
{
	t->fn = fn;
	t->data = data;
	t->expires = 0;
	t->cpu = -1;
	RB_CLEAR_NODE(&t->node);
}

bool timer_pending(const struct ktimer *t)
{
	return READ_ONCE(t->cpu) >= 0;
}

/* Lock the base holding t and return it, or NULL (no lock held) if t is
 * not armed. Interrupts must be off. */
static struct timer_base *lock_timer_base(struct ktimer *t)
{
	for (;;) {
		int cpu = READ_ONCE(t->cpu);
		struct timer_base *b;

		if (cpu < 0)
			return NULL;
		b = &bases[cpu];
		spin_lock(&b->lock);
		if (READ_ONCE(t->cpu) == cpu)
			return b;
		spin_unlock(&b->lock);
	}
}

/* Caller holds b->lock and t is in b. */
static void base_remove(struct timer_base *b, struct ktimer *t)
{
	rb_erase_cached(&t->node, &b->tree);
	RB_CLEAR_NODE(&t->node);
	WRITE_ONCE(t->cpu, -1);
}

void timer_arm(struct ktimer *t, u64 expires_ns)
{
	unsigned long flags = local_irq_save();
	int cpu = smp_processor_id();
	struct timer_base *me = &bases[cpu], *old;
	bool first;

	for (;;) {
		int none = -1;

		old = lock_timer_base(t);
		if (old) {
			base_remove(old, t);
			spin_unlock(&old->lock);
		}
		spin_lock(&me->lock);
		if (__atomic_compare_exchange_n(&t->cpu, &none, cpu, false, __ATOMIC_ACQ_REL,
						__ATOMIC_RELAXED))
			break;
		/* Another CPU armed it in between: take it back from there. */
		spin_unlock(&me->lock);
	}
	t->expires = expires_ns;
	rb_add_cached(&t->node, &me->tree, expires_less);
	first = rb_first_cached(&me->tree) == &t->node;
	spin_unlock(&me->lock);
	if (first)
		timer_reprogram();
	local_irq_restore(flags);
}

static void wait_for_callback(struct ktimer *t)
{
	int self = smp_processor_id();
	int n = READ_ONCE(nr_cpus);

	for (int c = 0; c < n; c++) {
		/* The callback cancelling its own timer must not wait for itself. */
		if (c == self && in_interrupt())
			continue;
		while (READ_ONCE(bases[c].running) == t)
			cpu_relax();
	}
}

bool timer_cancel(struct ktimer *t)
{
	bool was_pending = false;

	for (;;) {
		unsigned long flags = local_irq_save();
		struct timer_base *b = lock_timer_base(t);

		if (b) {
			base_remove(b, t);
			spin_unlock(&b->lock);
			was_pending = true;
		}
		local_irq_restore(flags);
		wait_for_callback(t);
		/* A callback that re-armed its timer: cancel that too. */
		if (!timer_pending(t))
			return was_pending;
	}
}

/* Program this CPU's one-shot for the earliest of its timers and the
 * current slice end. Interrupts off or on. */
void timer_reprogram(void)
{
	unsigned long flags = local_irq_save();
	int cpu = smp_processor_id();
	struct timer_base *b = &bases[cpu];
	struct runqueue *rq = this_rq();
	struct rb_node *first;
	u64 next = NO_DEADLINE;

	if (!b->online)
		goto out;
	spin_lock(&b->lock);
	first = rb_first_cached(&b->tree);
	if (first)
		next = rb_entry(first, struct ktimer, node)->expires;
	spin_unlock(&b->lock);
	/* rq->curr changes only on this CPU with interrupts off. */
	if (rq && rq->curr != rq->idle && rq->curr->slice_end_ns < next)
		next = rq->curr->slice_end_ns;

	if (next == NO_DEADLINE) {
		if (b->programmed != NO_DEADLINE) {
			lapic_timer_oneshot(0);
			b->programmed = NO_DEADLINE;
		}
	} else if (next < b->programmed) {
		u64 now = ktime_get_ns();
		u64 delta = next > now ? next - now : 0;

		lapic_timer_oneshot(delta < MIN_DELTA_NS ? MIN_DELTA_NS : delta);
		b->programmed = next;
	}
out:
	local_irq_restore(flags);
}

/* The local APIC timer interrupt (interrupts off, EOI after we return). */
void timer_interrupt(void)
{
	struct timer_base *b = &bases[smp_processor_id()];
	struct rb_node *first;
	u64 now;

	b->programmed = NO_DEADLINE;   /* the one-shot has fired */
	if (!b->online)
		return;
	spin_lock(&b->lock);
	now = ktime_get_ns();
	while ((first = rb_first_cached(&b->tree))) {
		struct ktimer *t = rb_entry(first, struct ktimer, node);

		if ((s64)(t->expires - now) > 0)
			break;
		/* running first, then cpu = -1: timer_cancel reads in the
		 * opposite order and so never misses the callback. */
		WRITE_ONCE(b->running, t);
		base_remove(b, t);
		spin_unlock(&b->lock);
		t->fn(t);
		spin_lock(&b->lock);
		WRITE_ONCE(b->running, NULL);
		now = ktime_get_ns();
	}
	spin_unlock(&b->lock);
	sched_timer_tick();
	timer_reprogram();
}

void timers_init_cpu(void)
{
	struct timer_base *b = &bases[smp_processor_id()];

	spin_lock_init(&b->lock, "timer_base");
	b->tree = RB_ROOT_CACHED;
	b->running = NULL;
	b->programmed = NO_DEADLINE;
	b->online = true;
	timer_reprogram();
}

/* ---- sleeping ------------------------------------------------------------- */

static void wake_sleeper(struct ktimer *t)
{
	wake_up_process(t->data);
}

u64 schedule_timeout(u64 ns)
{
	struct ktimer timer;
	u64 expires, now;

	if (ns == SCHEDULE_TIMEOUT_MAX) {
		schedule();
		return ns;
	}
	now = ktime_get_ns();
	expires = now + ns;
	if (expires < now) {            /* practically forever */
		schedule();
		return ns;
	}
	timer_setup(&timer, wake_sleeper, current);
	timer_arm(&timer, expires);
	schedule();
	timer_cancel(&timer);
	__set_current_state(TASK_RUNNING);
	now = ktime_get_ns();
	return now < expires ? expires - now : 0;
}

void nsleep(u64 ns)
{
	u64 deadline = ktime_get_ns() + ns;

	for (;;) {
		u64 now = ktime_get_ns();

		if (now >= deadline)
			break;
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule_timeout(deadline - now);
	}
	__set_current_state(TASK_RUNNING);
}
