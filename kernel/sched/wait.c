/*
 * Wait queues. A sleeper puts an entry on the queue and sets its state
 * under the queue lock (prepare_to_wait), re-checks its condition, and
 * calls schedule(); a waker changes the condition, then walks the queue
 * under the same lock calling each entry's wake function. Because the
 * sleeper's state is set before its check and the waker's condition store
 * precedes its wakeup (whose pi_lock is a full barrier), either the
 * sleeper sees the condition or the waker sees the sleeper: no lost
 * wakeups.
 *
 * Entries stay queued when woken (default_wake_function does not remove
 * them), so a waiter that loops with add_wait_queue/remove_wait_queue sees
 * every wakeup; prepare_to_wait does not add an entry twice.
 * Non-exclusive entries go at the head, exclusive ones at the tail, so one
 * pass wakes all the former and then nr of the latter.
 *
 * Queue locks are taken with interrupts off: interrupt handlers wake.
 */
#include <kernel/panic.h>
#include <kernel/sched.h>
#include <kernel/waitqueue.h>

#include "internal.h"

void init_waitqueue_head(struct wait_queue_head *wq)
{
	spin_lock_init(&wq->lock, "waitqueue");
	INIT_LIST_HEAD(&wq->head);
}

void init_wait_entry(struct wait_queue_entry *e, unsigned flags)
{
	e->task = current;
	e->flags = flags;
	e->func = default_wake_function;
	e->private = NULL;
	INIT_LIST_HEAD(&e->node);
}

/* Caller holds wq->lock. */
static void wq_add_locked(struct wait_queue_head *wq, struct wait_queue_entry *e)
{
	if (e->flags & WQ_FLAG_EXCLUSIVE)
		list_add_tail(&e->node, &wq->head);
	else
		list_add(&e->node, &wq->head);
}

void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *e, int state)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	if (list_empty(&e->node))
		wq_add_locked(wq, e);
	set_current_state(state);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *e)
{
	unsigned long flags;

	__set_current_state(TASK_RUNNING);
	spin_lock_irqsave(&wq->lock, flags);
	if (!list_empty(&e->node))
		list_del_init(&e->node);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *e)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	wq_add_locked(wq, e);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *e)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	if (!list_empty(&e->node))
		list_del_init(&e->node);
	spin_unlock_irqrestore(&wq->lock, flags);
}

int default_wake_function(struct wait_queue_entry *e, void *key)
{
	return wake_up_process(e->task);
}

/* Caller holds wq->lock. nr_exclusive 0: wake everyone. An exclusive
 * entry counts only if its task was actually asleep, so a waiter that is
 * already awake does not absorb a wakeup meant for a sleeper. */
void __wake_up_locked(struct wait_queue_head *wq, int nr_exclusive, void *key)
{
	struct wait_queue_entry *e, *n;

	list_for_each_entry_safe(e, n, &wq->head, node) {
		int woke = e->func(e, key);

		if (woke && (e->flags & WQ_FLAG_EXCLUSIVE) && nr_exclusive > 0 &&
		    --nr_exclusive == 0)
			break;
	}
}

static void wake_up_common(struct wait_queue_head *wq, int nr_exclusive, bool sync)
{
	unsigned long flags;
	bool old;

	spin_lock_irqsave(&wq->lock, flags);
	old = sched_wake_sync_begin(sync);
	__wake_up_locked(wq, nr_exclusive, NULL);
	sched_wake_sync_end(old);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void wake_up(struct wait_queue_head *wq)
{
	wake_up_common(wq, 1, false);
}

void wake_up_all(struct wait_queue_head *wq)
{
	wake_up_common(wq, 0, false);
}

/* The waker is about to sleep (a pipe or socket writer that waits for the
 * reply or for room, a reader that emptied what it waits on): the wakee
 * may be put on the waker's CPU, where it runs once the waker sleeps. */
void wake_up_sync(struct wait_queue_head *wq)
{
	wake_up_common(wq, 1, true);
}

void wake_up_all_sync(struct wait_queue_head *wq)
{
	wake_up_common(wq, 0, true);
}

/* nr exclusive waiters (0: all, as in Linux). */
void wake_up_nr(struct wait_queue_head *wq, int nr)
{
	wake_up_common(wq, nr > 0 ? nr : 0, false);
}

/* Lockless: the caller must order its condition store before this check
 * (a full barrier), or it may miss a waiter that is just arriving. */
bool waitqueue_active(struct wait_queue_head *wq)
{
	return !list_empty(&wq->head);
}
