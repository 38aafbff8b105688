/*
 * Futexes: FUTEX_WAIT/WAKE (and the _BITSET forms), REQUEUE and
 * CMP_REQUEUE, enough for glibc's and musl's mutexes, condition variables,
 * pthread_join (CLONE_CHILD_CLEARTID wakes it) and barriers.
 *
 * A waiter sits, on its own stack, in one of a fixed set of hash buckets
 * chosen by its key: (mm, address) for a private futex or for a shared one
 * in private memory; (inode, file offset) for a shared futex in a
 * MAP_SHARED file mapping, so that processes mapping the same file meet.
 * The waiter checks the futex word under the bucket lock before it
 * sleeps, so a waker that changes the word and then wakes cannot slip
 * between the check and the sleep. Wakers unlink and wake waiters under
 * the bucket lock, and a waiter leaves only after taking that lock, so its
 * stack entry is never touched after it returns.
 *
 * XXX: shared futexes in MAP_SHARED|MAP_ANONYMOUS memory are -ENOSYS
 * (kernel/mm does not expose the shared object's identity yet: its VMAs
 * would need to give it, as vma_info.file does for files); no PI futexes,
 * no FUTEX_WAKE_OP, no robust-list cleanup at exit; an interrupted
 * FUTEX_WAIT with a timeout returns EINTR (Linux restarts it).
 */
#include <kernel/clock.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/proc.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/uaccess.h>
#include <kernel/vm.h>
#include <linuxabi/uapi/time.h>

