/*
 * Signal-driven I/O: F_SETOWN/F_GETOWN(_EX), F_SETSIG/F_GETSIG and O_ASYNC
 * (fcntl F_SETFL, ioctl FIOASYNC). A file with O_ASYNC sends SIGIO (or the
 * F_SETSIG signal, with si_code POLL_IN/POLL_OUT, si_band and si_fd) to its
 * owner when it becomes ready, after Linux's sigio_perm check.
 *
 * One mechanism for every file type that allows O_ASYNC (file_operations'
 * fasync flag: pipes, sockets, ttys, inotify, as on Linux; eventfd, epoll
 * and regular files drop the flag): turning O_ASYNC on polls the file once
 * with our own poll_table, which hangs a wait entry on each wait queue the
 * file registers (as epoll does). Any wakeup there is an I/O event. The
 * wake callback runs under the queue's lock (maybe in an interrupt, maybe
 * with signal locks held: signalfd's queue is woken under siglock), so it
 * only queues the file's async state for the "kfasyncd" thread, which sends
 * the signals. Wakeups queued before the thread ran are merged into one
 * signal per file (Linux sends one per kill_fasync call).
 *
 * Wakeups carry no event mask here, so kfasyncd polls the file (if it is
 * still open) to name the event: input (or hangup) on a readable file is
 * POLL_IN, else room on a writable one POLL_OUT; with neither, the side
 * the file was opened for (a read end POLL_IN, a write-only file
 * POLL_OUT). XXX: Linux's drivers name the band at each kill_fasync (a
 * socket's hangup can be POLL_HUP, urgent data POLL_PRI).
 *
 * XXX: the owner is kept as a number, not a reference to Linux's struct
 * pid, so an owner that exits and whose number is reused passes the
 * signal to the newcomer (Linux's reference keeps the number unused).
 *
 * The state lives apart from the file and is reference counted: a queued
 * event keeps it alive after the file is gone (then the signal still goes
 * to the owner, as an event raced with close would on Linux).
 */
#include <kernel/poll.h>
#include <kernel/pid_ns.h>
#include <kernel/uaccess.h>

#include "internal.h"

#define FASYNC_MAX_QUEUES 4

/* Linux's F_OWNER_* (struct f_owner_ex.type). */
#define LINUX_F_OWNER_TID 0
#define LINUX_F_OWNER_PID 1
#define LINUX_F_OWNER_PGRP 2

/* si_code values of SIGPOLL */
#define LINUX_POLL_IN 1
#define LINUX_POLL_OUT 2

struct fasync_wait {
	struct wait_queue_entry wait;
	struct wait_queue_head *whead;
};

struct fasync_state {
	int refcount;                /* atomic: the file's + a queued event's */
	spinlock_t lock;             /* the owner fields */
	int owner_type;              /* LINUX_F_OWNER_* */
	pid_t owner;                 /* global number, 0: nobody */
	uid_t uid, euid;             /* of whoever set the owner */
	int signum;                  /* F_SETSIG; 0: SIGIO */
	int fd;                      /* the descriptor that turned O_ASYNC on */
	int reason;                  /* LINUX_POLL_IN / LINUX_POLL_OUT: the default */
	struct file *file;           /* the file, NULL once it is released (lock) */
	bool active;                 /* O_ASYNC on: queued events are sent (lock) */
	/* Registered wait entries (O_ASYNC on); fasync_mutex. */
	struct fasync_wait waits[FASYNC_MAX_QUEUES];
	int nwaits;
	bool queued;                 /* on pending_list (pending_lock) */
	struct list_head pending;
};

static DEFINE_SPINLOCK(pending_lock);
static LIST_HEAD(pending_list);
static struct task *fasyncd;
static DEFINE_MUTEX(fasync_mutex);   /* turning O_ASYNC on and off, thread start */

static void state_put(struct fasync_state *st)
{
	if (atomic_dec(&st->refcount) == 0)
		kfree(st);
}

