/*
 * inotify (Linux's fs/notify/inotify): a group of watches behind a file
 * descriptor and the queue of events they produced. read(2) returns whole
 * struct inotify_event records (16 bytes, then the name NUL-padded to a
 * multiple of 16), EINVAL when the buffer cannot take the first one;
 * poll reports POLLIN while events wait; FIONREAD gives the bytes queued.
 * An event identical to the last one queued is dropped (Linux's merge);
 * past max_queued_events (16384) one IN_Q_OVERFLOW event (wd -1) stands
 * for everything lost.
 *
 * Watches are fsnotify marks (fsnotify.c); wds count up from 1 per group.
 */
#include <kernel/eventpoll.h>
#include <kernel/poll.h>
#include <kernel/uaccess.h>
#include <kernel/inotify.h>

#include "fsnotify_internal.h"

#define INOTIFY_MAX_QUEUED 16384   /* fs.inotify.max_queued_events */
#define INOTIFY_MAX_WATCHES 8192   /* XXX: Linux's limit is per user, not per instance */

struct inotify_event_hdr {         /* Linux's struct inotify_event, without the name */
	s32 wd;
	u32 mask;
	u32 cookie;
	u32 len;
};

struct inotify_kevent {
	struct list_head node;         /* in group->events */
	struct inotify_event_hdr hdr;
	u32 namelen;                   /* bytes of name (hdr.len is padded) */
	char name[];
};

struct inotify_group {
	struct mutex lock;             /* events, q_len, bytes, overflow_queued */
	struct list_head events;
	unsigned q_len;
	size_t bytes;                  /* what read could return in all (FIONREAD) */
	bool overflow_queued;
	struct wait_queue_head wq;     /* readers and pollers */
	struct list_head marks;        /* fsnotify_mutex */
	int next_wd;                   /* fsnotify_mutex */
	unsigned nr_marks;             /* fsnotify_mutex */
};

static const struct file_operations inotify_fops;

struct list_head *inotify_group_marks(struct inotify_group *g)
{
	g->nr_marks++;
	return &g->marks;
}

void inotify_group_mark_gone(struct inotify_group *g)
{
	g->nr_marks--;
}

static size_t event_size(const struct inotify_kevent *e)
{
	return sizeof(e->hdr) + e->hdr.len;
}

static bool same_event(const struct inotify_kevent *e, int wd, u32 mask, u32 cookie,
		       const char *name, u32 namelen)
{
	return e->hdr.wd == wd && e->hdr.mask == mask && e->hdr.cookie == cookie &&
	       e->namelen == namelen && (!namelen || !memcmp(e->name, name, namelen));
}

void inotify_queue_event(struct inotify_group *g, int wd, u32 mask, u32 cookie,
			 const char *name, u32 namelen)
{
	struct inotify_kevent *e, *last;
	u32 padded = namelen ? ALIGN_UP(namelen + 1, sizeof(struct inotify_event_hdr)) : 0;

	mutex_lock(&g->lock);
	last = list_empty(&g->events) ? NULL :
	       list_last_entry(&g->events, struct inotify_kevent, node);
	if (g->q_len >= INOTIFY_MAX_QUEUED) {
		if (g->overflow_queued)
			goto out;
		wd = -1;
		mask = IN_Q_OVERFLOW;
		cookie = 0;
		namelen = padded = 0;
	} else if (last && same_event(last, wd, mask, cookie, name, namelen)) {
		goto out;   /* merged with the identical event before it */
	}
	e = kzalloc(sizeof(*e) + padded, GFP_KERNEL);
	if (!e)
		goto out;   /* XXX: Linux queues the overflow event then */
	e->hdr.wd = wd;
	e->hdr.mask = mask;
	e->hdr.cookie = cookie;
	e->hdr.len = padded;
	e->namelen = namelen;
	if (namelen)
		memcpy(e->name, name, namelen);
	if (mask == IN_Q_OVERFLOW)
		g->overflow_queued = true;
	list_add_tail(&e->node, &g->events);
	g->q_len++;
	g->bytes += event_size(e);
	mutex_unlock(&g->lock);
	wake_up_all(&g->wq);
	return;
out:
	mutex_unlock(&g->lock);
}

static ssize_t inotify_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	struct inotify_group *g = f->private_data;
	ssize_t done = 0;

	for (;;) {
		int err;

		mutex_lock(&g->lock);
		if (!list_empty(&g->events))
			break;
		mutex_unlock(&g->lock);
		if (f->f_flags & LINUX_O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(&g->wq, !list_empty(&g->events));
		if (err)
			return err;
	}
	while (!list_empty(&g->events)) {
		struct inotify_kevent *e = list_first_entry(&g->events, struct inotify_kevent, node);
		size_t n = event_size(e);

		if (n > iov_iter_count(to)) {
			if (!done)
				done = -EINVAL;
			break;
		}
		/* Off the queue first: Linux loses an event that faults too. */
		list_del(&e->node);
		g->q_len--;
		g->bytes -= n;
		if (e->hdr.mask == IN_Q_OVERFLOW)
			g->overflow_queued = false;
		if (copy_to_iter(&e->hdr, sizeof(e->hdr), to) != sizeof(e->hdr) ||
		    (e->hdr.len && copy_to_iter(e->name, e->hdr.len, to) != e->hdr.len)) {
			kfree(e);
			if (!done)
				done = -EFAULT;
			break;
		}
		kfree(e);
		done += n;
	}
	mutex_unlock(&g->lock);
	return done;
}

