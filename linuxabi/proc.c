/*
 * Process syscalls: fork/vfork/clone/clone3, execve/execveat, exit,
 * exit_group, wait4/waitid, the id getters, process groups and sessions,
 * credentials, set_tid_address and the robust-list registration. They
 * check and copy arguments; kernel/proc does the work.
 */
#include <asm/ptrace.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/pid_ns.h>
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <kernel/vm.h>
#include <linuxabi/uapi/fcntl.h>
#include <linuxabi/uapi/resource.h>
#include <linuxabi/uapi/sched.h>
#include <string.h>
#include "fs_common.h"
#include "time_conv.h"

#include "../kernel/proc/internal.h"

/* ---- fork family ---- */

long sys_fork(void)
{
	struct kernel_clone_args a = { .exit_signal = SIGCHLD };

	return do_fork(&a);
}

long sys_vfork(void)
{
	struct kernel_clone_args a = { .flags = CLONE_VFORK | CLONE_VM, .exit_signal = SIGCHLD };

	return do_fork(&a);
}

/* x86_64 argument order: flags, newsp, parent_tid, child_tid, tls. */
long sys_clone(unsigned long flags, unsigned long newsp, int __user *parent_tid,
	       int __user *child_tid, unsigned long tls)
{
	struct kernel_clone_args a = {
		.flags = flags & ~CSIGNAL & 0xffffffffULL,
		.exit_signal = flags & CSIGNAL,
		.stack = newsp,
		.tls = tls,
		.parent_tid = parent_tid,
		.child_tid = child_tid,
	};

	/* clone() returns the pidfd through parent_tid: the two uses of
	 * that word exclude each other (Linux). */
	if (flags & CLONE_PIDFD) {
		if (flags & CLONE_PARENT_SETTID)
			return -EINVAL;
		a.pidfd = parent_tid;
	}
	return do_fork(&a);
}

long sys_clone3(struct linux_clone_args __user *uargs, size_t size)
{
	struct linux_clone_args args;
	struct kernel_clone_args a;
	const u64 legacy = 0xffffffffULL & ~CSIGNAL;

	if (size > PAGE_SIZE)
		return -E2BIG;
	if (size < CLONE_ARGS_SIZE_VER0)
		return -EINVAL;
	memset(&args, 0, sizeof(args));
	if (copy_from_user(&args, uargs, MIN(size, sizeof(args))))
		return -EFAULT;
	/* A newer caller's extra fields must be zero for us to ignore them. */
	for (size_t off = sizeof(args); off < size; off++) {
		u8 c;

		if (get_user(c, (u8 __user *)uargs + off))
			return -EFAULT;
		if (c)
			return -E2BIG;
	}
	if (args.set_tid_size > 32 || (!args.set_tid && args.set_tid_size) ||
	    (args.set_tid && !args.set_tid_size))
		return -EINVAL;
	if ((args.exit_signal & ~CSIGNAL) || !valid_signal(args.exit_signal))
		return -EINVAL;
	if (args.flags & ~(legacy | CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP))
		return -EINVAL;
	if (args.flags & CLONE_DETACHED)
		return -EINVAL;
	if ((args.flags & (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND)) ==
	    (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND))
		return -EINVAL;
	if ((args.flags & (CLONE_THREAD | CLONE_PARENT)) && args.exit_signal)
		return -EINVAL;
	if ((args.stack && !args.stack_size) || (!args.stack && args.stack_size) ||
	    args.stack + args.stack_size < args.stack || args.stack + args.stack_size > VM_TASK_SIZE)
		return -EINVAL;
	if (args.set_tid_size)
		return -EINVAL;     /* XXX: set_tid (checkpoint/restore) */
	memset(&a, 0, sizeof(a));
	a.flags = args.flags;
	a.exit_signal = args.exit_signal;
	a.stack = args.stack ? args.stack + args.stack_size : 0;
	a.tls = args.tls;
	a.parent_tid = (int __user *)args.parent_tid;
	a.child_tid = (int __user *)args.child_tid;
	a.pidfd = (int __user *)args.pidfd;
	if (args.flags & CLONE_INTO_CGROUP) {
		if (size < CLONE_ARGS_SIZE_VER2 || args.cgroup > 0x7fffffff)
			return -EINVAL;
		a.cgroup_fd = (int)args.cgroup;
	}
	return do_fork(&a);
}

/* ---- exec ---- */

static long execve_common(int dirfd, const char __user *filename,
			  const char __user *const __user *argv,
			  const char __user *const __user *envp, int flags)
{
	struct exec_source src = { .dirfd = dirfd, .at_flags = flags, .argv = argv, .envp = envp };
	char *path;
	long r;

	if (flags & ~(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH))
		return -EINVAL;
	/* The file syscalls' path copy (EFAULT, ENAMETOOLONG, ENOENT for ""
	 * without AT_EMPTY_PATH); a NULL path faults here even with it. */
	if (!filename)
		return -EFAULT;
	path = getname_flags(filename, flags & LINUX_AT_EMPTY_PATH, &r);
	if (!path)
		return r;
	src.path = path;
	r = do_execve(&src, task_pt_regs(current));
	if (!r)
		r = -EJUSTRETURN;       /* the frame holds the new program's registers */
	kfree(path);
	return r;
}

