/*
 * Record locks (fcntl F_GETLK/F_SETLK/F_SETLKW and the open-file-description
 * F_OFD_* variants). Each inode with locks has a list of byte ranges, each
 * owned by a process's fd table (POSIX locks: released when the process
 * closes any fd of the file) or by an open file description (OFD locks:
 * released when the description's last reference goes). Locks of one
 * owner never conflict with each other; a new lock replaces, splits and
 * merges the owner's existing ones as Linux does. SETLKW waits
 * interruptibly for conflicts to go.
 *
 * Deadlock detection, as Linux's posix_locks_deadlock: every POSIX SETLKW
 * waiter is on blocked_list with the owner it waits for; before waiting,
 * the chain "owner of the conflicting lock waits for X, X waits for Y..."
 * is followed (at most MAX_DEADLK_DEPTH steps); reaching the caller is
 * EDEADLK. OFD locks are not checked (nor are they on Linux).
 *
 * XXX: no mandatory locks or leases.
 *
 * locks_mutex guards every inode's lock list (lock contention is rare).
 */
#include <kernel/pid_ns.h>
#include <kernel/uaccess.h>

#include "internal.h"

struct file_lock {
	struct list_head node;
	void *owner;          /* files_struct (POSIX) or struct file (OFD, flock) */
	bool ofd;
	bool flock;           /* flock(2): conflicts only with other flock locks */
	pid_t pid;
	int type;             /* LINUX_F_RDLCK / LINUX_F_WRLCK */
	u64 start, end;       /* inclusive */
};

struct file_lock_ctx {
	struct list_head locks;
	struct wait_queue_head wait;
	unsigned gen;         /* bumped on every change of locks: waiters recheck */
};

/* A POSIX SETLKW waiter: owner waits for a lock of blocker. */
struct lock_waiter {
	struct list_head node;
	void *owner, *blocker;
};

static DEFINE_MUTEX(locks_mutex);
static LIST_HEAD(blocked_list);   /* struct lock_waiter; locks_mutex */

#define MAX_DEADLK_DEPTH 10   /* Linux's MAX_DEADLK_ITERATIONS */

/* Would owner waiting for blocker close a cycle? locks_mutex held. */
static bool posix_deadlock(void *owner, void *blocker)
{
	for (int i = 0; i < MAX_DEADLK_DEPTH; i++) {
		struct lock_waiter *w, *found = NULL;

		list_for_each_entry(w, &blocked_list, node) {
			if (w->owner == blocker) {
				found = w;
				break;
			}
		}
		if (!found)
			return false;
		blocker = found->blocker;
		if (blocker == owner)
			return true;
	}
	return false;
}

static void locks_changed(struct file_lock_ctx *ctx)
{
	ctx->gen++;
	wake_up_all(&ctx->wait);
}

#define OFFSET_MAX ((u64)0x7fffffffffffffffULL)

static struct file_lock_ctx *get_ctx(struct inode *inode, bool create)
{
	struct file_lock_ctx *ctx = READ_ONCE(inode->i_flctx), *n;

	if (ctx || !create)
		return ctx;
	n = kzalloc(sizeof(*n), GFP_KERNEL);
	if (!n)
		return NULL;
	INIT_LIST_HEAD(&n->locks);
	init_waitqueue_head(&n->wait);
	spin_lock(&inode->i_lock);
	if (!inode->i_flctx) {
		inode->i_flctx = n;
		n = NULL;
	}
	ctx = inode->i_flctx;
	spin_unlock(&inode->i_lock);
	kfree(n);
	return ctx;
}

static bool overlaps(const struct file_lock *l, u64 start, u64 end)
{
	return l->start <= end && start <= l->end;
}

static struct file_lock *find_conflict_kind(struct file_lock_ctx *ctx, void *owner, int type,
					    u64 start, u64 end, bool flock)
{
	struct file_lock *l;

	list_for_each_entry(l, &ctx->locks, node) {
		if (l->flock != flock || l->owner == owner || !overlaps(l, start, end))
			continue;
		if (type == LINUX_F_WRLCK || l->type == LINUX_F_WRLCK)
			return l;
	}
	return NULL;
}

static struct file_lock *find_conflict(struct file_lock_ctx *ctx, void *owner, int type,
				       u64 start, u64 end)
{
	return find_conflict_kind(ctx, owner, type, start, end, false);
}

/* Replace owner's locks over [start, end] by one of type (or none: UNLCK).
 * locks_mutex held. */
