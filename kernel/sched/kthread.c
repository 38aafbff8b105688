/*
 * Task lifecycle: allocation, tids, the global task list, kernel threads
 * (create, bind, run, exit, join) and reference counting.
 *
 * References: kthread_create hands one to its caller (dropped by
 * kthread_join or task_put) and keeps one for the task's run time, dropped
 * by the scheduler once the dead task has been switched away from for the
 * last time (finish_task_switch). That last drop happens with interrupts
 * off, where vfree may not be safe (TLB shootdowns wait for other CPUs), so
 * a task whose count reaches zero there is queued on free_list and freed
 * later from task context (kthread_create, kthread_join, the idle loop).
 *
 * Tids: a counter that walks up to TID_MAX and wraps, skipping tids still
 * in use, which an rbtree of live tasks answers (no fixed table). Tid 0 is
 * the idle tasks' and the boot task's. A task leaves the tree (its tid may
 * be reused) when it exits, before it is freed. User processes use tids as
 * pids (kernel/proc): tid 1 is init's, so the counter never hands it out
 * by itself (proc_start_init asks for it by number, task_tid_alloc_nr);
 * numbers a process group or session still uses are reserved by
 * kernel/proc (a second tree, task_tid_reserve) and skipped as well, as
 * Linux keeps a pid out of circulation while a pgid or sid refers to it.
 */
#include <asm/fpu.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/mutex.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <kernel/sched.h>
#include <string.h>

#include "internal.h"

#define TID_MAX 4194304          /* Linux's PID_MAX_LIMIT */

static DEFINE_SPINLOCK(tasks_lock);
static LIST_HEAD(all_tasks);             /* tasks_lock */

static DEFINE_SPINLOCK(tid_lock);
static struct rb_root tid_tree;          /* tid_lock */
static struct rb_root tid_reserved;      /* tid_lock: struct tid_reservation, duplicates allowed */
static int last_tid = 1;                 /* tid_lock; 1 is init's, asked for by number */

static DEFINE_SPINLOCK(free_lock);
static LIST_HEAD(free_list);             /* free_lock; via task->rq_node */

extern void task_trampoline(void);       /* switch.S */

void task_set_comm(struct task *t, const char *name)
{
	strlcpy(t->comm, name ? name : "?", sizeof(t->comm));
}

void task_list_add(struct task *t)
{
	unsigned long flags;

	spin_lock_irqsave(&tasks_lock, flags);
	list_add_tail(&t->all_node, &all_tasks);
	spin_unlock_irqrestore(&tasks_lock, flags);
}

void task_list_del(struct task *t)
{
	unsigned long flags;

	spin_lock_irqsave(&tasks_lock, flags);
	if (!list_empty(&t->all_node))
		list_del_init(&t->all_node);
	spin_unlock_irqrestore(&tasks_lock, flags);
}

void sched_for_each_task(void (*fn)(struct task *t, void *arg), void *arg)
{
	unsigned long flags;
	struct task *t;

	spin_lock_irqsave(&tasks_lock, flags);
	list_for_each_entry(t, &all_tasks, all_node)
		fn(t, arg);
	spin_unlock_irqrestore(&tasks_lock, flags);
}

static void dump_one(struct task *t, void *unused)
{
	int s = t->state;
	char c = s == TASK_RUNNING ? 'R' : s == TASK_INTERRUPTIBLE ? 'S' :
		 s == TASK_UNINTERRUPTIBLE ? 'D' : s == TASK_DEAD ? 'X' : 'N';

	printk("  %5d %-16s %c cpu %d%s%s run %llu us\n", t->tid, t->comm, c, t->on_cpu,
	       t->running ? " running" : "", t->on_rq ? " queued" : "",
	       (unsigned long long)(t->sum_exec_ns / 1000));
}

void sched_dump_tasks(void)
{
	printk("tasks:\n");
	sched_for_each_task(dump_one, NULL);
}

/* ---- tids ---------------------------------------------------------------- */

static struct task *tid_lookup(int tid)
{
	struct rb_node *n = tid_tree.rb_node;

	while (n) {
		struct task *t = rb_entry(n, struct task, tid_node);

		if (tid < t->tid)
			n = n->rb_left;
		else if (tid > t->tid)
			n = n->rb_right;
		else
			return t;
	}
	return NULL;
}

static bool tid_less(struct rb_node *a, const struct rb_node *b)
{
	return rb_entry(a, struct task, tid_node)->tid < rb_entry(b, struct task, tid_node)->tid;
}

