/*
 * The waiting side of poll and select. A poll_wqueues collects one wait
 * entry per (file, wait queue) pair during the first pass over the files;
 * any wakeup on those queues marks it triggered and wakes the task, which
 * then makes another pass. The triggered flag is set before the wake and
 * tested after the task marks itself sleeping, so no wakeup between a pass
 * and the sleep is lost.
 */
#include <kernel/clock.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/poll.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include "select.h"

struct poll_entry {
	struct file *file;                 /* referenced while registered */
	struct wait_queue_head *wq;
	struct wait_queue_entry wait;
	struct poll_wqueues *owner;
};

#define POLL_ENTRIES_PER_PAGE ((PAGE_SIZE - sizeof(void *) - sizeof(int)) / sizeof(struct poll_entry))

struct poll_entry_page {
	struct poll_entry_page *next;
	int used;
	struct poll_entry entries[POLL_ENTRIES_PER_PAGE];
};

static int poll_wake(struct wait_queue_entry *w, void *key)
{
	struct poll_entry *e = container_of(w, struct poll_entry, wait);
	struct poll_wqueues *pw = e->owner;

	/* Seen by the poller after it set itself sleeping (see poll_schedule). */
	__atomic_store_n(&pw->triggered, true, __ATOMIC_RELEASE);
	return wake_up_process(pw->task);
}

static void poll_queue_proc(struct file *f, struct wait_queue_head *wq, struct poll_table *pt)
{
	struct poll_wqueues *pw = container_of(pt, struct poll_wqueues, pt);
	struct poll_entry_page *pg = pw->pages;
	struct poll_entry *e;

	if (!pg || pg->used == (int)POLL_ENTRIES_PER_PAGE) {
		pg = get_free_pages(GFP_KERNEL, 0);
		if (!pg) {
			pw->error = -ENOMEM;
			return;
		}
		pg->next = pw->pages;
		pg->used = 0;
		pw->pages = pg;
	}
	e = &pg->entries[pg->used++];
	e->file = file_get(f);
	e->wq = wq;
	e->owner = pw;
	init_wait_entry(&e->wait, 0);
	e->wait.func = poll_wake;
	e->wait.task = current;
	add_wait_queue(wq, &e->wait);
}

void poll_initwait(struct poll_wqueues *pw)
{
	pw->pt.queue = poll_queue_proc;
	pw->pt.key = ~0u;
	pw->pages = NULL;
	pw->task = current;
	pw->triggered = false;
	pw->error = 0;
}

void poll_freewait(struct poll_wqueues *pw)
{
	struct poll_entry_page *pg = pw->pages, *next;

	for (; pg; pg = next) {
		next = pg->next;
		for (int i = 0; i < pg->used; i++) {
			remove_wait_queue(pg->entries[i].wq, &pg->entries[i].wait);
			fput(pg->entries[i].file);
		}
		free_pages_addr(pg, 0);
	}
	pw->pages = NULL;
}

/*
 * Sleep until a registered queue fires, the deadline (absolute monotonic
 * ns; 0 = none) passes, or a signal arrives. Returns -ETIME on timeout,
 * -ERESTARTNOHAND on a signal, 0 otherwise.
 */
int poll_schedule(struct poll_wqueues *pw, u64 deadline)
{
	int ret = 0;

	set_current_state(TASK_INTERRUPTIBLE);
	if (!__atomic_load_n(&pw->triggered, __ATOMIC_ACQUIRE)) {
		if (signal_pending(current)) {
			ret = -ERESTARTNOHAND;
		} else if (deadline) {
			u64 now = ktime_get_ns();
			if (now >= deadline || !schedule_timeout(deadline - now))
				ret = -ETIME;
		} else {
			schedule();
		}
	}
	__set_current_state(TASK_RUNNING);
	__atomic_store_n(&pw->triggered, false, __ATOMIC_RELAXED);
	if (!ret && signal_pending(current))
		ret = -ERESTARTNOHAND;
	return ret;
}

