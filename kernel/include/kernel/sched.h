/*
 * Tasks and the scheduler. Each CPU has a run queue and an idle task; tasks
 * are preempted when their time slice ends (timer interrupt) or when a
 * wakeup makes a task runnable on a CPU with an idle or lower-priority
 * current task. Kernel threads only, for now; user processes extend
 * struct task later (kernel/proc).
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <kernel/list.h>
#include <kernel/percpu.h>
#include <kernel/types.h>

#define TASK_RUNNING         0
#define TASK_INTERRUPTIBLE   1
#define TASK_UNINTERRUPTIBLE 2
#define TASK_DEAD            4

#define PF_KTHREAD 0x1
#define PF_IDLE    0x2

#define TASK_COMM_LEN 16
#define KSTACK_SIZE (16 * 1024)

struct fpu_state;
struct completion;

struct task {
	unsigned long rsp;          /* saved kernel stack pointer while switched out */
	void *stack;                /* lowest address of the kernel stack */
	volatile int state;         /* TASK_*; written by the task itself or by wakers under pi_lock */
	int on_cpu;                 /* CPU it is queued or running on */
	bool on_rq;                 /* queued in a run queue (rq lock) */
	volatile bool running;      /* executing on a CPU right now */
	unsigned flags;             /* PF_* */
	int tid;
	char comm[TASK_COMM_LEN];
	int affinity;               /* -1: any CPU, else the only CPU it may run on */
	struct list_head rq_node;   /* rq lock */
	u64 slice_end_ns;           /* preempt after this (monotonic) */
	u64 exec_start_ns;
	u64 sum_exec_ns;            /* CPU time consumed */
	struct fpu_state *fpu;      /* extended state, allocated on first use */
	int kerrno;                 /* errno for library code running in this task */
	int (*thread_fn)(void *);
	void *thread_arg;
	int exit_code;
	struct completion *exited;  /* completed when a kthread returns */
	int refcount;               /* task_get/task_put */
	struct list_head all_node;  /* list of all tasks */
	void *arch_extra;           /* reserved for kernel/proc (mm, files, signals ...) */
};

void sched_init(void);               /* boot CPU: makes the running boot code a task */
void sched_init_ap(void);            /* each AP: its idle task, before enabling interrupts */
__noreturn void cpu_idle_loop(void); /* run by each CPU once its setup is done */

struct task *kthread_create(int (*fn)(void *), void *arg, const char *name);  /* not yet running */
struct task *kthread_run(int (*fn)(void *), void *arg, const char *name);     /* NULL on -ENOMEM */
void kthread_bind(struct task *t, int cpu);           /* before the first wakeup */
/* Waits for a kthread to return, frees it, returns its exit code. */
int kthread_join(struct task *t);
void task_get(struct task *t);
void task_put(struct task *t);

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
u64 sched_nr_switches(int cpu);
int sched_nr_running(int cpu);

#endif
