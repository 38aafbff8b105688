/*
 * Signals: sending (with Linux's permission and coalescing rules), job
 * control (group stop, SIGCONT), the default actions, delivery through
 * Linux's x86_64 rt_sigframe, rt_sigreturn, and the state calls
 * (sigaction, sigprocmask, sigaltstack, sigsuspend).
 *
 * Sending a signal (__send_signal, siglock held):
 *   prepare_signal  - SIGCONT cancels stops and wakes stopped threads;
 *                     a stop signal cancels a pending SIGCONT; a signal
 *                     the target ignores (not blocked) is dropped here.
 *   queue           - at most one instance of a standard signal; RT ones
 *                     queue with their info (up to RLIMIT_SIGPENDING).
 *   complete_signal - pick a thread that does not block it and wake it;
 *                     a fatal default action kills the whole group right
 *                     away (SIGKILL to every thread), as Linux does.
 * Delivery happens in signal_deliver() on the way back to user mode: the
 * task takes signals off its private set first, then the shared one,
 * synchronous faults before others, lowest number first.
 *
 * Waking: a sender sets task->sigpending and wakes the task if it sleeps in
 * TASK_INTERRUPTIBLE (its sleep loop re-checks signal_pending); a task
 * running on another CPU gets a reschedule IPI so that it passes through
 * exit_to_user_mode promptly.
 *
 * Job control: the first thread to take a stop signal marks every thread
 * JOBCTL_STOP_PENDING; each one, on its way to user mode, decrements
 * group_stop_count and sleeps (JOBCTL_STOPPED); the last one marks the
 * group SIGNAL_STOP_STOPPED and tells the parent (CLD_STOPPED). SIGCONT
 * clears it all and wakes them; one of them tells the parent
 * (CLD_CONTINUED). XXX: no ptrace stops.
 *
 * Locking: see signal.h and proc.h. The thread list of a signal_struct is
 * changed holding tasklist_lock and the siglock, so either lock suffices to
 * walk it.
 */
#include <asm/fpu.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <asm/x86.h>
#include <kernel/clock.h>
#include <kernel/errno.h>
#include <kernel/eventpoll.h>
#include <kernel/ipc.h>
#include <kernel/irq.h>
#include <kernel/mm.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <kernel/vm.h>
#include <kernel/waitqueue.h>
#include <string.h>

#include "internal.h"

#define __NR_restart_syscall 219

#define SYNCHRONOUS_MASK (sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) | \
			  sigmask(SIGTRAP) | sigmask(SIGFPE) | sigmask(SIGSYS))
#define STOP_MASK (sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | sigmask(SIGTTOU))
#define IGNORE_MASK (sigmask(SIGCONT) | sigmask(SIGCHLD) | sigmask(SIGWINCH) | sigmask(SIGURG))
#define COREDUMP_MASK (sigmask(SIGQUIT) | sigmask(SIGILL) | sigmask(SIGTRAP) | \
		       sigmask(SIGABRT) | sigmask(SIGFPE) | sigmask(SIGSEGV) | \
		       sigmask(SIGBUS) | sigmask(SIGSYS) | sigmask(SIGXCPU) | sigmask(SIGXFSZ))

/* rflags bits user space may change through sigreturn (Linux's FIX_EFLAGS). */
#define RFLAGS_CF 0x1UL
#define RFLAGS_PF 0x4UL
#define RFLAGS_AF 0x10UL
#define RFLAGS_ZF 0x40UL
#define RFLAGS_SF 0x80UL
#define RFLAGS_TF 0x100UL
#define RFLAGS_DF 0x400UL
#define RFLAGS_OF 0x800UL
#define RFLAGS_RF 0x10000UL
#define RFLAGS_AC 0x40000UL
#define FIX_RFLAGS (RFLAGS_AC | RFLAGS_OF | RFLAGS_DF | RFLAGS_TF | RFLAGS_SF | RFLAGS_ZF | \
		    RFLAGS_AF | RFLAGS_PF | RFLAGS_CF | RFLAGS_RF)

static bool sig_in(int sig, u64 mask)
{
	return sig >= 1 && sig < SIGRTMIN && (sigmask(sig) & mask);
}

static bool sig_kernel_stop(int sig) { return sig_in(sig, STOP_MASK); }
static bool sig_kernel_ignore(int sig) { return sig_in(sig, IGNORE_MASK); }
static bool sig_kernel_coredump(int sig) { return sig_in(sig, COREDUMP_MASK); }
bool sig_kernel_only(int sig) { return sig == SIGKILL || sig == SIGSTOP; }

/* ---- sighand and signal_struct ------------------------------------------ */

struct sighand_struct *sighand_alloc(void)
{
	struct sighand_struct *sh = kzalloc(sizeof(*sh), GFP_KERNEL);

	if (!sh)
		return NULL;
	sh->refcount = 1;
	spin_lock_init(&sh->siglock, "siglock");
	return sh;
}

struct sighand_struct *sighand_copy(struct sighand_struct *old)
{
	struct sighand_struct *sh = sighand_alloc();
	unsigned long flags;

	if (!sh)
		return NULL;
	spin_lock_irqsave(&old->siglock, flags);
	memcpy(sh->action, old->action, sizeof(sh->action));
	spin_unlock_irqrestore(&old->siglock, flags);
	return sh;
}

