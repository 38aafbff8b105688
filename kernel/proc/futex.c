/*
 * Futexes: FUTEX_WAIT/WAKE (and the _BITSET forms), REQUEUE, CMP_REQUEUE
 * and WAKE_OP, enough for glibc's and musl's mutexes, condition variables,
 * pthread_join (CLONE_CHILD_CLEARTID wakes it) and barriers; robust lists
 * walked when a thread exits or execs.
 *
 * A waiter sits, on its own stack, in one of a fixed set of hash buckets
 * chosen by its key: (mm, address) for a private futex or for a shared one
 * in private memory; (inode, file offset) for a shared futex in a
 * MAP_SHARED file mapping, and (shared anonymous object, offset) in
 * MAP_SHARED|MAP_ANONYMOUS memory, so that processes mapping the same
 * object meet whatever addresses they map it at.
 * The waiter checks the futex word under the bucket lock before it
 * sleeps, so a waker that changes the word and then wakes cannot slip
 * between the check and the sleep. Wakers unlink and wake waiters under
 * the bucket lock, and a waiter leaves only after taking that lock, so its
 * stack entry is never touched after it returns.
 *
 * XXX: a shared key holds no reference on its inode or object (Linux pins
 * it); an object freed and reallocated while a waiter sleeps on it could
 * meet a stranger's wake, which futex users tolerate as a spurious wakeup.
 * No PI futexes; an interrupted FUTEX_WAIT with a timeout returns EINTR
 * (Linux restarts it); an absolute CLOCK_REALTIME wait is converted to the
 * monotonic clock once, so a later clock_settime does not move it.
 */
#include <asm/extable.h>
#include <kernel/clock.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/proc.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/uaccess.h>
#include <kernel/vm.h>
#include <linuxabi/uapi/time.h>

#include <linuxabi/time_conv.h>
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

/* The futex word's bits that robust mutexes use (Linux's values). */
#define FUTEX_WAITERS 0x80000000U
#define FUTEX_OWNER_DIED 0x40000000U
#define FUTEX_TID_MASK 0x3fffffffU
#define ROBUST_LIST_LIMIT 2048      /* entries walked at most: a cyclic list ends */

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
	int result;                 /* 0 found, 1 private memory, -EFAULT none */
};

