/*
 * timerfd: a timer whose expirations are read as a u64 count. Built on a
 * ktimer (monotonic ns, callback in interrupt context): the callback
 * counts the expiration, re-arms an interval timer at the next multiple of
 * the interval (counting the intervals a late callback missed, as Linux's
 * hrtimer_forward does), and wakes readers and pollers.
 *
 * Clocks: CLOCK_MONOTONIC and CLOCK_BOOTTIME are the monotonic clock (no
 * suspend here); an absolute CLOCK_REALTIME time is turned into a monotonic
 * deadline when armed. XXX: a later clock_settime does not move an armed
 * realtime timer, and TFD_TIMER_CANCEL_ON_SET is accepted but never
 * cancels (Linux: read fails with ECANCELED).
 */
#include <kernel/clock.h>
#include <kernel/eventpoll.h>
#include <kernel/poll.h>
#include <kernel/timer.h>
#include <linuxabi/uapi/time.h>

#include "internal.h"

struct timerfd_ctx {
	spinlock_t lock;                /* ticks, interval, armed, timer.expires (irqsave) */
	struct mutex set_mtx;           /* one settime at a time */
	struct ktimer timer;
	struct wait_queue_head wqh;     /* readers and pollers */
	int clockid;                    /* fixed */
	u64 ticks;                      /* expirations not yet read */
	u64 interval;                   /* ns, 0: one-shot */
	bool armed;
};

static const struct file_operations timerfd_fops;

bool file_is_timerfd(struct file *f)
{
	return f->f_op == &timerfd_fops;
}

static void timerfd_fire(struct ktimer *t)
{
	struct timerfd_ctx *ctx = t->data;
	unsigned long flags;

	spin_lock_irqsave(&ctx->lock, flags);
	if (ctx->armed) {
		ctx->ticks++;
		if (ctx->interval) {
			u64 next = t->expires + ctx->interval, now = ktime_get_ns();

			if (next <= now) {
				u64 missed = (now - next) / ctx->interval + 1;

				ctx->ticks += missed;
				next += missed * ctx->interval;
			}
			timer_arm(t, next);
		} else {
			ctx->armed = false;
		}
	}
	spin_unlock_irqrestore(&ctx->lock, flags);
	wake_up_all(&ctx->wqh);
}

static ssize_t timerfd_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	struct timerfd_ctx *ctx = f->private_data;
	unsigned long flags;
	u64 v;

	if (iov_iter_count(to) < sizeof(v))
		return -EINVAL;
	for (;;) {
		int err;

		spin_lock_irqsave(&ctx->lock, flags);
		v = ctx->ticks;
		ctx->ticks = 0;
		spin_unlock_irqrestore(&ctx->lock, flags);
		if (v)
			break;
		if (f->f_flags & LINUX_O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(&ctx->wqh, READ_ONCE(ctx->ticks) != 0);
		if (err)
			return err;
	}
	if (copy_to_iter(&v, sizeof(v), to) != sizeof(v))
		return -EFAULT;
	return sizeof(v);
}

static unsigned timerfd_poll(struct file *f, struct poll_table *pt)
{
	struct timerfd_ctx *ctx = f->private_data;

	poll_wait(f, &ctx->wqh, pt);
	return READ_ONCE(ctx->ticks) ? POLLIN | POLLRDNORM : 0;
}

static int timerfd_release(struct inode *inode, struct file *f)
{
	struct timerfd_ctx *ctx = f->private_data;

	timer_cancel(&ctx->timer);
	kfree(ctx);
	return 0;
}

static const struct file_operations timerfd_fops = {
	.read_iter = timerfd_read,
	.poll = timerfd_poll,
	.release = timerfd_release,
};

static bool timerfd_clock_ok(int clockid)
{
	return clockid == LINUX_CLOCK_MONOTONIC || clockid == LINUX_CLOCK_REALTIME ||
	       clockid == LINUX_CLOCK_BOOTTIME || clockid == LINUX_CLOCK_REALTIME_ALARM ||
	       clockid == LINUX_CLOCK_BOOTTIME_ALARM;
}

static bool clock_is_realtime(int clockid)
{
	return clockid == LINUX_CLOCK_REALTIME || clockid == LINUX_CLOCK_REALTIME_ALARM;
}

struct file *timerfd_create(int clockid, int flags)
{
	struct timerfd_ctx *ctx;
	struct file *f;

	if (!timerfd_clock_ok(clockid))
		return ERR_PTR(-EINVAL);
	/* The alarm clocks wake a suspended system: CAP_WAKE_ALARM. */
	if ((clockid == LINUX_CLOCK_REALTIME_ALARM || clockid == LINUX_CLOCK_BOOTTIME_ALARM) &&
	    !capable_root())
		return ERR_PTR(-EPERM);
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return ERR_PTR(-ENOMEM);
	spin_lock_init(&ctx->lock, "timerfd");
	mutex_init(&ctx->set_mtx, "timerfd.set");
	init_waitqueue_head(&ctx->wqh);
	timer_setup(&ctx->timer, timerfd_fire, ctx);
	ctx->clockid = clockid;
	f = anon_inode_getfile("[timerfd]", &timerfd_fops, ctx,
			       LINUX_O_RDWR | (flags & LINUX_TFD_NONBLOCK));
	if (IS_ERR(f))
		kfree(ctx);
	return f;
}

/* Caller holds ctx->lock. */
static void timerfd_current(struct timerfd_ctx *ctx, struct timerfd_spec *cur)
{
	u64 now = ktime_get_ns();

	cur->interval = ctx->interval;
	if (!ctx->armed)
		cur->value = 0;
	else
		cur->value = ctx->timer.expires > now ? ctx->timer.expires - now : 1;
}

int timerfd_settime(struct file *f, int flags, const struct timerfd_spec *new,
		    struct timerfd_spec *old)
{
	struct timerfd_ctx *ctx;
	unsigned long irqflags;

	if (!file_is_timerfd(f))
		return -EINVAL;
	ctx = f->private_data;
	mutex_lock(&ctx->set_mtx);
	/* Outside ctx->lock: the callback takes it. Afterwards it neither
	 * runs nor is pending, and only we can arm it. */
	timer_cancel(&ctx->timer);
	spin_lock_irqsave(&ctx->lock, irqflags);
	if (old)
		timerfd_current(ctx, old);
	ctx->ticks = 0;
	/* Kept even when disarmed: timerfd_gettime reports it, as Linux. */
	ctx->interval = new->interval;
	ctx->armed = new->value != 0;
	if (ctx->armed) {
		u64 now = ktime_get_ns(), expires;

		if (!(flags & LINUX_TFD_TIMER_ABSTIME)) {
			expires = now + new->value;
		} else if (clock_is_realtime(ctx->clockid)) {
			u64 real = ktime_get_real_ns();

			expires = new->value > real ? now + (new->value - real) : now;
		} else {
			expires = new->value;
		}
		if (expires < now)
			expires = now;   /* in the past: expires at once */
		timer_arm(&ctx->timer, expires);
	}
	spin_unlock_irqrestore(&ctx->lock, irqflags);
	mutex_unlock(&ctx->set_mtx);
	return 0;
}

int timerfd_gettime(struct file *f, struct timerfd_spec *cur)
{
	struct timerfd_ctx *ctx;
	unsigned long flags;

	if (!file_is_timerfd(f))
		return -EINVAL;
	ctx = f->private_data;
	spin_lock_irqsave(&ctx->lock, flags);
	timerfd_current(ctx, cur);
	spin_unlock_irqrestore(&ctx->lock, flags);
	return 0;
}
