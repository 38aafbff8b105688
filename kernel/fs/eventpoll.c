/*
 * epoll: an interest list of (file, fd) pairs, kept in an rbtree, and a
 * ready list fed by wait-queue callbacks. Adding a file polls it once with
 * our own poll_table queue function, which hangs an entry carrying
 * ep_poll_callback on each wait queue the file registers; from then on any
 * wakeup on those queues puts the item on the ready list and wakes the
 * epoll_wait sleepers and whoever polls the epoll file itself.
 *
 * Wakeups carry no event mask here (wake_up passes no key), so the ready
 * list holds items that *may* be ready: epoll_wait polls each again (with
 * no table) and reports those with events. Level-triggered items that
 * reported go back on the ready list; edge-triggered ones wait for the
 * next wakeup; EPOLLONESHOT items are disarmed (their event bits cleared)
 * until EPOLL_CTL_MOD.
 *
 * A harvest (ep_send_events, under ep->mtx) takes the whole ready list
 * under ep->lock once and marks the instance as scanning; until it is done
 * callbacks put the items they wake on a side list (ep->ovflist) instead
 * of touching the ready list or epi->ready, so the harvester takes items
 * off its private list, polls and reports them without ep->lock, and at
 * the end, under ep->lock once more, puts back what it did not look at,
 * the level-triggered items that reported, and whatever was woken
 * meanwhile (Linux's ep_start_scan/ep_done_scan and ovflist). An item
 * polled with nothing to report is not lost if its wakeup came during
 * the scan: it is on the side list. Two lock round trips per call,
 * whatever the number of items.
 *
 * Lifetime: an item holds no reference on its file. When a watched file's
 * last reference goes, the VFS calls eventpoll_release (from fput, before
 * ->release), which removes the file from every interest list: files keep
 * their items on file->f_ep. Closing an epoll file removes all its items.
 *
 * Locks (outer first): ep_mutex (global: serializes adding epoll files to
 * epoll files with the loop check, and the teardown paths) -> ep->mtx
 * (the tree, item event masks, scans; a parent's before a child's, the
 * loop check guarantees a DAG) -> a watched file's wait-queue lock ->
 * ep->lock (irqsave: the ready list, the side list, the scanning flag,
 * epi->ready outside scans, epi->events readers in callbacks) -> ep->wq's
 * lock. ep_links_lock (file->f_ep lists) is a leaf.
 *
 * XXX: Linux also bounds the number of paths waking a file (ep_reverse_check)
 * and the per-user watch count (max_user_watches, ENOSPC); not here.
 */
#include <kernel/clock.h>
#include <kernel/eventpoll.h>
#include <kernel/poll.h>
#include <kernel/rbtree.h>
#include <kernel/uaccess.h>

#include "internal.h"

#define EP_PRIVATE_BITS (EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE)
#define EPOLLINOUT_BITS (EPOLLIN | EPOLLOUT)
#define EPOLLEXCLUSIVE_OK_BITS (EPOLLINOUT_BITS | EPOLLERR | EPOLLHUP | EPOLLWAKEUP | EPOLLET | \
				EPOLLEXCLUSIVE)
#define EP_MAX_NESTS 4

struct eventpoll {
	struct mutex mtx;                  /* tree, epi->events changes, scans */
	spinlock_t lock;                   /* rdllist, epi->ready (irqsave) */
	struct rb_root tree;               /* struct epitem by (file, fd); mtx */
	struct list_head rdllist;          /* items that may be ready; lock */
	struct list_head ovflist;          /* woken during a scan (epi->ovflink); lock */
	bool scanning;                     /* ep_send_events runs: callbacks use ovflist; lock */
	struct wait_queue_head wq;         /* epoll_wait sleepers */
	struct wait_queue_head poll_wait;  /* poll/select/epoll of this epoll file */
	struct file *file;                 /* its own file (not referenced: it owns ep) */
};

struct eppoll_entry {
	struct list_head link;             /* in epi->pwqlist (ep->mtx) */
	struct epitem *epi;
	struct wait_queue_head *whead;
	struct wait_queue_entry wait;
};

