/*
 * eventfd: a 64-bit counter behind a file descriptor. write(2) adds an
 * 8-byte value, blocking while the sum would exceed 0xfffffffffffffffe;
 * read(2) returns the counter and resets it to 0, or with EFD_SEMAPHORE
 * returns 1 and decrements; a read of 0 blocks (EAGAIN with O_NONBLOCK).
 * poll: readable while the counter is non-zero, writable while at least 1
 * can be added. One wait queue serves readers, writers and pollers, as on
 * Linux: every change wakes everyone and each re-checks.
 */
#include <kernel/eventpoll.h>
#include <kernel/poll.h>

#include "internal.h"

#define EVENTFD_MAX 0xfffffffffffffffeULL

struct eventfd_ctx {
	spinlock_t lock;                /* count (irqsave: eventfd_signal may come from anywhere) */
	u64 count;                      /* lock */
	int flags;                      /* LINUX_EFD_SEMAPHORE; fixed */
	struct wait_queue_head wqh;     /* readers, writers, pollers */
};

static const struct file_operations eventfd_fops;

static ssize_t eventfd_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	struct eventfd_ctx *ctx = f->private_data;
	unsigned long flags;
	u64 v;

	if (iov_iter_count(to) < sizeof(v))
		return -EINVAL;
	for (;;) {
		int err;

		spin_lock_irqsave(&ctx->lock, flags);
		if (ctx->count) {
			v = (ctx->flags & LINUX_EFD_SEMAPHORE) ? 1 : ctx->count;
			ctx->count -= v;
			spin_unlock_irqrestore(&ctx->lock, flags);
			break;
		}
		spin_unlock_irqrestore(&ctx->lock, flags);
		if (f->f_flags & LINUX_O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(&ctx->wqh, READ_ONCE(ctx->count) != 0);
		if (err)
			return err;
	}
	/* Writers may have room now. */
	wake_up_all(&ctx->wqh);
	if (copy_to_iter(&v, sizeof(v), to) != sizeof(v))
		return -EFAULT;   /* XXX: Linux also loses the value here */
	return sizeof(v);
}

static ssize_t eventfd_write(struct file *f, struct iov_iter *from, u64 *pos)
{
	struct eventfd_ctx *ctx = f->private_data;
	unsigned long flags;
	u64 v;

	if (iov_iter_count(from) < sizeof(v))
		return -EINVAL;
	if (copy_from_iter(&v, sizeof(v), from) != sizeof(v))
		return -EFAULT;
	if (v == ~0ULL)
		return -EINVAL;
	for (;;) {
		int err;

		spin_lock_irqsave(&ctx->lock, flags);
		if (EVENTFD_MAX - ctx->count >= v) {
			ctx->count += v;
			spin_unlock_irqrestore(&ctx->lock, flags);
			break;
		}
		spin_unlock_irqrestore(&ctx->lock, flags);
		if (f->f_flags & LINUX_O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(&ctx->wqh, EVENTFD_MAX - READ_ONCE(ctx->count) >= v);
		if (err)
			return err;
	}
	if (v)
		wake_up_all(&ctx->wqh);
	return sizeof(v);
}

static unsigned eventfd_poll(struct file *f, struct poll_table *pt)
{
	struct eventfd_ctx *ctx = f->private_data;
	unsigned mask = 0;
	u64 c;

	poll_wait(f, &ctx->wqh, pt);
	c = READ_ONCE(ctx->count);
	if (c)
		mask |= POLLIN | POLLRDNORM;
	if (c == ~0ULL)
		mask |= POLLERR;
	if (c < EVENTFD_MAX)
		mask |= POLLOUT | POLLWRNORM;
	return mask;
}

static int eventfd_release(struct inode *inode, struct file *f)
{
	kfree(f->private_data);
	return 0;
}

static const struct file_operations eventfd_fops = {
	.read_iter = eventfd_read,
	.write_iter = eventfd_write,
	.poll = eventfd_poll,
	.release = eventfd_release,
};

struct file *eventfd_create(u64 count, int flags)
{
	struct eventfd_ctx *ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	struct file *f;

	if (!ctx)
		return ERR_PTR(-ENOMEM);
	spin_lock_init(&ctx->lock, "eventfd");
	init_waitqueue_head(&ctx->wqh);
	ctx->count = count;
	ctx->flags = flags & LINUX_EFD_SEMAPHORE;
	f = anon_inode_getfile("[eventfd]", &eventfd_fops, ctx,
			       LINUX_O_RDWR | (flags & LINUX_EFD_NONBLOCK));
	if (IS_ERR(f))
		kfree(ctx);
	return f;
}

int eventfd_signal(struct file *f, u64 n)
{
	struct eventfd_ctx *ctx;
	unsigned long flags;

	if (f->f_op != &eventfd_fops)
		return -EINVAL;
	ctx = f->private_data;
	spin_lock_irqsave(&ctx->lock, flags);
	/* As Linux: never block, saturate at the maximum. */
	if (EVENTFD_MAX - ctx->count < n)
		n = EVENTFD_MAX - ctx->count;
	ctx->count += n;
	spin_unlock_irqrestore(&ctx->lock, flags);
	if (n)
		wake_up_all(&ctx->wqh);
	return 0;
}
