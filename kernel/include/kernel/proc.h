/*
 * Processes as the rest of the kernel sees them (kernel/proc owns the
 * implementation and adds to this header): credentials, thread groups,
 * process groups and sessions, resource limits, and starting the first
 * user process.
 *
 * The model is Linux's. A process is a thread group: tasks sharing a
 * struct signal_struct, whose leader's tid is the pid (tgid). Processes
 * form a tree: each leader has a real_parent (a leader too) and a list of
 * children; when a process dies its children go to the nearest living
 * PR_SET_CHILD_SUBREAPER ancestor, else to the init (pid 1) of its pid
 * namespace. A dead process stays a zombie, with its pid, until its
 * parent waits for it.
 * Process groups and sessions are numbers in the signal_struct; the
 * members of one are found by walking the process list (XXX Linux hashes
 * struct pid; fine at this scale). Pids are tids (kernel/sched/kthread.c):
 * no fixed table; a pgid or sid keeps its number reserved while in use.
 * These global numbers are the initial pid namespace's; pid_ns.h adds the
 * numbers of the other namespaces and the translations used wherever a
 * pid crosses the user boundary.
 *
 * Locks (outer first): tasklist_lock -> sighand->siglock (signal.h) ->
 * task->proc_lock. tasklist_lock (a spinlock, irqsave: signals to process
 * groups are sent from interrupt context) guards the tree, the thread lists,
 * the process list, pgrp/session membership and exit states.
 */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include <kernel/rbtree.h>
#include <kernel/sched.h>
#include <kernel/timer.h>
#include <kernel/signal.h>
#include <kernel/spinlock.h>
#include <kernel/types.h>
#include <kernel/waitqueue.h>

typedef u32 uid_t;
typedef u32 gid_t;

/* ---- credentials (kernel/proc/cred.c) ---------------------------------- */

/*
 * Immutable once installed: a change makes a copy (prepare_creds), edits
 * it and installs it (commit_creds). Readers of current's need nothing;
 * another task's are read with get_task_cred.
 */
struct cred {
	int refcount;            /* atomic */
	uid_t uid, euid, suid, fsuid;
	gid_t gid, egid, sgid, fsgid;
	int ngroups;
	gid_t *groups;           /* sorted; owned by this cred (kmalloc) or NULL */
	/* Capability sets (bit n: capability n), as Linux keeps them
	 * (kernel/proc/capability.c). */
	u64 cap_inheritable, cap_permitted, cap_effective, cap_bset, cap_ambient;
	unsigned securebits;     /* SECBIT_* (prctl PR_SET_SECUREBITS) */
};

/* Capabilities (Linux's numbers; CAP_LAST_CAP as in Linux 6.1). */
#define CAP_CHOWN 0
#define CAP_DAC_OVERRIDE 1
#define CAP_DAC_READ_SEARCH 2
#define CAP_FOWNER 3
#define CAP_FSETID 4
#define CAP_KILL 5
#define CAP_SETGID 6
#define CAP_SETUID 7
#define CAP_SETPCAP 8
#define CAP_LINUX_IMMUTABLE 9
#define CAP_SYS_ADMIN 21
#define CAP_SYS_NICE 23
#define CAP_MKNOD 27
#define CAP_MAC_OVERRIDE 32
#define CAP_LAST_CAP 40
#define CAP_FULL_SET ((1ULL << (CAP_LAST_CAP + 1)) - 1)
#define SECBIT_KEEP_CAPS (1u << 4)
#define SECBIT_ALL_MASK 0xffu     /* the six flags and their locks Linux has */

#define NGROUPS_MAX 65536
#define INVALID_UID ((uid_t)-1)
#define INVALID_GID ((gid_t)-1)

const struct cred *current_cred(void);
bool in_group_p(gid_t gid);              /* fsgid or a supplementary group */
bool in_egroup_p(gid_t gid);             /* egid or a supplementary group */
/* cap in current's effective set. */
bool capable(int cap);
/* Privilege for what Linux checks CAP_SYS_ADMIN (and, here, the other
 * capabilities not yet checked one by one: XXX). */
bool capable_root(void);
/* personality(2) values that change behaviour (task->personality). */
#define PER_LINUX32 0x0008
#define PER_READ_IMPLIES_EXEC 0x0400000
#define PER_CLEAR_ON_SETID (0x0400000 | 0x0040000 | 0x0200000 | 0x0100000)

