/*
 * Private interfaces of kernel/proc: the pieces that fork, exec, exit, wait
 * and signal delivery share. The public side is kernel/include/kernel/proc.h
 * and signal.h. kernel/proc also uses kernel/sched's private task-lifecycle
 * calls (kthread_alloc, the task list, tids, sched_task_dead): a user task
 * is a task whose thread function enters user mode and never returns.
 *
 * Files:
 *   pid.c     the process list, lookups, process groups and sessions
 *   pid_ns.c  pid namespaces: struct pid, per-namespace numbers, translations
 *   cred.c    credentials and the set*id rules
 *   rlimit.c  resource limits
 *   fork.c    fork/vfork/clone/clone3
 *   exec.c    execve: arguments, the new mm, the stack, the new registers
 *   elf.c     ELF validation and loading
 *   exit.c    exit, zombies, reparenting, wait
 *   signal.c  sending, job control, delivery, the signal frame, sigreturn
 *   futex.c   futex wait/wake/requeue/wake_op, robust lists
 *   itimer.c  setitimer: ITIMER_REAL, ITIMER_VIRTUAL, ITIMER_PROF
 *   posix_timer.c  timer_create and friends
 *   priority.c     nice values (getpriority/setpriority)
 *   prctl.c   prctl's process options, RLIMIT_NPROC at fork, ru_maxrss
 *   pidfd.c   pidfds: pidfd_open, pidfd_send_signal, pidfd_getfd, CLONE_PIDFD
 *   init.c    pid 1 (and kernel-code processes for the ktests)
 */
#ifndef KERNEL_PROC_INTERNAL_H
#define KERNEL_PROC_INTERNAL_H

#include <asm/ptrace.h>
#include <kernel/pid_ns.h>
#include <kernel/proc.h>
#include <kernel/procfs.h>
#include <kernel/signal.h>

#include "../sched/internal.h"

/* task.proc_flags */
#define PFP_EXITING       0x1   /* in do_exit: gets no more group-directed signals */
#define PFP_FORKNOEXEC    0x2   /* forked, has not exec'd (setpgid's EACCES rule) */
#define PFP_NO_NEW_PRIVS  0x4   /* prctl(PR_SET_NO_NEW_PRIVS): inherited, never cleared */

/* task.jobctl (siglock) */
#define JOBCTL_STOP_PENDING 0x1 /* must take part in the group stop */
#define JOBCTL_STOPPED      0x2 /* stopped: sleeps until SIGCONT or SIGKILL */

#define SIGNAL_CLD_MASK (SIGNAL_CLD_STOPPED | SIGNAL_CLD_CONTINUED)

/* A wait status (what wait4 stores in *wstatus). */
static inline int wstatus_exited(int code) { return (code & 0xff) << 8; }

/* Clock ticks (USER_HZ 100) for times(2), siginfo and /proc. */
#define USER_HZ 100
static inline long ns_to_clock_t(u64 ns) { return (long)(ns / (1000000000ULL / USER_HZ)); }

/* ---- pid.c ---- */
extern struct list_head proc_list;      /* leaders, live and zombie; tasklist_lock */
extern struct task *init_process;       /* pid 1 once it runs; tasklist_lock */
/* Caller holds tasklist_lock. */
void proc_set_pgrp(struct signal_struct *sig, struct pid *pgrp);
void proc_set_session(struct signal_struct *sig, struct pid *sid);
void proc_detach_pid_numbers(struct signal_struct *sig);
bool proc_pgrp_exists(pid_t pgrp);
bool proc_will_become_orphaned_pgrp(pid_t pgrp, struct task *ignored);
bool proc_pgrp_has_stopped_jobs(pid_t pgrp);
/* The task with this tid, no reference; caller holds tasklist_lock. */
struct task *find_user_task_locked(pid_t tid);

/* ---- cred.c ---- */
extern struct cred init_cred;

/* ---- rlimit.c ---- */
void rlimit_init_defaults(struct rlimit_k *rlim);

