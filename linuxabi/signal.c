/*
 * Signal syscalls: rt_sigaction, rt_sigprocmask, rt_sigreturn,
 * rt_sigpending, rt_sigsuspend, sigaltstack, pause, kill, tkill, tgkill,
 * rt_sigqueueinfo, rt_tgsigqueueinfo, rt_sigtimedwait and restart_syscall.
 * They check and copy; kernel/proc/signal.c does the work.
 */
#include <asm/ptrace.h>
#include <kernel/errno.h>
#include <kernel/pid_ns.h>
#include <kernel/proc.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <linuxabi/uapi/time.h>
#include <string.h>
#include "time_conv.h"

#include "../kernel/proc/internal.h"

long sys_rt_sigaction(int sig, const struct linux_sigaction __user *act,
		      struct linux_sigaction __user *oact, size_t sigsetsize)
{
	struct k_sigaction k, ok;
	struct linux_sigaction la;
	long r;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (act) {
		if (copy_from_user(&la, act, sizeof(la)))
			return -EFAULT;
		k.handler = la.handler;
		k.flags = la.flags;
		k.restorer = la.restorer;
		k.mask.sig = la.mask;
	}
	r = do_sigaction(sig, act ? &k : NULL, oact ? &ok : NULL);
	if (r)
		return r;
	if (oact) {
		la.handler = ok.handler;
		la.flags = ok.flags;
		la.restorer = ok.restorer;
		la.mask = ok.mask.sig;
		if (copy_to_user(oact, &la, sizeof(la)))
			return -EFAULT;
	}
	return 0;
}

long sys_rt_sigprocmask(int how, const sigset_t __user *nset, sigset_t __user *oset,
			size_t sigsetsize)
{
	sigset_t old = current->blocked, n;
	long r;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (nset) {
		if (copy_from_user(&n, nset, sizeof(n)))
			return -EFAULT;
		r = do_sigprocmask(how, &n, NULL);
		if (r)
			return r;
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_rt_sigreturn(void)
{
	return do_rt_sigreturn(task_pt_regs(current));
}

long sys_rt_sigpending(sigset_t __user *uset, size_t sigsetsize)
{
	sigset_t set;

	if (sigsetsize > sizeof(sigset_t))
		return -EINVAL;
	do_sigpending(&set);
	return copy_to_user(uset, &set, sigsetsize) ? -EFAULT : 0;
}

long sys_rt_sigsuspend(const sigset_t __user *umask, size_t sigsetsize)
{
	sigset_t mask;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	return do_sigsuspend(&mask);
}

long sys_pause(void)
{
	struct task *t = current;

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(t))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return -ERESTARTNOHAND;
}

long sys_sigaltstack(const struct linux_stack __user *uss, struct linux_stack __user *uoss)
{
	struct linux_stack ss, oss;
	long r;

	if (uss && copy_from_user(&ss, uss, sizeof(ss)))
		return -EFAULT;
	r = do_sigaltstack(uss ? &ss : NULL, uoss ? &oss : NULL, task_pt_regs(current)->rsp);
	if (!r && uoss && copy_to_user(uoss, &oss, sizeof(oss)))
		r = -EFAULT;
	return r;
}

long sys_kill(pid_t pid, int sig)
{
	ksiginfo_t info;

	prepare_kill_siginfo(sig, &info, SI_USER);
	return kill_something_info(sig, &info, pid);
}

long sys_tgkill(pid_t tgid, pid_t tid, int sig)
{
	ksiginfo_t info;

	if (tid <= 0 || tgid <= 0)
		return -EINVAL;
	prepare_kill_siginfo(sig, &info, SI_TKILL);
	return do_tkill(tgid, tid, sig, &info);
}

long sys_tkill(pid_t tid, int sig)
{
	ksiginfo_t info;

	if (tid <= 0)
		return -EINVAL;
	prepare_kill_siginfo(sig, &info, SI_TKILL);
	return do_tkill(0, tid, sig, &info);
}

/* The caller's info may claim to be from the kernel only when it signals
 * itself (Linux: EPERM otherwise for si_code >= 0 or SI_TKILL). */
static long copy_queue_info(pid_t target_tgid, int sig, const struct linux_siginfo __user *uinfo,
			    ksiginfo_t *info)
{
	if (copy_from_user(info, uinfo, sizeof(*info)))
		return -EFAULT;
	if ((info->si_code >= 0 || info->si_code == SI_TKILL) && target_tgid != task_tgid_vnr(current))
		return -EPERM;
	info->si_signo = sig;
	return 0;
}

long sys_rt_sigqueueinfo(pid_t pid, int sig, const struct linux_siginfo __user *uinfo)
{
	ksiginfo_t info;
	long r = copy_queue_info(pid, sig, uinfo, &info);

	if (r)
		return r;
	if (pid <= 0)
		return -ESRCH;      /* Linux looks the pid up: no process groups here */
	return kill_something_info(sig, &info, pid);
}

long sys_rt_tgsigqueueinfo(pid_t tgid, pid_t tid, int sig, const struct linux_siginfo __user *uinfo)
{
	ksiginfo_t info;
	long r;

	if (tid <= 0 || tgid <= 0)
		return -EINVAL;
	r = copy_queue_info(tgid, sig, uinfo, &info);
	if (r)
		return r;
	return do_tkill(tgid, tid, sig, &info);
}

long sys_restart_syscall(void)
{
	struct restart_block *rb = &current->restart_block;
	long (*fn)(struct restart_block *) = rb->fn;

	rb->fn = NULL;
	return fn ? fn(rb) : -EINTR;
}

long sys_rt_sigtimedwait(const sigset_t __user *uthese, struct linux_siginfo __user *uinfo,
			 const struct linux_timespec __user *uts, size_t sigsetsize)
{
	u64 timeout = ~0ULL;
	ksiginfo_t info;
	sigset_t these;
	long sig;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&these, uthese, sizeof(these)))
		return -EFAULT;
	if (uts) {
		struct linux_timespec ts;

		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		if (!ts_valid(&ts))
			return -EINVAL;
		timeout = ts_to_ns(&ts);   /* saturates: never ~0 */
	}
	sig = do_sigtimedwait(&these, &info, timeout);
	if (sig > 0 && uinfo && copy_to_user(uinfo, &info, sizeof(info)))
		return -EFAULT;
	return sig;
}
