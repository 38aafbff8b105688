/*
 * Signal bookkeeping in a process running kernel code: blocking and the
 * pending sets, the order signals are taken in, coalescing of standard
 * signals and queueing of real-time ones, SIG_IGN and default-ignored
 * signals, SIGKILL/SIGSTOP protections, sigaltstack rules, waking an
 * interruptible sleeper, fatal default actions, kill permissions.
 */
#include <kernel/clock.h>
#include <kernel/waitqueue.h>

#include "proc_test.h"

static void send_rt(int sig, int value)
{
	ksiginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = SI_QUEUE;
	info.f.rt.sigval.sival_int = value;
	send_sig_info(sig, &info, current, true);
}

/* Handlers for everything (never run: the process stays in the kernel),
 * so that default actions do not kill the test. */
static void catch_all(void)
{
	struct k_sigaction ka = { .handler = 0x401000, .flags = SA_RESTORER };

	for (int sig = 1; sig <= _NSIG; sig++)
		if (!sig_kernel_only(sig))
			do_sigaction(sig, &ka, NULL);
}

static int mask_body(void *unused)
{
	struct task *t = current;
	sigset_t set = { 0 }, pend;
	struct k_sigaction ka;
	ksiginfo_t info;

	catch_all();
	ka.handler = SIG_DFL;
	ka.flags = 0;
	ka.mask.sig = 0;
	do_sigaction(SIGCHLD, &ka, NULL);
	do_sigaction(SIGWINCH, &ka, NULL);

	/* Blocked: pending but not "signal_pending". */
	sigaddset(&set, SIGUSR1);
	set_current_blocked(&set);
	PT_EQ(send_sig_info(SIGUSR1, NULL, t, true), 0);
	PT_CHECK(!signal_pending(t));
	do_sigpending(&pend);
	PT_CHECK(sigismember(&pend, SIGUSR1));
	PT_EQ(proc_dequeue_signal(&info), 0);
	set.sig = 0;
	set_current_blocked(&set);
	PT_CHECK(signal_pending(t));
	PT_EQ(proc_dequeue_signal(&info), SIGUSR1);
	PT_EQ(info.si_code, SI_KERNEL);
	PT_CHECK(!signal_pending(t));
	PT_EQ(proc_dequeue_signal(&info), 0);

	/* Order: private before shared, synchronous faults first, then the
	 * lowest number. */
	send_sig_info(SIGUSR2, NULL, t, true);
	send_sig_info(SIGINT, NULL, t, false);
	send_sig_info(SIGSEGV, NULL, t, false);
	send_sig_info(SIGHUP, NULL, t, true);
	PT_EQ(proc_dequeue_signal(&info), SIGSEGV);
	PT_EQ(proc_dequeue_signal(&info), SIGINT);
	PT_EQ(proc_dequeue_signal(&info), SIGHUP);
	PT_EQ(proc_dequeue_signal(&info), SIGUSR2);
	PT_EQ(proc_dequeue_signal(&info), 0);

	/* Standard signals merge; real-time ones queue, in order, with data. */
	set.sig = sigmask(SIGUSR1) | sigmask(SIGRTMIN) | sigmask(SIGRTMIN + 1);
	set_current_blocked(&set);
	send_sig_info(SIGUSR1, NULL, t, true);
	send_sig_info(SIGUSR1, NULL, t, true);
	send_rt(SIGRTMIN + 1, 7);
	send_rt(SIGRTMIN, 1);
	send_rt(SIGRTMIN, 2);
	set.sig = 0;
	set_current_blocked(&set);
	PT_EQ(proc_dequeue_signal(&info), SIGUSR1);
	PT_EQ(proc_dequeue_signal(&info), SIGRTMIN);
	PT_EQ(info.f.rt.sigval.sival_int, 1);
	PT_EQ(info.si_code, SI_QUEUE);
	PT_EQ(proc_dequeue_signal(&info), SIGRTMIN);
	PT_EQ(info.f.rt.sigval.sival_int, 2);
	PT_EQ(proc_dequeue_signal(&info), SIGRTMIN + 1);
	PT_EQ(info.f.rt.sigval.sival_int, 7);
	PT_EQ(proc_dequeue_signal(&info), 0);
	PT_EQ(t->signal->nr_queued, 0);

	/* Ignored signals are dropped at once; SIG_DFL of a default-ignore
	 * signal too; setting SIG_IGN discards what is pending. */
	memset(&ka, 0, sizeof(ka));
	ka.handler = SIG_IGN;
	PT_EQ(do_sigaction(SIGUSR2, &ka, NULL), 0);
	send_sig_info(SIGUSR2, NULL, t, true);
	PT_CHECK(!signal_pending(t));
	send_sig_info(SIGCHLD, NULL, t, true);
	send_sig_info(SIGWINCH, NULL, t, true);
	PT_EQ(proc_dequeue_signal(&info), 0);
	set.sig = sigmask(SIGPIPE);
	set_current_blocked(&set);
	send_sig_info(SIGPIPE, NULL, t, true);
	do_sigpending(&pend);
	PT_CHECK(sigismember(&pend, SIGPIPE));
	ka.handler = SIG_IGN;
	PT_EQ(do_sigaction(SIGPIPE, &ka, NULL), 0);
	do_sigpending(&pend);
	PT_CHECK(!sigismember(&pend, SIGPIPE));
	set.sig = 0;
	set_current_blocked(&set);

	/* SIGKILL and SIGSTOP: no handler, never blocked. */
	ka.handler = 0x401000;
	PT_EQ(do_sigaction(SIGKILL, &ka, NULL), -EINVAL);
	PT_EQ(do_sigaction(SIGSTOP, &ka, NULL), -EINVAL);
	PT_EQ(do_sigaction(0, &ka, NULL), -EINVAL);
	PT_EQ(do_sigaction(65, &ka, NULL), -EINVAL);
	PT_EQ(do_sigaction(SIGKILL, NULL, &ka), 0);
	set.sig = ~0ULL;
	set_current_blocked(&set);
	PT_EQ(t->blocked.sig, ~0ULL & ~(sigmask(SIGKILL) | sigmask(SIGSTOP)));
	/* sigaction keeps only known flags and strips KILL/STOP from the mask. */
	ka.handler = 0x401000;
	ka.flags = SA_RESTART | SA_SIGINFO | 0x400 | 0x20000000;
	ka.mask.sig = ~0ULL;
	PT_EQ(do_sigaction(SIGUSR1, &ka, NULL), 0);
	PT_EQ(do_sigaction(SIGUSR1, NULL, &ka), 0);
	PT_EQ(ka.flags, SA_RESTART | SA_SIGINFO);
	PT_EQ(ka.mask.sig, ~0ULL & ~(sigmask(SIGKILL) | sigmask(SIGSTOP)));
	set.sig = 0;
	PT_EQ(do_sigprocmask(7, &set, NULL), -EINVAL);
	PT_EQ(do_sigprocmask(SIG_SETMASK, &set, NULL), 0);
	return 0;
}