struct epitem {
	struct rb_node rbn;                /* in ep->tree (ep->mtx) */
	struct list_head rdllink;          /* on ep->rdllist or a scan's list (ep->lock) */
	bool ready;                        /* rdllink is on a list (ep->lock; the
					    * harvester's alone while it scans) */
	struct list_head ovflink;          /* on ep->ovflist, else empty (ep->lock) */
	struct file *file;                 /* not referenced: see eventpoll_release */
	int fd;
	struct eventpoll *ep;
	u32 events;                        /* written under ep->mtx and ep->lock */
	u64 data;                          /* ep->mtx */
	struct list_head pwqlist;          /* struct eppoll_entry (ep->mtx) */
	struct hlist_node fnode;           /* in file->f_ep (ep_links_lock) */
};

static DEFINE_MUTEX(ep_mutex);
static spinlock_t ep_links_lock = SPINLOCK_INIT("ep_links_lock");

static const struct file_operations eventpoll_fops;

bool file_is_eventpoll(struct file *f)
{
	return f->f_op == &eventpoll_fops;
}

/* ---- the wakeup side ------------------------------------------------------ */

/* Called under the watched queue's lock, interrupts off, maybe in an IRQ. */
static int ep_poll_callback(struct wait_queue_entry *w, void *key)
{
	struct eppoll_entry *pwq = container_of(w, struct eppoll_entry, wait);
	struct epitem *epi = pwq->epi;
	struct eventpoll *ep = epi->ep;
	unsigned long flags;
	bool wake_pollers;

	spin_lock_irqsave(&ep->lock, flags);
	if (!(epi->events & ~EP_PRIVATE_BITS)) {
		/* A disarmed EPOLLONESHOT item. */
		spin_unlock_irqrestore(&ep->lock, flags);
		return 0;
	}
	if (ep->scanning) {
		/* The harvester owns the ready list and epi->ready now. */
		if (list_empty(&epi->ovflink))
			list_add_tail(&epi->ovflink, &ep->ovflist);
	} else if (!epi->ready) {
		list_add_tail(&epi->rdllink, &ep->rdllist);
		epi->ready = true;
	}
	if (waitqueue_active(&ep->wq))
		wake_up(&ep->wq);
	wake_pollers = waitqueue_active(&ep->poll_wait);
	spin_unlock_irqrestore(&ep->lock, flags);
	/* Outside ep->lock: a parent epoll's callback takes its own. */
	if (wake_pollers)
		wake_up(&ep->poll_wait);
	return 1;
}

struct ep_pqueue {
	struct poll_table pt;
	struct epitem *epi;
	int error;
};

static void ep_ptable_queue_proc(struct file *f, struct wait_queue_head *wq, struct poll_table *pt)
{
	struct ep_pqueue *epq = container_of(pt, struct ep_pqueue, pt);
	struct epitem *epi = epq->epi;
	struct eppoll_entry *pwq = kmalloc(sizeof(*pwq), GFP_KERNEL);

	if (!pwq) {
		epq->error = -ENOMEM;
		return;
	}
	init_wait_entry(&pwq->wait, (epi->events & EPOLLEXCLUSIVE) ? WQ_FLAG_EXCLUSIVE : 0);
	pwq->wait.func = ep_poll_callback;
	pwq->wait.task = NULL;
	pwq->whead = wq;
	pwq->epi = epi;
	list_add_tail(&pwq->link, &epi->pwqlist);
	add_wait_queue(wq, &pwq->wait);
}

/* Put epi on the ready list (if not there) and wake the waiters. */
static void ep_make_ready(struct eventpoll *ep, struct epitem *epi)
{
	unsigned long flags;
	bool wake_pollers;

	spin_lock_irqsave(&ep->lock, flags);
	if (!epi->ready) {
		list_add_tail(&epi->rdllink, &ep->rdllist);
		epi->ready = true;
	}
	if (waitqueue_active(&ep->wq))
		wake_up(&ep->wq);
	wake_pollers = waitqueue_active(&ep->poll_wait);
	spin_unlock_irqrestore(&ep->lock, flags);
	if (wake_pollers)
		wake_up(&ep->poll_wait);
}