/* prctl's capability and securebits options (capability.c); -EINVAL for others. */
long cap_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
	       unsigned long arg5);
/* prctl's process options (kernel/proc/prctl.c): dumpable, child subreaper,
 * no_new_privs; then cap_prctl's; -EINVAL for unknown ones. */
long proc_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
		unsigned long arg5);
/* Current's credentials changed (commit_creds): Linux's non-dumpable rule. */
void proc_creds_changed(const struct cred *old, const struct cred *new);
/* /proc/PID/fdinfo of a pidfd: "Pid:" lines; false if f is no pidfd. */
struct seq_file;
struct file;
bool pidfd_show_fdinfo(struct seq_file *m, struct file *f);
/* ru_maxrss (kernel/proc/prctl.c): fold mm's peak RSS into t's process's
 * high-water mark; current's process's mark (with its mm's now). */
void proc_update_maxrss(struct task *t, struct mm *mm);
unsigned long proc_maxrss_pages(void);
/* RLIMIT_NPROC at fork: -EAGAIN if current's real user has too many tasks. */
int proc_nproc_check(void);
const struct cred *get_cred(const struct cred *c);
void put_cred(const struct cred *c);
/* t's credentials with a reference (put_cred them). */
const struct cred *get_task_cred(struct task *t);
/* A private copy of current's credentials to edit; NULL on -ENOMEM. */
struct cred *prepare_creds(void);
void commit_creds(struct cred *new);     /* install on current; takes the reference */
void abort_creds(struct cred *new);
/* Root's credentials (init, kernel threads that exec). */
struct cred *cred_alloc_root(void);

/* ---- resource limits (kernel/proc/rlimit.c) ---------------------------- */

#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_RSS 5
#define RLIMIT_NPROC 6
#define RLIMIT_NOFILE 7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9
#define RLIMIT_LOCKS 10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE 12
#define RLIMIT_NICE 13
#define RLIMIT_RTPRIO 14
#define RLIMIT_RTTIME 15
#define RLIM_NLIMITS 16
#define RLIM_INFINITY (~0ULL)

struct rlimit_k {
	u64 cur, max;
};

/* The soft limit of resource res for current / for t's process. */
u64 rlimit(int res);
u64 task_rlimit(struct task *t, int res);
/* getrlimit/setrlimit/prlimit64 core: old (if non-NULL) gets the previous
 * limit, new (if non-NULL) is installed under Linux's rules. */
int do_prlimit(struct task *t, int res, const struct rlimit_k *new, struct rlimit_k *old);

/* ---- processes (kernel/proc) ------------------------------------------- */

/* A number kept out of the tid allocator while a pgrp or session uses it. */
struct tid_reservation {
	struct rb_node node;     /* tid_lock (kernel/sched/kthread.c) */
	int nr;
	bool active;
};
/* kernel/sched/kthread.c, for kernel/proc */
int task_tid_alloc_nr(struct task *t, int nr);   /* exactly nr, or -EBUSY */
void task_tid_reserve(struct tid_reservation *r, int nr);
void task_tid_unreserve(struct tid_reservation *r);
void task_tid_exchange(struct task *a, struct task *b);   /* exec by a non-leader thread */
/* Called by kernel/sched when a task struct with process state is freed. */
void proc_task_free(struct task *t);

extern spinlock_t tasklist_lock;
extern struct list_head proc_list;      /* every process (leaders), live and zombie; tasklist_lock */

/* signal_struct.flags (siglock) */
#define SIGNAL_STOP_STOPPED   0x01   /* the group is stopped (job control) */
#define SIGNAL_STOP_CONTINUED 0x02   /* continued, not yet reported to wait(WCONTINUED) */
#define SIGNAL_GROUP_EXIT     0x04   /* exit_group or a fatal signal: group_exit_code is final */
#define SIGNAL_CLD_STOPPED    0x10   /* the parent still has to hear CLD_STOPPED */
#define SIGNAL_CLD_CONTINUED  0x20   /* ... CLD_CONTINUED */
#define SIGNAL_UNKILLABLE     0x40   /* init: signals with a default action are dropped */
#define SIGNAL_STOP_REPORTED  0x80   /* wait(WUNTRACED) has seen the current stop */

