/*
 * Tasks and the scheduler. Each CPU has a run queue and an idle task; tasks
 * are preempted when their time slice ends (timer interrupt) or when a
 * wakeup makes a task runnable on a CPU with an idle or lower-priority
 * current task. Kernel threads and user threads are the same struct task;
 * a user thread also has the process block at the end (kernel/proc).
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <kernel/list.h>
#include <kernel/percpu.h>
#include <kernel/rbtree.h>
#include <kernel/signal.h>
#include <kernel/spinlock.h>
#include <kernel/types.h>

#define TASK_RUNNING         0
#define TASK_INTERRUPTIBLE   1
#define TASK_UNINTERRUPTIBLE 2
#define TASK_DEAD            4
#define TASK_NEW             8   /* created, never woken yet (kthread_create) */
#define TASK_NOLOAD          16  /* with UNINTERRUPTIBLE: an idle wait, not a stuck one */
/* Uninterruptible, but waiting for work, not stuck (Linux's TASK_IDLE):
 * khungtaskd leaves it alone, /proc shows it as I. */
#define TASK_IDLE            (TASK_UNINTERRUPTIBLE | TASK_NOLOAD)

#define PF_KTHREAD 0x1
#define PF_IDLE    0x2
#define PF_OCI_WORKER 0x8   /* runs outside C code (libarchive) that may give up (oci/worker.c) */
#define PF_MEMALLOC 0x10    /* reclaiming memory: its own allocations do not reclaim */
#define PF_WAKE_SYNC 0x20   /* never runs user code again (exiting): its wakeups are sync */

#define TASK_COMM_LEN 16
#define KSTACK_SIZE (16 * 1024)

struct fpu_state;
struct completion;

struct task {
	unsigned long rsp;          /* saved kernel stack pointer while switched out */
	void *stack;                /* lowest address of the kernel stack */
	volatile int state;         /* TASK_*; written by the task itself or by wakers under pi_lock */
	int on_cpu;                 /* CPU it is queued or running on; changed under that CPU's rq
	                             * lock (migration) or pi_lock while asleep (wakeup) */
	bool on_rq;                 /* runnable: running or in a run queue (rq lock) */
	volatile bool running;      /* on a CPU: set when picked, cleared once switched out */
	unsigned flags;             /* PF_* */
	int tid;
	char comm[TASK_COMM_LEN];
	int affinity;               /* -1: any CPU, else the only CPU it may run on */
	u64 cpus_allowed;           /* sched_setaffinity mask, 0: all (CPUs < 64); written by
	                             * the syscall, read racily: a stale read costs one misplacement */
	struct list_head rq_node;   /* deferred-free list once dead (sched free_lock) */
	u64 slice_end_ns;           /* preempt after this (monotonic); rq lock */
	u64 exec_start_ns;          /* last time its CPU time was charged; rq lock */
	u64 sum_exec_ns;            /* CPU time consumed; rq lock */
	u64 hung_seen_exec_ns;      /* khungtaskd: sum_exec_ns at its last look */
	u64 hung_since_ns;          /* khungtaskd: when it last saw the task run or wake */
	bool hung_reported;         /* khungtaskd: said once for this sleep */
	struct fpu_state *fpu;      /* extended state, allocated on first use */
	int kerrno;                 /* errno for library code running in this task */
	int (*thread_fn)(void *);
	void *thread_arg;
	int exit_code;              /* written before exited completes */
	struct completion *exited;  /* completed when a kthread returns */
	int refcount;               /* task_get/task_put; atomic */
	struct list_head all_node;  /* list of all tasks (tasks_lock) */
	void *arch_extra;           /* reserved for kernel/proc (mm, files, signals ...) */

	/* Added by the scheduler (kernel/sched); keep at the end. */
	spinlock_t pi_lock;         /* serializes wakeups of this task (lock order: before rq lock) */
	u64 vruntime;               /* fair-share clock; rq lock (relative to min_vruntime while asleep) */
	struct rb_node run_node;    /* in its rq's tree while queued and not running; rq lock */
	struct rb_node tid_node;    /* in the tid tree while alive; tid_lock */
	unsigned long stack_top;    /* kernel_rsp / TSS rsp0 while it runs (0: none known) */
	int preempt_saved;          /* this CPU's preempt_count while switched out; owner only */
	bool in_tid_tree;           /* tid_lock */
	bool stack_owned;           /* stack came from vmalloc_stack in task_alloc: freed with it */
	/* Scheduling policy (kernel/sched/core.c's policy section). Written
	 * under pi_lock and the rq lock (sched_set_policy), read racily by
	 * the getters and procfs. */
	int policy;                 /* SCHED_NORMAL, _FIFO, _RR, _BATCH, _IDLE */
	int rt_priority;            /* 1..99 for SCHED_FIFO/RR, else 0 */
	int nice;                   /* -20..19: the fair weight (kept while real-time) */
	unsigned weight;            /* fair load weight from nice and policy; rq lock */
	bool sched_reset_on_fork;   /* children start SCHED_NORMAL, nice >= 0 */
	u64 rr_slice_end_ns;        /* SCHED_RR: its slice ends then (monotonic); rq lock */
	bool rt_requeue_tail;       /* next requeue goes to its level's tail (yield, RR slice); rq lock */
	struct list_head rt_node;   /* in its rq's list for rt_priority while real-time and waiting */

