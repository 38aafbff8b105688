/*
 * epoll_create/create1/ctl/wait/pwait/pwait2, eventfd/eventfd2,
 * timerfd_create/settime/gettime, signalfd/signalfd4: argument checks,
 * copies and descriptor installation; the files themselves live in
 * kernel/fs/eventpoll.c, eventfd.c, timerfd.c and signalfd.c.
 */
#include <kernel/clock.h>
#include <kernel/errno.h>
#include <kernel/eventpoll.h>
#include <kernel/fs.h>
#include <kernel/proc.h>
#include <kernel/signal.h>
#include <kernel/uaccess.h>
#include <linuxabi/uapi/epoll.h>
#include <linuxabi/uapi/time.h>

#define EP_MAX_EVENTS (0x7fffffff / (int)sizeof(struct linux_epoll_event))

static long install(struct file *f, bool cloexec)
{
	int fd;

	if (IS_ERR(f))
		return PTR_ERR(f);
	fd = fd_install_new(f, cloexec);
	if (fd < 0)
		fput(f);
	return fd;
}

/* ---- epoll ---- */

long sys_epoll_create1(int flags)
{
	if (flags & ~LINUX_EPOLL_CLOEXEC)
		return -EINVAL;
	return install(eventpoll_create(), flags & LINUX_EPOLL_CLOEXEC);
}

long sys_epoll_create(int size)
{
	if (size <= 0)
		return -EINVAL;
	return install(eventpoll_create(), false);
}

long sys_epoll_ctl(int epfd, int op, int fd, struct linux_epoll_event __user *uev)
{
	struct linux_epoll_event ev;
	struct file *f, *tf;
	long ret;

	/* As Linux: the event is read first for every op but DEL. */
	if (op != LINUX_EPOLL_CTL_DEL && copy_from_user(&ev, uev, sizeof(ev)))
		return -EFAULT;
	f = fget(epfd);
	if (!f)
		return -EBADF;
	tf = fget(fd);
	if (!tf) {
		fput(f);
		return -EBADF;
	}
	ret = eventpoll_ctl(f, op, fd, tf, op != LINUX_EPOLL_CTL_DEL ? &ev : NULL);
	fput(tf);
	fput(f);
	return ret;
}

static long epoll_wait_common(int epfd, struct linux_epoll_event __user *uev, int maxevents,
			      u64 deadline, bool nowait)
{
	struct fd f;
	long ret;

	if (maxevents <= 0 || maxevents > EP_MAX_EVENTS)
		return -EINVAL;
	if (!access_ok(uev, (size_t)maxevents * sizeof(*uev)))
		return -EFAULT;
	f = fdget(epfd);
	if (!f.file)
		return -EBADF;
	if (!file_is_eventpoll(f.file))
		ret = -EINVAL;
	else
		ret = eventpoll_wait(f.file, uev, maxevents, deadline, nowait);
	fdput(f);
	return ret;
}

static void ms_to_deadline(int timeout, u64 *deadline, bool *nowait)
{
	*nowait = timeout == 0;
	*deadline = timeout > 0 ? ktime_get_ns() + (u64)timeout * NSEC_PER_MSEC : 0;
}

long sys_epoll_wait(int epfd, struct linux_epoll_event __user *uev, int maxevents, int timeout)
{
	u64 deadline;
	bool nowait;

	ms_to_deadline(timeout, &deadline, &nowait);
	return epoll_wait_common(epfd, uev, maxevents, deadline, nowait);
}

long sys_epoll_pwait(int epfd, struct linux_epoll_event __user *uev, int maxevents, int timeout,
		     const sigset_t __user *usig, size_t sigsetsize)
{
	u64 deadline;
	bool nowait;
	long ret;

	ms_to_deadline(timeout, &deadline, &nowait);
	ret = set_user_sigmask(usig, sigsetsize);
	if (ret)
		return ret;
	ret = epoll_wait_common(epfd, uev, maxevents, deadline, nowait);
	restore_saved_sigmask_unless(ret == -EINTR);
	return ret;
}

