/*
 * Wait queues: the one mechanism every sleep goes through. A waiter adds an
 * entry, sets its state, re-checks its condition and calls schedule(); a
 * waker changes the condition and calls wake_up(). Exclusive waiters are
 * woken one at a time (wake_up), all others every time.
 */
#ifndef KERNEL_WAITQUEUE_H
#define KERNEL_WAITQUEUE_H

#include <kernel/list.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>

struct wait_queue_entry;
typedef int (*wait_func_t)(struct wait_queue_entry *e, void *key);

struct wait_queue_entry {
	struct task *task;
	unsigned flags;          /* WQ_FLAG_EXCLUSIVE */
	wait_func_t func;        /* default: wake e->task */
	void *private;
	struct list_head node;
};

#define WQ_FLAG_EXCLUSIVE 1

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};

#define WAIT_QUEUE_HEAD_INIT(name) { SPINLOCK_INIT(#name), LIST_HEAD_INIT((name).head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) struct wait_queue_head name = WAIT_QUEUE_HEAD_INIT(name)

void init_waitqueue_head(struct wait_queue_head *wq);
void init_wait_entry(struct wait_queue_entry *e, unsigned flags);
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *e, int state);
void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *e);
void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *e);
void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *e);
int default_wake_function(struct wait_queue_entry *e, void *key);

void wake_up(struct wait_queue_head *wq);       /* all non-exclusive + one exclusive */
void wake_up_all(struct wait_queue_head *wq);
void wake_up_nr(struct wait_queue_head *wq, int nr);
/* The same, from a waker that is about to sleep (Linux's _sync wakeups:
 * the wakee may be placed on the waker's CPU). Only a hint. */
void wake_up_sync(struct wait_queue_head *wq);
void wake_up_all_sync(struct wait_queue_head *wq);
bool waitqueue_active(struct wait_queue_head *wq);

/* Sleep in state until cond holds; the loop every wait_event form shares. */
#define __wait_event_state(wq, cond, state)                              \
	do {                                                             \
		struct wait_queue_entry __e;                             \
		init_wait_entry(&__e, 0);                                \
		for (;;) {                                               \
			prepare_to_wait((wq), &__e, (state));            \
			if (cond)                                        \
				break;                                   \
			schedule();                                      \
		}                                                        \
		finish_wait((wq), &__e);                                 \
	} while (0)

#define wait_event(wq, cond) __wait_event_state(wq, cond, TASK_UNINTERRUPTIBLE)
/* A kernel thread waiting for work (TASK_IDLE: not counted as stuck by
 * khungtaskd). */
#define wait_event_idle(wq, cond) __wait_event_state(wq, cond, TASK_IDLE)
/* Returns ns left (>= 1) when cond became true, 0 on timeout. */
#define wait_event_timeout(wq, cond, ns)                                 \
	({                                                               \
		struct wait_queue_entry __e;                             \
		u64 __left = (ns);                                       \
		init_wait_entry(&__e, 0);                                \
		for (;;) {                                               \
			prepare_to_wait((wq), &__e, TASK_UNINTERRUPTIBLE); \
			if (cond) {                                      \
				if (!__left)                             \
					__left = 1;                      \
				break;                                   \
			}                                                \
			if (!__left)                                     \
				break;                                   \
			__left = schedule_timeout(__left);               \
		}                                                        \
		finish_wait((wq), &__e);                                 \
		__left;                                                  \
	})

#endif