/* ---- the interest list ---------------------------------------------------- */

static int ep_cmp(struct file *f1, int fd1, struct file *f2, int fd2)
{
	if (f1 != f2)
		return f1 < f2 ? -1 : 1;
	return fd1 < fd2 ? -1 : fd1 > fd2;
}

/* Caller holds ep->mtx. */
static struct epitem *ep_find(struct eventpoll *ep, struct file *f, int fd)
{
	struct rb_node *n = ep->tree.rb_node;

	while (n) {
		struct epitem *epi = rb_entry(n, struct epitem, rbn);
		int c = ep_cmp(f, fd, epi->file, epi->fd);

		if (!c)
			return epi;
		n = c < 0 ? n->rb_left : n->rb_right;
	}
	return NULL;
}

static void ep_tree_insert(struct eventpoll *ep, struct epitem *epi)
{
	struct rb_node **p = &ep->tree.rb_node, *parent = NULL;

	while (*p) {
		struct epitem *cur = rb_entry(*p, struct epitem, rbn);

		parent = *p;
		p = ep_cmp(epi->file, epi->fd, cur->file, cur->fd) < 0 ? &(*p)->rb_left
									: &(*p)->rb_right;
	}
	rb_link_node(&epi->rbn, parent, p);
	rb_insert_color(&epi->rbn, &ep->tree);
}

/* Unhook and free an item. Caller holds ep->mtx. */
static void ep_remove(struct eventpoll *ep, struct epitem *epi)
{
	struct eppoll_entry *pwq, *n;
	unsigned long flags;

	/* After remove_wait_queue no callback runs on the entry: callbacks
	 * run under the queue's lock. */
	list_for_each_entry_safe(pwq, n, &epi->pwqlist, link) {
		remove_wait_queue(pwq->whead, &pwq->wait);
		list_del(&pwq->link);
		kfree(pwq);
	}
	spin_lock(&ep_links_lock);
	hlist_del(&epi->fnode);
	spin_unlock(&ep_links_lock);
	rb_erase(&epi->rbn, &ep->tree);
	spin_lock_irqsave(&ep->lock, flags);
	if (epi->ready)
		list_del(&epi->rdllink);
	if (!list_empty(&epi->ovflink))     /* only during a scan, which holds ep->mtx */
		list_del(&epi->ovflink);
	spin_unlock_irqrestore(&ep->lock, flags);
	kfree(epi);
}

static int ep_insert(struct eventpoll *ep, const struct linux_epoll_event *ev, struct file *tf,
		     int fd)
{
	struct epitem *epi = kzalloc(sizeof(*epi), GFP_KERNEL);
	struct ep_pqueue epq;
	unsigned revents;

	if (!epi)
		return -ENOMEM;
	INIT_LIST_HEAD(&epi->rdllink);
	INIT_LIST_HEAD(&epi->ovflink);
	INIT_LIST_HEAD(&epi->pwqlist);
	epi->file = tf;
	epi->fd = fd;
	epi->ep = ep;
	epi->events = ev->events;
	epi->data = ev->data;
	ep_tree_insert(ep, epi);
	spin_lock(&ep_links_lock);
	hlist_add_head(&epi->fnode, &tf->f_ep);
	spin_unlock(&ep_links_lock);

	epq.pt.queue = ep_ptable_queue_proc;
	epq.pt.key = ev->events;
	epq.epi = epi;
	epq.error = 0;
	revents = vfs_poll(tf, &epq.pt);
	if (epq.error) {
		ep_remove(ep, epi);
		return epq.error;
	}
	if (revents & epi->events)
		ep_make_ready(ep, epi);
	return 0;
}

static void ep_modify(struct eventpoll *ep, struct epitem *epi, const struct linux_epoll_event *ev)
{
	unsigned long flags;

	spin_lock_irqsave(&ep->lock, flags);
	epi->events = ev->events;
	spin_unlock_irqrestore(&ep->lock, flags);
	epi->data = ev->data;
	/* Re-check now: the condition may already hold (a re-armed ONESHOT). */
	if (vfs_poll(epi->file, NULL) & epi->events)
		ep_make_ready(ep, epi);
}