KTEST(proc_signal_mask)
{
	PT_RUN(mask_body, NULL);
}

static int altstack_body(void *unused)
{
	struct linux_stack ss = { .ss_sp = 0x10000, .ss_size = 1000 }, oss;

	PT_EQ(do_sigaltstack(&ss, NULL, 0x7ff000000000), -ENOMEM);
	ss.ss_size = 8192;
	ss.ss_flags = 7;
	PT_EQ(do_sigaltstack(&ss, NULL, 0x7ff000000000), -EINVAL);
	ss.ss_flags = 0;
	PT_EQ(do_sigaltstack(&ss, &oss, 0x7ff000000000), 0);
	PT_EQ(oss.ss_flags, SS_DISABLE);
	/* On the alternate stack: it cannot be changed. */
	PT_EQ(do_sigaltstack(NULL, &oss, 0x11000), 0);
	PT_EQ(oss.ss_flags, SS_ONSTACK);
	PT_EQ(oss.ss_size, 8192);
	PT_EQ(do_sigaltstack(&ss, NULL, 0x11000), -EPERM);
	ss.ss_flags = SS_DISABLE;
	ss.ss_size = 0;
	PT_EQ(do_sigaltstack(&ss, NULL, 0x7ff000000000), 0);
	PT_EQ(do_sigaltstack(NULL, &oss, 0x7ff000000000), 0);
	PT_EQ(oss.ss_flags, SS_DISABLE);
	return 0;
}

KTEST(proc_signal_altstack)
{
	PT_RUN(altstack_body, NULL);
}