void sighand_put(struct sighand_struct *sh)
{
	if (sh && __atomic_sub_fetch(&sh->refcount, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(sh);
}

struct signal_struct *signal_struct_alloc(void)
{
	struct signal_struct *sig = kzalloc(sizeof(*sig), GFP_KERNEL);

	if (!sig)
		return NULL;
	sig->refcount = 1;
	INIT_LIST_HEAD(&sig->threads);
	init_sigpending(&sig->shared_pending);
	init_waitqueue_head(&sig->wait_chldexit);
	spin_lock_init(&sig->rlim_lock, "rlim_lock");
	RB_CLEAR_NODE(&sig->pgrp_res.node);
	RB_CLEAR_NODE(&sig->session_res.node);
	sig->start_time_ns = ktime_get_ns();
	sig->dumpable = 1;
	itimer_init(sig);
	posix_timers_init(sig);
	return sig;
}

void signal_struct_put(struct signal_struct *sig)
{
	if (!sig || __atomic_sub_fetch(&sig->refcount, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	itimer_release(sig);              /* before the memory goes: the timer may be armed */
	posix_timers_exit(sig);
	flush_sigqueue(&sig->shared_pending);
	proc_detach_pid_numbers(sig);     /* normally done at release already */
	if (sig->exe_file)                /* normally dropped at group exit already */
		fput(sig->exe_file);
	kfree(sig);
}

void proc_task_free(struct task *t)
{
	flush_sigqueue(&t->pending);
	sighand_put(t->sighand);
	t->sighand = NULL;
	signal_struct_put(t->signal);
	t->signal = NULL;
	put_cred(t->cred);
	t->cred = NULL;
	ipc_task_free(t);
	put_pid(t->pid);
	t->pid = NULL;
	put_pid_ns(t->pid_ns_for_children);
	t->pid_ns_for_children = NULL;
}

/* ---- pending sets (siglock held) ------------------------------------------ */

static int queued_count(struct signal_struct *sig, int delta)
{
	/* Queued infos of this process (its threads' private ones included),
	 * bounded by RLIMIT_SIGPENDING for real-time signals. Under the
	 * siglock of the process's threads. */
	sig->nr_queued += delta;
	return sig->nr_queued;
}

void flush_sigqueue(struct sigpending *p)
{
	struct sigqueue *q, *n;

	list_for_each_entry_safe(q, n, &p->list, list) {
		list_del(&q->list);
		kfree(q);
	}
	p->signal.sig = 0;
}

/* Remove the signals in mask from p. */
static void flush_sigqueue_mask(struct signal_struct *sig, u64 mask, struct sigpending *p)
{
	struct sigqueue *q, *n;

	if (!(p->signal.sig & mask))
		return;
	p->signal.sig &= ~mask;
	list_for_each_entry_safe(q, n, &p->list, list) {
		if (sigmask(q->info.si_signo) & mask) {
			list_del(&q->list);
			kfree(q);
			queued_count(sig, -1);
		}
	}
}

static u64 pending_mask(struct task *t)
{
	return (t->pending.signal.sig | t->signal->shared_pending.signal.sig) & ~t->blocked.sig;
}

void recalc_sigpending(struct task *t)
{
	bool p = pending_mask(t) || (t->jobctl & JOBCTL_STOP_PENDING) ||
		 (t->signal->flags & SIGNAL_CLD_MASK);

	WRITE_ONCE(t->sigpending, p);
}

bool signal_pending(struct task *t)
{
	return READ_ONCE(t->sigpending);
}

bool fatal_signal_pending(struct task *t)
{
	return t->signal && READ_ONCE(t->sigpending) && sigismember(&t->pending.signal, SIGKILL);
}

void signal_wake_up(struct task *t, bool fatal)
{
	WRITE_ONCE(t->sigpending, true);
	/* Pairs with the barrier in set_current_state: either the sleeper
	 * sees sigpending, or we see it asleep. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (READ_ONCE(t->state) == TASK_INTERRUPTIBLE) {
		wake_up_process(t);
	} else if (t != current && READ_ONCE(t->running) && READ_ONCE(t->state) == TASK_RUNNING) {
		int cpu = READ_ONCE(t->on_cpu);

		/* Running elsewhere (maybe in user mode): make it pass
		 * through exit_to_user_mode now rather than at its next tick. */
		if (cpu != smp_processor_id())
			smp_send_reschedule(cpu);
	}
	(void)fatal;   /* XXX: no TASK_KILLABLE sleeps yet: fatal wakes the same ones */
}

struct sighand_struct *lock_task_sighand(struct task *t, unsigned long *flags)
{
	for (;;) {
		struct sighand_struct *sh = READ_ONCE(t->sighand);

		if (!sh)
			return NULL;
		spin_lock_irqsave(&sh->siglock, *flags);
		if (sh == t->sighand)
			return sh;
		spin_unlock_irqrestore(&sh->siglock, *flags);
	}
}

void unlock_task_sighand(struct task *t, unsigned long *flags)
{
	spin_unlock_irqrestore(&t->sighand->siglock, *flags);
}

/* ---- sending (siglock held) ------------------------------------------------ */

static bool sig_handler_ignored(unsigned long handler, int sig)
{
	return handler == SIG_IGN || (handler == SIG_DFL && sig_kernel_ignore(sig));
}

static bool sig_task_ignored(struct task *t, int sig, bool force)
{
	unsigned long handler = t->sighand->action[sig - 1].handler;

	/* init: a signal it has no handler for is dropped, unless the kernel
	 * forces SIGKILL/SIGSTOP on it. */
	if ((t->signal->flags & SIGNAL_UNKILLABLE) && handler == SIG_DFL &&
	    !(force && sig_kernel_only(sig)))
		return true;
	return sig_handler_ignored(handler, sig);
}

static bool sig_ignored(struct task *t, int sig, bool force)
{
	/* A blocked signal stays pending: the handler may change by the time
	 * it is unblocked. */
	if (sigismember(&t->blocked, sig) || sigismember(&t->real_blocked, sig))
		return false;
	return sig_task_ignored(t, sig, force);
}

/* Threads of t's group, t first (siglock held: the list is stable). */
#define for_each_thread(sig, th) list_for_each_entry(th, &(sig)->threads, thread_node)

static bool prepare_signal(int sig, struct task *p, bool force)
{
	struct signal_struct *signal = p->signal;
	struct task *t;

	if (signal->flags & SIGNAL_GROUP_EXIT)
		return false;               /* dying anyway */
	if (!signal->nr_threads)
		return false;               /* a zombie: nobody to deliver to */

	if (sig_kernel_stop(sig)) {
		/* A stop cancels a pending continue. */
		flush_sigqueue_mask(signal, sigmask(SIGCONT), &signal->shared_pending);
		for_each_thread(signal, t)
			flush_sigqueue_mask(signal, sigmask(SIGCONT), &t->pending);
	} else if (sig == SIGCONT) {
		/* A continue cancels pending stops and resumes a stopped group,
		 * whatever SIGCONT's action is. */
		flush_sigqueue_mask(signal, STOP_MASK, &signal->shared_pending);
		for_each_thread(signal, t) {
			flush_sigqueue_mask(signal, STOP_MASK, &t->pending);
			if (t->jobctl & JOBCTL_STOPPED) {
				t->jobctl &= ~(JOBCTL_STOPPED | JOBCTL_STOP_PENDING);
				wake_up_process(t);
			} else {
				t->jobctl &= ~JOBCTL_STOP_PENDING;
			}
			recalc_sigpending(t);
		}
		if (signal->flags & SIGNAL_STOP_STOPPED) {
			signal->flags &= ~(SIGNAL_STOP_STOPPED | SIGNAL_STOP_REPORTED |
					   SIGNAL_CLD_STOPPED);
			signal->flags |= SIGNAL_STOP_CONTINUED | SIGNAL_CLD_CONTINUED;
			/* Someone must run to tell the parent. */
			for_each_thread(signal, t) {
				recalc_sigpending(t);
				signal_wake_up(t, false);
				break;
			}
		}
		signal->group_stop_count = 0;
	}
	return !sig_ignored(p, sig, force);
}

static bool wants_signal(int sig, struct task *p)
{
	if (sigismember(&p->blocked, sig))
		return false;
	if (p->proc_flags & PFP_EXITING)
		return false;
	if (sig == SIGKILL)
		return true;
	return !(p->jobctl & JOBCTL_STOPPED);
}

static bool sig_fatal(struct task *t, int sig)
{
	if (sig < SIGRTMIN && (sigmask(sig) & (IGNORE_MASK | STOP_MASK)))
		return false;
	return t->sighand->action[sig - 1].handler == SIG_DFL;
}

static void complete_signal(int sig, struct task *p, bool group)
{
	struct signal_struct *signal = p->signal;
	struct task *t = NULL, *th;

	if (wants_signal(sig, p)) {
		t = p;
	} else if (group) {
		for_each_thread(signal, th) {
			if (wants_signal(sig, th)) {
				t = th;
				break;
			}
		}
	}
	if (!t)
		return;   /* everyone blocks it: it waits in the pending set */

	/* A thread in sigtimedwait for sig has it in real_blocked: it takes
	 * the signal, it is not killed by it. */
	if (sig_fatal(p, sig) && !(signal->flags & SIGNAL_GROUP_EXIT) && !signal->group_exec_task &&
	    !sigismember(&t->blocked, sig) && !sigismember(&t->real_blocked, sig) &&
	    !sig_kernel_coredump(sig) &&
	    !(signal->flags & SIGNAL_UNKILLABLE)) {
		/* Nothing can catch it: take the whole group down now. */
		signal->flags = SIGNAL_GROUP_EXIT;
		signal->group_exit_code = sig;
		signal->group_stop_count = 0;
		for_each_thread(signal, th) {
			th->jobctl &= ~(JOBCTL_STOP_PENDING | JOBCTL_STOPPED);
			sigaddset(&th->pending.signal, SIGKILL);
			signal_wake_up(th, true);
		}
		return;
	}
	signal_wake_up(t, sig == SIGKILL);
}

static void fill_kernel_info(ksiginfo_t *info, int sig)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = SI_KERNEL;
}

/* Does this siginfo name a sending process (kill, sigqueue, tkill: Linux's
 * SIL_KILL and SIL_RT layouts)? */
static bool si_has_sender(const ksiginfo_t *info)
{
	return info && info->si_code <= 0 && info->si_code != SI_TIMER && info->si_code != SI_SIGIO;
}

/* Is the sender (current) outside t's pid namespace, i.e. in an ancestor
 * one? Its signals then carry si_pid 0 and pass a namespace init's
 * protection (Linux's send_signal "force"). */
static bool sent_from_ancestor_ns(struct task *t)
{
	if (in_interrupt() || !current->signal)
		return false;
	return !task_pid_nr_ns(current, task_active_pid_ns(t));
}

int __send_signal(int sig, ksiginfo_t *info, struct task *t, bool group, bool force)
{
	struct sigpending *pending;
	struct sigqueue *q;
	bool rt_user, hide_sender = false;

	if (si_has_sender(info) && sent_from_ancestor_ns(t)) {
		hide_sender = true;
		force = true;
	}
	if (!prepare_signal(sig, t, force))
		return 0;
	pending = group ? &t->signal->shared_pending : &t->pending;
	/* Standard signals do not queue: a second one merges with the first. */
	if (sig < SIGRTMIN && sigismember(&pending->signal, sig))
		return 0;
	/* SIGKILL and SIGSTOP need no info: their action cannot be caught. */
	if (sig == SIGKILL || sig == SIGSTOP)
		goto out_set;

	/* RLIMIT_SIGPENDING bounds only what user space queues with a
	 * negative si_code (sigqueue, tkill, timers); kill() (SI_USER) and
	 * the kernel's own signals always get an entry if memory allows, as
	 * on Linux (override_rlimit). */
	rt_user = sig >= SIGRTMIN && info && info->si_code < 0;
	q = NULL;
	if (!rt_user || (u64)queued_count(t->signal, 0) < task_rlimit(t, RLIMIT_SIGPENDING))
		q = kmalloc(sizeof(*q), GFP_ATOMIC);
	if (q) {
		if (info)
			q->info = *info;
		else
			fill_kernel_info(&q->info, sig);
		q->info.si_signo = sig;
		if (hide_sender)
			q->info.f.kill.pid = 0;
		q->timer = NULL;
		list_add_tail(&q->list, &pending->list);
		queued_count(t->signal, 1);
	} else if (sig >= SIGRTMIN && info && info->si_code != SI_USER && info->si_code != SI_KERNEL) {
		/* an RT signal that must carry its info and cannot: EAGAIN
		 * (Linux: all but SI_USER and the kernel's) */
		return -EAGAIN;
	}
out_set:
	sigaddset(&pending->signal, sig);
	signalfd_notify();   /* signalfd readers and pollers re-check */
	complete_signal(sig, t, group);
	return 0;
}

void send_timer_signal(struct posix_timer *tmr, struct task *t, bool group, int signo,
		       union linux_sigval value, int id, int missed)
{
	struct sigpending *pending;
	struct sigqueue *q;
	unsigned long flags;

	if (!lock_task_sighand(t, &flags))
		return;
	/* Linux queues one signal per timer: while it waits, expirations
	 * only count as overruns. */
	list_for_each_entry(q, &t->pending.list, list)
		if (q->timer == tmr)
			goto overrun;
	list_for_each_entry(q, &t->signal->shared_pending.list, list)
		if (q->timer == tmr)
			goto overrun;
	if (!prepare_signal(signo, t, false))
		goto out;
	q = kmalloc(sizeof(*q), GFP_ATOMIC);
	if (!q)
		goto out;
	memset(&q->info, 0, sizeof(q->info));
	q->info.si_signo = signo;
	q->info.si_code = SI_TIMER;
	q->info.f.timer.tid = id;
	q->info.f.timer.sigval = value;
	q->timer = tmr;
	posix_timer_overrun_add(tmr, missed);
	pending = group ? &t->signal->shared_pending : &t->pending;
	list_add_tail(&q->list, &pending->list);
	queued_count(t->signal, 1);
	sigaddset(&pending->signal, signo);
	complete_signal(signo, t, group);
	goto out;
overrun:
	posix_timer_overrun_add(tmr, 1 + missed);
out:
	unlock_task_sighand(t, &flags);
}

/* Drop p's queued signals from tmr; a signal's pending bit stays only if
 * another instance of it is still queued. siglock held. */
static void drop_timer_signals(struct signal_struct *sig, struct posix_timer *tmr,
			       struct sigpending *p)
{
	struct sigqueue *q, *n;

	list_for_each_entry_safe(q, n, &p->list, list) {
		int signo = q->info.si_signo;
		bool other = false;
		struct sigqueue *r;

		if (q->timer != tmr)
			continue;
		list_del(&q->list);
		kfree(q);
		queued_count(sig, -1);
		list_for_each_entry(r, &p->list, list)
			if (r->info.si_signo == signo) {
				other = true;
				break;
			}
		if (!other)
			sigdelset(&p->signal, signo);
	}
}

/*
 * A deleted timer's signals that are still queued are dropped, as Linux
 * does since 6.13 (earlier kernels delivered them after the delete).
 */
void forget_timer_signal(struct posix_timer *tmr, struct task *t)
{
	unsigned long flags;

	if (!lock_task_sighand(t, &flags))
		return;
	drop_timer_signals(t->signal, tmr, &t->pending);
	drop_timer_signals(t->signal, tmr, &t->signal->shared_pending);
	recalc_sigpending(t);
	unlock_task_sighand(t, &flags);
}

int send_sig_info(int sig, ksiginfo_t *info, struct task *t, bool group)
{
	unsigned long flags;
	int ret = -ESRCH;

	if (!valid_signal(sig) || sig < 1)
		return -EINVAL;
	if (lock_task_sighand(t, &flags)) {
		/* Kernel-made signals (no info) are forced, as Linux's
		 * SEND_SIG_PRIV: SIGKILL reaches a pid namespace's init. */
		ret = __send_signal(sig, info, t, group, !info);
		unlock_task_sighand(t, &flags);
	}
	return ret;
}

void prepare_kill_siginfo(int sig, ksiginfo_t *info, int code)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = code;
	if (current->signal) {
		info->f.kill.pid = task_tgid_vnr(current);   /* Linux: the sender's own view */
		info->f.kill.uid = current_cred()->uid;
	}
}

int send_sig(int sig, struct task *t)
{
	ksiginfo_t info;

	/* Linux's send_sig(sig, t, 0): SI_USER from the current process, as
	 * t's pid namespace sees it (SEND_SIG_NOINFO). */
	prepare_kill_siginfo(sig, &info, current->signal ? SI_USER : SI_KERNEL);
	if (current->signal)
		info.f.kill.pid = task_tgid_nr_ns(current, task_active_pid_ns(t));
	return send_sig_info(sig, &info, t, true);
}

/* A signal the current thread cannot escape (faults, bad frames): if it is
 * blocked or ignored, the default action comes back. */
static void force_sig_info(ksiginfo_t *info)
{
	struct task *t = current;
	int sig = info->si_signo;
	struct k_sigaction *ka;
	unsigned long flags;

	if (!t->signal)
		panic("%s: signal %d to a kernel thread", __func__, sig);
	spin_lock_irqsave(&t->sighand->siglock, flags);
	ka = &t->sighand->action[sig - 1];
	if (ka->handler == SIG_IGN || sigismember(&t->blocked, sig)) {
		ka->handler = SIG_DFL;
		sigdelset(&t->blocked, sig);
	}
	if (ka->handler == SIG_DFL)
		t->signal->flags &= ~SIGNAL_UNKILLABLE;
	__send_signal(sig, info, t, false, true);
	recalc_sigpending(t);
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
}

/* The trap state a fault handler leaves for the signal frame's sigcontext. */
struct fault_state {
	u64 trapno, error, cr2;
};

void force_sig_fault(int sig, int code, unsigned long addr)
{
	struct task *t = current;
	struct pt_regs *regs = task_pt_regs(t);
	ksiginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = code;
	info.f.fault.addr = addr;
	if (!in_syscall(regs)) {
		t->fault_trapno = regs->vector;
		t->fault_error = regs->error_code;
		t->fault_cr2 = regs->vector == 14 ? addr : 0;
	}
	force_sig_info(&info);
}

void force_sig(int sig)
{
	ksiginfo_t info;

	fill_kernel_info(&info, sig);
	force_sig_info(&info);
}

void force_sigsegv(int sig)
{
	struct task *t = current;
	unsigned long flags;

	/* A broken frame for SIGSEGV itself: make the next one fatal. */
	if (sig == SIGSEGV) {
		spin_lock_irqsave(&t->sighand->siglock, flags);
		t->sighand->action[SIGSEGV - 1].handler = SIG_DFL;
		spin_unlock_irqrestore(&t->sighand->siglock, flags);
	}
	force_sig(SIGSEGV);
}

/* ---- kill and its permission rules ---------------------------------------- */

static bool si_fromuser(const ksiginfo_t *info)
{
	return info && info->si_code <= 0;
}

static bool kill_ok_by_cred(struct task *t)
{
	const struct cred *c = current_cred(), *tc;
	bool ok;

	if (c->euid == 0)
		return true;
	tc = get_task_cred(t);
	ok = c->euid == tc->suid || c->euid == tc->uid || c->uid == tc->suid || c->uid == tc->uid;
	put_cred(tc);
	return ok;
}

int check_kill_permission(int sig, ksiginfo_t *info, struct task *t)
{
	if (!valid_signal(sig))
		return -EINVAL;
	if (!si_fromuser(info))
		return 0;
	if (t->signal == current->signal)
		return 0;
	if (!kill_ok_by_cred(t)) {
		/* SIGCONT may go to any process of the same session. */
		if (sig != SIGCONT || READ_ONCE(t->signal->session) != task_session_nr(current))
			return -EPERM;
	}
	return 0;
}

int group_send_sig_info(int sig, ksiginfo_t *info, struct task *p)
{
	int ret = check_kill_permission(sig, info, p);

	if (!ret && sig)
		ret = send_sig_info(sig, info, p, true);
	return ret;
}

/* Caller holds tasklist_lock. */
int __kill_pgrp_info(int sig, ksiginfo_t *info, pid_t pgrp)
{
	bool success = false, found = false;
	int retval = -ESRCH;
	struct task *p;

	if (pgrp < 0)
		return -ESRCH;
	list_for_each_entry(p, &proc_list, proc_node) {
		int err;

		if (p->signal->pgrp != pgrp)
			continue;
		found = true;
		err = group_send_sig_info(sig, info, p);
		success |= !err;
		retval = err;
	}
	if (!found)
		return -ESRCH;
	return success ? 0 : retval;
}

int kill_pgrp(int pgrp, int sig)
{
	unsigned long flags;
	ksiginfo_t info;
	int r;

	fill_kernel_info(&info, sig);
	spin_lock_irqsave(&tasklist_lock, flags);
	r = __kill_pgrp_info(sig, &info, pgrp);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return r;
}

int kill_something_info(int sig, ksiginfo_t *info, pid_t pid)
{
	unsigned long flags;
	int ret;

	if (pid > 0) {
		struct task *p = find_process(pid);

		if (!p)
			return -ESRCH;
		ret = group_send_sig_info(sig, info, p);
		task_put(p);
		return ret;
	}
	if (pid == (int)0x80000000)
		return -ESRCH;      /* -INT_MIN does not exist */
	spin_lock_irqsave(&tasklist_lock, flags);
	if (pid != -1) {
		/* A process group named in our pid namespace (0: our own). */
		pid_t pgrp = pid ? pid_ns_global_nr(task_active_pid_ns(current), -pid)
				 : task_pgrp_nr(current);

		ret = pid && !pgrp ? -ESRCH : __kill_pgrp_info(sig, info, pgrp);
	} else {
		struct pid_namespace *ns = task_active_pid_ns(current);
		int retval = 0, count = 0;
		struct task *p;

		/* Everyone we may signal in our pid namespace but its init
		 * and ourselves; EPERM alone counts as success (Linux). */
		list_for_each_entry(p, &proc_list, proc_node) {
			int err;

			if (task_pid_nr_ns(p, ns) <= 1 || p->signal == current->signal)
				continue;
			err = group_send_sig_info(sig, info, p);
			count++;
			if (err != -EPERM)
				retval = err;
		}
		ret = count ? retval : -ESRCH;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

int do_tkill(pid_t tgid, pid_t tid, int sig, ksiginfo_t *info)
{
	struct task *p;
	int ret = -ESRCH;

	p = find_task_by_vpid(tid);
	if (!p)
		return -ESRCH;
	if (tgid <= 0 || task_tgid_vnr(p) == tgid) {
		ret = check_kill_permission(sig, info, p);
		if (!ret && sig) {
			ret = send_sig_info(sig, info, p, false);
			/* A dying task is no error (Linux: ESRCH only if gone). */
			if (ret == -ESRCH)
				ret = 0;
		}
	}
	task_put(p);
	return ret;
}

/* ---- telling the parent --------------------------------------------------- */

static void fill_child_times(ksiginfo_t *info, struct task *t)
{
	u64 ns = __proc_cpu_time_ns(t);

	/* XXX: no user/system split: all CPU time is reported as user time. */
	info->f.chld.utime = ns_to_clock_t(ns + t->signal->cutime_ns);
	info->f.chld.stime = ns_to_clock_t(t->signal->cstime_ns);
}

/*
 * t's process (t is its leader, all threads gone) has died: send the
 * parent sig and wake its waiters. Returns true when the child is to be
 * reaped at once (the parent ignores SIGCHLD or set SA_NOCLDWAIT).
 * Caller holds tasklist_lock.
 */
bool do_notify_parent(struct task *t, int sig)
{
	struct task *parent = t->real_parent;
	struct sighand_struct *psh;
	struct k_sigaction *ka;
	unsigned long flags;
	bool autoreap = false;
	ksiginfo_t info;
	int status;

	if (!parent)
		return true;
	status = (t->signal->flags & SIGNAL_GROUP_EXIT) ? t->signal->group_exit_code
							 : t->exit_code;
	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.f.chld.pid = task_tgid_nr_ns(t, task_active_pid_ns(parent));
	info.f.chld.uid = t->cred ? t->cred->uid : 0;
	fill_child_times(&info, t);
	if ((status & 0x7f) == 0) {
		info.si_code = CLD_EXITED;
		info.f.chld.status = (status >> 8) & 0xff;
	} else {
		info.si_code = (status & 0x80) ? CLD_DUMPED : CLD_KILLED;
		info.f.chld.status = status & 0x7f;
	}

	psh = lock_task_sighand(parent, &flags);
	if (!psh)
		return true;
	ka = &psh->action[SIGCHLD - 1];
	if (sig == SIGCHLD && (ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT))) {
		/* POSIX: no zombie; and with SIG_IGN, no signal either. */
		autoreap = true;
		if (ka->handler == SIG_IGN)
			sig = 0;
	}
	if (sig > 0 && valid_signal(sig))
		__send_signal(sig, &info, parent, true, false);
	wake_up_all(&parent->signal->wait_chldexit);
	unlock_task_sighand(parent, &flags);
	return autoreap;
}

/* t's group stopped or continued: CLD_STOPPED / CLD_CONTINUED to the
 * parent unless it asked for SA_NOCLDSTOP. Caller holds tasklist_lock. */
void do_notify_parent_cldstop(struct task *t, int why)
{
	struct task *leader = t->group_leader, *parent = leader->real_parent;
	struct sighand_struct *psh;
	struct k_sigaction *ka;
	unsigned long flags;
	ksiginfo_t info;

	if (!parent)
		return;
	memset(&info, 0, sizeof(info));
	info.si_signo = SIGCHLD;
	info.si_code = why;
	info.f.chld.pid = task_tgid_nr_ns(leader, task_active_pid_ns(parent));
	info.f.chld.uid = t->cred ? t->cred->uid : 0;
	info.f.chld.status = why == CLD_CONTINUED ? SIGCONT : t->signal->stop_signal;
	fill_child_times(&info, leader);

	psh = lock_task_sighand(parent, &flags);
	if (!psh)
		return;
	ka = &psh->action[SIGCHLD - 1];
	if (ka->handler != SIG_IGN && !(ka->flags & SA_NOCLDSTOP))
		__send_signal(SIGCHLD, &info, parent, true, false);
	wake_up_all(&parent->signal->wait_chldexit);
	unlock_task_sighand(parent, &flags);
}

/* ---- group exit and stop -------------------------------------------------- */

/* SIGKILL to every other thread of t's group; returns how many.
 * Caller holds the siglock. */
int zap_other_threads(struct task *t)
{
	struct task *th;
	int n = 0;

	t->signal->group_stop_count = 0;
	for_each_thread(t->signal, th) {
		if (th == t)
			continue;
		n++;
		th->jobctl &= ~(JOBCTL_STOP_PENDING | JOBCTL_STOPPED);
		if (th->exit_state)
			continue;
		sigaddset(&th->pending.signal, SIGKILL);
		signal_wake_up(th, true);
	}
	return n;
}

/* The current thread takes its part in a group stop (siglock held); true
 * if it was the last one, and the group is now stopped. */
static bool participate_group_stop(struct task *t)
{
	struct signal_struct *sig = t->signal;

	t->jobctl &= ~JOBCTL_STOP_PENDING;
	if (sig->group_stop_count > 0 && --sig->group_stop_count == 0) {
		sig->flags &= ~(SIGNAL_STOP_CONTINUED | SIGNAL_CLD_CONTINUED | SIGNAL_STOP_REPORTED);
		sig->flags |= SIGNAL_STOP_STOPPED;
		return true;
	}
	return false;
}

/*
 * Stop the current thread for job control. signr != 0: it took a stop
 * signal and starts a group stop unless one is under way. Called with the
 * siglock held (flags: its saved interrupt state); returns with it dropped.
 */
static void do_signal_stop(int signr, unsigned long flags)
{
	struct task *t = current, *th;
	struct signal_struct *sig = t->signal;
	bool notify;

	if (!(t->jobctl & JOBCTL_STOP_PENDING)) {
		if (!signr || (sig->flags & SIGNAL_GROUP_EXIT) || sig->group_exec_task) {
			spin_unlock_irqrestore(&t->sighand->siglock, flags);
			return;
		}
		sig->stop_signal = signr;
		sig->group_stop_count = 0;
		for_each_thread(sig, th) {
			if (th->proc_flags & PFP_EXITING)
				continue;
			th->jobctl |= JOBCTL_STOP_PENDING;
			sig->group_stop_count++;
			if (th != t)
				signal_wake_up(th, false);
		}
	}
	notify = participate_group_stop(t);
	t->jobctl |= JOBCTL_STOPPED;
	recalc_sigpending(t);
	spin_unlock_irqrestore(&t->sighand->siglock, flags);

	if (notify) {
		spin_lock_irqsave(&tasklist_lock, flags);
		do_notify_parent_cldstop(t, CLD_STOPPED);
		spin_unlock_irqrestore(&tasklist_lock, flags);
	}

	/* Sleep until SIGCONT (clears JOBCTL_STOPPED) or SIGKILL. */
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!(READ_ONCE(t->jobctl) & JOBCTL_STOPPED) || fatal_signal_pending(t))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	spin_lock_irqsave(&t->sighand->siglock, flags);
	t->jobctl &= ~JOBCTL_STOPPED;
	recalc_sigpending(t);
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
}

void exit_signals(struct task *t)
{
	unsigned long flags;
	bool notify = false;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	t->proc_flags |= PFP_EXITING;
	if (t->jobctl & JOBCTL_STOP_PENDING)
		notify = participate_group_stop(t) && !(t->signal->flags & SIGNAL_GROUP_EXIT);
	t->jobctl = 0;
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
	if (notify) {
		spin_lock_irqsave(&tasklist_lock, flags);
		do_notify_parent_cldstop(t, CLD_STOPPED);
		spin_unlock_irqrestore(&tasklist_lock, flags);
	}
}

/* ---- taking a signal ------------------------------------------------------ */

static int next_signal(u64 pending, u64 blocked)
{
	u64 x = pending & ~blocked;

	if (!x)
		return 0;
	if (x & SYNCHRONOUS_MASK)
		x &= SYNCHRONOUS_MASK;
	return __builtin_ctzll(x) + 1;
}

static void collect_signal(struct signal_struct *sig, int signo, struct sigpending *p,
			   ksiginfo_t *info)
{
	struct sigqueue *q, *first = NULL;
	bool more = false;

	list_for_each_entry(q, &p->list, list) {
		if (q->info.si_signo != signo)
			continue;
		if (first) {
			more = true;
			break;
		}
		first = q;
	}
	if (!more)
		sigdelset(&p->signal, signo);
	if (first) {
		*info = first->info;
		if (first->timer)
			posix_timer_dequeued(first->timer, info);
		list_del(&first->list);
		kfree(first);
		queued_count(sig, -1);
	} else {
		/* Queued without info (no memory), or SIGKILL/SIGSTOP. */
		memset(info, 0, sizeof(*info));
		info->si_signo = signo;
		info->si_code = SI_USER;
	}
}

/* Take the next deliverable signal of current (siglock held); 0 if none. */
static int dequeue_signal(struct task *t, ksiginfo_t *info)
{
	int sig = next_signal(t->pending.signal.sig, t->blocked.sig);

	if (sig) {
		collect_signal(t->signal, sig, &t->pending, info);
	} else {
		sig = next_signal(t->signal->shared_pending.signal.sig, t->blocked.sig);
		if (sig)
			collect_signal(t->signal, sig, &t->signal->shared_pending, info);
	}
	recalc_sigpending(t);
	return sig;
}

int proc_dequeue_signal(ksiginfo_t *info)
{
	struct task *t = current;
	unsigned long flags;
	int sig;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	sig = dequeue_signal(t, info);
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
	return sig;
}

/* For signalfd: the next pending signal of current that is in mask,
 * whether blocked or not; 0 if none. */
int proc_dequeue_signal_mask(const sigset_t *mask, ksiginfo_t *info)
{
	struct task *t = current;
	unsigned long flags;
	int sig;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	sig = next_signal(t->pending.signal.sig, ~mask->sig);
	if (sig) {
		collect_signal(t->signal, sig, &t->pending, info);
	} else {
		sig = next_signal(t->signal->shared_pending.signal.sig, ~mask->sig);
		if (sig)
			collect_signal(t->signal, sig, &t->signal->shared_pending, info);
	}
	recalc_sigpending(t);
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
	return sig;
}

/* For signalfd's poll: current's pending signals, private and shared. */
u64 proc_pending_signals(void)
{
	struct task *t = current;

	return READ_ONCE(t->pending.signal.sig) | READ_ONCE(t->signal->shared_pending.signal.sig);
}

struct ksignal {
	struct k_sigaction ka;
	ksiginfo_t info;
	int sig;
};

/* Linux's show_unhandled_signals line, for a fault nobody handles. */
static void report_fatal_fault(int sig, const ksiginfo_t *info)
{
	struct task *t = current;
	struct pt_regs *regs = task_pt_regs(t);

	pr_info_ratelimited("%s[%d]: %s at %llx ip %llx sp %llx error %llx trap %llu\n", t->comm, t->tid,
		sig == SIGSEGV ? "segfault" : sig == SIGBUS ? "bus error" :
		sig == SIGILL ? "illegal instruction" : "arithmetic exception",
		(unsigned long long)info->f.fault.addr, (unsigned long long)regs->rip,
		(unsigned long long)regs->rsp, (unsigned long long)t->fault_error,
		(unsigned long long)t->fault_trapno);
}

static bool current_pgrp_orphaned(void)
{
	unsigned long flags;
	bool r;

	spin_lock_irqsave(&tasklist_lock, flags);
	r = proc_will_become_orphaned_pgrp(task_pgrp_nr(current), NULL);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return r;
}

/*
 * The signal loop (Linux's get_signal): parent notifications, group exit,
 * job control and default actions are handled here; returns true with a
 * signal for which a user handler must run.
 */
static bool get_signal(struct ksignal *ks)
{
	struct task *t = current;
	struct sighand_struct *sh = t->sighand;
	struct signal_struct *sig = t->signal;
	unsigned long flags;

	for (;;) {
		struct k_sigaction *ka;
		int signr, why;

		spin_lock_irqsave(&sh->siglock, flags);
		if (sig->flags & SIGNAL_CLD_MASK) {
			why = (sig->flags & SIGNAL_CLD_CONTINUED) ? CLD_CONTINUED : CLD_STOPPED;
			sig->flags &= ~SIGNAL_CLD_MASK;
			recalc_sigpending(t);
			spin_unlock_irqrestore(&sh->siglock, flags);
			spin_lock_irqsave(&tasklist_lock, flags);
			do_notify_parent_cldstop(t, why);
			spin_unlock_irqrestore(&tasklist_lock, flags);
			continue;
		}
		if ((sig->flags & SIGNAL_GROUP_EXIT) || (sig->group_exec_task && sig->group_exec_task != t) ||
		    sigismember(&t->pending.signal, SIGKILL)) {
			sigdelset(&t->pending.signal, SIGKILL);
			spin_unlock_irqrestore(&sh->siglock, flags);
			do_group_exit(SIGKILL);
		}
		if (t->jobctl & JOBCTL_STOP_PENDING) {
			do_signal_stop(0, flags);
			continue;
		}
		signr = dequeue_signal(t, &ks->info);
		if (!signr) {
			spin_unlock_irqrestore(&sh->siglock, flags);
			return false;
		}
		ka = &sh->action[signr - 1];
		if (ka->handler == SIG_IGN) {
			spin_unlock_irqrestore(&sh->siglock, flags);
			continue;
		}
		if (ka->handler != SIG_DFL) {
			ks->ka = *ka;
			ks->sig = signr;
			if (ka->flags & SA_RESETHAND)
				ka->handler = SIG_DFL;
			spin_unlock_irqrestore(&sh->siglock, flags);
			return true;
		}
		/* The default action. */
		if (sig_kernel_ignore(signr)) {
			spin_unlock_irqrestore(&sh->siglock, flags);
			continue;
		}
		if ((sig->flags & SIGNAL_UNKILLABLE) && !sig_kernel_only(signr)) {
			spin_unlock_irqrestore(&sh->siglock, flags);
			continue;
		}
		if (sig_kernel_stop(signr)) {
			/* POSIX: terminal stops do nothing to an orphaned group
			 * (nobody could continue it). */
			if (signr != SIGSTOP) {
				spin_unlock_irqrestore(&sh->siglock, flags);
				if (current_pgrp_orphaned())
					continue;
				spin_lock_irqsave(&sh->siglock, flags);
			}
			do_signal_stop(signr, flags);
			continue;
		}
		spin_unlock_irqrestore(&sh->siglock, flags);
		/* A fault (si_code > 0: from the CPU, not kill()) kills it. */
		if (sig_in(signr, sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) | sigmask(SIGFPE)) &&
		    ks->info.si_code > 0)
			report_fatal_fault(signr, &ks->info);
		/* Terminate; "core" signals get the core bit when a core file
		 * would have been written (RLIMIT_CORE allows a page), as Linux
		 * reports it with a plain core_pattern. XXX: no core file. */
		if (sig_kernel_coredump(signr) && rlimit(RLIMIT_CORE) >= PAGE_SIZE)
			do_group_exit(signr | 0x80);
		do_group_exit(signr);
	}
}