	/* Process state (kernel/proc, kernel/mm, kernel/fs); NULL or 0 in
	 * kernel threads. kernel/proc adds its fields in this block. */
	struct mm *mm;                    /* user address space; owner: the thread group */
	struct mm *active_mm;             /* page tables loaded while it runs (kthreads borrow) */
	struct files_struct *files;
	struct fs_struct *fs;
	struct mnt_namespace *mnt_ns;     /* NULL: the initial one; changed by the task under proc_lock */
	struct uts_namespace *uts_ns;     /* NULL: the initial one; changed by the task itself */
	const struct cred *cred;
	struct signal_struct *signal;     /* shared by the thread group */
	struct sighand_struct *sighand;   /* shared with CLONE_SIGHAND */
	unsigned long user_fsbase;        /* FS/GS bases of user mode (arch_prctl); saved on switch */
	unsigned long user_gsbase;

	/* kernel/proc: the process side of a user task (proc.h explains the
	 * model). Locks: T tasklist_lock, S sighand->siglock, P proc_lock,
	 * O only the task itself touches it. */
	struct task *group_leader;        /* the thread-group leader (itself for it); T */
	struct task *real_parent;         /* leader of the parent process; T */
	struct list_head children;        /* leader: child processes (their sibling); T */
	struct list_head sibling;         /* in real_parent->children; T */
	struct list_head thread_node;     /* in signal->threads while alive; T */
	struct list_head proc_node;       /* leader: in the process list until reaped; T */
	struct list_head dead_node;       /* on a to-release list while exiting/reaping; T */
	int tgid;                         /* group_leader's tid (the pid); T */
	int exit_signal;                  /* sent to the parent at exit (-1: thread); T */
	int exit_state;                   /* EXIT_ZOMBIE/EXIT_DEAD once exited; T */
	int pdeath_signal;                /* prctl(PR_SET_PDEATHSIG); O */
	unsigned proc_flags;              /* PF_EXITING etc. (kernel/proc/internal.h); O, S for jobctl */
	unsigned jobctl;                  /* JOBCTL_* group-stop participation; S */
	volatile bool sigpending;         /* a signal or job-control event awaits; S to set */
	bool restore_sigmask;             /* saved_sigmask goes back after delivery; O */
	sigset_t blocked;                 /* S (written by the task itself) */
	sigset_t real_blocked;            /* S: in rt_sigtimedwait, the mask it replaced
	                                   * (blocked then lets the awaited signals in);
	                                   * empty otherwise */
	sigset_t saved_sigmask;           /* O */
	struct sigpending pending;        /* private: tkill, faults; S */
	unsigned long sas_ss_sp;          /* sigaltstack; O */
	size_t sas_ss_size;
	unsigned sas_ss_flags;
	struct restart_block restart_block;   /* O */
	int __user *set_child_tid;        /* CLONE_CHILD_SETTID; O */
	int __user *clear_child_tid;      /* CLONE_CHILD_CLEARTID, set_tid_address; O */
	void __user *robust_list;         /* set_robust_list; O */
	size_t robust_list_len;
	struct completion *vfork_done;    /* parent sleeping in vfork; P */
	u64 start_time_ns;                /* monotonic, at fork */
	u64 fault_trapno, fault_error, fault_cr2;   /* last user fault, for the sigcontext; O */
	spinlock_t proc_lock;             /* cred swaps, vfork_done */
	struct ipc_namespace *ipc_ns;     /* SysV IPC ids (kernel/ipc); NULL: the initial one; O */
	struct sem_undo_list *sysvsem;    /* semop SEM_UNDO list, shared by CLONE_SYSVSEM; O */
	struct cgroup *cgroup;            /* NULL: the root (kernel/cgroup/cgroup.c's lock) */
	bool cgroup_charged;              /* fork charged it (undone if fork fails) */
	unsigned personality;             /* personality(2); O */
	int ioprio;                       /* ioprio_set(2); any task may write it */
	struct net *net_ns;               /* kernel/net_ns.h; NULL: the initial one; P to change */
	struct pid *pid;                  /* its numbers in each pid namespace (pid_ns.h), held
	                                   * until the struct is freed; swapped only by exec */
	struct pid_namespace *pid_ns_for_children;   /* referenced; NULL: the initial one; P */
};

