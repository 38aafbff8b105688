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

#define BOOT_OWNER ((struct task *)1)   /* owner before the scheduler exists */
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

void mutex_init(struct mutex *m, const char *name)
{
	spin_lock_init(&m->wait_lock, name);
	m->owner = NULL;
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
		struct task *o = READ_ONCE(m->owner);

		if (!o) {
			if (mutex_trylock(m))
				return true;
		} else if (o == BOOT_OWNER || o == me || !READ_ONCE(o->running)) {
			return false;
		}
		if (!list_empty(&m->waiters) || need_resched())
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
	if (READ_ONCE(m->owner) && mutex_spin(m, me))
		return;
	spin_lock(&m->wait_lock);
	if (!m->owner) {
		m->owner = me;
		spin_unlock(&m->wait_lock);
		return;
	}
	if (m->owner == me)
		panic("mutex %s: recursive lock by %s", m->name, current ? current->comm : "boot");
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
	bool got = false;

	spin_lock(&m->wait_lock);
	if (!m->owner) {
		m->owner = owner_self();
		got = true;
	}
	spin_unlock(&m->wait_lock);
	return got;
}

void mutex_unlock(struct mutex *m)
{
	struct task *me = owner_self();

	spin_lock(&m->wait_lock);
	if (m->owner != me)
		panic("mutex %s: unlocked by %s, which does not own it", m->name,
		      current ? current->comm : "boot");
	if (list_empty(&m->waiters)) {
		m->owner = NULL;
	} else {
		struct mutex_waiter *w = list_first_entry(&m->waiters, struct mutex_waiter, node);

		list_del(&w->node);
		m->owner = w->task;
		w->granted = true;
		wake_up_process(w->task);
	}
	spin_unlock(&m->wait_lock);
}

bool mutex_is_locked(struct mutex *m)
{
	return READ_ONCE(m->owner) != NULL;
}

bool mutex_owned(struct mutex *m)
{
	return READ_ONCE(m->owner) == owner_self();
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