/* ---- FPU state in signal frames ------------------------------------------- */

#define FCW_DEFAULT   0x037f
#define MXCSR_DEFAULT 0x1f80
#define XSAVE_HDR_OFFSET 512

int proc_fpu_sync(void)
{
	int r = fpu_task_enable();

	if (r)
		return r;
	/* kernel_fpu_begin saves the live registers into current->fpu;
	 * kernel_fpu_end loads them back: the image is then current. */
	kernel_fpu_begin();
	kernel_fpu_end();
	return 0;
}

/* Install image (fpu_xstate_size bytes, already validated) as current's
 * registers. */
static void proc_fpu_load(const void *image)
{
	kernel_fpu_begin();
	memcpy(current->fpu->area, image, current->fpu->size);
	kernel_fpu_end();
}

static void fpu_init_image(u8 *area, u32 size)
{
	memset(area, 0, size);
	*(u16 *)area = FCW_DEFAULT;
	*(u32 *)(area + 24) = MXCSR_DEFAULT;
}

void proc_fpu_reset(void)
{
	struct task *t = current;

	if (!t->fpu)
		return;       /* no state yet: the first use traps and gets a fresh one */
	kernel_fpu_begin();
	fpu_init_image(t->fpu->area, t->fpu->size);
	kernel_fpu_end();
}

