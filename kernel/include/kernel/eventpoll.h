/*
 * Event files (kernel/fs/eventpoll.c, eventfd.c, timerfd.c, signalfd.c):
 * epoll instances, eventfd counters, timerfds and signalfds. All are
 * anonymous-inode files that take part in poll through f_op->poll; epoll
 * watches any file that has one. linuxabi/epoll.c holds the syscalls.
 */
#ifndef KERNEL_EVENTPOLL_H
#define KERNEL_EVENTPOLL_H

#include <kernel/fs.h>
#include <kernel/signal.h>
#include <kernel/types.h>
#include <linuxabi/uapi/epoll.h>

/* A file on an anonymous inode of the pseudo filesystem (mode 0600, no
 * file type, as Linux's anon_inode files), with priv in private_data.
 * flags: LINUX_O_ACCMODE | LINUX_O_NONBLOCK. ERR_PTR on failure. */
struct file *anon_inode_getfile(const char *name, const struct file_operations *fops,
				void *priv, unsigned flags);

/* epoll */
struct file *eventpoll_create(void);
bool file_is_eventpoll(struct file *f);
/* op: LINUX_EPOLL_CTL_*; tf is the file at fd (referenced by the caller);
 * ev is ignored for DEL. Linux's errors (EINVAL, EPERM, EEXIST, ENOENT, ELOOP). */
int eventpoll_ctl(struct file *epf, int op, int fd, struct file *tf,
		  const struct linux_epoll_event *ev);
/* Wait for events, copied to uev (at most maxevents). deadline: absolute
 * monotonic ns, 0 = none; nowait: do not sleep. Returns the count, 0 on
 * timeout, -EINTR on a signal, -EFAULT if nothing could be copied. */
int eventpoll_wait(struct file *epf, struct linux_epoll_event __user *uev, int maxevents,
		   u64 deadline, bool nowait);
/* The VFS hook: f's last reference is going; drop it from every epoll
 * interest list (kernel/fs/file.c calls it before ->release). */
void eventpoll_release(struct file *f);

/* eventfd: flags LINUX_EFD_SEMAPHORE | LINUX_EFD_NONBLOCK */
struct file *eventfd_create(u64 count, int flags);
/* Add n to the counter from kernel code (saturating as Linux's eventfd_signal). */
int eventfd_signal(struct file *f, u64 n);

/* timerfd: times in ns; value 0 disarms. */
struct timerfd_spec {
	u64 value;
	u64 interval;
};
struct file *timerfd_create(int clockid, int flags);
bool file_is_timerfd(struct file *f);
int timerfd_settime(struct file *f, int flags, const struct timerfd_spec *new,
		    struct timerfd_spec *old);
int timerfd_gettime(struct file *f, struct timerfd_spec *cur);

/* signalfd */
struct file *signalfd_create(const sigset_t *mask, int flags);
bool file_is_signalfd(struct file *f);
void signalfd_set_mask(struct file *f, const sigset_t *mask);
/* Called by the signal code (siglock held) whenever a signal is queued. */
void signalfd_notify(void);

/* From kernel/proc/signal.c, for signalfd: take current's next pending
 * signal that is in mask, blocked or not (0 if none); the pending signals
 * of current (private and shared). */
int proc_dequeue_signal_mask(const sigset_t *mask, ksiginfo_t *info);
u64 proc_pending_signals(void);

#endif
