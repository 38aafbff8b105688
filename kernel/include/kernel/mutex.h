/*
 * Sleeping mutexes (for filesystems and anything that may block while
 * holding the lock) and completions (one-shot events).
 */
#ifndef KERNEL_MUTEX_H
#define KERNEL_MUTEX_H

#include <kernel/waitqueue.h>

/* owner: the owning task's address, or 0 when free, with MUTEX_WAITERS
 * (bit 0) set while waiters is not empty; changed by cmpxchg, or under
 * wait_lock with the bit set (see kernel/sched/mutex.c). */
struct mutex {
	unsigned long owner;
	spinlock_t wait_lock;
	struct list_head waiters;/* FIFO of struct mutex_waiter; wait_lock */
	const char *name;
};

#define MUTEX_INIT(n) { 0, SPINLOCK_INIT(#n), LIST_HEAD_INIT((n).waiters), #n }
#define DEFINE_MUTEX(n) struct mutex n = MUTEX_INIT(n)

void mutex_init(struct mutex *m, const char *name);
void mutex_lock(struct mutex *m);
bool mutex_trylock(struct mutex *m);
void mutex_unlock(struct mutex *m);
bool mutex_is_locked(struct mutex *m);
bool mutex_owned(struct mutex *m);       /* by the current task */

struct completion {
	unsigned done;           /* wq.lock */
	struct wait_queue_head wq;
};

#define COMPLETION_INIT(n) { 0, WAIT_QUEUE_HEAD_INIT((n).wq) }
#define DECLARE_COMPLETION(n) struct completion n = COMPLETION_INIT(n)

void init_completion(struct completion *c);
void reinit_completion(struct completion *c);
void complete(struct completion *c);
void complete_all(struct completion *c);
void wait_for_completion(struct completion *c);
/* Returns ns left (>= 1) if completed, 0 on timeout. */
u64 wait_for_completion_timeout(struct completion *c, u64 ns);
bool completion_done(struct completion *c);

#endif
