/*
 * pidfds: a file descriptor that names a process (Linux 5.3+).
 *
 * A pidfd is an anonymous file holding a reference to the process's
 * struct pid, so it keeps naming that process (never a later one reusing
 * the number) after it dies. It polls readable (POLLIN) once the whole
 * thread group has exited: exit wakes pid->wait_pidfd (pidfd_notify).
 * pidfd_open(2) and clone's CLONE_PIDFD make one; pidfd_send_signal(2)
 * signals through it, pidfd_getfd(2) copies one of the process's
 * descriptors, waitid(P_PIDFD) waits for it (it must be a child), and
 * /proc/PID/fdinfo shows "Pid:" (the number in the reader's namespace,
 * 0 if invisible, -1 once the process is released).
 *
 * XXX: Linux 6.9's PIDFD_THREAD (pidfds for threads) and the
 * pidfd_send_signal scope flags are not implemented (EINVAL); nor the
 * nsfs ioctls on pidfds.
 */
#include <kernel/errno.h>
#include <kernel/eventpoll.h>
#include <kernel/fs.h>
#include <kernel/poll.h>
#include <kernel/proc.h>
#include <kernel/seq_file.h>
#include <kernel/uaccess.h>
#include <linuxabi/uapi/fcntl.h>

#include "internal.h"

#define CAP_SYS_PTRACE 19
#define PIDFD_NONBLOCK LINUX_O_NONBLOCK

static const struct file_operations pidfd_fops;

/* The leader pid names, referenced (task_put), or NULL once released. */
static struct task *pidfd_get_task(struct pid *pid)
{
	unsigned long flags;
	struct task *t;

	spin_lock_irqsave(&tasklist_lock, flags);    /* release_task detaches under it */
	t = READ_ONCE(pid->task);
	if (t)
		task_get(t);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return t;
}

static unsigned pidfd_poll(struct file *f, struct poll_table *pt)
{
	struct pid *pid = f->private_data;
	unsigned long flags;
	unsigned mask = 0;
	struct task *t;

	poll_wait(f, &pid->wait_pidfd, pt);
	spin_lock_irqsave(&tasklist_lock, flags);
	t = READ_ONCE(pid->task);
	/* Linux: readable when the thread group is empty and the leader a
	 * zombie (or already reaped). */
	if (!t || (t->exit_state && t->signal->nr_threads == 0))
		mask = POLLIN | POLLRDNORM;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return mask;
}

static int pidfd_release(struct inode *inode, struct file *f)
{
	put_pid(f->private_data);
	return 0;
}

static const struct file_operations pidfd_fops = {
	.poll = pidfd_poll,
	.release = pidfd_release,
};

struct file *pidfd_file_create(struct pid *pid, unsigned flags)
{
	struct file *f;

	get_pid(pid);
	f = anon_inode_getfile("[pidfd]", &pidfd_fops, pid, LINUX_O_RDWR | (flags & PIDFD_NONBLOCK));
	if (IS_ERR(f))
		put_pid(pid);
	return f;
}

struct pid *pidfd_pid(struct file *f)
{
	return f && f->f_op == &pidfd_fops ? f->private_data : NULL;
}

void pidfd_notify(struct pid *pid)
{
	if (pid)
		wake_up_all(&pid->wait_pidfd);
}

bool pidfd_show_fdinfo(struct seq_file *m, struct file *f)
{
	struct pid *pid = pidfd_pid(f);
	struct task *t;
	pid_t nr = -1;

	if (!pid)
		return false;
	t = pidfd_get_task(pid);
	if (t) {
		nr = pid_nr_ns(pid, task_active_pid_ns(current));
		task_put(t);
	}
	seq_printf(m, "Pid:\t%d\n", nr);
	/* XXX: Linux also prints NSpid: the numbers in nested namespaces. */
	return true;
}

long do_pidfd_open(pid_t upid, unsigned flags)
{
	struct task *t;
	struct file *f;
	long fd;

	if (flags & ~PIDFD_NONBLOCK)
		return -EINVAL;
	if (upid <= 0)
		return -EINVAL;
	t = find_task_by_vpid(upid);
	if (!t)
		return -ESRCH;
	/* A pidfd names a process: a thread id is EINVAL (XXX: PIDFD_THREAD). */
	if (!thread_group_leader(t) || !t->pid) {
		task_put(t);
		return -EINVAL;
	}
	f = pidfd_file_create(t->pid, flags);
	task_put(t);
	if (IS_ERR(f))
		return PTR_ERR(f);
	fd = fd_install_new(f, 1);     /* pidfds are always close-on-exec */
	if (fd < 0)
		fput(f);
	return fd;
}