#include "internal.h"

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_FD 2
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_CMD_MASK (~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_BITSET_MATCH_ANY 0xffffffffU

#define FUTEX_BUCKETS 256

struct futex_key {
	const void *obj;            /* mm or inode */
	u64 off;                    /* address or byte offset in the file */
};

struct futex_bucket {
	spinlock_t lock;
	struct list_head waiters;   /* struct futex_waiter; lock */
};

struct futex_waiter {
	struct list_head node;      /* in bucket->waiters while queued; bucket lock */
	struct futex_key key;       /* bucket lock (requeue changes it) */
	struct futex_bucket *bucket;/* where it is queued; bucket lock */
	u32 bitset;
	struct task *task;
	bool woken;                 /* bucket lock */
};

static struct futex_bucket buckets[FUTEX_BUCKETS];
static bool buckets_ready;

static void futex_init(void)
{
	static DEFINE_SPINLOCK(init_lock);
	unsigned long flags;

	if (READ_ONCE(buckets_ready))
		return;
	spin_lock_irqsave(&init_lock, flags);
	if (!buckets_ready) {
		for (int i = 0; i < FUTEX_BUCKETS; i++) {
			spin_lock_init(&buckets[i].lock, "futex");
			INIT_LIST_HEAD(&buckets[i].waiters);
		}
		__atomic_store_n(&buckets_ready, true, __ATOMIC_RELEASE);
	}
	spin_unlock_irqrestore(&init_lock, flags);
}

static struct futex_bucket *key_bucket(const struct futex_key *k)
{
	u64 h = (u64)(unsigned long)k->obj * 0x9e3779b97f4a7c15ULL ^ (k->off >> 2) * 0xff51afd7ed558ccdULL;

	return &buckets[(h >> 32) % FUTEX_BUCKETS];
}

static bool key_eq(const struct futex_key *a, const struct futex_key *b)
{
	return a->obj == b->obj && a->off == b->off;
}

struct key_lookup {
	unsigned long addr;
	struct futex_key key;
	int result;                 /* 0 found, -EFAULT none, -ENOSYS shared anonymous */
};

static int key_vma(const struct vma_info *v, void *arg)
{
	struct key_lookup *l = arg;

	if (l->addr < v->start || l->addr >= v->end)
		return 0;
	if (!(v->flags & VM_SHARED)) {
		l->result = 1;              /* private memory: keyed by mm */
	} else if (v->file && v->file->f_inode) {
		l->key.obj = v->file->f_inode;
		l->key.off = (v->pgoff << 12) + (l->addr - v->start);
		l->result = 0;
	} else {
		l->result = -ENOSYS;
	}
	return 1;
}

static int get_key(u32 __user *uaddr, bool shared, struct futex_key *key)
{
	unsigned long addr = (unsigned long)uaddr;
	struct mm *mm = current->mm;
	struct key_lookup l = { .addr = addr, .result = -EFAULT };

	if (addr & 3)
		return -EINVAL;
	if (!access_ok(uaddr, sizeof(u32)) || !mm)
		return -EFAULT;
	key->obj = mm;
	key->off = addr;
	if (!shared)
		return 0;
	vm_for_each_vma(mm, key_vma, &l);
	if (l.result < 0)
		return l.result;
	if (l.result == 0)
		*key = l.key;
	return 0;
}

/* Read the futex word with the bucket locked: a fault there cannot be
 * served (the fault handler sleeps), so fault it in unlocked and retry. */
static int read_word_locked(struct futex_bucket *b, u32 __user *uaddr, u32 *val,
			    unsigned long *flags)
{
	for (;;) {
		u32 v;

		if (!copy_from_user(&v, uaddr, sizeof(v))) {
			*val = v;
			return 0;
		}
		spin_unlock_irqrestore(&b->lock, *flags);
		if (copy_from_user(&v, uaddr, sizeof(v)))
			return -EFAULT;
		spin_lock_irqsave(&b->lock, *flags);
	}
}

/* deadline: monotonic ns, 0 for none. */
static long futex_wait(u32 __user *uaddr, bool shared, u32 val, u64 deadline, u32 bitset)
{
	struct futex_waiter w = { .bitset = bitset, .task = current };
	struct futex_bucket *b;
	unsigned long flags;
	long ret = 0;
	u32 cur;
	int r;

	if (!bitset)
		return -EINVAL;
	r = get_key(uaddr, shared, &w.key);
	if (r)
		return r;
	b = key_bucket(&w.key);
	spin_lock_irqsave(&b->lock, flags);
	if (read_word_locked(b, uaddr, &cur, &flags))
		return -EFAULT;         /* the lock was dropped on that path */
	if (cur != val) {
		spin_unlock_irqrestore(&b->lock, flags);
		return -EAGAIN;
	}
	w.bucket = b;
	list_add_tail(&w.node, &b->waiters);
	set_current_state(TASK_INTERRUPTIBLE);
	spin_unlock_irqrestore(&b->lock, flags);

	for (;;) {
		u64 now;

		if (READ_ONCE(w.woken))
			break;
		if (signal_pending(current)) {
			ret = deadline ? -EINTR : -ERESTARTSYS;
			break;
		}
		if (deadline) {
			now = ktime_get_ns();
			if (now >= deadline) {
				ret = -ETIMEDOUT;
				break;
			}
			schedule_timeout(deadline - now);
		} else {
			schedule();
		}
		set_current_state(TASK_INTERRUPTIBLE);
	}
	__set_current_state(TASK_RUNNING);

	/* Leave under the lock of whichever bucket holds us now. */
	for (;;) {
		b = READ_ONCE(w.bucket);
		spin_lock_irqsave(&b->lock, flags);
		if (b == w.bucket)
			break;
		spin_unlock_irqrestore(&b->lock, flags);
	}
	if (w.woken)
		ret = 0;                /* a wake that raced a signal or timeout wins */
	else
		list_del(&w.node);
	spin_unlock_irqrestore(&b->lock, flags);
	return ret;
}

/* Caller holds b->lock. */
static int wake_locked(struct futex_bucket *b, const struct futex_key *key, int nr, u32 bitset)
{
	struct futex_waiter *w, *n;
	int woken = 0;

	list_for_each_entry_safe(w, n, &b->waiters, node) {
		if (woken >= nr)
			break;
		if (!key_eq(&w->key, key) || !(w->bitset & bitset))
			continue;
		list_del(&w->node);
		WRITE_ONCE(w->woken, true);
		wake_up_process(w->task);
		woken++;
	}
	return woken;
}

static long futex_wake(u32 __user *uaddr, bool shared, int nr, u32 bitset)
{
	struct futex_key key;
	struct futex_bucket *b;
	unsigned long flags;
	int r;

	if (!bitset)
		return -EINVAL;
	r = get_key(uaddr, shared, &key);
	if (r)
		return r;
	b = key_bucket(&key);
	spin_lock_irqsave(&b->lock, flags);
	r = wake_locked(b, &key, nr, bitset);
	spin_unlock_irqrestore(&b->lock, flags);
	return r;
}

static void lock_two(struct futex_bucket *a, struct futex_bucket *b, unsigned long *flags)
{
	*flags = local_irq_save();
	if (a == b) {
		spin_lock(&a->lock);
	} else if (a < b) {
		spin_lock(&a->lock);
		spin_lock(&b->lock);
	} else {
		spin_lock(&b->lock);
		spin_lock(&a->lock);
	}
}

static void unlock_two(struct futex_bucket *a, struct futex_bucket *b, unsigned long flags)
{
	spin_unlock(&a->lock);
	if (a != b)
		spin_unlock(&b->lock);
	local_irq_restore(flags);
}

static long futex_requeue(u32 __user *uaddr, bool shared, int nr_wake, int nr_requeue,
			  u32 __user *uaddr2, const u32 *cmpval)
{
	struct futex_key k1, k2;
	struct futex_bucket *b1, *b2;
	struct futex_waiter *w, *n;
	unsigned long flags;
	int r, woken, moved = 0;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	r = get_key(uaddr, shared, &k1);
	if (!r)
		r = get_key(uaddr2, shared, &k2);
	if (r)
		return r;
	b1 = key_bucket(&k1);
	b2 = key_bucket(&k2);
	for (;;) {
		u32 cur;

		lock_two(b1, b2, &flags);
		if (!cmpval)
			break;
		if (!copy_from_user(&cur, uaddr, sizeof(cur))) {
			if (cur != *cmpval) {
				unlock_two(b1, b2, flags);
				return -EAGAIN;
			}
			break;
		}
		unlock_two(b1, b2, flags);
		if (copy_from_user(&cur, uaddr, sizeof(cur)))
			return -EFAULT;
	}
	woken = wake_locked(b1, &k1, nr_wake, FUTEX_BITSET_MATCH_ANY);
	list_for_each_entry_safe(w, n, &b1->waiters, node) {
		if (moved >= nr_requeue)
			break;
		if (!key_eq(&w->key, &k1))
			continue;
		list_del(&w->node);
		w->key = k2;
		WRITE_ONCE(w->bucket, b2);
		list_add_tail(&w->node, &b2->waiters);
		moved++;
	}
	unlock_two(b1, b2, flags);
	return woken + moved;
}

void futex_wake_tid(int __user *uaddr)
{
	futex_init();
	futex_wake((u32 __user *)uaddr, true, 1, FUTEX_BITSET_MATCH_ANY);
}

long sys_futex(u32 __user *uaddr, int op, u32 val, const struct linux_timespec __user *utime,
	       u32 __user *uaddr2, u32 val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	bool shared = !(op & FUTEX_PRIVATE_FLAG);
	u64 deadline = 0;

	futex_init();
	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS;     /* Linux: only the bitset wait takes a clock */
	if ((cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET) && utime) {
		struct linux_timespec ts;
		u64 ns;

		if (copy_from_user(&ts, utime, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (long)NSEC_PER_SEC)
			return -EINVAL;
		ns = (u64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
		if (cmd == FUTEX_WAIT) {
			deadline = ktime_get_ns() + ns;     /* relative */
		} else if (op & FUTEX_CLOCK_REALTIME) {
			u64 real = ktime_get_real_ns(), mono = ktime_get_ns();

			deadline = ns > real ? mono + (ns - real) : mono;
		} else {
			deadline = ns;                      /* absolute monotonic */
		}
		if (!deadline)
			deadline = 1;
	}
	switch (cmd) {
	case FUTEX_WAIT:
		return futex_wait(uaddr, shared, val, deadline, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAIT_BITSET:
		return futex_wait(uaddr, shared, val, deadline, val3);
	case FUTEX_WAKE:
		return futex_wake(uaddr, shared, val, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, shared, val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, shared, val, (int)(unsigned long)utime, uaddr2, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, shared, val, (int)(unsigned long)utime, uaddr2, &val3);
	}
	return -ENOSYS;             /* XXX: WAKE_OP, PI futexes, FUTEX_FD (gone in Linux too) */
}
