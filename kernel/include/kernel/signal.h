/*
 * Signals as the rest of the kernel sees them (kernel/proc/signal.c owns
 * the implementation and the rest of this header). Linux's numbers and
 * constants: the kernel uses them as its own, as it does errno values.
 *
 * The model is Linux's: each task has a private pending set (tkill, faults)
 * and its thread group a shared one (kill); the actions (sighand_struct)
 * are shared by CLONE_SIGHAND; the blocked mask is per task. A signal is
 * delivered on the way back to user mode (signal_deliver, from the
 * syscall/interrupt exit path) by building Linux's rt_sigframe on the user
 * stack. A sender wakes the target if it sleeps interruptibly; kernel code
 * sleeping in TASK_INTERRUPTIBLE checks signal_pending(current) and
 * returns -ERESTARTSYS (restarted or turned into -EINTR on the way out,
 * as SA_RESTART says) or -EINTR.
 *
 * Locking: sighand->siglock (irqsave: the tty's ^C and faults send from
 * interrupt context) guards the actions, every pending set and blocked mask
 * of the tasks using that sighand, and the job-control state of their
 * signal_struct. Lock order: tasklist_lock (proc.h) -> siglock ->
 * wait-queue locks -> pi_lock -> rq lock.
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include <kernel/list.h>
#include <kernel/spinlock.h>
#include <kernel/types.h>
#include <linuxabi/uapi/signal.h>

struct task;
struct pt_regs;

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTKFLT 16
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGIO 29
#define SIGPWR 30
#define SIGSYS 31
#define SIGRTMIN 32
#define SIGRTMAX 64
#define _NSIG 64

/* si_code values */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_QUEUE (-1)
#define SI_TIMER (-2)
#define SI_MESGQ (-3)
#define SI_ASYNCIO (-4)
#define SI_SIGIO (-5)
#define SI_TKILL (-6)
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN 1
#define BUS_ADRERR 2
#define ILL_ILLOPC 1
#define ILL_ILLOPN 2
#define FPE_INTDIV 1
#define TRAP_BRKPT 1
#define TRAP_TRACE 2
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_TRAPPED 4
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

/* sigaction flags */
#define SA_NOCLDSTOP 0x00000001UL
#define SA_NOCLDWAIT 0x00000002UL
#define SA_SIGINFO   0x00000004UL
#define SA_UNSUPPORTED 0x00000400UL
#define SA_EXPOSE_TAGBITS 0x00000800UL
#define SA_RESTORER  0x04000000UL
#define SA_ONSTACK   0x08000000UL
#define SA_RESTART   0x10000000UL
#define SA_NODEFER   0x40000000UL
#define SA_RESETHAND 0x80000000UL
/* The flags rt_sigaction keeps; others are cleared so that user space can
 * probe for support (Linux 5.11+). */
#define SA_KNOWN_FLAGS (SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_ONSTACK | SA_RESTART | \
			SA_NODEFER | SA_RESETHAND | SA_EXPOSE_TAGBITS | SA_RESTORER)

#define SIG_DFL 0UL
#define SIG_IGN 1UL

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

#define SS_ONSTACK 1
#define SS_DISABLE 2
#define SS_AUTODISARM (1U << 31)
#define MINSIGSTKSZ 2048

typedef struct linux_siginfo ksiginfo_t;   /* the kernel keeps Linux's layout */

typedef struct {
	u64 sig;                 /* bit n-1: signal n */
} sigset_t;

static inline u64 sigmask(int sig) { return 1ULL << (sig - 1); }
static inline bool sigismember(const sigset_t *s, int sig) { return s->sig & sigmask(sig); }
static inline void sigaddset(sigset_t *s, int sig) { s->sig |= sigmask(sig); }
static inline void sigdelset(sigset_t *s, int sig) { s->sig &= ~sigmask(sig); }
static inline bool sigisemptyset(const sigset_t *s) { return s->sig == 0; }
static inline bool valid_signal(unsigned long sig) { return sig <= _NSIG; }
#define SIG_KERNEL_ONLY_MASK (sigmask(SIGKILL) | sigmask(SIGSTOP))

struct k_sigaction {
	unsigned long handler;   /* SIG_DFL, SIG_IGN or a user address */
	unsigned long flags;     /* SA_* */
	unsigned long restorer;
	sigset_t mask;
};

