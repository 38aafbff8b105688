/*
 * proc_spawn and proc_exec (kernel/spawn.h): a child of the caller that
 * starts in kernel code and execs, for the container runtime. The child is
 * made by do_fork with CLONE_VM | CLONE_VFORK, so the caller sleeps until
 * the child's exec reaches its point of no return or the child exits,
 * which is how it learns the outcome; a child that failed is reaped here
 * so that the caller sees an error and no zombie.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/proc.h>
#include <kernel/spawn.h>
#include <kernel/syscall.h>
#include <linuxabi/uapi/fcntl.h>
#include <linuxabi/uapi/sched.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define SPAWN_DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

struct spawn {
	int (*fn)(void *);
	void *arg;
	int result;             /* written by the child only when fn failed */
};

static int spawn_entry(void *p)
{
	struct spawn *s = p;
	int r = s->fn(s->arg);

	/* fn returned: it failed before the exec's point of no return, so
	 * the parent still sleeps and s is still there. */
	s->result = r < 0 ? r : -EINVAL;
	do_exit(wstatus_exited(r == -ENOENT ? 127 : 126));
}

long proc_spawn(int (*fn)(void *arg), void *arg, u64 ns_flags, struct pid_namespace *pid_ns)
{
	struct spawn s = { fn, arg, 0 };
	struct kernel_clone_args a = {
		.flags = CLONE_VM | CLONE_VFORK | ns_flags,
		.exit_signal = SIGCHLD,
		.entry = spawn_entry,
		.entry_arg = &s,
		.pid_ns = pid_ns,
	};
	struct wait_result res;
	long pid = do_fork(&a);

	if (pid < 0)
		return pid;     /* -ERESTARTNOINTR: a signal came first; the call restarts */
	if (s.result) {
		/* It has exited (vfork_done fires in exit_mm): reap it. XXX a
		 * signal here leaves the zombie to the caller. */
		do_wait(P_PID, (pid_t)pid, WEXITED, &res);
		return s.result;
	}
	return pid;
}

static int exec_one(const char *path, char *const argv[], char *const envp[])
{
	struct exec_source src = {
		.kernel = true,
		.path = path,
		.argv = argv,
		.envp = envp,
		.dirfd = LINUX_AT_FDCWD,
	};

	return do_execve(&src, task_pt_regs(current));
}

int proc_exec(const char *file, char *const argv[], char *const envp[])
{
	const char *path = SPAWN_DEFAULT_PATH, *p, *end;
	size_t flen = strlen(file);
	bool seen_eacces = false;
	char *buf;
	int r;

	if (!*file)
		return -ENOENT;
	if (strchr(file, '/'))
		return exec_one(file, argv, envp);
	for (char *const *e = envp; e && *e; e++)
		if (!strncmp(*e, "PATH=", 5))
			path = *e + 5;
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	r = -ENOENT;
	for (p = path;; p = end + 1) {
		size_t dlen;

		end = strchr(p, ':');
		if (!end)
			end = p + strlen(p);
		dlen = (size_t)(end - p);
		if (dlen + flen + 2 <= PATH_MAX) {
			/* An empty element is the current directory (execvp). */
			snprintf(buf, PATH_MAX, "%.*s%s%s", (int)dlen, p, dlen ? "/" : "", file);
			r = exec_one(buf, argv, envp);
			if (!r)
				break;
			if (r == -EACCES)
				seen_eacces = true;
			else if (r != -ENOENT && r != -ENOTDIR)
				break;
		}
		if (!*end)
			break;
	}
	kfree(buf);
	if (r && seen_eacces && (r == -ENOENT || r == -ENOTDIR))
		r = -EACCES;
	return r;
}

__noreturn void proc_enter_user(void)
{
	return_to_user(task_pt_regs(current));
}

int proc_set_ids(u32 uid, u32 gid, int ngroups, u32 *groups)
{
	/* proc_setgroups takes over a kmalloc'd array: give it a copy. */
	gid_t *g = NULL;
	int r;

	if (ngroups > 0) {
		g = kmalloc(ngroups * sizeof(*g), GFP_KERNEL);
		if (!g)
			return -ENOMEM;
		memcpy(g, groups, ngroups * sizeof(*g));
	}
	r = proc_setgroups(ngroups, g);

	if (!r)
		r = proc_setresgid(gid, gid, gid);
	if (!r)
		r = proc_setresuid(uid, uid, uid);
	return r;
}