/* The file's state, made on first use; NULL on -ENOMEM. */
static struct fasync_state *file_async(struct file *f)
{
	struct fasync_state *st = READ_ONCE(f->f_async), *n;

	if (st)
		return st;
	n = kzalloc(sizeof(*n), GFP_KERNEL);
	if (!n)
		return NULL;
	n->refcount = 1;
	spin_lock_init(&n->lock, "fasync.lock");
	INIT_LIST_HEAD(&n->pending);
	spin_lock(&f->f_lock);
	if (!f->f_async) {
		f->f_async = n;
		n = NULL;
	}
	st = f->f_async;
	spin_unlock(&f->f_lock);
	kfree(n);
	return st;
}

/* ---- sending ---- */

/* Linux's sigio_perm: the owner setter's uid or euid (or root) against the
 * target's uid or saved uid. */
static bool sigio_perm(struct task *t, uid_t uid, uid_t euid)
{
	const struct cred *c = get_task_cred(t);
	bool ok;

	if (!c)
		return false;
	ok = euid == 0 || euid == c->suid || euid == c->uid || uid == c->suid || uid == c->uid;
	put_cred(c);
	return ok;
}

static void sigio_to_task(struct task *t, int signum, int reason, int fd, uid_t uid,
			  uid_t euid, bool group)
{
	static const long band_table[] = {
		POLLIN | POLLRDNORM | POLLMSG,      /* POLL_IN */
		POLLOUT | POLLWRNORM | POLLWRBAND,  /* POLL_OUT */
	};
	ksiginfo_t info;

	if (!sigio_perm(t, uid, euid))
		return;
	if (signum) {
		memset(&info, 0, sizeof(info));
		info.si_signo = signum;
		info.si_code = reason;
		info.f.poll.band = band_table[reason - LINUX_POLL_IN];
		info.f.poll.fd = fd;
		if (!send_sig_info(signum, &info, t, group))
			return;
		/* A full RT queue: fall back on a plain SIGIO, as Linux. */
	}
	send_sig_info(SIGIO, NULL, t, group);
}

/* A reference to f unless its last one is already gone (then NULL). */
static struct file *file_get_live(struct file *f)
{
	int c = __atomic_load_n(&f->f_count, __ATOMIC_RELAXED);

	while (c > 0)
		if (__atomic_compare_exchange_n(&f->f_count, &c, c + 1, false, __ATOMIC_ACQ_REL,
						__ATOMIC_RELAXED))
			return f;
	return NULL;
}

/* The event to report now, polled from the file itself. */
static int event_reason(struct fasync_state *st, int dflt)
{
	struct file *f;
	unsigned mask;

	spin_lock(&st->lock);
	f = st->file ? file_get_live(st->file) : NULL;
	spin_unlock(&st->lock);
	if (!f)
		return dflt;
	mask = vfs_poll(f, NULL);
	if ((f->f_mode & FMODE_READ) && (mask & (POLLIN | POLLRDNORM | POLLHUP)))
		dflt = LINUX_POLL_IN;
	else if ((f->f_mode & FMODE_WRITE) && (mask & (POLLOUT | POLLWRNORM)))
		dflt = LINUX_POLL_OUT;
	fput(f);
	return dflt;
}

static void send_sigio(struct fasync_state *st)
{
	int type, signum, reason, fd;
	uid_t uid, euid;
	pid_t owner;
	struct task *t;

	spin_lock(&st->lock);
	type = st->owner_type;
	owner = st->owner;
	uid = st->uid;
	euid = st->euid;
	signum = st->signum;
	reason = st->reason;
	fd = st->fd;
	if (!st->active)
		owner = 0;   /* O_ASYNC went off (or the file closed) meanwhile */
	spin_unlock(&st->lock);
	if (!owner)
		return;
	reason = event_reason(st, reason);
	if (type == LINUX_F_OWNER_PGRP) {
		unsigned long flags;

		spin_lock_irqsave(&tasklist_lock, flags);
		list_for_each_entry(t, &proc_list, proc_node)
			if (t->signal && t->signal->pgrp == owner)
				sigio_to_task(t, signum, reason, fd, uid, euid, true);
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return;
	}
	t = type == LINUX_F_OWNER_TID ? find_user_task(owner) : find_process(owner);
	if (!t)
		return;
	sigio_to_task(t, signum, reason, fd, uid, euid, type != LINUX_F_OWNER_TID);
	task_put(t);
}