static bool tid_is_reserved(int nr)
{
	struct rb_node *n = tid_reserved.rb_node;

	while (n) {
		struct tid_reservation *r = rb_entry(n, struct tid_reservation, node);

		if (nr < r->nr)
			n = n->rb_left;
		else if (nr > r->nr)
			n = n->rb_right;
		else
			return true;
	}
	return false;
}

/* Caller holds tid_lock. */
static bool tid_busy(int nr)
{
	return tid_lookup(nr) || tid_is_reserved(nr);
}

void task_tid_alloc(struct task *t)
{
	unsigned long flags;
	int tid;

	spin_lock_irqsave(&tid_lock, flags);
	tid = last_tid;
	for (int tries = 0; tries < TID_MAX; tries++) {
		if (++tid >= TID_MAX)
			tid = 2;
		if (!tid_busy(tid))
			break;
	}
	BUG_ON(tid_busy(tid));     /* four million live tasks: not this kernel */
	t->tid = tid;
	last_tid = tid;
	rb_add(&t->tid_node, &tid_tree, tid_less);
	t->in_tid_tree = true;
	spin_unlock_irqrestore(&tid_lock, flags);
}

int task_tid_alloc_nr(struct task *t, int nr)
{
	unsigned long flags;
	int ret = -EBUSY;

	if (nr <= 0 || nr >= TID_MAX)
		return -EINVAL;
	spin_lock_irqsave(&tid_lock, flags);
	if (!tid_busy(nr)) {
		t->tid = nr;
		rb_add(&t->tid_node, &tid_tree, tid_less);
		t->in_tid_tree = true;
		ret = 0;
	}
	spin_unlock_irqrestore(&tid_lock, flags);
	return ret;
}

static bool reservation_less(struct rb_node *a, const struct rb_node *b)
{
	return rb_entry(a, struct tid_reservation, node)->nr <
	       rb_entry(b, struct tid_reservation, node)->nr;
}

void task_tid_reserve(struct tid_reservation *r, int nr)
{
	unsigned long flags;

	spin_lock_irqsave(&tid_lock, flags);
	BUG_ON(r->active);
	r->nr = nr;
	rb_add(&r->node, &tid_reserved, reservation_less);
	r->active = true;
	spin_unlock_irqrestore(&tid_lock, flags);
}

void task_tid_unreserve(struct tid_reservation *r)
{
	unsigned long flags;

	spin_lock_irqsave(&tid_lock, flags);
	if (r->active) {
		rb_erase(&r->node, &tid_reserved);
		RB_CLEAR_NODE(&r->node);
		r->active = false;
	}
	spin_unlock_irqrestore(&tid_lock, flags);
}

void task_tid_exchange(struct task *a, struct task *b)
{
	unsigned long flags;
	int tmp;

	spin_lock_irqsave(&tid_lock, flags);
	BUG_ON(!a->in_tid_tree || !b->in_tid_tree);
	rb_erase(&a->tid_node, &tid_tree);
	rb_erase(&b->tid_node, &tid_tree);
	tmp = a->tid;
	a->tid = b->tid;
	b->tid = tmp;
	rb_add(&a->tid_node, &tid_tree, tid_less);
	rb_add(&b->tid_node, &tid_tree, tid_less);
	spin_unlock_irqrestore(&tid_lock, flags);
}

void task_tid_free(struct task *t)
{
	unsigned long flags;

	spin_lock_irqsave(&tid_lock, flags);
	if (t->in_tid_tree) {
		rb_erase(&t->tid_node, &tid_tree);
		RB_CLEAR_NODE(&t->tid_node);
		t->in_tid_tree = false;
	}
	spin_unlock_irqrestore(&tid_lock, flags);
}

struct task *task_find_by_tid(int tid)
{
	unsigned long flags;
	struct task *t;

	spin_lock_irqsave(&tid_lock, flags);
	t = tid_lookup(tid);
	if (t)
		task_get(t);
	spin_unlock_irqrestore(&tid_lock, flags);
	return t;
}

/* ---- allocation and references ------------------------------------------- */

struct task *task_alloc(const char *name, bool with_stack)
{
	struct task *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (!t)
		return NULL;
	if (with_stack) {
		t->stack = vmalloc_stack(KSTACK_SIZE);
		if (!t->stack) {
			kfree(t);
			return NULL;
		}
		t->stack_top = (unsigned long)t->stack + KSTACK_SIZE;
		t->stack_owned = true;
	}
	spin_lock_init(&t->pi_lock, "pi_lock");
	RB_CLEAR_NODE(&t->run_node);
	RB_CLEAR_NODE(&t->tid_node);
	INIT_LIST_HEAD(&t->all_node);
	INIT_LIST_HEAD(&t->rq_node);
	INIT_LIST_HEAD(&t->rt_node);
	t->weight = 1024;            /* SCHED_NORMAL, nice 0 */
	t->affinity = -1;
	t->refcount = 1;
	t->state = TASK_NEW;
	t->on_cpu = current ? smp_processor_id() : 0;
	task_set_comm(t, name);
	return t;
}