long sys_execve(const char __user *filename, const char __user *const __user *argv,
		const char __user *const __user *envp)
{
	return execve_common(LINUX_AT_FDCWD, filename, argv, envp, 0);
}

long sys_execveat(int dirfd, const char __user *filename, const char __user *const __user *argv,
		  const char __user *const __user *envp, int flags)
{
	return execve_common(dirfd, filename, argv, envp, flags);
}

/* ---- exit and wait ---- */

long sys_exit(int code)
{
	do_exit(wstatus_exited(code));
}

long sys_exit_group(int code)
{
	do_group_exit(wstatus_exited(code));
}

static int put_rusage(const struct wait_result *res, struct linux_rusage __user *ru)
{
	struct linux_rusage r;

	memset(&r, 0, sizeof(r));
	ns_to_tv(res->utime_ns, &r.ru_utime);
	ns_to_tv(res->stime_ns, &r.ru_stime);
	r.ru_maxrss = res->maxrss * (PAGE_SIZE / 1024);
	return copy_to_user(ru, &r, sizeof(r)) ? -EFAULT : 0;
}

/* A pid or pgid from the caller's pid namespace as do_wait's global id;
 * one nothing matches (-1) if the namespace has no such number. */
static pid_t wait_id(pid_t nr)
{
	pid_t g = pid_ns_global_nr(task_active_pid_ns(current), nr);

	return g ? g : -1;
}

long sys_wait4(pid_t upid, int __user *stat_addr, int options, struct linux_rusage __user *ru)
{
	struct wait_result res;
	int type;
	pid_t id = 0;
	long r;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	/* -INT_MIN does not exist. */
	if (upid == (pid_t)0x80000000)
		return -ESRCH;
	if (upid == -1) {
		type = P_ALL;
	} else if (upid < 0) {
		type = P_PGID;
		id = wait_id(-upid);
	} else if (upid == 0) {
		type = P_PGID;
		id = task_pgrp_nr(current);
	} else {
		type = P_PID;
		id = wait_id(upid);
	}
	r = do_wait(type, id, options | WEXITED, &res);
	if (r > 0) {
		if (stat_addr && put_user(res.status, stat_addr))
			return -EFAULT;
		if (ru && put_rusage(&res, ru))
			return -EFAULT;
	}
	return r;
}

long sys_waitid(int which, pid_t upid, struct linux_siginfo __user *infop, int options,
		struct linux_rusage __user *ru)
{
	struct wait_result res;
	struct linux_siginfo si;
	bool nonblock = false;
	pid_t id = 0;
	long r;

	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD |
			__WCLONE | __WALL))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	switch (which) {
	case P_ALL:
		break;
	case P_PID:
		if (upid <= 0)
			return -EINVAL;
		id = wait_id(upid);
		break;
	case P_PGID:
		if (upid < 0)
			return -EINVAL;
		id = upid ? wait_id(upid) : task_pgrp_nr(current);
		break;
	case P_PIDFD:
		if (upid < 0)
			return -EINVAL;
		r = pidfd_wait_id(upid, &nonblock);
		if (r < 0)
			return r;
		which = P_PID;
		id = (pid_t)r;
		if (nonblock)
			options |= WNOHANG;
		break;
	default:
		return -EINVAL;
	}
	r = do_wait(which, id, options, &res);
	if (r < 0)
		return r;
	/* A nonblocking pidfd with nothing to report: EAGAIN (Linux 5.10+). */
	if (r == 0 && nonblock)
		return -EAGAIN;
	if (ru && r > 0 && put_rusage(&res, ru))
		return -EFAULT;
	if (!infop)
		return 0;
	/* Nothing waitable with WNOHANG: Linux zeroes the fields it would set. */
	memset(&si, 0, sizeof(si));
	if (r > 0) {
		si.si_signo = SIGCHLD;
		si.si_code = res.si_code;
		si.f.chld.pid = res.pid;
		si.f.chld.uid = res.uid;
		si.f.chld.status = res.si_status;
	}
	if (copy_to_user(infop, &si, __builtin_offsetof(struct linux_siginfo, f.chld.utime)))
		return -EFAULT;
	return 0;
}

/* ---- ids ---- */

long sys_getpid(void)
{
	return task_tgid_vnr(current);
}

long sys_gettid(void)
{
	return task_pid_vnr(current);
}

long sys_getppid(void)
{
	/* 0 for a pid namespace's init: its parent is outside (Linux). */
	return task_ppid_nr_ns(current, task_active_pid_ns(current));
}

long sys_getpgid(pid_t pid)
{
	return proc_getpgid(pid);
}

long sys_getpgrp(void)
{
	return task_pgrp_vnr(current);
}

long sys_setpgid(pid_t pid, pid_t pgid)
{
	return proc_setpgid(pid, pgid);
}