static int apply_lock(struct file_lock_ctx *ctx, void *owner, bool ofd, pid_t pid, int type,
		      u64 start, u64 end)
{
	struct file_lock *l, *tmp, *nl = NULL, *right = NULL;

	if (type != LINUX_F_UNLCK) {
		nl = kzalloc(sizeof(*nl), GFP_KERNEL);
		if (!nl)
			return -ENOLCK;
	}
	right = kzalloc(sizeof(*right), GFP_KERNEL);
	if (!right) {
		kfree(nl);
		return -ENOLCK;
	}
	list_for_each_entry_safe(l, tmp, &ctx->locks, node) {
		bool adjacent;

		if (l->owner != owner || l->flock)
			continue;
		adjacent = (end != ~0ULL && l->start == end + 1) || (start && l->end == start - 1);
		if (nl && l->type == type && (overlaps(l, start, end) || adjacent)) {
			/* Same type touching: merge into the new lock. */
			if (l->start < start)
				start = l->start;
			if (l->end > end)
				end = l->end;
			list_del(&l->node);
			kfree(l);
			continue;
		}
		if (!overlaps(l, start, end))
			continue;
		if (l->start < start && l->end > end) {
			/* The new range splits l in two. */
			*right = *l;
			right->start = end + 1;
			l->end = start - 1;
			list_add(&right->node, &l->node);
			right = NULL;
			break;
		}
		if (l->start < start) {
			l->end = start - 1;
		} else if (l->end > end) {
			l->start = end + 1;
		} else {
			list_del(&l->node);
			kfree(l);
		}
	}
	kfree(right);
	if (nl) {
		nl->owner = owner;
		nl->ofd = ofd;
		nl->pid = ofd ? -1 : pid;
		nl->type = type;
		nl->start = start;
		nl->end = end;
		list_add_tail(&nl->node, &ctx->locks);
	}
	locks_changed(ctx);
	return 0;
}

/* struct flock's (whence, start, len) into an inclusive range. */
static int flock_range(struct file *f, const struct linux_flock *fl, u64 *startp, u64 *endp)
{
	s64 base, start, end;

	switch (fl->l_whence) {
	case LINUX_SEEK_SET:
		base = 0;
		break;
	case LINUX_SEEK_CUR:
		base = f->f_pos;
		break;
	case LINUX_SEEK_END:
		base = READ_ONCE(f->f_inode->i_size);
		break;
	default:
		return -EINVAL;
	}
	if (__builtin_add_overflow(base, fl->l_start, &start))
		return -EOVERFLOW;
	if (start < 0)
		return -EINVAL;
	if (fl->l_len > 0) {
		if (__builtin_add_overflow(start, fl->l_len - 1, &end))
			return -EOVERFLOW;
	} else if (fl->l_len < 0) {
		end = start - 1;
		if (__builtin_add_overflow(start, fl->l_len, &start) || start < 0)
			return -EINVAL;
	} else {
		end = OFFSET_MAX;
	}
	*startp = start;
	*endp = end == (s64)OFFSET_MAX ? ~0ULL : (u64)end;
	return 0;
}

long vfs_fcntl_lock(struct file *f, unsigned cmd, struct linux_flock *fl)
{
	struct inode *inode = f->f_inode;
	bool ofd = cmd == LINUX_F_OFD_GETLK || cmd == LINUX_F_OFD_SETLK || cmd == LINUX_F_OFD_SETLKW;
	bool get = cmd == LINUX_F_GETLK || cmd == LINUX_F_OFD_GETLK;
	bool wait = cmd == LINUX_F_SETLKW || cmd == LINUX_F_OFD_SETLKW;
	void *owner = ofd ? (void *)f : (void *)current->files;
	struct file_lock_ctx *ctx;
	u64 start, end;
	int err;

	if (ofd && fl->l_pid != 0)
		return -EINVAL;
	if (fl->l_type != LINUX_F_RDLCK && fl->l_type != LINUX_F_WRLCK &&
	    fl->l_type != LINUX_F_UNLCK)
		return -EINVAL;
	err = flock_range(f, fl, &start, &end);
	if (err)
		return err;

	if (get) {
		struct file_lock *c;

		if (fl->l_type == LINUX_F_UNLCK)
			return -EINVAL;
		ctx = get_ctx(inode, false);
		mutex_lock(&locks_mutex);
		c = ctx ? find_conflict(ctx, owner, fl->l_type, start, end) : NULL;
		if (c) {
			fl->l_type = c->type;
			fl->l_whence = LINUX_SEEK_SET;
			fl->l_start = c->start;
			fl->l_len = c->end == ~0ULL ? 0 : (s64)(c->end - c->start + 1);
			/* The holder as the caller's pid namespace sees it (0: not there). */
			fl->l_pid = c->pid > 0 ? pid_global_to_vnr(c->pid) : c->pid;
		} else {
			fl->l_type = LINUX_F_UNLCK;
		}
		mutex_unlock(&locks_mutex);
		return 0;
	}

	if (fl->l_type == LINUX_F_RDLCK && !(f->f_mode & FMODE_READ))
		return -EBADF;
	if (fl->l_type == LINUX_F_WRLCK && !(f->f_mode & FMODE_WRITE))
		return -EBADF;
	ctx = get_ctx(inode, fl->l_type != LINUX_F_UNLCK);
	if (!ctx)
		return fl->l_type == LINUX_F_UNLCK ? 0 : -ENOLCK;
	mutex_lock(&locks_mutex);
	for (;;) {
		struct lock_waiter w = { .owner = owner };
		struct file_lock *c;
		unsigned gen;

		if (fl->l_type == LINUX_F_UNLCK)
			break;
		c = find_conflict(ctx, owner, fl->l_type, start, end);
		if (!c)
			break;
		if (!wait) {
			mutex_unlock(&locks_mutex);
			return -EAGAIN;
		}
		if (!ofd && !c->ofd && posix_deadlock(owner, c->owner)) {
			mutex_unlock(&locks_mutex);
			return -EDEADLK;
		}
		w.blocker = c->owner;
		if (!ofd)
			list_add_tail(&w.node, &blocked_list);
		gen = ctx->gen;
		err = wait_event_interruptible_locked(&ctx->wait, ctx->gen != gen, &locks_mutex);
		if (!ofd)
			list_del(&w.node);
		if (err) {
			mutex_unlock(&locks_mutex);
			return err;
		}
	}
	err = apply_lock(ctx, owner, ofd, task_tgid_nr(current), fl->l_type, start, end);
	mutex_unlock(&locks_mutex);
	return err;
}