static u32 sigframe_fpu_size(void)
{
	return fpu_xstate_size + (fpu_use_xsave ? FP_XSTATE_MAGIC2_SIZE : 0);
}

/* AT_MINSIGSTKSZ: the most a signal frame takes (Linux reports the same sum). */
unsigned long proc_min_sigstksz(void)
{
	return sizeof(struct linux_rt_sigframe) + sigframe_fpu_size() + 64 + 16 + 128;
}

static int save_fpu_to_user(unsigned long buf)
{
	struct task *t = current;
	struct linux_fpx_sw_bytes sw;
	u32 magic2 = FP_XSTATE_MAGIC2;

	if (proc_fpu_sync())
		return -ENOMEM;
	if (copy_to_user((void __user *)buf, t->fpu->area, fpu_xstate_size))
		return -EFAULT;
	memset(&sw, 0, sizeof(sw));
	if (fpu_use_xsave) {
		sw.magic1 = FP_XSTATE_MAGIC1;
		sw.extended_size = fpu_xstate_size + FP_XSTATE_MAGIC2_SIZE;
		sw.xfeatures = fpu_xfeatures;
		sw.xstate_size = fpu_xstate_size;
		if (copy_to_user((void __user *)(buf + fpu_xstate_size), &magic2, sizeof(magic2)))
			return -EFAULT;
	}
	if (copy_to_user((void __user *)(buf + FP_SW_BYTES_OFFSET), &sw, sizeof(sw)))
		return -EFAULT;
	return 0;
}

