/*
 * Waiting on many files at once (poll, select; epoll later). A file type
 * takes part by implementing f_op->poll: it reports the events that are
 * ready now and, when given a poll_table, registers the wait queues whose
 * wakeups may change that (poll_wait). Files without ->poll are always
 * readable and writable, as on Linux (DEFAULT_POLLMASK).
 */
#ifndef KERNEL_POLL_H
#define KERNEL_POLL_H

#include <kernel/fs.h>
#include <kernel/types.h>
#include <kernel/waitqueue.h>

/* Linux's event bits (the ABI) */
#define POLLIN     0x0001
#define POLLPRI    0x0002
#define POLLOUT    0x0004
#define POLLERR    0x0008
#define POLLHUP    0x0010
#define POLLNVAL   0x0020
#define POLLRDNORM 0x0040
#define POLLRDBAND 0x0080
#define POLLWRNORM 0x0100
#define POLLWRBAND 0x0200
#define POLLMSG    0x0400
#define POLLRDHUP  0x2000

#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

struct poll_table {
	/* Called for each wait queue the file may be woken on; NULL once the
	 * waiter is registered everywhere (later passes only re-check). */
	void (*queue)(struct file *f, struct wait_queue_head *wq, struct poll_table *pt);
	unsigned key;     /* the events the caller wants */
};

static inline void poll_wait(struct file *f, struct wait_queue_head *wq, struct poll_table *pt)
{
	if (pt && pt->queue && wq)
		pt->queue(f, wq, pt);
}

/* The file's ready events (registering on pt if given). */
unsigned vfs_poll(struct file *f, struct poll_table *pt);

#endif