/*
 * How deep epoll nesting goes below `from` (0: no epoll file inside it),
 * or -ELOOP when `to` is reachable from it (adding `from` below `to` would
 * make a cycle) or the nesting is already too deep. Caller holds ep_mutex,
 * so no epoll-in-epoll edge changes meanwhile.
 */
static int ep_depth_below(struct eventpoll *from, struct eventpoll *to, int depth)
{
	struct rb_node *n;
	int max = 0;

	if (depth > EP_MAX_NESTS)
		return -ELOOP;
	mutex_lock(&from->mtx);
	for (n = rb_first(&from->tree); n; n = rb_next(n)) {
		struct epitem *epi = rb_entry(n, struct epitem, rbn);
		struct eventpoll *child;
		int d;

		if (!file_is_eventpoll(epi->file))
			continue;
		child = epi->file->private_data;
		d = child == to ? -ELOOP : ep_depth_below(child, to, depth + 1);
		if (d < 0) {
			mutex_unlock(&from->mtx);
			return d;
		}
		max = MAX(max, d + 1);
	}
	mutex_unlock(&from->mtx);
	return max;
}

/* How many epoll files sit above ep (0: none watches it). All f_ep lists
 * are guarded by ep_links_lock, which the caller holds. */
static int ep_depth_above(struct eventpoll *ep, int depth)
{
	struct epitem *epi;
	int max = 0;

	if (depth > EP_MAX_NESTS)
		return depth;
	hlist_for_each_entry(epi, &ep->file->f_ep, fnode)
		max = MAX(max, 1 + ep_depth_above(epi->ep, depth + 1));
	return max;
}

/*
 * May epoll file `child` go inside ep? Not if that makes a cycle or a chain
 * longer than EP_MAX_NESTS counting the epolls above ep and below child
 * (as Linux: a long chain built from either end would otherwise let one
 * wakeup or poll recurse through all of it, on the kernel stack).
 */
static int ep_loop_check(struct eventpoll *child, struct eventpoll *ep)
{
	int below = ep_depth_below(child, ep, 1), above;

	if (below < 0)
		return below;
	spin_lock(&ep_links_lock);
	above = ep_depth_above(ep, 0);
	spin_unlock(&ep_links_lock);
	return below + 1 + above > EP_MAX_NESTS ? -ELOOP : 0;
}

int eventpoll_ctl(struct file *epf, int op, int fd, struct file *tf,
		  const struct linux_epoll_event *uev)
{
	struct linux_epoll_event ev = { 0 };
	struct eventpoll *ep;
	struct epitem *epi;
	bool nested = false;
	int err;

	if (uev)
		ev = *uev;
	if (!tf->f_op || !tf->f_op->poll)
		return -EPERM;
	/* XXX: EPOLLWAKEUP needs CAP_BLOCK_SUSPEND; without suspend it means nothing. */
	ev.events &= ~EPOLLWAKEUP;
	if (epf == tf || !file_is_eventpoll(epf))
		return -EINVAL;
	if (op != LINUX_EPOLL_CTL_DEL && (ev.events & EPOLLEXCLUSIVE)) {
		if (op == LINUX_EPOLL_CTL_MOD)
			return -EINVAL;
		if (op == LINUX_EPOLL_CTL_ADD &&
		    (file_is_eventpoll(tf) || (ev.events & ~EPOLLEXCLUSIVE_OK_BITS)))
			return -EINVAL;
	}
	ep = epf->private_data;
	if (op == LINUX_EPOLL_CTL_ADD && file_is_eventpoll(tf)) {
		nested = true;
		mutex_lock(&ep_mutex);
		err = ep_loop_check(tf->private_data, ep);
		if (err) {
			mutex_unlock(&ep_mutex);
			return err;
		}
	}
	mutex_lock(&ep->mtx);
	epi = ep_find(ep, tf, fd);
	switch (op) {
	case LINUX_EPOLL_CTL_ADD:
		if (epi) {
			err = -EEXIST;
			break;
		}
		ev.events |= EPOLLERR | EPOLLHUP;
		err = ep_insert(ep, &ev, tf, fd);
		break;
	case LINUX_EPOLL_CTL_DEL:
		if (!epi) {
			err = -ENOENT;
			break;
		}
		ep_remove(ep, epi);
		err = 0;
		break;
	case LINUX_EPOLL_CTL_MOD:
		if (!epi) {
			err = -ENOENT;
			break;
		}
		if (epi->events & EPOLLEXCLUSIVE) {
			err = -EINVAL;
			break;
		}
		ev.events |= EPOLLERR | EPOLLHUP;
		ep_modify(ep, epi, &ev);
		err = 0;
		break;
	default:
		err = -EINVAL;
	}
	mutex_unlock(&ep->mtx);
	if (nested)
		mutex_unlock(&ep_mutex);
	return err;
}