static void task_free(struct task *t)
{
	BUG_ON(t->running || t->on_rq);
	if (t->signal || t->sighand || t->cred)
		proc_task_free(t);      /* a user task's process state (kernel/proc) */
	fpu_task_free(t);
	if (t->stack_owned)
		vfree_stack(t->stack);
	kfree(t->exited);
	kfree(t);
}

void task_get(struct task *t)
{
	__atomic_fetch_add(&t->refcount, 1, __ATOMIC_RELAXED);
}

void task_put(struct task *t)
{
	if (__atomic_sub_fetch(&t->refcount, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	if (irqs_disabled() || preempt_count()) {
		unsigned long flags;

		spin_lock_irqsave(&free_lock, flags);
		list_add_tail(&t->rq_node, &free_list);
		spin_unlock_irqrestore(&free_lock, flags);
		return;
	}
	task_free(t);
}

void task_put_deferred(struct task *t)
{
	unsigned long flags;

	if (__atomic_sub_fetch(&t->refcount, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	spin_lock_irqsave(&free_lock, flags);
	list_add_tail(&t->rq_node, &free_list);
	spin_unlock_irqrestore(&free_lock, flags);
}

void task_reap_deferred(void)
{
	unsigned long flags;
	struct task *t, *n;
	LIST_HEAD(list);

	if (list_empty(&free_list))
		return;
	spin_lock_irqsave(&free_lock, flags);
	list_splice_init(&free_list, &list);
	spin_unlock_irqrestore(&free_lock, flags);
	list_for_each_entry_safe(t, n, &list, rq_node)
		task_free(t);
}

/* ---- kernel threads ------------------------------------------------------- */

struct task *kthread_alloc(int (*fn)(void *), void *arg, const char *name)
{
	unsigned long *sp;
	struct task *t;

	t = task_alloc(name, true);
	if (!t)
		return NULL;
	t->exited = kmalloc(sizeof(*t->exited), GFP_KERNEL);
	if (!t->exited) {
		vfree_stack(t->stack);
		kfree(t);
		return NULL;
	}
	init_completion(t->exited);
	t->flags = PF_KTHREAD;
	t->thread_fn = fn;
	t->thread_arg = arg;
	t->refcount = 2;            /* the caller's and the run time's */

	/* The frame __switch_to pops: six callee-saved registers (zero; rbp = 0
	 * ends backtraces) and the return address task_trampoline, which finds
	 * 16-byte alignment at the stack top for its call. */
	sp = (unsigned long *)t->stack_top;
	*--sp = (unsigned long)task_trampoline;
	for (int i = 0; i < 6; i++)
		*--sp = 0;
	t->rsp = (unsigned long)sp;
	return t;
}

struct task *kthread_create(int (*fn)(void *), void *arg, const char *name)
{
	struct task *t;

	task_reap_deferred();
	t = kthread_alloc(fn, arg, name);
	if (!t)
		return NULL;
	task_tid_alloc(t);
	task_list_add(t);
	return t;
}

struct task *kthread_run(int (*fn)(void *), void *arg, const char *name)
{
	struct task *t = kthread_create(fn, arg, name);

	if (t)
		wake_up_process(t);
	return t;
}

void kthread_bind(struct task *t, int cpu)
{
	unsigned long flags;

	if (WARN_ON(cpu < 0 || cpu >= MAX_CPUS || !cpu_data(cpu)))
		return;
	spin_lock_irqsave(&t->pi_lock, flags);
	WARN_ON(t->state != TASK_NEW);    /* a running task would need migrating */
	t->affinity = cpu;
	t->on_cpu = cpu;
	spin_unlock_irqrestore(&t->pi_lock, flags);
}

__noreturn void kthread_exit(int code)
{
	struct task *t = current;

	BUG_ON(t->flags & PF_IDLE);
	t->exit_code = code;
	task_tid_free(t);
	task_list_del(t);
	if (t->exited)
		complete_all(t->exited);
	sched_task_dead();
}

int kthread_join(struct task *t)
{
	int code;

	BUG_ON(t == current);
	BUG_ON(!t->exited);
	wait_for_completion(t->exited);
	code = t->exit_code;
	task_put(t);
	task_reap_deferred();
	return code;
}