/*
 * After a pass over the files: stop when something is ready, when only one
 * pass was asked for, on an error, at the deadline (*ret 0) or on a signal
 * (*ret -ERESTARTNOHAND); otherwise the task has slept and passes again.
 */
static bool pass_done(struct poll_wqueues *pw, int count, u64 deadline, bool nowait, int *ret)
{
	if (count || nowait)
		return true;
	if (pw->error) {
		*ret = pw->error;
		return true;
	}
	*ret = poll_schedule(pw, deadline);
	if (*ret == -ETIME) {
		*ret = 0;
		return true;
	}
	return *ret != 0;
}

unsigned vfs_poll(struct file *f, struct poll_table *pt)
{
	if (!f->f_op || !f->f_op->poll)
		return DEFAULT_POLLMASK;
	return f->f_op->poll(f, pt);
}

int do_poll(struct kpollfd *fds, unsigned nfds, u64 deadline, bool nowait)
{
	struct poll_wqueues pw;
	struct poll_table *pt = &pw.pt;
	int count, ret = 0;

	poll_initwait(&pw);
	if (nowait)
		pt = NULL;
	for (;;) {
		count = 0;
		for (unsigned i = 0; i < nfds; i++) {
			struct file *f;
			unsigned mask;

			fds[i].revents = 0;
			if (fds[i].fd < 0)
				continue;
			f = fget(fds[i].fd);
			if (!f) {
				fds[i].revents = POLLNVAL;
				count++;
				continue;
			}
			if (pt)
				pt->key = fds[i].events | POLLERR | POLLHUP;
			mask = vfs_poll(f, pt);
			fput(f);
			mask &= fds[i].events | POLLERR | POLLHUP;
			if (mask) {
				fds[i].revents = mask;
				count++;
				/* Found one: later files need not register. */
				pt = NULL;
			}
		}
		pt = NULL;
		if (pass_done(&pw, count, deadline, nowait, &ret))
			break;
	}
	poll_freewait(&pw);
	return ret ? ret : count;
}

/* select: bit i of in/out/ex for fd i; results replace the sets. */
int do_select(int n, u64 *in, u64 *out, u64 *ex, u64 *rin, u64 *rout, u64 *rex, u64 deadline,
	      bool nowait)
{
	struct poll_wqueues pw;
	struct poll_table *pt = &pw.pt;
	int count, ret = 0, words = (n + 63) / 64;

	poll_initwait(&pw);
	if (nowait)
		pt = NULL;
	for (;;) {
		count = 0;
		for (int w = 0; w < words; w++) {
			u64 all = in[w] | out[w] | ex[w];

			rin[w] = rout[w] = rex[w] = 0;
			for (int b = 0; b < 64 && all; b++) {
				u64 bit = 1ULL << b;
				int fd = w * 64 + b;
				struct file *f;
				unsigned mask;

				if (!(all & bit) || fd >= n)
					continue;
				f = fget(fd);
				if (!f) {
					ret = -EBADF;
					goto out;
				}
				if (pt)
					pt->key = (in[w] & bit ? POLLIN | POLLRDNORM | POLLHUP | POLLERR : 0) |
						  (out[w] & bit ? POLLOUT | POLLWRNORM | POLLERR : 0) |
						  (ex[w] & bit ? POLLPRI : 0);
				mask = vfs_poll(f, pt);
				fput(f);
				if ((in[w] & bit) && (mask & (POLLIN | POLLRDNORM | POLLHUP | POLLERR))) {
					rin[w] |= bit;
					count++;
				}
				if ((out[w] & bit) && (mask & (POLLOUT | POLLWRNORM | POLLERR))) {
					rout[w] |= bit;
					count++;
				}
				if ((ex[w] & bit) && (mask & POLLPRI)) {
					rex[w] |= bit;
					count++;
				}
			}
		}
		pt = NULL;
		if (pass_done(&pw, count, deadline, nowait, &ret))
			break;
	}
out:
	poll_freewait(&pw);
	return ret ? ret : count;
}