static int fasyncd_main(void *arg)
{
	for (;;) {
		struct fasync_state *st = NULL;
		unsigned long flags;

		set_current_state(TASK_INTERRUPTIBLE);
		spin_lock_irqsave(&pending_lock, flags);
		if (!list_empty(&pending_list)) {
			st = list_first_entry(&pending_list, struct fasync_state, pending);
			list_del_init(&st->pending);
			st->queued = false;
		}
		spin_unlock_irqrestore(&pending_lock, flags);
		if (!st) {
			schedule();
			continue;
		}
		__set_current_state(TASK_RUNNING);
		send_sigio(st);
		state_put(st);
	}
	return 0;
}

/* A wakeup on a queue the file registered: queue its event. Under the
 * queue's lock, interrupts off. */
static int fasync_wake(struct wait_queue_entry *w, void *key)
{
	struct fasync_state *st = w->private;
	unsigned long flags;
	bool wake = false;

	spin_lock_irqsave(&pending_lock, flags);
	if (!st->queued && fasyncd) {
		st->queued = true;
		atomic_inc(&st->refcount);
		list_add_tail(&st->pending, &pending_list);
		wake = true;
	}
	spin_unlock_irqrestore(&pending_lock, flags);
	if (wake)
		wake_up_process(fasyncd);
	return 0;
}

/* ---- O_ASYNC on and off ---- */

struct fasync_pqueue {
	struct poll_table pt;
	struct fasync_state *st;
};

static void fasync_queue_proc(struct file *f, struct wait_queue_head *wq, struct poll_table *pt)
{
	struct fasync_state *st = container_of(pt, struct fasync_pqueue, pt)->st;
	struct fasync_wait *fw;

	if (st->nwaits == FASYNC_MAX_QUEUES)
		return;
	fw = &st->waits[st->nwaits++];
	init_wait_entry(&fw->wait, 0);
	fw->wait.func = fasync_wake;
	fw->wait.private = st;
	fw->whead = wq;
	add_wait_queue(wq, &fw->wait);
}

static void fasync_unregister(struct fasync_state *st)
{
	spin_lock(&st->lock);
	st->active = false;
	spin_unlock(&st->lock);
	for (int i = 0; i < st->nwaits; i++)
		remove_wait_queue(st->waits[i].whead, &st->waits[i].wait);
	st->nwaits = 0;
}

int file_set_async(struct file *f, int fd, bool on)
{
	struct fasync_state *st = file_async(f);
	struct fasync_pqueue pq;

	if (!st)
		return -ENOMEM;
	mutex_lock(&fasync_mutex);
	if (on && !fasyncd)
		fasyncd = kthread_run(fasyncd_main, NULL, "kfasyncd");
	fasync_unregister(st);
	if (on && f->f_op->fasync && f->f_op->poll) {
		spin_lock(&st->lock);
		st->fd = fd;
		st->reason = (f->f_mode & FMODE_READ) ? LINUX_POLL_IN : LINUX_POLL_OUT;
		st->file = f;
		st->active = true;
		spin_unlock(&st->lock);
		pq.st = st;
		pq.pt.queue = fasync_queue_proc;
		pq.pt.key = ~0U;
		f->f_op->poll(f, &pq.pt);
	}
	mutex_unlock(&fasync_mutex);
	return 0;
}