/*
 * Restore the FPU state from a sigreturn frame: buf 0 means "none" (init
 * state). The image is checked so that XRSTOR/FXRSTOR cannot fault on it:
 * MXCSR's reserved bits, the XSAVE header (only enabled features, standard
 * format, reserved bytes zero). A bad image is -EFAULT (SIGSEGV), as on
 * Linux.
 */
static int restore_fpu_from_user(unsigned long buf)
{
	struct task *t = current;
	struct linux_fpx_sw_bytes sw;
	u32 size = fpu_xstate_size, mxcsr, mask;
	bool full = false;
	u8 *img;
	int ret = -EFAULT;

	if (!buf) {
		proc_fpu_reset();
		return 0;
	}
	if (proc_fpu_sync())
		return -ENOMEM;
	img = kmalloc(size, GFP_KERNEL);
	if (!img)
		return -ENOMEM;
	if (copy_from_user(img, (const void __user *)buf, 512))
		goto out;
	memcpy(&sw, img + FP_SW_BYTES_OFFSET, sizeof(sw));
	if (fpu_use_xsave && sw.magic1 == FP_XSTATE_MAGIC1 && sw.xstate_size == size &&
	    sw.extended_size == size + FP_XSTATE_MAGIC2_SIZE) {
		u32 magic2;

		if (copy_from_user(img + 512, (const void __user *)(buf + 512), size - 512) ||
		    get_user(magic2, (u32 __user *)(buf + size)))
			goto out;
		full = magic2 == FP_XSTATE_MAGIC2;
	}
	if (fpu_use_xsave) {
		u64 *hdr = (u64 *)(img + XSAVE_HDR_OFFSET);

		if (full) {
			if (hdr[0] & ~fpu_xfeatures)
				goto out;
			for (int i = 1; i < 8; i++)
				if (hdr[i])
					goto out;
		} else {
			/* A legacy (FXSAVE-only) image: x87 and SSE from it,
			 * everything else in its init state. */
			memset(img + 512, 0, size - 512);
			hdr[0] = 3;
		}
	}
	/* MXCSR_MASK as this CPU reported it in our own saved image. */
	mask = *(u32 *)(t->fpu->area + 28);
	if (!mask)
		mask = 0xffbf;
	mxcsr = *(u32 *)(img + 24);
	if (mxcsr & ~mask)
		goto out;
	proc_fpu_load(img);
	ret = 0;
out:
	kfree(img);
	return ret;
}

