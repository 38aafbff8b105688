/*
 * The first user process. proc_start_init (called by kmain once the root
 * filesystem and the console exist) creates a task with pid 1, root's
 * credentials, default signal actions and limits, an empty fd table and
 * an fs_struct at /, opens /dev/console as fds 0, 1 and 2 (as Linux's
 * kernel_init does) and execs the program there. The caller learns whether
 * the exec worked: on failure the task exits quietly (it is not init yet,
 * so that is no panic) and the caller may try the next candidate. Once
 * running, init is SIGNAL_UNKILLABLE: signals it has no handler for are
 * dropped, and its death panics the kernel, as on Linux.
 *
 * Like Linux's pid 1, init starts in process group and session 0 (the
 * kernel's) and is no session leader; it may call setsid() itself.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/mutex.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <kernel/sched.h>
#include <kernel/syscall.h>
#include <linuxabi/uapi/fcntl.h>

#include "internal.h"

struct init_start {
	const char *path;
	const char *const *argv, *const *envp;
	struct completion done;
	int result;
};

static void open_console(void)
{
	struct file *f = filp_open("/dev/console", LINUX_O_RDWR, 0);

	if (IS_ERR(f)) {
		pr_warn("Warning: unable to open an initial console.\n");
		return;
	}
	for (int i = 0; i < 3; i++) {
		if (fd_install_new(i ? file_get(f) : f, 0) < 0) {
			fput(f);
			break;
		}
	}
}

static int init_entry(void *arg)
{
	struct init_start *s = arg;
	struct task *t = current;
	struct exec_source src = {
		.kernel = true,
		.path = s->path,
		.argv = s->argv,
		.envp = s->envp,
		.dirfd = LINUX_AT_FDCWD,
	};
	unsigned long flags;
	int r;

	open_console();
	r = do_execve(&src, task_pt_regs(t));
	if (r) {
		s->result = r;
		complete(&s->done);     /* s is gone after this */
		do_exit(wstatus_exited(127));
	}
	spin_lock_irqsave(&tasklist_lock, flags);
	init_process = t;
	init_pid_ns.child_reaper = t;
	spin_lock(&t->sighand->siglock);
	t->signal->flags |= SIGNAL_UNKILLABLE;
	spin_unlock(&t->sighand->siglock);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	s->result = 0;
	complete(&s->done);
	return_to_user(task_pt_regs(t));
}

int proc_start_init(const char *path, const char *const argv[], const char *const envp[])
{
	struct init_start s = { .path = path, .argv = argv, .envp = envp };
	unsigned long flags;
	struct task *p;
	int r = -ENOMEM;

	init_completion(&s.done);
	task_reap_deferred();
	p = proc_task_alloc("init", init_entry, &s);
	if (!p)
		return -ENOMEM;
	p->cred = cred_alloc_root();
	p->sighand = sighand_alloc();
	p->signal = signal_struct_alloc();
	p->files = files_create();
	p->fs = fs_struct_create();
	if (!p->cred || !p->sighand || !p->signal || !p->files || !p->fs)
		goto fail;
	rlimit_init_defaults(p->signal->rlim);

	/* A previous candidate that failed may still hold pid 1 for a moment. */
	for (int tries = 0; (r = task_tid_alloc_nr(p, 1)) == -EBUSY && tries < 1000; tries++)
		msleep(1);
	if (r)
		goto fail;
	p->pid_ns_for_children = get_pid_ns(&init_pid_ns);
	p->pid = alloc_pid(&init_pid_ns, p);
	if (IS_ERR(p->pid)) {
		r = PTR_ERR(p->pid);
		p->pid = NULL;
		goto fail;
	}
	p->group_leader = p;
	p->tgid = 1;
	p->exit_signal = SIGCHLD;
	p->proc_flags = PFP_FORKNOEXEC;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_add_tail(&p->proc_node, &proc_list);
	list_add_tail(&p->thread_node, &p->signal->threads);
	p->signal->nr_threads = 1;
	proc_set_pgrp(p->signal, NULL);
	proc_set_session(p->signal, NULL);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	task_list_add(p);

	wake_up_process(p);
	wait_for_completion(&s.done);
	return s.result;

fail:
	proc_task_unwind(p);
	return r;
}

/* ---- processes that run kernel code (tests) ---------------------------- */

struct kernel_proc_start {
	int (*fn)(void *);
	void *arg;
};

static int kernel_proc_entry(void *arg)
{
	struct kernel_proc_start s = *(struct kernel_proc_start *)arg;

	kfree(arg);
	do_exit(wstatus_exited(s.fn(s.arg)));
}

struct task *proc_spawn_kernel(int (*fn)(void *), void *arg, struct task *parent)
{
	struct kernel_proc_start *s = kmalloc(sizeof(*s), GFP_KERNEL);
	unsigned long flags;
	struct task *p;

	if (!s)
		return NULL;
	s->fn = fn;
	s->arg = arg;
	p = proc_task_alloc("kproc", kernel_proc_entry, s);
	if (!p) {
		kfree(s);
		return NULL;
	}
	p->cred = cred_alloc_root();
	p->sighand = sighand_alloc();
	p->signal = signal_struct_alloc();
	p->files = files_create();
	p->fs = fs_struct_create();
	if (!p->cred || !p->sighand || !p->signal || !p->files || !p->fs) {
		kfree(s);
		proc_task_unwind(p);
		return NULL;
	}
	rlimit_init_defaults(p->signal->rlim);
	task_tid_alloc(p);
	p->pid_ns_for_children = get_pid_ns(&init_pid_ns);
	p->pid = alloc_pid(&init_pid_ns, p);
	if (IS_ERR(p->pid)) {
		p->pid = NULL;
		kfree(s);
		proc_task_unwind(p);
		return NULL;
	}
	p->group_leader = p;
	p->tgid = p->tid;
	p->exit_signal = SIGCHLD;
	p->proc_flags = PFP_FORKNOEXEC;

	spin_lock_irqsave(&tasklist_lock, flags);
	p->real_parent = parent ? parent->group_leader : NULL;
	if (p->real_parent) {
		struct signal_struct *ps = p->real_parent->signal;

		list_add_tail(&p->sibling, &p->real_parent->children);
		/* As fork: a subreaper above stays known (prctl.c). */
		p->signal->has_child_subreaper = ps->has_child_subreaper || ps->is_child_subreaper;
	}
	list_add_tail(&p->proc_node, &proc_list);
	list_add_tail(&p->thread_node, &p->signal->threads);
	p->signal->nr_threads = 1;
	proc_set_pgrp(p->signal, parent ? parent->signal->pgrp_pid : NULL);
	proc_set_session(p->signal, parent ? parent->signal->session_pid : NULL);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	task_list_add(p);
	task_get(p);             /* the caller's */
	wake_up_process(p);
	return p;
}