void file_async_release(struct file *f)
{
	struct fasync_state *st = f->f_async;

	if (!st)
		return;
	mutex_lock(&fasync_mutex);
	fasync_unregister(st);
	mutex_unlock(&fasync_mutex);
	spin_lock(&st->lock);
	st->file = NULL;
	spin_unlock(&st->lock);
	f->f_async = NULL;
	state_put(st);
}

/* ---- F_SETOWN & co ---- */

/* Does anything hold global number nr: a task, a process group or a
 * session (Linux's find_vpid finds any of them)? */
static bool pid_in_use(pid_t nr)
{
	struct task *t = find_user_task(nr);
	unsigned long flags;
	bool found = false;

	if (t) {
		task_put(t);
		return true;
	}
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(t, &proc_list, proc_node) {
		if (t->signal && (t->signal->pgrp == nr || t->signal->session == nr)) {
			found = true;
			break;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found;
}

static int set_owner(struct file *f, int type, pid_t who_vnr)
{
	struct fasync_state *st;
	const struct cred *c = current_cred();
	pid_t global = 0;

	if (who_vnr) {
		global = pid_ns_global_nr(task_active_pid_ns(current), who_vnr);
		if (!global || !pid_in_use(global))
			return -ESRCH;
	}
	st = file_async(f);
	if (!st)
		return -ENOMEM;
	spin_lock(&st->lock);
	st->owner_type = type;
	st->owner = global;
	st->uid = c ? c->uid : 0;
	st->euid = c ? c->euid : 0;
	spin_unlock(&st->lock);
	return 0;
}

struct linux_f_owner_ex {
	int type;
	int pid;
};

long fcntl_owner(struct file *f, unsigned cmd, unsigned long arg)
{
	struct fasync_state *st = READ_ONCE(f->f_async);
	struct linux_f_owner_ex ex;
	int who = (int)arg;
	long r;

	switch (cmd) {
	case LINUX_F_SETOWN:
		if (who == (int)0x80000000)
			return -EINVAL;
		if (who < 0)
			return set_owner(f, LINUX_F_OWNER_PGRP, -who);
		return set_owner(f, LINUX_F_OWNER_PID, who);
	case LINUX_F_GETOWN:
		if (!st)
			return 0;
		spin_lock(&st->lock);
		r = st->owner ? pid_global_to_vnr(st->owner) : 0;
		if (st->owner_type == LINUX_F_OWNER_PGRP)
			r = -r;
		spin_unlock(&st->lock);
		return r;
	case LINUX_F_SETOWN_EX:
		if (copy_from_user(&ex, (void __user *)arg, sizeof(ex)))
			return -EFAULT;
		if (ex.type != LINUX_F_OWNER_TID && ex.type != LINUX_F_OWNER_PID &&
		    ex.type != LINUX_F_OWNER_PGRP)
			return -EINVAL;
		if (ex.pid < 0)
			return -ESRCH;   /* no such number */
		return set_owner(f, ex.type, ex.pid);
	case LINUX_F_GETOWN_EX:
		/* Never set: type 0 (F_OWNER_TID), pid 0, as Linux reports. */
		ex.type = LINUX_F_OWNER_TID;
		ex.pid = 0;
		if (st) {
			spin_lock(&st->lock);
			ex.type = st->owner_type;
			ex.pid = st->owner ? pid_global_to_vnr(st->owner) : 0;
			spin_unlock(&st->lock);
		}
		return copy_to_user((void __user *)arg, &ex, sizeof(ex)) ? -EFAULT : 0;
	case LINUX_F_SETSIG:
		if (arg > _NSIG)
			return -EINVAL;
		st = file_async(f);
		if (!st)
			return -ENOMEM;
		spin_lock(&st->lock);
		st->signum = (int)arg;
		spin_unlock(&st->lock);
		return 0;
	case LINUX_F_GETSIG:
		return st ? READ_ONCE(st->signum) : 0;
	}
	return -EINVAL;
}