static unsigned inotify_poll(struct file *f, struct poll_table *pt)
{
	struct inotify_group *g = f->private_data;
	unsigned mask = 0;

	poll_wait(f, &g->wq, pt);
	mutex_lock(&g->lock);
	if (!list_empty(&g->events))
		mask |= POLLIN | POLLRDNORM;
	mutex_unlock(&g->lock);
	return mask;
}

static long inotify_ioctl(struct file *f, unsigned cmd, unsigned long arg)
{
	struct inotify_group *g = f->private_data;
	int n;

	if (cmd != LINUX_FIONREAD)
		return -ENOTTY;
	mutex_lock(&g->lock);
	n = (int)g->bytes;
	mutex_unlock(&g->lock);
	return put_user(n, (int __user *)arg);
}

static int inotify_release(struct inode *inode, struct file *f)
{
	struct inotify_group *g = f->private_data;
	struct inotify_kevent *e, *en;
	struct fsnotify_mark *m, *mn;
	LIST_HEAD(dead);

	mutex_lock(&fsnotify_mutex);
	list_for_each_entry_safe(m, mn, &g->marks, gnode) {
		fsnotify_detach_mark(m, false);
		list_add_tail(&m->gnode, &dead);
	}
	mutex_unlock(&fsnotify_mutex);
	list_for_each_entry_safe(m, mn, &dead, gnode) {
		iput(m->inode);
		kfree(m);
	}
	list_for_each_entry_safe(e, en, &g->events, node)
		kfree(e);
	kfree(g);
	return 0;
}

static const struct file_operations inotify_fops = {
	.read_iter = inotify_read,
	.poll = inotify_poll,
	.ioctl = inotify_ioctl,
	.release = inotify_release,
	.fasync = true,
};

struct file *inotify_create(int flags)
{
	struct inotify_group *g = kzalloc(sizeof(*g), GFP_KERNEL);
	struct file *f;

	if (!g)
		return ERR_PTR(-ENOMEM);
	mutex_init(&g->lock, "inotify.lock");
	INIT_LIST_HEAD(&g->events);
	INIT_LIST_HEAD(&g->marks);
	init_waitqueue_head(&g->wq);
	g->next_wd = 1;
	f = anon_inode_getfile("inotify", &inotify_fops, g,
			       LINUX_O_RDONLY | (flags & LINUX_O_NONBLOCK));
	if (IS_ERR(f))
		kfree(g);
	return f;
}

static struct inotify_group *inotify_group_of(struct file *f)
{
	return f->f_op == &inotify_fops ? f->private_data : NULL;
}

int inotify_add_watch(struct file *f, const struct path *p, u32 mask)
{
	struct inotify_group *g = inotify_group_of(f);
	struct inode *inode = p->dentry->d_inode;
	u32 keep = mask & (IN_ALL_EVENTS | IN_ONESHOT | IN_EXCL_UNLINK);
	struct fsnotify_mark *m, *fresh;
	int wd;

	if (!g)
		return -EINVAL;
	fresh = kzalloc(sizeof(*fresh), GFP_KERNEL);
	if (!fresh)
		return -ENOMEM;
	mutex_lock(&fsnotify_mutex);
	m = fsnotify_find_mark(inode, g);
	if (m) {
		kfree(fresh);
		if (mask & IN_MASK_CREATE) {
			mutex_unlock(&fsnotify_mutex);
			return -EEXIST;
		}
		m->mask = (mask & IN_MASK_ADD) ? m->mask | keep : keep;
		wd = m->wd;
		mutex_unlock(&fsnotify_mutex);
		return wd;
	}
	if (g->nr_marks >= INOTIFY_MAX_WATCHES) {
		mutex_unlock(&fsnotify_mutex);
		kfree(fresh);
		return -ENOSPC;
	}
	ihold(inode);
	fresh->inode = inode;
	fresh->group = g;
	fresh->mask = keep;
	fresh->wd = wd = g->next_wd++;
	if (g->next_wd <= 0)
		g->next_wd = 1;   /* XXX: Linux skips wds still in use */
	fsnotify_add_mark(fresh);
	mutex_unlock(&fsnotify_mutex);
	return wd;
}

int inotify_rm_watch(struct file *f, int wd)
{
	struct inotify_group *g = inotify_group_of(f);
	struct fsnotify_mark *m, *found = NULL;

	if (!g)
		return -EINVAL;
	mutex_lock(&fsnotify_mutex);
	list_for_each_entry(m, &g->marks, gnode) {
		if (m->wd == wd) {
			found = m;
			break;
		}
	}
	if (found)
		fsnotify_detach_mark(found, true);
	mutex_unlock(&fsnotify_mutex);
	if (!found)
		return -EINVAL;
	iput(found->inode);
	kfree(found);
	return 0;
}

bool file_is_inotify(struct file *f)
{
	return f->f_op == &inotify_fops;
}