static int key_vma(const struct vma_info *v, void *arg)
{
	struct key_lookup *l = arg;

	if (l->addr < v->start || l->addr >= v->end)
		return 0;
	if (!(v->flags & VM_SHARED)) {
		l->result = 1;              /* private memory: keyed by mm */
	} else if (v->shm_obj) {
		l->key.obj = v->shm_obj;
		l->key.off = (v->pgoff << 12) + (l->addr - v->start);
		l->result = 0;
	} else if (v->file && v->file->f_inode) {
		l->key.obj = v->file->f_inode;
		l->key.off = (v->pgoff << 12) + (l->addr - v->start);
		l->result = 0;
	} else {
		l->result = 1;              /* nothing to share through: as private */
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
	r = wake_locked(b, &key, MAX(nr, 1), bitset);   /* Linux wakes one for nr <= 0 */
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

/*
 * compare-and-exchange on a user word. A fault is resolved by the page-fault
 * handler when we may sleep (no lock held), else it ends at the fixup.
 * *cur gets the value found. 0 or -EFAULT.
 */
static int cmpxchg_user(u32 __user *uaddr, u32 old, u32 new, u32 *cur)
{
	int ret = 0;

	if (!access_ok(uaddr, sizeof(u32)))
		return -EFAULT;
	asm volatile("1: lock cmpxchgl %[new], %[mem]\n"
		     "   jmp 3f\n"
		     "2: movl $-14, %[ret]\n"
		     "3:\n"
		     _ASM_EXTABLE(1b, 2b)
		     : [ret] "+r"(ret), [mem] "+m"(*(u32 *)uaddr), "+a"(old)
		     : [new] "r"(new)
		     : "memory");
	*cur = old;
	return ret;
}

#define FUTEX_OP_SET 0
#define FUTEX_OP_ADD 1
#define FUTEX_OP_OR 2
#define FUTEX_OP_ANDN 3
#define FUTEX_OP_XOR 4
#define FUTEX_OP_OPARG_SHIFT 8
#define FUTEX_OP_CMP_EQ 0
#define FUTEX_OP_CMP_NE 1
#define FUTEX_OP_CMP_LT 2
#define FUTEX_OP_CMP_LE 3
#define FUTEX_OP_CMP_GT 4
#define FUTEX_OP_CMP_GE 5

/* Apply WAKE_OP's operation to *uaddr atomically; *oldval gets the value
 * before. 0, -EFAULT, or -ENOSYS for an unknown operation. */
static int wake_op_apply(u32 __user *uaddr, u32 encoded, int *oldval)
{
	int op = (encoded >> 28) & 7;
	int oparg = (int)(encoded << 8) >> 20;      /* 12 bits, sign-extended */
	u32 old, cur, new;
	int r;

	if (encoded & (FUTEX_OP_OPARG_SHIFT << 28)) {
		oparg &= 31;                /* Linux masks an out-of-range shift too */
		oparg = 1 << oparg;
	}
	if (op > FUTEX_OP_XOR)
		return -ENOSYS;
	if (get_user(old, uaddr))
		return -EFAULT;
	for (;;) {
		switch (op) {
		case FUTEX_OP_SET: new = oparg; break;
		case FUTEX_OP_ADD: new = old + oparg; break;
		case FUTEX_OP_OR: new = old | oparg; break;
		case FUTEX_OP_ANDN: new = old & ~oparg; break;
		default: new = old ^ oparg; break;
		}
		r = cmpxchg_user(uaddr, old, new, &cur);
		if (r)
			return r;
		if (cur == old)
			break;
		old = cur;
	}
	*oldval = (int)old;
	return 0;
}

static long futex_wake_op(u32 __user *uaddr, bool shared, int nr_wake, int nr_wake2,
			  u32 __user *uaddr2, u32 encoded)
{
	int cmp = (encoded >> 24) & 15;
	int cmparg = (int)(encoded << 20) >> 20;
	struct futex_key k1, k2;
	struct futex_bucket *b1, *b2;
	unsigned long flags;
	int r, oldval, woken;
	bool hit;

	if (cmp > FUTEX_OP_CMP_GE)
		return -ENOSYS;
	r = get_key(uaddr, shared, &k1);
	if (!r)
		r = get_key(uaddr2, shared, &k2);
	if (r)
		return r;
	/* The operation runs before the buckets are locked: a waiter on
	 * uaddr2 either saw the old value and is queued (then we wake it
	 * below) or sees the new one and does not sleep. */
	r = wake_op_apply(uaddr2, encoded, &oldval);
	if (r)
		return r;
	switch (cmp) {
	case FUTEX_OP_CMP_EQ: hit = oldval == cmparg; break;
	case FUTEX_OP_CMP_NE: hit = oldval != cmparg; break;
	case FUTEX_OP_CMP_LT: hit = oldval < cmparg; break;
	case FUTEX_OP_CMP_LE: hit = oldval <= cmparg; break;
	case FUTEX_OP_CMP_GT: hit = oldval > cmparg; break;
	default: hit = oldval >= cmparg; break;
	}
	b1 = key_bucket(&k1);
	b2 = key_bucket(&k2);
	lock_two(b1, b2, &flags);
	/* As Linux's wake loops: asking for 0 (or less) still wakes one. */
	woken = wake_locked(b1, &k1, MAX(nr_wake, 1), FUTEX_BITSET_MATCH_ANY);
	if (hit)
		woken += wake_locked(b2, &k2, MAX(nr_wake2, 1), FUTEX_BITSET_MATCH_ANY);
	unlock_two(b1, b2, flags);
	return woken;
}

/*
 * A thread that dies holding a robust mutex: the word keeps its waiters bit,
 * gains FUTEX_OWNER_DIED and loses the owner's tid, and one waiter is woken
 * to take the mutex over (it sees EOWNERDEAD from pthread_mutex_lock).
 * pending: the entry named by list_op_pending, whose owner may not have
 * stored its tid yet: only woken if it was ours. The tid in the word is
 * the one the thread knows, its number in its own pid namespace.
 */
static int robust_futex_died(u32 __user *uaddr, pid_t tid)
{
	u32 val, cur;

	if ((unsigned long)uaddr & 3)
		return -EINVAL;
	if (get_user(val, uaddr))
		return -EFAULT;
	for (;;) {
		u32 new;

		if ((val & FUTEX_TID_MASK) != (u32)tid)
			return 0;
		new = (val & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
		if (cmpxchg_user(uaddr, val, new, &cur))
			return -EFAULT;
		if (cur == val)
			break;
		val = cur;
	}
	if (val & FUTEX_WAITERS)
		futex_wake(uaddr, true, 1, FUTEX_BITSET_MATCH_ANY);
	return 0;
}

/* struct robust_list_head of x86_64: { next, futex_offset, list_op_pending }.
 * Entry pointers have bit 0 set for PI futexes (none here: they are
 * treated like the others). */
void futex_exit_robust_list(struct task *t)
{
	unsigned long head = (unsigned long)t->robust_list;
	unsigned long entry, pending;
	long offset;
	int limit = ROBUST_LIST_LIMIT;

	t->robust_list = NULL;
	if (!head || !t->mm)
		return;
	futex_init();
	if (get_user(entry, (unsigned long __user *)head) ||
	    get_user(offset, (long __user *)(head + 8)) ||
	    get_user(pending, (unsigned long __user *)(head + 16)))
		return;
	entry &= ~1UL;
	pending &= ~1UL;
	while (entry != head && limit-- > 0) {
		unsigned long next;

		/* Read the link before the word changes hands. */
		if (get_user(next, (unsigned long __user *)entry))
			return;
		if (entry != pending)
			robust_futex_died((u32 __user *)(entry + offset), task_pid_vnr(t));
		entry = next & ~1UL;
	}
	if (pending)
		robust_futex_died((u32 __user *)(pending + offset), task_pid_vnr(t));
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
	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAIT)
		return -ENOSYS;     /* Linux: only the waits take a clock */
	if ((cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET) && utime) {
		struct linux_timespec ts;
		u64 ns;

		if (copy_from_user(&ts, utime, sizeof(ts)))
			return -EFAULT;
		if (!ts_valid(&ts))
			return -EINVAL;
		ns = ts_to_ns(&ts);   /* saturates: a huge timeout is forever */
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
	case FUTEX_WAKE_OP:
		return futex_wake_op(uaddr, shared, val, (int)(unsigned long)utime, uaddr2, val3);
	}
	return -ENOSYS;             /* XXX: PI futexes; FUTEX_FD (gone in Linux too) */
}