/*
 * flock(2): one whole-file lock per open file description, shared or
 * exclusive; converting releases the old one first (as Linux does, so a
 * conversion can lose the lock to a waiter).
 */
#define LINUX_LOCK_SH 1
#define LINUX_LOCK_EX 2
#define LINUX_LOCK_NB 4
#define LINUX_LOCK_UN 8

long vfs_flock(struct file *f, unsigned cmd)
{
	struct inode *inode = f->f_inode;
	unsigned op = cmd & ~LINUX_LOCK_NB;
	int type;
	struct file_lock_ctx *ctx;
	struct file_lock *l, *tmp, *nl;
	int err = 0;

	if (op == LINUX_LOCK_SH)
		type = LINUX_F_RDLCK;
	else if (op == LINUX_LOCK_EX)
		type = LINUX_F_WRLCK;
	else if (op == LINUX_LOCK_UN)
		type = LINUX_F_UNLCK;
	else
		return -EINVAL;
	ctx = get_ctx(inode, type != LINUX_F_UNLCK);
	if (!ctx)
		return type == LINUX_F_UNLCK ? 0 : -ENOLCK;
	nl = type != LINUX_F_UNLCK ? kzalloc(sizeof(*nl), GFP_KERNEL) : NULL;
	if (type != LINUX_F_UNLCK && !nl)
		return -ENOLCK;
	mutex_lock(&locks_mutex);
	/* Drop our current flock lock (unlock, or the first half of a conversion). */
	list_for_each_entry_safe(l, tmp, &ctx->locks, node) {
		if (l->flock && l->owner == f) {
			if (l->type == type) {   /* already held as asked */
				mutex_unlock(&locks_mutex);
				kfree(nl);
				return 0;
			}
			list_del(&l->node);
			kfree(l);
			locks_changed(ctx);
		}
	}
	if (type == LINUX_F_UNLCK)
		goto out;
	while (find_conflict_kind(ctx, f, type, 0, ~0ULL, true)) {
		if (cmd & LINUX_LOCK_NB) {
			err = -EWOULDBLOCK;
			goto out;
		}
		err = wait_event_interruptible_locked(
			&ctx->wait, !find_conflict_kind(ctx, f, type, 0, ~0ULL, true), &locks_mutex);
		if (err)
			goto out;
	}
	nl->owner = f;
	nl->flock = true;
	nl->ofd = true;
	nl->pid = task_tgid_nr(current);
	nl->type = type;
	nl->start = 0;
	nl->end = ~0ULL;
	list_add_tail(&nl->node, &ctx->locks);
	nl = NULL;
out:
	mutex_unlock(&locks_mutex);
	kfree(nl);
	return err;
}

static void remove_owner(struct inode *inode, void *owner)
{
	struct file_lock_ctx *ctx = get_ctx(inode, false);
	struct file_lock *l, *tmp;
	bool any = false;

	if (!ctx)
		return;
	mutex_lock(&locks_mutex);
	list_for_each_entry_safe(l, tmp, &ctx->locks, node) {
		if (l->owner == owner) {
			list_del(&l->node);
			kfree(l);
			any = true;
		}
	}
	if (any)
		locks_changed(ctx);
	mutex_unlock(&locks_mutex);
}

void locks_remove_posix(struct file *f, struct files_struct *owner)
{
	if (f->f_inode && owner && READ_ONCE(f->f_inode->i_flctx))
		remove_owner(f->f_inode, owner);
}

void locks_remove_file(struct file *f)
{
	if (f->f_inode && READ_ONCE(f->f_inode->i_flctx))
		remove_owner(f->f_inode, f);
}

void locks_free_ctx(struct inode *inode)
{
	struct file_lock_ctx *ctx = inode->i_flctx;
	struct file_lock *l, *tmp;

	if (!ctx)
		return;
	list_for_each_entry_safe(l, tmp, &ctx->locks, node)
		kfree(l);
	kfree(ctx);
	inode->i_flctx = NULL;
}