long sys_getsid(pid_t pid)
{
	return proc_getsid(pid);
}

long sys_setsid(void)
{
	return proc_setsid();
}

long sys_set_tid_address(int __user *tidptr)
{
	current->clear_child_tid = tidptr;
	return task_pid_vnr(current);
}

/* struct robust_list_head is 24 bytes on x86_64. */
#define ROBUST_LIST_HEAD_SIZE 24

long sys_set_robust_list(void __user *head, size_t len)
{
	if (len != ROBUST_LIST_HEAD_SIZE)
		return -EINVAL;
	/* Walked at exit and exec (futex_exit_robust_list) to release the
	 * robust futexes a dying thread holds. */
	current->robust_list = head;
	current->robust_list_len = len;
	return 0;
}

long sys_get_robust_list(int pid, void __user *__user *head_ptr, size_t __user *len_ptr)
{
	struct task *t = current;
	void __user *head;
	long r = 0;

	if (pid) {
		const struct cred *c, *tc;

		t = find_task_by_vpid(pid);
		if (!t)
			return -ESRCH;
		/* Linux: ptrace-read access; same real/effective/saved uid or root. */
		c = current_cred();
		tc = get_task_cred(t);
		if (c->euid != 0 && (c->uid != tc->uid || c->uid != tc->euid || c->uid != tc->suid ||
				     c->gid != tc->gid || c->gid != tc->egid || c->gid != tc->sgid))
			r = -EPERM;
		put_cred(tc);
	}
	head = t->robust_list;
	if (t != current)
		task_put(t);
	if (r)
		return r;
	if (put_user((size_t)ROBUST_LIST_HEAD_SIZE, len_ptr))
		return -EFAULT;
	return put_user(head, head_ptr);
}

/* ---- credentials ---- */

long sys_getuid(void) { return current_cred()->uid; }
long sys_geteuid(void) { return current_cred()->euid; }
long sys_getgid(void) { return current_cred()->gid; }
long sys_getegid(void) { return current_cred()->egid; }
long sys_setuid(uid_t uid) { return proc_setuid(uid); }
long sys_setgid(gid_t gid) { return proc_setgid(gid); }
long sys_setreuid(uid_t ruid, uid_t euid) { return proc_setreuid(ruid, euid); }
long sys_setregid(gid_t rgid, gid_t egid) { return proc_setregid(rgid, egid); }
long sys_setresuid(uid_t r, uid_t e, uid_t s) { return proc_setresuid(r, e, s); }
long sys_setresgid(gid_t r, gid_t e, gid_t s) { return proc_setresgid(r, e, s); }
long sys_setfsuid(uid_t uid) { return proc_setfsuid(uid); }
long sys_setfsgid(gid_t gid) { return proc_setfsgid(gid); }

long sys_getresuid(uid_t __user *r, uid_t __user *e, uid_t __user *s)
{
	const struct cred *c = current_cred();

	if (put_user(c->uid, r) || put_user(c->euid, e) || put_user(c->suid, s))
		return -EFAULT;
	return 0;
}

long sys_getresgid(gid_t __user *r, gid_t __user *e, gid_t __user *s)
{
	const struct cred *c = current_cred();

	if (put_user(c->gid, r) || put_user(c->egid, e) || put_user(c->sgid, s))
		return -EFAULT;
	return 0;
}

long sys_getgroups(int size, gid_t __user *list)
{
	const struct cred *c = current_cred();

	if (size < 0)
		return -EINVAL;
	if (size == 0)
		return c->ngroups;
	if (size < c->ngroups)
		return -EINVAL;
	if (c->ngroups && copy_to_user(list, c->groups, c->ngroups * sizeof(gid_t)))
		return -EFAULT;
	return c->ngroups;
}

long sys_setgroups(int size, const gid_t __user *list)
{
	gid_t *g = NULL;

	if (!capable_root())
		return -EPERM;
	if ((unsigned)size > NGROUPS_MAX)
		return -EINVAL;
	if (size) {
		g = kmalloc(size * sizeof(gid_t), GFP_KERNEL);
		if (!g)
			return -ENOMEM;
		if (copy_from_user(g, list, size * sizeof(gid_t))) {
			kfree(g);
			return -EFAULT;
		}
	}
	return proc_setgroups(size, g);
}

/* ---- pidfds (kernel/proc/pidfd.c) ---- */

long sys_pidfd_open(pid_t pid, unsigned int flags)
{
	return do_pidfd_open(pid, flags);
}

long sys_pidfd_send_signal(int pidfd, int sig, const struct linux_siginfo __user *uinfo,
			   unsigned int flags)
{
	ksiginfo_t info;

	if (uinfo && copy_from_user(&info, uinfo, sizeof(info)))
		return -EFAULT;
	return do_pidfd_send_signal(pidfd, sig, uinfo ? &info : NULL, flags);
}

long sys_pidfd_getfd(int pidfd, int fd, unsigned int flags)
{
	return do_pidfd_getfd(pidfd, fd, flags);
}