/* ---- the signal frame ----------------------------------------------------- */

static bool on_sig_stack(unsigned long sp)
{
	struct task *t = current;

	if (t->sas_ss_flags & SS_AUTODISARM)
		return false;
	return sp > t->sas_ss_sp && sp - t->sas_ss_sp <= t->sas_ss_size;
}

static int sas_ss_flags(unsigned long sp)
{
	if (!current->sas_ss_size)
		return SS_DISABLE;
	return on_sig_stack(sp) ? SS_ONSTACK : 0;
}

static bool user_addr_ok(u64 a)
{
	return a < USER_SPACE_END;
}

static int setup_rt_frame(struct ksignal *ks, struct pt_regs *regs)
{
	struct task *t = current;
	struct linux_rt_sigframe frame;
	struct linux_sigcontext *sc = &frame.uc.uc_mcontext;
	unsigned long sp = regs->rsp - 128;     /* the red zone */
	unsigned long fpbuf, fp;
	bool was_on = on_sig_stack(regs->rsp), entering = false;
	sigset_t *oldmask = t->restore_sigmask ? &t->saved_sigmask : &t->blocked;

	if (!(ks->ka.flags & SA_RESTORER) || !user_addr_ok(ks->ka.handler))
		return -EFAULT;
	if ((ks->ka.flags & SA_ONSTACK) && sas_ss_flags(sp) == 0) {
		sp = t->sas_ss_sp + t->sas_ss_size;
		entering = true;
	}
	fpbuf = ALIGN_DOWN(sp - sigframe_fpu_size(), 64UL);
	fp = ALIGN_DOWN(fpbuf - sizeof(frame), 16UL) - 8;
	/* Overflowing the alternate stack (already on it, or too small to
	 * take the frame): SIGSEGV rather than corrupt what lies below. */
	if (was_on && !on_sig_stack(fp))
		return -EFAULT;
	if (entering && !(fp > t->sas_ss_sp && fp - t->sas_ss_sp <= t->sas_ss_size))
		return -EFAULT;
	if (!access_ok((void __user *)fp, sp - fp))
		return -EFAULT;

	memset(&frame, 0, sizeof(frame));
	frame.pretcode = ks->ka.restorer;
	frame.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS |
			    (fpu_use_xsave ? UC_FP_XSTATE : 0);
	/* The settings as sigaltstack() was given them (Linux's
	 * __save_altstack): ss_flags is not "on it now" but the mode asked
	 * for, so that sigreturn can put them back as they were. */
	frame.uc.uc_stack.ss_sp = t->sas_ss_sp;
	frame.uc.uc_stack.ss_flags = (int)t->sas_ss_flags;
	frame.uc.uc_stack.ss_size = t->sas_ss_size;
	sc->r8 = regs->r8;
	sc->r9 = regs->r9;
	sc->r10 = regs->r10;
	sc->r11 = regs->r11;
	sc->r12 = regs->r12;
	sc->r13 = regs->r13;
	sc->r14 = regs->r14;
	sc->r15 = regs->r15;
	sc->rdi = regs->rdi;
	sc->rsi = regs->rsi;
	sc->rbp = regs->rbp;
	sc->rbx = regs->rbx;
	sc->rdx = regs->rdx;
	sc->rax = regs->rax;
	sc->rcx = regs->rcx;
	sc->rsp = regs->rsp;
	sc->rip = regs->rip;
	sc->eflags = regs->rflags;
	sc->cs = USER_CS;
	sc->ss = regs->ss;
	if (sig_in(ks->sig, SYNCHRONOUS_MASK)) {
		sc->trapno = t->fault_trapno;
		sc->err = t->fault_error;
		sc->cr2 = t->fault_cr2;
	}
	sc->oldmask = oldmask->sig;
	sc->fpstate = fpbuf;
	frame.uc.uc_sigmask = oldmask->sig;
	if (ks->ka.flags & SA_SIGINFO)
		frame.info = ks->info;

	if (save_fpu_to_user(fpbuf))
		return -EFAULT;
	if (copy_to_user((void __user *)fp, &frame, sizeof(frame)))
		return -EFAULT;

	regs->rdi = ks->sig;
	regs->rsi = fp + __builtin_offsetof(struct linux_rt_sigframe, info);
	regs->rdx = fp + __builtin_offsetof(struct linux_rt_sigframe, uc);
	regs->rax = 0;
	regs->rsp = fp;
	regs->rip = ks->ka.handler;
	regs->cs = USER_CS;
	regs->ss = USER_DS;
	regs->rflags &= ~(RFLAGS_DF | RFLAGS_RF | RFLAGS_TF);
	if (t->sas_ss_flags & SS_AUTODISARM) {
		t->sas_ss_sp = 0;
		t->sas_ss_size = 0;
		t->sas_ss_flags = SS_DISABLE;
	}
	/* The handler starts with a clean FPU (Linux: fpu__clear_user_states). */
	proc_fpu_reset();
	return 0;
}

