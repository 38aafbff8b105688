/* Internal to poll/select (kernel/fs/select.c, linuxabi/poll.c). */
#ifndef KERNEL_FS_SELECT_H
#define KERNEL_FS_SELECT_H

#include <kernel/poll.h>

struct poll_entry_page;

struct poll_wqueues {
	struct poll_table pt;
	struct poll_entry_page *pages;
	struct task *task;
	bool triggered;         /* a registered queue fired since the last pass */
	int error;
};

struct kpollfd {                /* Linux's struct pollfd */
	int fd;
	short events;
	short revents;
};

void poll_initwait(struct poll_wqueues *pw);
void poll_freewait(struct poll_wqueues *pw);
int poll_schedule(struct poll_wqueues *pw, u64 deadline);
/* deadline: absolute monotonic ns, 0 = wait forever; nowait: one pass only.
 * Return the number of ready entries, or -errno (-ERESTARTNOHAND: signal). */
int do_poll(struct kpollfd *fds, unsigned nfds, u64 deadline, bool nowait);
int do_select(int n, u64 *in, u64 *out, u64 *ex, u64 *rin, u64 *rout, u64 *rex, u64 deadline,
	      bool nowait);

#endif