/* ---- signal.c ---- */
struct sighand_struct *sighand_alloc(void);
struct sighand_struct *sighand_copy(struct sighand_struct *old);
void sighand_put(struct sighand_struct *sh);
struct signal_struct *signal_struct_alloc(void);
void signal_struct_put(struct signal_struct *sig);
void flush_sigqueue(struct sigpending *p);
/* Lock t's sighand (it can change only in exec's unsharing); NULL if none. */
struct sighand_struct *lock_task_sighand(struct task *t, unsigned long *flags);
void unlock_task_sighand(struct task *t, unsigned long *flags);
/* Caller holds t's siglock. */
void recalc_sigpending(struct task *t);
void signal_wake_up(struct task *t, bool fatal);
int zap_other_threads(struct task *t);
int __send_signal(int sig, ksiginfo_t *info, struct task *t, bool group, bool force);
/* Caller holds tasklist_lock. */
bool do_notify_parent(struct task *t, int sig);
void do_notify_parent_cldstop(struct task *t, int why);
int group_send_sig_info(int sig, ksiginfo_t *info, struct task *p);   /* checks permission */
int __kill_pgrp_info(int sig, ksiginfo_t *info, pid_t pgrp);
/* Reset actions for exec: handled -> default, ignored stay ignored. */
void flush_signal_handlers(struct sighand_struct *sh);
/* do_exit: leave a group stop in progress, drop private signals. */
void exit_signals(struct task *t);
/* The current task's FPU image: saved into t->fpu (allocated if needed). */
int proc_fpu_sync(void);
void proc_fpu_reset(void);
/* Kernel-generated SIGKILL-ish death for broken frames etc. */
void force_sigsegv(int sig);
int kill_something_info(int sig, ksiginfo_t *info, pid_t pid);
int do_tkill(pid_t tgid, pid_t tid, int sig, ksiginfo_t *info);
int do_sigaction(int sig, const struct k_sigaction *act, struct k_sigaction *oact);
int do_sigaltstack(const struct linux_stack *ss, struct linux_stack *oss, unsigned long sp);
int do_sigprocmask(int how, const sigset_t *set, sigset_t *old);
void do_sigpending(sigset_t *set);
long do_sigsuspend(const sigset_t *mask);
long do_sigtimedwait(const sigset_t *which, ksiginfo_t *info, u64 timeout_ns);
/* Queue a POSIX timer's signal (SI_TIMER) to t (its group if group), or
 * count an overrun if the last one is still queued. Any context. */
void send_timer_signal(struct posix_timer *tmr, struct task *t, bool group, int signo,
		       union linux_sigval value, int id, int missed);
/* Forget tmr's queued signal (timer_delete): it is delivered without overrun. */
void forget_timer_signal(struct posix_timer *tmr, struct task *t);

/* ---- posix_timer.c ---- */
/* A timer's signal is being taken (siglock held): fill si_overrun. */
void posix_timer_dequeued(struct posix_timer *tmr, ksiginfo_t *info);
/* More expirations while its signal waits (siglock held). */
void posix_timer_overrun_add(struct posix_timer *tmr, int n);
long do_rt_sigreturn(struct pt_regs *regs);
bool sig_kernel_only(int sig);
int check_kill_permission(int sig, ksiginfo_t *info, struct task *t);
void prepare_kill_siginfo(int sig, ksiginfo_t *info, int code);

/* ---- fork.c ---- */
/* ---- ioprio.c ---- */
void personality_exec(struct task *t, bool setid);

/* ---- capability.c ---- */
/* A set*uid change from old to new: Linux's capability fixups. */
void cap_fix_setuid(struct cred *new, const struct cred *old);
/* execve: the new program's capability sets (setid: a set-user/group-ID exec). */
void cap_exec_creds(struct cred *new, bool setid);

struct kernel_clone_args {
	u64 flags;                  /* CLONE_* without the exit signal */
	int exit_signal;
	unsigned long stack;        /* new rsp (0: the parent's) */
	unsigned long tls;
	int __user *parent_tid;
	int __user *child_tid;
	int cgroup_fd;              /* CLONE_INTO_CGROUP: a cgroup2 directory */
	int (*entry)(void *);       /* the child's first code in kernel mode (NULL: back to user) */
	/* The pid namespace the child goes into (NULL: the parent's
	 * pid_ns_for_children); a descendant of the parent's active one. */
	struct pid_namespace *pid_ns;
	void *entry_arg;
	int __user *pidfd;          /* CLONE_PIDFD: where the new pidfd goes */
};
long do_fork(struct kernel_clone_args *args);