/* Scheduling policies (Linux's numbers). */
#define SCHED_NORMAL   0
#define SCHED_FIFO     1
#define SCHED_RR       2
#define SCHED_BATCH    3
#define SCHED_IDLE     5
#define SCHED_DEADLINE 6
#define SCHED_RESET_ON_FORK 0x40000000   /* or-ed into the policy */
#define MAX_RT_PRIO    100               /* real-time priorities are 1..99 */
#define NICE_MIN       (-20)
#define NICE_MAX       19
#define SCHED_RR_TIMESLICE_NS (100 * 1000 * 1000ULL)

static inline bool rt_policy(int policy) { return policy == SCHED_FIFO || policy == SCHED_RR; }

/* Give t a policy, real-time priority (0 unless FIFO/RR) and nice value,
 * moving it between classes whether it runs, waits or sleeps (arguments
 * already checked). */
void sched_set_policy(struct task *t, int policy, int rt_priority, int nice, bool reset_on_fork);
/* Fork: p (not yet woken) takes the parent's policy, or a reset one. */
void sched_fork(struct task *p, struct task *parent);
/* What sched_rr_get_interval reports for t (ns). */
u64 sched_rr_interval_ns(struct task *t);

/* schedule_timeout(SCHEDULE_TIMEOUT_MAX) sleeps with no timer at all. */
#define SCHEDULE_TIMEOUT_MAX (~0ULL)

void sched_init(void);               /* boot CPU: makes the running boot code a task */
void sched_init_ap(void);            /* each AP: its idle task, before enabling interrupts */
__noreturn void cpu_idle_loop(void); /* run by each CPU once its setup is done */

/* A new kthread, not yet running (wake_up_process starts it); NULL on -ENOMEM.
 * The caller owns one reference: kthread_join or task_put drops it. */
struct task *kthread_create(int (*fn)(void *), void *arg, const char *name);
struct task *kthread_run(int (*fn)(void *), void *arg, const char *name);     /* NULL on -ENOMEM */
void kthread_bind(struct task *t, int cpu);           /* before the first wakeup */
/* Waits for a kthread to return, frees it, returns its exit code. */
int kthread_join(struct task *t);
/* Ends the calling kthread now, as if thread_fn had returned code. */
__noreturn void kthread_exit(int code);
void task_get(struct task *t);
void task_put(struct task *t);             /* frees the task when the last reference goes */
/* The task with this tid, with a reference taken (task_put it), or NULL. */
struct task *task_find_by_tid(int tid);
/* Calls fn for every task on the global list (tasks_lock held: fn must not sleep). */
void sched_for_each_task(void (*fn)(struct task *t, void *arg), void *arg);
void hung_task_init(void);                 /* khungtaskd (kernel/sched/hung_task.c) */
u64 hung_task_set_timeout(u64 ns);         /* 0: off; returns the old one (ktests) */
void sched_dump_tasks(void);               /* one line per task to the log (debugging) */

void schedule(void);
/* From interrupt return, interrupts off: switch if need_resched, return with them off. */
void preempt_schedule_irq(void);
void yield(void);
bool wake_up_process(struct task *t);  /* true if it was sleeping */
void set_current_state(int state);
void __set_current_state(int state);

/* Sleep at least ns nanoseconds (uninterruptible). */
void nsleep(u64 ns);
static inline void msleep(u64 ms) { nsleep(ms * 1000000ULL); }
/* Sleep in the current state until woken or the timeout passes; returns ns left (0: timed out). */
u64 schedule_timeout(u64 ns);

/* Called from the local APIC timer interrupt. */
void sched_timer_tick(void);
/* On the way back to user mode, interrupts off: a task woken onto this CPU
 * by a sync wakeup from the current one runs now if it still waits. */
void sched_exit_to_user(void);
u64 sched_nr_switches(int cpu);
int sched_nr_running(int cpu);
/* This CPU should switch tasks at the next chance (a wakeup or the slice end asked). */
static inline bool need_resched(void) { return this_cpu()->need_resched; }

#endif