/* ---- harvesting ----------------------------------------------------------- */

/* Report up to maxevents ready items. Caller holds ep->mtx. */
static int ep_send_events(struct eventpoll *ep, struct linux_epoll_event __user *uev,
			  int maxevents)
{
	LIST_HEAD(txlist);
	LIST_HEAD(again);
	struct epitem *epi, *tmp;
	unsigned long flags;
	int n = 0, err = 0;

	/* Unlocked peek: an item made ready right now is one made ready
	 * just after the call, and sleepers re-check under the lock. */
	if (list_empty(&ep->rdllist))
		return 0;
	spin_lock_irqsave(&ep->lock, flags);
	list_splice_init(&ep->rdllist, &txlist);
	ep->scanning = true;
	spin_unlock_irqrestore(&ep->lock, flags);

	while (n < maxevents && !list_empty(&txlist)) {
		struct linux_epoll_event ev;
		unsigned revents;

		epi = list_first_entry(&txlist, struct epitem, rdllink);
		list_del_init(&epi->rdllink);
		epi->ready = false;       /* a wakeup from here on lands on ovflist */
		revents = vfs_poll(epi->file, NULL) & epi->events;
		if (!revents)
			continue;
		ev.events = revents;
		ev.data = epi->data;
		if (copy_to_user(&uev[n], &ev, sizeof(ev))) {
			list_add(&epi->rdllink, &txlist);
			epi->ready = true;
			err = -EFAULT;
			break;
		}
		n++;
		if (epi->events & EPOLLONESHOT) {
			/* Callbacks read events under ep->lock. */
			spin_lock_irqsave(&ep->lock, flags);
			epi->events &= EP_PRIVATE_BITS;
			spin_unlock_irqrestore(&ep->lock, flags);
		} else if (!(epi->events & EPOLLET)) {
			/* Level-triggered: report again while the condition holds. */
			list_add_tail(&epi->rdllink, &again);
			epi->ready = true;
		}
	}

	spin_lock_irqsave(&ep->lock, flags);
	ep->scanning = false;
	list_for_each_entry_safe(epi, tmp, &ep->ovflist, ovflink) {
		list_del_init(&epi->ovflink);
		if (!epi->ready) {
			list_add_tail(&epi->rdllink, &ep->rdllist);
			epi->ready = true;
		}
	}
	/* What was not looked at stays ready, ahead of newer arrivals; the
	 * level-triggered items that reported go behind them. */
	list_splice(&txlist, &ep->rdllist);
	list_splice_tail(&again, &ep->rdllist);
	/* Another thread may sleep in epoll_wait on what is left. */
	if (!list_empty(&ep->rdllist) && waitqueue_active(&ep->wq))
		wake_up(&ep->wq);
	spin_unlock_irqrestore(&ep->lock, flags);
	return n ? n : err;
}

static bool ep_events_available(struct eventpoll *ep)
{
	unsigned long flags;
	bool avail;

	spin_lock_irqsave(&ep->lock, flags);
	avail = !list_empty(&ep->rdllist);
	spin_unlock_irqrestore(&ep->lock, flags);
	return avail;
}