/* One queued signal with its information. */
struct posix_timer;
struct sigqueue {
	struct list_head list;   /* in sigpending.list (siglock) */
	ksiginfo_t info;
	struct posix_timer *timer;   /* a POSIX timer's signal: its overrun is read at
	                              * dequeue; cleared by timer_delete (siglock) */
};

/* A set of pending signals: the bits, and the queued infos (several per
 * real-time signal, at most one per standard signal). A bit without a
 * queue entry is a signal whose info could not be allocated: it is
 * delivered with a made-up SI_USER/SI_KERNEL info. */
struct sigpending {
	struct list_head list;   /* struct sigqueue; siglock */
	sigset_t signal;         /* siglock */
};

static inline void init_sigpending(struct sigpending *p)
{
	INIT_LIST_HEAD(&p->list);
	p->signal.sig = 0;
}

/* The actions, shared by CLONE_SIGHAND (threads). */
struct sighand_struct {
	int refcount;                        /* tasks using it; atomic */
	spinlock_t siglock;                  /* see the top of this file */
	struct k_sigaction action[_NSIG];    /* [sig - 1]; siglock */
};

/* What a syscall interrupted by a signal with no handler restarts with
 * (-ERESTART_RESTARTBLOCK -> restart_syscall(2) -> fn). Owner only. */
struct restart_block {
	long (*fn)(struct restart_block *rb);
	union {
		struct {
			int clockid;
			u64 expires_ns;          /* absolute, on clockid */
			void __user *rmtp;       /* struct timespec for the time left */
		} nanosleep;
	};
};

/* A fault in user mode: deliver sig to the current thread (it cannot be
 * blocked or ignored: if it is, the thread group dies with it, as on Linux). */
void force_sig_fault(int sig, int code, unsigned long addr);
/* Kernel-generated signal to the current thread, info SI_KERNEL; like a
 * fault, blocking or ignoring it does not save the task. */
void force_sig(int sig);
/* Send sig from the kernel to a process group / one process (tty, pipes):
 * SI_KERNEL info; no permission checks. 0 or -ESRCH. */
int kill_pgrp(int pgrp, int sig);
int send_sig(int sig, struct task *t);
/* Send to a task's thread group (group) or to the task alone, with info
 * (NULL: SI_KERNEL). No permission checks: 0, -EAGAIN (RT queue full). */
int send_sig_info(int sig, ksiginfo_t *info, struct task *t, bool group);
/* A signal is pending and unblocked: interruptible sleeps end with -ERESTARTSYS/-EINTR. */
bool signal_pending(struct task *t);
/* SIGKILL is pending (or the group is exiting): killable sleeps end. */
bool fatal_signal_pending(struct task *t);
/* Deliver pending signals on the way back to user mode (may not return: exit). */
void signal_deliver(struct pt_regs *regs);

/* The current task's blocked mask (SIGKILL/SIGSTOP are silently dropped). */
void set_current_blocked(const sigset_t *set);
/* sigsuspend/ppoll/pselect: block set until the next delivery, which
 * restores the old mask after the handler's frame has saved it. */
void set_restore_sigmask(const sigset_t *old);
/* ppoll, pselect6, epoll_pwait: install the caller's mask (NULL: keep the
 * current one) for the wait. -EINVAL for a size other than 8, -EFAULT. */
int set_user_sigmask(const sigset_t __user *umask, size_t size);
/* After the wait: unless a signal interrupted it (then delivery restores
 * the mask once the handler's frame has saved it), put the old mask back. */
void restore_saved_sigmask_unless(bool interrupted);

/*
 * Sleep on wq until cond; -ERESTARTSYS when a signal arrives first, else 0.
 * For kernel code that must let signals interrupt it (pipes, ttys, wait).
 */
#define wait_event_interruptible(wq, cond)                                     \
	({                                                                     \
		struct wait_queue_entry __e;                                   \
		int __ret = 0;                                                 \
		init_wait_entry(&__e, 0);                                      \
		for (;;) {                                                     \
			prepare_to_wait((wq), &__e, TASK_INTERRUPTIBLE);       \
			if (cond)                                              \
				break;                                         \
			if (signal_pending(current)) {                         \
				__ret = -ERESTARTSYS;                          \
				break;                                         \
			}                                                      \
			schedule();                                            \
		}                                                              \
		finish_wait((wq), &__e);                                       \
		__ret;                                                         \
	})

#endif
