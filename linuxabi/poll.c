/*
 * poll(2), ppoll(2), select(2), pselect6(2): argument checking, copying and
 * timeouts; the waiting is kernel/fs/select.c. Remaining time is written
 * back for select, pselect6 and ppoll, as Linux's raw syscalls do.
 */
#include <kernel/clock.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/proc.h>
#include <kernel/signal.h>
#include <kernel/uaccess.h>
#include <linuxabi/uapi/time.h>
#include "../kernel/fs/select.h"
#include "time_conv.h"

#define POLL_MAX_FDS 1048576    /* RLIMIT_NOFILE's hard ceiling: EINVAL beyond */
#define FD_SETSIZE_MAX (1 << 20)

static int timespec_to_deadline(const struct linux_timespec *ts, u64 *deadline, bool *nowait)
{
	u64 ns;

	if (!ts_valid(ts))
		return -EINVAL;
	*nowait = !ts->tv_sec && !ts->tv_nsec;
	ns = ts_to_ns(ts);
	/* deadline 0 means no deadline: what saturated waits forever. */
	*deadline = ns == TIME_NS_FOREVER ? 0 : ktime_get_ns() + ns;
	return 0;
}

static void remaining(u64 deadline, struct linux_timespec *ts)
{
	u64 now = ktime_get_ns(), left = deadline > now ? deadline - now : 0;

	ts->tv_sec = left / NSEC_PER_SEC;
	ts->tv_nsec = left % NSEC_PER_SEC;
}

static long poll_common(void __user *ufds, unsigned long nfds, u64 deadline,
			bool nowait)
{
	struct kpollfd stack_fds[32], *fds = stack_fds;
	long ret;

	/* Linux: more entries than RLIMIT_NOFILE allows descriptors is EINVAL. */
	if (nfds > POLL_MAX_FDS || nfds > fd_nofile_limit())
		return -EINVAL;
	if (nfds > ARRAY_SIZE(stack_fds)) {
		fds = kcalloc(nfds, sizeof(*fds), GFP_KERNEL);
		if (!fds)
			return -ENOMEM;
	}
	if (copy_from_user(fds, ufds, nfds * sizeof(*fds))) {
		ret = -EFAULT;
		goto out;
	}
	ret = do_poll(fds, nfds, deadline, nowait);
	if (ret >= 0) {
		/* Only revents changes; write back each entry's revents. */
		for (unsigned long i = 0; i < nfds; i++)
			if (copy_to_user((char __user *)ufds + i * sizeof(*fds) + 6, &fds[i].revents, 2)) {
				ret = -EFAULT;
				break;
			}
	}
out:
	if (fds != stack_fds)
		kfree(fds);
	return ret;
}

long sys_poll(void __user *ufds, unsigned long nfds, int timeout_ms)
{
	u64 deadline = 0;
	bool nowait = timeout_ms == 0;

	if (timeout_ms > 0)
		deadline = ktime_get_ns() + (u64)timeout_ms * NSEC_PER_MSEC;
	/* XXX: Linux restarts an interrupted poll with the time left (restart block). */
	return poll_common(ufds, nfds, deadline, nowait);
}

/* Copy and check a timeout; NULL leaves deadline 0 (wait forever). */
static int get_timeout(const struct linux_timespec __user *utmo, u64 *deadline, bool *nowait)
{
	struct linux_timespec ts;

	*deadline = 0;
	*nowait = false;
	if (!utmo)
		return 0;
	if (copy_from_user(&ts, utmo, sizeof(ts)))
		return -EFAULT;
	return timespec_to_deadline(&ts, deadline, nowait);
}

/* Write the time left back, as Linux's raw ppoll and pselect6 do. */
static long put_remaining(struct linux_timespec __user *utmo, u64 deadline, bool nowait, long ret)
{
	struct linux_timespec ts;

	if (!utmo || !deadline || nowait)
		return ret;
	remaining(deadline, &ts);
	if (copy_to_user(utmo, &ts, sizeof(ts)) && ret >= 0)
		return -EFAULT;
	return ret;
}