/* ---- waking sleepers, fatal signals ---- */

static DECLARE_WAIT_QUEUE_HEAD(never_wq);

static int sleeper(void *arg)
{
	sigset_t set = { sigmask(SIGUSR2) };
	int r;

	set_current_blocked(&set);
	r = wait_event_interruptible(&never_wq, false);
	return r == -ERESTARTSYS ? 7 : 1;
}

static int wake_body(void *unused)
{
	struct wait_result res;
	struct task *c;
	pid_t pid = pt_spawn(sleeper, NULL);

	PT_CHECK(pid > 0);
	c = find_user_task(pid);
	PT_CHECK(c);
	while (READ_ONCE(c->state) != TASK_INTERRUPTIBLE)
		msleep(1);
	/* A blocked signal does not wake it. */
	PT_EQ(send_sig_info(SIGUSR2, NULL, c, true), 0);
	msleep(20);
	PT_EQ(READ_ONCE(c->state), TASK_INTERRUPTIBLE);
	PT_EQ(pt_wait(pid, WNOHANG, NULL), -EAGAIN);
	/* An unblocked one with a handler does: the sleep ends with -ERESTARTSYS. */
	{
		struct k_sigaction ka = { .handler = 0x401000, .flags = SA_RESTORER };
		unsigned long flags;

		spin_lock_irqsave(&c->sighand->siglock, flags);
		c->sighand->action[SIGUSR1 - 1] = ka;
		spin_unlock_irqrestore(&c->sighand->siglock, flags);
	}
	PT_EQ(send_sig_info(SIGUSR1, NULL, c, true), 0);
	PT_EQ(pt_wait(pid, 0, &res), 7 << 8);
	PT_EQ(res.si_code, CLD_EXITED);
	PT_EQ(res.si_status, 7);
	task_put(c);

	/* A fatal default action ends the whole process with that signal. */
	pid = pt_spawn(sleeper, NULL);
	PT_CHECK(pid > 0);
	c = find_user_task(pid);
	PT_CHECK(c);
	while (READ_ONCE(c->state) != TASK_INTERRUPTIBLE)
		msleep(1);
	PT_EQ(send_sig_info(SIGTERM, NULL, c, true), 0);
	PT_CHECK(c->signal->flags & SIGNAL_GROUP_EXIT);
	PT_CHECK(fatal_signal_pending(c));
	PT_EQ(pt_wait(pid, 0, &res), SIGTERM);
	PT_EQ(res.si_code, CLD_KILLED);
	PT_EQ(res.si_status, SIGTERM);
	task_put(c);
	return 0;
}

KTEST(proc_signal_wake)
{
	PT_RUN(wake_body, NULL);
}

static int perm_child(void *arg)
{
	return wait_event_interruptible(&never_wq, false) ? 0 : 1;
}

static int perm_body(void *unused)
{
	ksiginfo_t info;
	struct task *c;
	pid_t pid = pt_spawn(perm_child, NULL);

	PT_CHECK(pid > 0);
	c = find_user_task(pid);
	PT_CHECK(c);
	prepare_kill_siginfo(SIGUSR1, &info, SI_USER);
	PT_EQ(check_kill_permission(SIGUSR1, &info, c), 0);      /* root */
	PT_EQ(proc_setresuid(1000, 1000, 1000), 0);
	PT_EQ(check_kill_permission(SIGUSR1, &info, c), -EPERM);
	PT_EQ(check_kill_permission(0, &info, c), -EPERM);       /* a probe too */
	PT_EQ(check_kill_permission(SIGCONT, &info, c), 0);      /* same session */
	PT_EQ(check_kill_permission(SIGUSR1, NULL, c), 0);       /* from the kernel */
	PT_EQ(check_kill_permission(70, &info, c), -EINVAL);
	PT_EQ(kill_something_info(SIGUSR1, &info, pid), -EPERM);
	PT_EQ(kill_something_info(SIGUSR1, &info, 0x7ffffff0), -ESRCH);
	send_sig_info(SIGKILL, NULL, c, true);
	PT_EQ(pt_wait(pid, 0, NULL), SIGKILL);
	task_put(c);
	return 0;
}

KTEST(proc_signal_perm)
{
	PT_RUN(perm_body, NULL);
}