/* One per process (thread group). Fields: T tasklist_lock, S siglock. */
struct signal_struct {
	int refcount;                       /* task structs pointing here; atomic */
	int nr_threads;                     /* live (not exited) threads; T */
	struct list_head threads;           /* task.thread_node, live threads; T */
	struct sigpending shared_pending;   /* kill(): any thread may take it; S */
	struct wait_queue_head wait_chldexit;   /* wait4 sleepers of this process */
	unsigned flags;                     /* SIGNAL_*; S (and T where the tree looks) */
	int group_exit_code;                /* wait status once SIGNAL_GROUP_EXIT; S */
	struct task *group_exec_task;       /* a thread in exec, killing the others; S */
	int group_stop_count;               /* threads still to stop; S */
	int nr_queued;                      /* queued siginfos (RLIMIT_SIGPENDING); S */
	int stop_signal;                    /* the signal that stopped the group; S */
	pid_t pgrp, session;                /* global numbers; T (read racily by getpgrp & co.) */
	struct pid *pgrp_pid, *session_pid; /* their numbers in every pid namespace, referenced
	                                     * (NULL for group/session 0); T */
	struct tid_reservation pgrp_res, session_res;   /* T */
	bool leader;                        /* session leader; T */
	bool did_exec;                      /* setpgid on a child after exec: EACCES; T */
	void *tty;                          /* controlling tty (the tty driver's); T */
	struct rlimit_k rlim[RLIM_NLIMITS]; /* rlim_lock */
	spinlock_t rlim_lock;
	u64 cutime_ns, cstime_ns;           /* waited-for children's CPU time; T */
	u64 dead_exec_ns;                   /* CPU time of exited threads; T */
	u64 start_time_ns;                  /* monotonic */
	struct file *exe_file;              /* the running program (deny-write held); exec only */
	/* ITIMER_REAL (kernel/proc/itimer.c): kept across exec, not inherited by fork */
	spinlock_t itimer_lock;             /* the two fields below; irqsave (the timer fires in IRQ) */
	u64 it_real_interval;               /* ns; 0: one shot */
	struct task *it_real_target;        /* gets SIGALRM (group-wide); referenced; set once used */
	struct ktimer it_real_timer;        /* armed on the CPU that last set it */
	/* ITIMER_VIRTUAL [0] and ITIMER_PROF [1]: process CPU time (ns) at which
	 * each fires (0: off), polled by it_cpu_poll while either is armed */
	u64 it_cpu_expires[2];              /* itimer_lock */
	u64 it_cpu_interval[2];             /* itimer_lock */
	struct task *it_cpu_target;         /* referenced; itimer_lock */
	struct ktimer it_cpu_poll;
	/* POSIX timers (kernel/proc/posix_timer.c): deleted at exec and exit */
	spinlock_t posix_timers_lock;       /* the three fields below */
	struct list_head posix_timers;      /* struct posix_timer.node */
	int next_posix_timer_id;
	int nr_posix_timers;                /* against RLIMIT_SIGPENDING */
	int oom_score_adj;                  /* /proc/PID/oom_score_adj, -1000..1000, inherited; atomic
	                                     * (XXX: no OOM killer reads it yet) */
	/* prctl state (kernel/proc/prctl.c). dumpable: Linux keeps it in the mm;
	 * 1 (SUID_DUMP_USER) or 0, reset by set*id and exec of set-id files. */
	int dumpable;                       /* atomic */
	bool is_child_subreaper;            /* PR_SET_CHILD_SUBREAPER; T */
	bool has_child_subreaper;           /* an ancestor is one (reparenting looks up); T */
	/* ru_maxrss (pages): the peak RSS of this process's exited/replaced
	 * mms, and of its waited-for descendants (Linux's maxrss/cmaxrss); T */
	unsigned long maxrss, cmaxrss;
};

/* Interval timers (kernel/proc/itimer.c). Times in ns; old_value and
 * old_interval receive the previous setting. */

void itimer_init(struct signal_struct *sig);
void itimer_release(struct signal_struct *sig);    /* cancel, drop the target */
int itimer_set_real(u64 value, u64 interval, u64 *old_value, u64 *old_interval);
void itimer_get_real(u64 *value, u64 *interval);
/* ITIMER_VIRTUAL (cpu 0) and ITIMER_PROF (cpu 1), on the process's CPU time. */
int itimer_set_cpu(int which, u64 value, u64 interval, u64 *old_value, u64 *old_interval);
void itimer_get_cpu(int which, u64 *value, u64 *interval);