long sys_ppoll(void __user *ufds, unsigned long nfds, struct linux_timespec __user *utmo,
	       const sigset_t __user *usig, size_t sigsetsize)
{
	u64 deadline;
	bool nowait;
	long ret;

	ret = get_timeout(utmo, &deadline, &nowait);
	if (!ret)
		ret = set_user_sigmask(usig, sigsetsize);
	if (ret)
		return ret;
	ret = poll_common(ufds, nfds, deadline, nowait);
	restore_saved_sigmask_unless(ret == -ERESTARTNOHAND);
	return put_remaining(utmo, deadline, nowait, ret);
}

static long select_common(int n, u64 __user *uin, u64 __user *uout, u64 __user *uex, u64 deadline,
			  bool nowait)
{
	int words, bytes;
	u64 *buf;
	long ret;

	if (n < 0)
		return -EINVAL;
	if (n > FD_SETSIZE_MAX)
		n = FD_SETSIZE_MAX;   /* XXX: Linux clamps to the fd table size */
	words = (n + 63) / 64;
	bytes = words * 8;
	buf = kzalloc(6 * (size_t)bytes + 8, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	/* Only the first n bits of the last word belong to the caller. */
	if ((uin && copy_from_user(buf, uin, DIV_ROUND_UP(n, 8))) ||
	    (uout && copy_from_user(buf + words, uout, DIV_ROUND_UP(n, 8))) ||
	    (uex && copy_from_user(buf + 2 * words, uex, DIV_ROUND_UP(n, 8)))) {
		ret = -EFAULT;
		goto out;
	}
	if (n % 64)
		for (int i = 0; i < 3; i++)
			buf[i * words + words - 1] &= (1ULL << (n % 64)) - 1;
	ret = do_select(n, buf, buf + words, buf + 2 * words, buf + 3 * words, buf + 4 * words,
			buf + 5 * words, deadline, nowait);
	if (ret >= 0) {
		if ((uin && copy_to_user(uin, buf + 3 * words, DIV_ROUND_UP(n, 8))) ||
		    (uout && copy_to_user(uout, buf + 4 * words, DIV_ROUND_UP(n, 8))) ||
		    (uex && copy_to_user(uex, buf + 5 * words, DIV_ROUND_UP(n, 8))))
			ret = -EFAULT;
	}
out:
	kfree(buf);
	return ret;
}

long sys_select(int n, u64 __user *in, u64 __user *out, u64 __user *ex,
		struct linux_timeval __user *utv)
{
	struct linux_timeval tv;
	struct linux_timespec ts;
	u64 deadline = 0;
	bool nowait = false;
	long ret;

	if (utv) {
		if (copy_from_user(&tv, utv, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0)
			return -EINVAL;
		/* Linux normalizes tv_usec >= 1000000 rather than failing */
		ts.tv_sec = tv.tv_sec + tv.tv_usec / 1000000;
		ts.tv_nsec = (tv.tv_usec % 1000000) * 1000;
		ret = timespec_to_deadline(&ts, &deadline, &nowait);
		if (ret)
			return ret;
	}
	ret = select_common(n, in, out, ex, deadline, nowait);
	if (utv && deadline && !nowait) {
		remaining(deadline, &ts);
		tv.tv_sec = ts.tv_sec;
		tv.tv_usec = ts.tv_nsec / 1000;
		if (copy_to_user(utv, &tv, sizeof(tv)) && ret >= 0)
			ret = -EFAULT;
	}
	return ret;
}

long sys_pselect6(int n, u64 __user *in, u64 __user *out, u64 __user *ex,
		  struct linux_timespec __user *utmo, void __user *usig)
{
	struct {
		const sigset_t __user *ss;
		size_t ss_len;
	} sigarg = { NULL, 0 };
	u64 deadline;
	bool nowait;
	long ret;

	ret = get_timeout(utmo, &deadline, &nowait);
	if (ret)
		return ret;
	if (usig && copy_from_user(&sigarg, usig, sizeof(sigarg)))
		return -EFAULT;
	ret = set_user_sigmask(sigarg.ss, sigarg.ss_len);
	if (ret)
		return ret;
	ret = select_common(n, in, out, ex, deadline, nowait);
	restore_saved_sigmask_unless(ret == -ERESTARTNOHAND);
	return put_remaining(utmo, deadline, nowait, ret);
}
