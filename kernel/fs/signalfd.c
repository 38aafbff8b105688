/*
 * signalfd: reading takes pending signals of the reader that are in the
 * file's mask off its pending sets, as struct signalfd_siginfo records
 * (Linux's layout); the file is readable while one is pending. The mask
 * names signals the program normally blocks, so they stay pending for the
 * file instead of being delivered.
 *
 * Waiting: the signal code calls signalfd_notify() whenever it queues a
 * signal, which wakes every signalfd reader and poller; each re-checks its
 * own pending sets. XXX: Linux keeps this queue per sighand, so only the
 * target's signalfds wake; one queue for all is correct but wakes more.
 */
#include <kernel/eventpoll.h>
#include <kernel/poll.h>
#include <string.h>

#include "internal.h"

struct signalfd_ctx {
	spinlock_t lock;                /* mask */
	sigset_t mask;
};

static DECLARE_WAIT_QUEUE_HEAD(signalfd_wqh);

static const struct file_operations signalfd_fops;

bool file_is_signalfd(struct file *f)
{
	return f->f_op == &signalfd_fops;
}

/* Under the sender's siglock (interrupts off). */
void signalfd_notify(void)
{
	if (waitqueue_active(&signalfd_wqh))
		wake_up_all(&signalfd_wqh);
}

static sigset_t signalfd_mask(struct signalfd_ctx *ctx)
{
	sigset_t m;

	spin_lock(&ctx->lock);
	m = ctx->mask;
	spin_unlock(&ctx->lock);
	return m;
}

void signalfd_set_mask(struct file *f, const sigset_t *mask)
{
	struct signalfd_ctx *ctx = f->private_data;

	spin_lock(&ctx->lock);
	ctx->mask.sig = mask->sig & ~SIG_KERNEL_ONLY_MASK;
	spin_unlock(&ctx->lock);
	/* Readers and pollers may find something under the new mask. */
	wake_up_all(&signalfd_wqh);
}

/* The union of siginfo's layouts that signalfd_siginfo flattens, by the
 * same rules as Linux's siginfo_layout(). */
static void signalfd_fill(struct linux_signalfd_siginfo *s, const ksiginfo_t *info)
{
	int sig = info->si_signo, code = info->si_code;

	memset(s, 0, sizeof(*s));
	s->ssi_signo = sig;
	s->ssi_errno = info->si_errno;
	s->ssi_code = code;
	if (code == SI_TIMER) {
		s->ssi_tid = info->f.timer.tid;
		s->ssi_overrun = info->f.timer.overrun;
		memcpy(&s->ssi_ptr, &info->f.timer.sigval, sizeof(s->ssi_ptr));
		s->ssi_int = (s32)s->ssi_ptr;
	} else if (code == SI_SIGIO || (code > 0 && code != SI_KERNEL && sig == SIGIO)) {
		s->ssi_band = info->f.poll.band;
		s->ssi_fd = info->f.poll.fd;
	} else if (code > 0 && code != SI_KERNEL &&
		   (sig == SIGILL || sig == SIGFPE || sig == SIGSEGV || sig == SIGBUS ||
		    sig == SIGTRAP)) {
		s->ssi_addr = info->f.fault.addr;
		s->ssi_addr_lsb = info->f.fault.addr_lsb;
	} else if (code > 0 && code != SI_KERNEL && sig == SIGCHLD) {
		s->ssi_pid = info->f.chld.pid;
		s->ssi_uid = info->f.chld.uid;
		s->ssi_status = info->f.chld.status;
		s->ssi_utime = info->f.chld.utime;
		s->ssi_stime = info->f.chld.stime;
	} else if (code > 0 && code != SI_KERNEL && sig == SIGSYS) {
		s->ssi_call_addr = info->f.sys.call_addr;
		s->ssi_syscall = info->f.sys.syscall;
		s->ssi_arch = info->f.sys.arch;
	} else if (code < 0) {
		/* sigqueue, tgkill, mq_notify...: pid, uid and the value */
		s->ssi_pid = info->f.rt.pid;
		s->ssi_uid = info->f.rt.uid;
		memcpy(&s->ssi_ptr, &info->f.rt.sigval, sizeof(s->ssi_ptr));
		s->ssi_int = (s32)s->ssi_ptr;
	} else {
		s->ssi_pid = info->f.kill.pid;
		s->ssi_uid = info->f.kill.uid;
	}
}

static ssize_t signalfd_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	struct signalfd_ctx *ctx = f->private_data;
	struct linux_signalfd_siginfo s;
	ssize_t done = 0;

	if (iov_iter_count(to) < sizeof(s))
		return -EINVAL;
	while (iov_iter_count(to) >= sizeof(s)) {
		sigset_t mask = signalfd_mask(ctx);
		ksiginfo_t info;
		int sig = proc_dequeue_signal_mask(&mask, &info);

		if (!sig) {
			struct wait_queue_entry w;

			/* Block only for the first record. */
			if (done)
				break;
			if (f->f_flags & LINUX_O_NONBLOCK)
				return -EAGAIN;
			init_wait_entry(&w, 0);
			for (;;) {
				prepare_to_wait(&signalfd_wqh, &w, TASK_INTERRUPTIBLE);
				mask = signalfd_mask(ctx);
				sig = proc_dequeue_signal_mask(&mask, &info);
				if (sig || signal_pending(current))
					break;
				schedule();
			}
			finish_wait(&signalfd_wqh, &w);
			if (!sig)
				return -ERESTARTSYS;
		}
		signalfd_fill(&s, &info);
		if (copy_to_iter(&s, sizeof(s), to) != sizeof(s))
			return done ? done : -EFAULT;   /* XXX: the signal is lost, as on Linux */
		done += sizeof(s);
	}
	return done;
}

static unsigned signalfd_poll(struct file *f, struct poll_table *pt)
{
	struct signalfd_ctx *ctx = f->private_data;
	sigset_t mask;

	poll_wait(f, &signalfd_wqh, pt);
	mask = signalfd_mask(ctx);
	return (proc_pending_signals() & mask.sig) ? POLLIN | POLLRDNORM : 0;
}

static int signalfd_release(struct inode *inode, struct file *f)
{
	kfree(f->private_data);
	return 0;
}

static const struct file_operations signalfd_fops = {
	.read_iter = signalfd_read,
	.poll = signalfd_poll,
	.release = signalfd_release,
};

struct file *signalfd_create(const sigset_t *mask, int flags)
{
	struct signalfd_ctx *ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	struct file *f;

	if (!ctx)
		return ERR_PTR(-ENOMEM);
	spin_lock_init(&ctx->lock, "signalfd");
	ctx->mask.sig = mask->sig & ~SIG_KERNEL_ONLY_MASK;
	f = anon_inode_getfile("[signalfd]", &signalfd_fops, ctx,
			       LINUX_O_RDWR | (flags & LINUX_SFD_NONBLOCK));
	if (IS_ERR(f))
		kfree(ctx);
	return f;
}