/* ---- pidfd.c ---- */
/* A new pidfd file for pid (referenced by it); flags: PIDFD_NONBLOCK. */
struct file *pidfd_file_create(struct pid *pid, unsigned flags);
struct pid *pidfd_pid(struct file *f);   /* NULL if f is not a pidfd */
void pidfd_notify(struct pid *pid);      /* the process died: wake pollers */
long do_pidfd_open(pid_t upid, unsigned flags);
long do_pidfd_send_signal(int pidfd, int sig, const ksiginfo_t *info, unsigned flags);
long do_pidfd_getfd(int pidfd, int targetfd, unsigned flags);
/* waitid(P_PIDFD): the global pid to wait for, or -EBADF. */
long pidfd_wait_id(int pidfd, bool *nonblock);
/* A task ready to run user code once woken: stack laid out below its
 * pt_regs, process fields initialized, not linked anywhere. */
struct task *proc_task_alloc(const char *comm, int (*fn)(void *), void *arg);
void proc_task_unwind(struct task *t);   /* a task from proc_task_alloc that never ran */

/* ---- init.c ---- */
/* A process whose code is fn, in kernel mode (ktests): a child of parent
 * (or of nobody), root, with its own fd table and fs_struct. Returning
 * from fn exits with that code. Returns the task referenced, or NULL. */
struct task *proc_spawn_kernel(int (*fn)(void *), void *arg, struct task *parent);

/* ---- exec.c ---- */
/* execve for kernel strings (init) or user pointers. */
struct exec_source {
	bool kernel;                /* argv/envp/path are kernel pointers */
	const char *path;           /* kernel copy of the path */
	const void *argv, *envp;    /* char **: user or kernel arrays, NULL-terminated */
	int dirfd, at_flags;        /* execveat */
};
int do_execve(struct exec_source *src, struct pt_regs *regs);

/* ---- elf.c ---- */
#include "elf.h"

/* ---- exit.c ---- */
void release_task(struct task *p);
/* Wake pthread_join's futex on the CLONE_CHILD_CLEARTID word (futex.c). */
void futex_wake_tid(int __user *uaddr);
/* Release the robust mutexes t holds (exit, exec); t is current. */
void futex_exit_robust_list(struct task *t);
struct wait_result {
	pid_t pid;                  /* the child reported */
	uid_t uid;
	int status;                 /* wait4's status word */
	int si_code, si_status;     /* waitid's */
	u64 utime_ns, stime_ns;     /* the child's (and its waited-for children's) */
	unsigned long maxrss;       /* pages: the largest RSS of the child or its children */
	struct task *reap;          /* internal: to release after the scan */
};
/* type P_ALL/P_PID/P_PGID; options W*; returns the pid, 0 (WNOHANG), -errno. */
long do_wait(int type, pid_t id, int options, struct wait_result *res);

/* ---- pid.c: the syscalls' cores ---- */
int proc_setpgid(pid_t pid, pid_t pgid);
pid_t proc_getpgid(pid_t pid);
pid_t proc_getsid(pid_t pid);
pid_t proc_setsid(void);

/* ---- cred.c: the set*id rules ---- */
int proc_setuid(uid_t uid);
int proc_setgid(gid_t gid);
int proc_setreuid(uid_t ruid, uid_t euid);
int proc_setregid(gid_t rgid, gid_t egid);
int proc_setresuid(uid_t ruid, uid_t euid, uid_t suid);
int proc_setresgid(gid_t rgid, gid_t egid, gid_t sgid);
uid_t proc_setfsuid(uid_t fsuid);
gid_t proc_setfsgid(gid_t fsgid);
int proc_setgroups(int n, gid_t *groups);

/* ---- signal.c ---- */
unsigned long proc_min_sigstksz(void);
/* Take the next deliverable signal of current (tests; delivery does it
 * in signal_deliver); 0 if none. */
int proc_dequeue_signal(ksiginfo_t *info);

#endif
