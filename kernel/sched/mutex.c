/*
 * Sleeping mutexes and completions.
 *
 * Mutexes hand off in FIFO order: mutex_unlock with waiters makes the
 * first waiter the owner before waking it, so nobody can barge in between
 * and a stream of lockers cannot starve an early one. The price is a
 * switch per contended handoff, and a cross-CPU wakeup when the waiter
 * slept on another CPU; so, as Linux does, a locker first spins briefly
 * while the owner is running on another CPU and nobody waits yet: a
 * running owner (a pipe writer copying a page) usually lets go sooner
 * than a sleep and a wakeup take (MUTEX_SPIN_NS at most). The waiter record lives on the waiter's stack; the unlocker
 * touches it only under wait_lock, and the waiter leaves only after
 * seeing 'granted' under wait_lock, so it is never used after return.
 *
 * The owner word makes the uncontended paths one cmpxchg each, as Linux's
 * fast paths: lock swaps 0 for the locker, unlock swaps the owner back to
 * 0, which fails once a waiter has set MUTEX_WAITERS (under wait_lock,
 * before it queues and sleeps), sending the unlocker to the hand-off
 * path. While the bit is set only wait_lock holders change the word, so
 * the hand-off's plain store is safe; it clears the bit with the last
 * waiter.
 *
 * Before sched_init there is no current task; the uncontended paths
 * still work (the boot code takes mutexes while single-threaded) with a
 * placeholder owner, and contention then is a bug.
 *
 * Completions count done events under their wait queue's lock; waiters
 * queue exclusively so complete() wakes exactly one.
 */
#include <kernel/clock.h>
#include <kernel/irq.h>
#include <kernel/mutex.h>
#include <kernel/panic.h>
#include <kernel/sched.h>

#include "internal.h"

#define BOOT_OWNER ((struct task *)8)   /* owner before the scheduler exists */
#define MUTEX_WAITERS 1UL
#define MUTEX_SPIN_NS 20000ULL          /* longest optimistic spin */
#define DONE_ALL   (~0u)                /* complete_all: stays done */

struct mutex_waiter {
	struct list_head node;   /* in mutex->waiters; wait_lock */
	struct task *task;
	bool granted;            /* wait_lock: ownership was handed to us */
};

static inline struct task *owner_self(void)
{
	struct task *t = current;

	return t ? t : BOOT_OWNER;
}

static inline struct task *owner_task(unsigned long word)
{
	return (struct task *)(word & ~MUTEX_WAITERS);
}

static inline bool owner_cmpxchg(struct mutex *m, unsigned long old, unsigned long new)
{
	return __atomic_compare_exchange_n(&m->owner, &old, new, false, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED);
}

void mutex_init(struct mutex *m, const char *name)
{
	spin_lock_init(&m->wait_lock, name);
	m->owner = 0;
	INIT_LIST_HEAD(&m->waiters);
	m->name = name;
}

/*
 * Spin while the owner runs on another CPU and nobody is queued; true if
 * we took the lock. The owner's task is read without a reference: it may
 * unlock, exit and be freed meanwhile, and then 'running' reads freed
 * slab memory, which is still mapped; the spin is bounded in time either
 * way. XXX Linux keeps it safe with RCU and queues spinners (osq).
 */
static bool mutex_spin(struct mutex *m, struct task *me)
{
	u64 end = 0;

	if (me == BOOT_OWNER || nr_cpus < 2)
		return false;
	for (;;) {
		unsigned long w = READ_ONCE(m->owner);
		struct task *o = owner_task(w);

		if (!w) {
			if (owner_cmpxchg(m, 0, (unsigned long)me))
				return true;
		} else if ((w & MUTEX_WAITERS) || o == BOOT_OWNER || o == me ||
			   !READ_ONCE(o->running)) {
			return false;
		}
		if (need_resched())
			return false;
		if (!end)
			end = ktime_get_ns() + MUTEX_SPIN_NS;
		else if (ktime_get_ns() > end)
			return false;
		cpu_relax();
	}
}