/* The pid behind descriptor fd (its file in *fp, referenced); -EBADF for
 * a bad descriptor or one that is no pidfd (Linux's pidfd_pid). */
static struct pid *pidfd_fget_pid(int fd, struct file **fp)
{
	struct file *f = fget(fd);

	if (!f)
		return ERR_PTR(-EBADF);
	if (!pidfd_pid(f)) {
		fput(f);
		return ERR_PTR(-EBADF);
	}
	*fp = f;
	return f->private_data;
}

long do_pidfd_send_signal(int pidfd, int sig, const ksiginfo_t *uinfo, unsigned flags)
{
	struct task *t;
	struct file *f;
	struct pid *pid;
	ksiginfo_t info;
	long r;

	if (flags)
		return -EINVAL;     /* XXX: PIDFD_SIGNAL_THREAD & co. (Linux 6.9) */
	if (!valid_signal(sig))
		return -EINVAL;
	pid = pidfd_fget_pid(pidfd, &f);
	if (IS_ERR(pid))
		return PTR_ERR(pid);
	r = -EINVAL;
	/* Only a process visible in the caller's namespace (Linux). */
	if (!pid_nr_ns(pid, task_active_pid_ns(current)))
		goto out;
	if (uinfo) {
		info = *uinfo;
		if (info.si_signo != sig)
			goto out;
		/* Only to itself may a process claim a kernel or kill() origin. */
		r = -EPERM;
		if (pid != current->group_leader->pid &&
		    (info.si_code >= 0 || info.si_code == SI_TKILL))
			goto out;
	} else {
		prepare_kill_siginfo(sig, &info, SI_USER);
	}
	r = -ESRCH;
	t = pidfd_get_task(pid);
	if (!t)
		goto out;
	r = group_send_sig_info(sig, &info, t);
	task_put(t);
out:
	fput(f);
	return r;
}

/* Linux's ptrace_may_access(PTRACE_MODE_ATTACH_REALCREDS). */
static bool may_attach(struct task *t)
{
	const struct cred *me = current_cred(), *c;
	bool ok;

	if (t->signal == current->signal)
		return true;
	c = get_task_cred(t);
	ok = me->uid == c->uid && me->uid == c->euid && me->uid == c->suid &&
	     me->gid == c->gid && me->gid == c->egid && me->gid == c->sgid;
	put_cred(c);
	if (!ok || !READ_ONCE(t->signal->dumpable))
		ok = capable(CAP_SYS_PTRACE);
	return ok;
}

long do_pidfd_getfd(int pidfd, int targetfd, unsigned flags)
{
	struct files_struct *files;
	struct file *f, *got;
	struct task *t;
	struct pid *pid;
	long r;

	if (flags)
		return -EINVAL;
	pid = pidfd_fget_pid(pidfd, &f);
	if (IS_ERR(pid))
		return PTR_ERR(pid);
	r = -ESRCH;
	t = pidfd_get_task(pid);
	if (!t)
		goto out;
	r = -EPERM;
	if (!may_attach(t))
		goto out_task;
	r = -EBADF;     /* Linux: also for a zombie, whose table is gone */
	files = proc_task_files(t);
	if (!files)
		goto out_task;
	got = targetfd >= 0 ? files_lookup_fd(files, targetfd) : NULL;
	files_put(files);
	if (!got)
		goto out_task;
	r = fd_install_new(got, 1);     /* Linux sets close-on-exec on the copy */
	if (r < 0)
		fput(got);
out_task:
	task_put(t);
out:
	fput(f);
	return r;
}

long pidfd_wait_id(int pidfd, bool *nonblock)
{
	struct file *f;
	struct pid *pid;
	long nr;

	pid = pidfd_fget_pid(pidfd, &f);
	if (IS_ERR(pid))
		return PTR_ERR(pid);
	/* Linux: a pidfd opened PIDFD_NONBLOCK makes waitid WNOHANG-like (EAGAIN). */
	*nonblock = !!(f->f_flags & PIDFD_NONBLOCK);
	nr = pid->numbers[0].nr;      /* do_wait matches global tgids */
	fput(f);
	return nr;
}