long sys_epoll_pwait2(int epfd, struct linux_epoll_event __user *uev, int maxevents,
		      const struct linux_timespec __user *utmo, const sigset_t __user *usig,
		      size_t sigsetsize)
{
	struct linux_timespec ts;
	u64 deadline = 0;
	bool nowait = false;
	long ret;

	if (utmo) {
		if (copy_from_user(&ts, utmo, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (long)NSEC_PER_SEC)
			return -EINVAL;
		nowait = !ts.tv_sec && !ts.tv_nsec;
		if ((u64)ts.tv_sec <= 100ULL * 365 * 86400)   /* beyond: forever */
			deadline = ktime_get_ns() + (u64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	}
	ret = set_user_sigmask(usig, sigsetsize);
	if (ret)
		return ret;
	ret = epoll_wait_common(epfd, uev, maxevents, deadline, nowait);
	restore_saved_sigmask_unless(ret == -EINTR);
	return ret;
}

/* ---- eventfd ---- */

long sys_eventfd2(unsigned int count, int flags)
{
	if (flags & ~(LINUX_EFD_SEMAPHORE | LINUX_EFD_CLOEXEC | LINUX_EFD_NONBLOCK))
		return -EINVAL;
	return install(eventfd_create(count, flags), flags & LINUX_EFD_CLOEXEC);
}

long sys_eventfd(unsigned int count)
{
	return sys_eventfd2(count, 0);
}

/* ---- timerfd ---- */

long sys_timerfd_create(int clockid, int flags)
{
	if (flags & ~(LINUX_TFD_CLOEXEC | LINUX_TFD_NONBLOCK))
		return -EINVAL;
	return install(timerfd_create(clockid, flags), flags & LINUX_TFD_CLOEXEC);
}

static bool timespec_ok(const struct linux_timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < (long)NSEC_PER_SEC;
}

static u64 timespec_ns(const struct linux_timespec *ts)
{
	/* Far-future times saturate rather than wrap. */
	if ((u64)ts->tv_sec >= (~0ULL - NSEC_PER_SEC) / NSEC_PER_SEC)
		return ~0ULL >> 1;
	return (u64)ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}

static void ns_timespec(u64 ns, struct linux_timespec *ts)
{
	ts->tv_sec = ns / NSEC_PER_SEC;
	ts->tv_nsec = ns % NSEC_PER_SEC;
}

static void spec_to_user_form(const struct timerfd_spec *s, struct linux_itimerspec *its)
{
	ns_timespec(s->value, &its->it_value);
	ns_timespec(s->interval, &its->it_interval);
}

long sys_timerfd_settime(int fd, int flags, const struct linux_itimerspec __user *unew,
			 struct linux_itimerspec __user *uold)
{
	struct linux_itimerspec its;
	struct timerfd_spec new, old;
	struct file *f;
	long ret;

	if (copy_from_user(&its, unew, sizeof(its)))
		return -EFAULT;
	if (flags & ~(LINUX_TFD_TIMER_ABSTIME | LINUX_TFD_TIMER_CANCEL_ON_SET))
		return -EINVAL;
	if (!timespec_ok(&its.it_value) || !timespec_ok(&its.it_interval))
		return -EINVAL;
	new.value = timespec_ns(&its.it_value);
	new.interval = timespec_ns(&its.it_interval);
	f = fget(fd);
	if (!f)
		return -EBADF;
	ret = timerfd_settime(f, flags, &new, &old);
	fput(f);
	if (!ret && uold) {
		spec_to_user_form(&old, &its);
		if (copy_to_user(uold, &its, sizeof(its)))
			ret = -EFAULT;
	}
	return ret;
}

long sys_timerfd_gettime(int fd, struct linux_itimerspec __user *ucur)
{
	struct linux_itimerspec its;
	struct timerfd_spec cur;
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = timerfd_gettime(f, &cur);
	fput(f);
	if (ret)
		return ret;
	spec_to_user_form(&cur, &its);
	if (copy_to_user(ucur, &its, sizeof(its)))
		return -EFAULT;
	return 0;
}

/* ---- signalfd ---- */

long sys_signalfd4(int ufd, const sigset_t __user *umask, size_t sizemask, int flags)
{
	sigset_t mask;
	struct file *f;

	if (flags & ~(LINUX_SFD_CLOEXEC | LINUX_SFD_NONBLOCK))
		return -EINVAL;
	if (sizemask != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	if (ufd == -1)
		return install(signalfd_create(&mask, flags), flags & LINUX_SFD_CLOEXEC);
	f = fget(ufd);
	if (!f)
		return -EBADF;
	if (!file_is_signalfd(f)) {
		fput(f);
		return -EINVAL;
	}
	signalfd_set_mask(f, &mask);
	fput(f);
	return ufd;
}

long sys_signalfd(int ufd, const sigset_t __user *umask, size_t sizemask)
{
	return sys_signalfd4(ufd, umask, sizemask, 0);
}