void mutex_lock(struct mutex *m)
{
	struct task *me = owner_self();
	struct mutex_waiter w;

	BUG_ON(in_interrupt());
	WARN_ON(preempt_count() != 0);          /* would sleep while atomic */
	if (owner_cmpxchg(m, 0, (unsigned long)me))
		return;
	if (mutex_spin(m, me))
		return;
	spin_lock(&m->wait_lock);
	for (;;) {
		unsigned long o = READ_ONCE(m->owner);

		if (!o) {
			/* Free, so nobody waits (the bit goes with the last
			 * waiter, and new waiters hold wait_lock). */
			if (owner_cmpxchg(m, 0, (unsigned long)me)) {
				spin_unlock(&m->wait_lock);
				return;
			}
			continue;
		}
		if (owner_task(o) == me)
			panic("mutex %s: recursive lock by %s", m->name,
			      current ? current->comm : "boot");
		if ((o & MUTEX_WAITERS) || owner_cmpxchg(m, o, o | MUTEX_WAITERS))
			break;
	}
	BUG_ON(me == BOOT_OWNER);               /* contention before the scheduler */

	w.task = me;
	w.granted = false;
	list_add_tail(&w.node, &m->waiters);
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		spin_unlock(&m->wait_lock);
		schedule();
		spin_lock(&m->wait_lock);
		if (w.granted)
			break;
	}
	__set_current_state(TASK_RUNNING);
	spin_unlock(&m->wait_lock);
}

bool mutex_trylock(struct mutex *m)
{
	return owner_cmpxchg(m, 0, (unsigned long)owner_self());
}

void mutex_unlock(struct mutex *m)
{
	struct task *me = owner_self();
	struct mutex_waiter *w;
	unsigned long o = (unsigned long)me;

	if (__atomic_compare_exchange_n(&m->owner, &o, 0, false, __ATOMIC_RELEASE,
					__ATOMIC_RELAXED))
		return;
	if (owner_task(o) != me)
		panic("mutex %s: unlocked by %s, which does not own it", m->name,
		      current ? current->comm : "boot");
	/* MUTEX_WAITERS is set: hand the mutex to the first waiter. */
	spin_lock(&m->wait_lock);
	w = list_first_entry(&m->waiters, struct mutex_waiter, node);
	list_del(&w->node);
	__atomic_store_n(&m->owner,
			 (unsigned long)w->task | (list_empty(&m->waiters) ? 0 : MUTEX_WAITERS),
			 __ATOMIC_RELEASE);
	w->granted = true;
	wake_up_process(w->task);
	spin_unlock(&m->wait_lock);
}

bool mutex_is_locked(struct mutex *m)
{
	return READ_ONCE(m->owner) != 0;
}

bool mutex_owned(struct mutex *m)
{
	return owner_task(READ_ONCE(m->owner)) == owner_self();
}

/* ---- completions ----------------------------------------------------------- */

void init_completion(struct completion *c)
{
	c->done = 0;
	init_waitqueue_head(&c->wq);
}

void reinit_completion(struct completion *c)
{
	c->done = 0;
}

void complete(struct completion *c)
{
	unsigned long flags;

	spin_lock_irqsave(&c->wq.lock, flags);
	if (c->done != DONE_ALL)
		c->done++;
	__wake_up_locked(&c->wq, 1, NULL);
	spin_unlock_irqrestore(&c->wq.lock, flags);
}

void complete_all(struct completion *c)
{
	unsigned long flags;

	spin_lock_irqsave(&c->wq.lock, flags);
	c->done = DONE_ALL;
	__wake_up_locked(&c->wq, 0, NULL);
	spin_unlock_irqrestore(&c->wq.lock, flags);
}

u64 wait_for_completion_timeout(struct completion *c, u64 ns)
{
	struct wait_queue_entry e;
	unsigned long flags;
	u64 left = ns;

	spin_lock_irqsave(&c->wq.lock, flags);
	if (!c->done) {
		if (!ns) {
			spin_unlock_irqrestore(&c->wq.lock, flags);
			return 0;
		}
		init_wait_entry(&e, WQ_FLAG_EXCLUSIVE);
		list_add_tail(&e.node, &c->wq.head);
		do {
			set_current_state(TASK_UNINTERRUPTIBLE);
			spin_unlock_irqrestore(&c->wq.lock, flags);
			left = schedule_timeout(left);
			spin_lock_irqsave(&c->wq.lock, flags);
		} while (!c->done && left);
		list_del(&e.node);
		__set_current_state(TASK_RUNNING);
		if (!c->done) {
			spin_unlock_irqrestore(&c->wq.lock, flags);
			return 0;
		}
	}
	if (c->done != DONE_ALL)
		c->done--;
	spin_unlock_irqrestore(&c->wq.lock, flags);
	return left ? left : 1;
}

void wait_for_completion(struct completion *c)
{
	wait_for_completion_timeout(c, SCHEDULE_TIMEOUT_MAX);
}

bool completion_done(struct completion *c)
{
	return READ_ONCE(c->done) != 0;
}