int eventpoll_wait(struct file *epf, struct linux_epoll_event __user *uev, int maxevents,
		   u64 deadline, bool nowait)
{
	struct eventpoll *ep = epf->private_data;
	bool timed_out = false;

	for (;;) {
		struct wait_queue_entry w;
		int n;

		mutex_lock(&ep->mtx);
		n = ep_send_events(ep, uev, maxevents);
		mutex_unlock(&ep->mtx);
		if (n || nowait || timed_out)
			return n;

		init_wait_entry(&w, 0);
		prepare_to_wait(&ep->wq, &w, TASK_INTERRUPTIBLE);
		if (!ep_events_available(ep)) {
			if (signal_pending(current)) {
				finish_wait(&ep->wq, &w);
				return -EINTR;
			}
			if (deadline) {
				u64 now = ktime_get_ns();

				if (now >= deadline || !schedule_timeout(deadline - now))
					timed_out = true;
			} else {
				schedule();
			}
		}
		finish_wait(&ep->wq, &w);
	}
}

/* ---- the epoll file ------------------------------------------------------- */

/* Readable when some ready item really has events; the items stay ready. */
static unsigned ep_eventpoll_poll(struct file *f, struct poll_table *pt)
{
	struct eventpoll *ep = f->private_data;
	LIST_HEAD(txlist);
	struct epitem *epi;
	unsigned long flags;
	unsigned mask = 0;

	poll_wait(f, &ep->poll_wait, pt);
	mutex_lock(&ep->mtx);
	spin_lock_irqsave(&ep->lock, flags);
	list_splice_init(&ep->rdllist, &txlist);
	spin_unlock_irqrestore(&ep->lock, flags);
	/* Items on txlist are marked ready: callbacks leave them alone, and
	 * only ep->mtx holders take items off. */
	list_for_each_entry(epi, &txlist, rdllink) {
		if (vfs_poll(epi->file, NULL) & epi->events) {
			mask = POLLIN | POLLRDNORM;
			break;
		}
	}
	spin_lock_irqsave(&ep->lock, flags);
	list_splice(&txlist, &ep->rdllist);
	spin_unlock_irqrestore(&ep->lock, flags);
	mutex_unlock(&ep->mtx);
	return mask;
}

static int ep_release(struct inode *inode, struct file *f)
{
	struct eventpoll *ep = f->private_data;
	struct rb_node *n;

	mutex_lock(&ep_mutex);
	mutex_lock(&ep->mtx);
	while ((n = rb_first(&ep->tree)))
		ep_remove(ep, rb_entry(n, struct epitem, rbn));
	mutex_unlock(&ep->mtx);
	mutex_unlock(&ep_mutex);
	kfree(ep);
	return 0;
}

static const struct file_operations eventpoll_fops = {
	.poll = ep_eventpoll_poll,
	.release = ep_release,
};

struct file *eventpoll_create(void)
{
	struct eventpoll *ep = kzalloc(sizeof(*ep), GFP_KERNEL);
	struct file *f;

	if (!ep)
		return ERR_PTR(-ENOMEM);
	mutex_init(&ep->mtx, "eventpoll.mtx");
	spin_lock_init(&ep->lock, "eventpoll.lock");
	ep->tree = RB_ROOT;
	INIT_LIST_HEAD(&ep->rdllist);
	INIT_LIST_HEAD(&ep->ovflist);
	init_waitqueue_head(&ep->wq);
	init_waitqueue_head(&ep->poll_wait);
	f = anon_inode_getfile("[eventpoll]", &eventpoll_fops, ep, LINUX_O_RDWR);
	if (IS_ERR(f))
		kfree(ep);
	else
		ep->file = f;
	return f;
}

void eventpoll_release(struct file *f)
{
	/* Nobody else holds f, so no epoll_ctl can add to or remove from
	 * f->f_ep; ep_mutex keeps the epoll instances from being freed. */
	mutex_lock(&ep_mutex);
	while (f->f_ep.first) {
		struct epitem *epi = hlist_entry(f->f_ep.first, struct epitem, fnode);
		struct eventpoll *ep = epi->ep;

		mutex_lock(&ep->mtx);
		ep_remove(ep, epi);
		mutex_unlock(&ep->mtx);
	}
	mutex_unlock(&ep_mutex);
}