static void handle_signal(struct ksignal *ks, struct pt_regs *regs)
{
	struct task *t = current;
	unsigned long flags;
	sigset_t blocked;

	/* An interrupted syscall: restart it or report EINTR (SA_RESTART). */
	if (in_syscall(regs)) {
		switch ((long)regs->rax) {
		case -ERESTART_RESTARTBLOCK:
		case -ERESTARTNOHAND:
			regs->rax = -EINTR;
			break;
		case -ERESTARTSYS:
			if (!(ks->ka.flags & SA_RESTART)) {
				regs->rax = -EINTR;
				break;
			}
			/* fall through */
		case -ERESTARTNOINTR:
			regs->rax = regs->vector;
			regs->rip -= 2;
			break;
		}
	}
	if (setup_rt_frame(ks, regs)) {
		force_sigsegv(ks->sig);
		return;
	}
	spin_lock_irqsave(&t->sighand->siglock, flags);
	blocked.sig = t->blocked.sig | ks->ka.mask.sig;
	if (!(ks->ka.flags & SA_NODEFER))
		sigaddset(&blocked, ks->sig);
	blocked.sig &= ~SIG_KERNEL_ONLY_MASK;
	t->blocked = blocked;
	recalc_sigpending(t);
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
	t->restore_sigmask = false;
}

void signal_deliver(struct pt_regs *regs)
{
	struct task *t = current;
	struct ksignal ks;

	if (!t->signal || !user_mode(regs))
		return;
	if (get_signal(&ks)) {
		handle_signal(&ks, regs);
		return;
	}
	/* No handler ran: a syscall that asked to be restarted is. */
	if (in_syscall(regs)) {
		switch ((long)regs->rax) {
		case -ERESTARTNOHAND:
		case -ERESTARTSYS:
		case -ERESTARTNOINTR:
			regs->rax = regs->vector;
			regs->rip -= 2;
			break;
		case -ERESTART_RESTARTBLOCK:
			regs->rax = __NR_restart_syscall;
			regs->rip -= 2;
			break;
		}
	}
	if (t->restore_sigmask) {
		t->restore_sigmask = false;
		set_current_blocked(&t->saved_sigmask);
	}
}

static int restore_altstack(const struct linux_stack *st, unsigned long sp)
{
	int r = do_sigaltstack(st, NULL, sp);

	/* Linux ignores everything but a fault here. */
	return r == -EFAULT ? r : 0;
}