/* POSIX timers: set up with the signal_struct; all deleted by exec and when
 * the thread group dies (posix_timers_exit). */
void posix_timers_init(struct signal_struct *sig);
void posix_timers_exit(struct signal_struct *sig);

/* sigev_notify values (Linux's) */
#define POSIX_SIGEV_SIGNAL 0
#define POSIX_SIGEV_NONE 1
#define POSIX_SIGEV_THREAD 2
#define POSIX_SIGEV_THREAD_ID 4

/* A struct sigevent, checked and copied in. */
struct posix_sigevent_k {
	int notify, signo;
	pid_t tid;                  /* SIGEV_THREAD_ID */
	union linux_sigval value;
	bool have_value;            /* false: timer_create(clock, NULL, ...) */
};

/* The timer syscalls of the current process; times in ns on the timer's
 * clock. 0 (or the overrun count) or -errno as Linux's. */
int posix_timer_create(int clock, const struct posix_sigevent_k *ev, int *id);
int posix_timer_settime(int id, bool abs, u64 value, u64 interval, u64 *old_value,
			u64 *old_interval);
int posix_timer_gettime(int id, u64 *value, u64 *interval);
int posix_timer_getoverrun(int id);
int posix_timer_delete(int id);

/* getpriority (Linux's 20 - nice form) and setpriority (kernel/proc/priority.c). */
long proc_getpriority(int which, int who);
long proc_setpriority(int which, int who, int nice);
/* The task the sched_* calls name: the caller for 0, else the thread with
 * that id in the caller's pid namespace, referenced (task_put); ERR_PTR
 * -EINVAL for pid < 0, -ESRCH for none. */
struct task *proc_sched_task(pid_t pid);
/* A sched_setscheduler/setparam/setattr request, already decoded. */
struct sched_change {
	int policy;              /* SCHED_*; -1 keeps the task's (setparam, KEEP_POLICY) */
	int rt_priority;
	int nice;                /* used when set_nice (sched_setattr with a fair policy) */
	bool set_nice;
	bool reset_on_fork;      /* ignored when policy is -1 */
	bool keep_params;        /* SCHED_FLAG_KEEP_PARAMS */
};
/* Checks ranges (EINVAL) and permissions (EPERM), then applies. */
long proc_sched_setattr(struct task *p, const struct sched_change *c);

/* wait4/waitid options and id types (Linux's values) */
#define WNOHANG     0x00000001
#define WUNTRACED   0x00000002
#define WSTOPPED    WUNTRACED
#define WEXITED     0x00000004
#define WCONTINUED  0x00000008
#define WNOWAIT     0x01000000
#define __WNOTHREAD 0x20000000
#define __WALL      0x40000000
#define __WCLONE    0x80000000
#define P_ALL   0
#define P_PID   1
#define P_PGID  2
#define P_PIDFD 3

/* task.exit_state */
#define EXIT_ZOMBIE 1
#define EXIT_DEAD   2

static inline bool thread_group_leader(struct task *t) { return t->group_leader == t; }

pid_t task_tgid_nr(struct task *t);      /* the process id */
pid_t task_pgrp_nr(struct task *t);
pid_t task_session_nr(struct task *t);
pid_t task_ppid_nr(struct task *t);
/* The process (thread-group leader) with this pid in current's pid
 * namespace, referenced (task_put), or NULL: live or zombie, never a
 * kernel thread. */
struct task *find_process(pid_t pid);
/* The user task with this global tid, referenced, or NULL (pid_ns.h's
 * find_task_by_vpid for a number from user space). */
struct task *find_user_task(pid_t tid);

/* Process CPU time so far, every thread's (ns); the __ form with
 * tasklist_lock or t's siglock held. */
u64 proc_cpu_time_ns(struct task *t);
u64 __proc_cpu_time_ns(struct task *t);

/*
 * Start the first user process (pid 1): a new task with a fresh mm, fd
 * table and fs_struct that execs path with argv/envp. Returns 0 or -errno
 * (and the caller tries the next candidate, as Linux does with init=).
 */
int proc_start_init(const char *path, const char *const argv[], const char *const envp[]);

/* Exit the current thread / its thread group; status is a wait status
 * ((code & 0xff) << 8 for exit(code), the signal number for a kill). */
__noreturn void do_exit(int status);
__noreturn void do_group_exit(int status);

#endif