long do_rt_sigreturn(struct pt_regs *regs)
{
	unsigned long fp = regs->rsp - 8;    /* the handler's ret popped pretcode */
	unsigned long ucp = fp + __builtin_offsetof(struct linux_rt_sigframe, uc);
	struct linux_ucontext uc;
	struct linux_sigcontext *sc = &uc.uc_mcontext;
	sigset_t set;

	if (copy_from_user(&uc, (const void __user *)ucp, sizeof(uc)))
		goto badframe;
	if (!user_addr_ok(sc->rip))
		goto badframe;
	set.sig = uc.uc_sigmask;
	set_current_blocked(&set);

	regs->r8 = sc->r8;
	regs->r9 = sc->r9;
	regs->r10 = sc->r10;
	regs->r11 = sc->r11;
	regs->r12 = sc->r12;
	regs->r13 = sc->r13;
	regs->r14 = sc->r14;
	regs->r15 = sc->r15;
	regs->rdi = sc->rdi;
	regs->rsi = sc->rsi;
	regs->rbp = sc->rbp;
	regs->rbx = sc->rbx;
	regs->rdx = sc->rdx;
	regs->rax = sc->rax;
	regs->rcx = sc->rcx;
	regs->rsp = sc->rsp;
	regs->rip = sc->rip;
	regs->rflags = (regs->rflags & ~FIX_RFLAGS) | (sc->eflags & FIX_RFLAGS);
	regs->cs = USER_CS;
	regs->ss = USER_DS;
	/* No more syscall-restart processing for this frame (Linux: orig_ax = -1). */
	regs->error_code = 0;
	regs->vector = 0;

	if (restore_fpu_from_user(sc->fpstate))
		goto badframe;
	if (restore_altstack(&uc.uc_stack, regs->rsp))
		goto badframe;
	return -EJUSTRETURN;

badframe:
	force_sig(SIGSEGV);
	return -EJUSTRETURN;
}

/* ---- state calls ---------------------------------------------------------- */

void set_current_blocked(const sigset_t *set)
{
	struct task *t = current;
	unsigned long flags;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	t->blocked.sig = set->sig & ~SIG_KERNEL_ONLY_MASK;
	recalc_sigpending(t);
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
}

void set_restore_sigmask(const sigset_t *old)
{
	current->saved_sigmask = *old;
	current->restore_sigmask = true;
}

int set_user_sigmask(const sigset_t __user *umask, size_t size)
{
	sigset_t set, old;

	if (!umask)
		return 0;
	if (size != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&set, umask, sizeof(set)))
		return -EFAULT;
	old = current->blocked;
	set_current_blocked(&set);
	set_restore_sigmask(&old);
	return 0;
}

void restore_saved_sigmask_unless(bool interrupted)
{
	struct task *t = current;

	if (interrupted || !t->restore_sigmask)
		return;
	t->restore_sigmask = false;
	set_current_blocked(&t->saved_sigmask);
}

int do_sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
	struct task *t = current;
	sigset_t n;

	if (old)
		*old = t->blocked;
	if (!set)
		return 0;
	switch (how) {
	case SIG_BLOCK:
		n.sig = t->blocked.sig | set->sig;
		break;
	case SIG_UNBLOCK:
		n.sig = t->blocked.sig & ~set->sig;
		break;
	case SIG_SETMASK:
		n = *set;
		break;
	default:
		return -EINVAL;
	}
	set_current_blocked(&n);
	return 0;
}

void do_sigpending(sigset_t *set)
{
	struct task *t = current;
	unsigned long flags;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	set->sig = (t->pending.signal.sig | t->signal->shared_pending.signal.sig) & t->blocked.sig;
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
}

long do_sigsuspend(const sigset_t *mask)
{
	struct task *t = current;

	set_restore_sigmask(&t->blocked);
	set_current_blocked(mask);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(t))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return -ERESTARTNOHAND;
}

/*
 * rt_sigtimedwait: take a pending signal of which without running its
 * handler. While it sleeps the signals of which are unblocked (as Linux
 * does through real_blocked), so that a sender wakes it; the old mask is
 * back before it returns. timeout_ns: relative, ~0 for none. Returns the
 * signal, -EAGAIN at the timeout, -EINTR for another (unblocked) signal.
 */
long do_sigtimedwait(const sigset_t *which, ksiginfo_t *info, u64 timeout_ns)
{
	struct task *t = current;
	u64 want = which->sig & ~SIG_KERNEL_ONLY_MASK;
	u64 deadline = 0, saved;
	unsigned long flags;
	int sig = 0;

	if (timeout_ns != ~0ULL)
		deadline = ktime_get_ns() + timeout_ns;
	spin_lock_irqsave(&t->sighand->siglock, flags);
	saved = t->blocked.sig;
	t->real_blocked.sig = saved;
	for (;;) {
		/* Only the signals asked for, whatever the mask says. */
		t->blocked.sig = ~want;
		sig = dequeue_signal(t, info);
		t->blocked.sig = saved & ~want;
		recalc_sigpending(t);
		if (sig || signal_pending(t))
			break;
		if (deadline && ktime_get_ns() >= deadline)
			break;
		set_current_state(TASK_INTERRUPTIBLE);
		spin_unlock_irqrestore(&t->sighand->siglock, flags);
		if (deadline) {
			u64 now = ktime_get_ns();

			if (now < deadline)
				schedule_timeout(deadline - now);
		} else {
			schedule_timeout(SCHEDULE_TIMEOUT_MAX);
		}
		__set_current_state(TASK_RUNNING);
		spin_lock_irqsave(&t->sighand->siglock, flags);
	}
	t->blocked.sig = saved;
	t->real_blocked.sig = 0;
	recalc_sigpending(t);
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
	if (sig)
		return sig;
	return signal_pending(t) ? -EINTR : -EAGAIN;
}

void flush_signal_handlers(struct sighand_struct *sh)
{
	unsigned long flags;

	spin_lock_irqsave(&sh->siglock, flags);
	for (int i = 0; i < _NSIG; i++) {
		struct k_sigaction *ka = &sh->action[i];

		if (ka->handler != SIG_IGN)
			ka->handler = SIG_DFL;
		ka->flags = 0;
		ka->restorer = 0;
		ka->mask.sig = 0;
	}
	spin_unlock_irqrestore(&sh->siglock, flags);
}

int do_sigaction(int sig, const struct k_sigaction *act, struct k_sigaction *oact)
{
	struct task *t = current, *th;
	struct sighand_struct *sh = t->sighand;
	struct k_sigaction *k;
	unsigned long flags, tflags;

	if (sig < 1 || sig > _NSIG || (act && sig_kernel_only(sig)))
		return -EINVAL;
	k = &sh->action[sig - 1];
	/* tasklist_lock keeps the thread list still for the flush below. */
	spin_lock_irqsave(&tasklist_lock, tflags);
	spin_lock_irqsave(&sh->siglock, flags);
	if (oact)
		*oact = *k;
	if (act) {
		*k = *act;
		k->flags &= SA_KNOWN_FLAGS;
		k->mask.sig &= ~SIG_KERNEL_ONLY_MASK;
		/* POSIX: setting SIG_IGN (or SIG_DFL where the default is to
		 * ignore) discards the pending instances, in every thread. */
		if (sig_handler_ignored(k->handler, sig)) {
			flush_sigqueue_mask(t->signal, sigmask(sig), &t->signal->shared_pending);
			for_each_thread(t->signal, th) {
				flush_sigqueue_mask(t->signal, sigmask(sig), &th->pending);
				recalc_sigpending(th);
			}
		}
	}
	spin_unlock_irqrestore(&sh->siglock, flags);
	spin_unlock_irqrestore(&tasklist_lock, tflags);
	return 0;
}

int do_sigaltstack(const struct linux_stack *ss, struct linux_stack *oss, unsigned long sp)
{
	struct task *t = current;

	if (oss) {
		memset(oss, 0, sizeof(*oss));
		oss->ss_sp = t->sas_ss_sp;
		oss->ss_size = t->sas_ss_size;
		oss->ss_flags = sas_ss_flags(sp) | (t->sas_ss_flags & SS_AUTODISARM);
	}
	if (ss) {
		unsigned ss_flags = (unsigned)ss->ss_flags;
		unsigned mode = ss_flags & ~SS_AUTODISARM;
		u64 size = ss->ss_size, stack = ss->ss_sp;

		if (on_sig_stack(sp))
			return -EPERM;
		if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
			return -EINVAL;
		if (mode == SS_DISABLE) {
			size = 0;
			stack = 0;
		} else if (size < MINSIGSTKSZ) {
			return -ENOMEM;
		}
		t->sas_ss_sp = stack;
		t->sas_ss_size = size;
		t->sas_ss_flags = ss_flags;     /* as given: signal frames report it */
	}
	return 0;
}
