/*
 * Exit, zombies, reparenting and wait.
 *
 * A thread leaves in do_exit: it drops out of any group stop, releases its
 * address space (clearing and waking its CLONE_CHILD_CLEARTID word first,
 * and releasing a parent sleeping in vfork), its fd table and fs_struct,
 * then exit_notify() unlinks it from its thread group. Threads other than
 * the leader release themselves at once. The leader becomes a zombie; when
 * the last thread of the group is gone its children go to the nearest
 * living child subreaper above it or else to its namespace's init (with
 * their PR_SET_PDEATHSIG signals), pidfd pollers are woken, process groups
 * it orphaned get SIGHUP+SIGCONT if stopped, and the parent is told
 * (SIGCHLD, or the child's exit_signal) unless it ignores SIGCHLD or set
 * SA_NOCLDWAIT, in which case the zombie is released at once.
 * wait4/waitid find zombies, stopped and continued children in the
 * caller's process's children list (any thread of a process waits for the
 * children of all its threads, as on Linux) and reap them.
 *
 * The last switch away from a dead task drops its run-time reference;
 * release_task drops the process tree's one. The task struct (and, with
 * it, signal_struct, sighand and cred: proc_task_free) goes with the last.
 */
#include <kernel/cgroup.h>
#include <kernel/container.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/ipc.h>
#include <kernel/mutex.h>
#include <kernel/net_ns.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <kernel/uts.h>
#include <kernel/uaccess.h>
#include <kernel/vm.h>
#include <string.h>

#include "internal.h"

u64 __proc_cpu_time_ns(struct task *t)
{
	struct signal_struct *sig = t->signal;
	struct task *th;
	u64 ns = sig->dead_exec_ns;

	list_for_each_entry(th, &sig->threads, thread_node)
		ns += READ_ONCE(th->sum_exec_ns);
	return ns;
}

u64 proc_cpu_time_ns(struct task *t)
{
	unsigned long flags;
	u64 ns;

	if (!t->signal)
		return t->sum_exec_ns;
	spin_lock_irqsave(&tasklist_lock, flags);
	ns = __proc_cpu_time_ns(t);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ns;
}

void release_task(struct task *p)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (thread_group_leader(p)) {
		list_del_init(&p->sibling);
		list_del_init(&p->proc_node);
		proc_detach_pid_numbers(p->signal);
	}
	detach_pid(p);    /* under tasklist_lock: lookups under it never see it released */
	spin_unlock_irqrestore(&tasklist_lock, flags);
	task_tid_free(p);
	task_list_del(p);
	task_put(p);
}

static void exit_mm(struct task *t)
{
	struct completion *vfork_done;
	unsigned long flags;
	struct mm *mm = t->mm;

	futex_exit_robust_list(t);
	if (t->clear_child_tid) {
		/* pthread_join waits for this word to become 0. */
		if (!put_user(0, t->clear_child_tid))
			futex_wake_tid(t->clear_child_tid);
		t->clear_child_tid = NULL;
	}
	spin_lock_irqsave(&t->proc_lock, flags);
	vfork_done = t->vfork_done;
	t->vfork_done = NULL;
	spin_unlock_irqrestore(&t->proc_lock, flags);
	if (vfork_done)
		complete(vfork_done);
	if (!mm)
		return;
	/* The last thread keeps the process's peak RSS for getrusage and
	 * its parent's wait (Linux's setmax_mm_hiwater_rss at exit). */
	if (READ_ONCE(t->signal->nr_threads) == 1)
		proc_update_maxrss(t, mm);
	preempt_disable();
	spin_lock_irqsave(&t->proc_lock, flags);   /* procfs reads t->mm under it */
	t->mm = NULL;
	t->active_mm = NULL;
	spin_unlock_irqrestore(&t->proc_lock, flags);
	mm_activate(NULL);
	preempt_enable();
	mm_put(mm);
}

/* Caller holds tasklist_lock. SIGHUP+SIGCONT to a process group that
 * becomes orphaned with stopped members (POSIX), when tsk exits (parent
 * NULL) or when tsk's parent father exits. */
static void kill_orphaned_pgrp(struct task *tsk, struct task *father)
{
	struct task *parent = father ? father : tsk->real_parent;
	struct task *ignored = father ? NULL : tsk;
	pid_t pgrp = tsk->signal->pgrp;
	ksiginfo_t info;

	if (!parent || parent->signal->pgrp == pgrp ||
	    parent->signal->session != tsk->signal->session)
		return;
	if (!proc_will_become_orphaned_pgrp(pgrp, ignored) || !proc_pgrp_has_stopped_jobs(pgrp))
		return;
	memset(&info, 0, sizeof(info));
	info.si_signo = SIGHUP;
	info.si_code = SI_KERNEL;
	__kill_pgrp_info(SIGHUP, &info, pgrp);
	info.si_signo = SIGCONT;
	__kill_pgrp_info(SIGCONT, &info, pgrp);
}

/* The nearest living ancestor of father marked PR_SET_CHILD_SUBREAPER
 * within its pid namespace (below ns_reaper, its init), or NULL (Linux's
 * find_new_reaper). Caller holds tasklist_lock. */
static struct task *find_subreaper(struct task *father, struct task *ns_reaper)
{
	struct pid_namespace *ns = task_active_pid_ns(father);
	struct task *r;

	if (!father->signal->has_child_subreaper)
		return NULL;
	for (r = father->real_parent; r && r != ns_reaper && r != init_process;
	     r = r->real_parent) {
		if (task_active_pid_ns(r) != ns)
			break;
		/* A dead subreaper's threads are all gone (its leader a zombie). */
		if (r->signal->is_child_subreaper && r->signal->nr_threads > 0 &&
		    !(r->signal->flags & SIGNAL_GROUP_EXIT))
			return r;
	}
	return NULL;
}

/* The process father is gone: its children go to the nearest child
 * subreaper above it or else to the init of its pid namespace. Zombies
 * among them are announced to their new parent (and released at once if
 * it ignores SIGCHLD). Caller holds tasklist_lock. */
static void forget_original_parent(struct task *father, struct list_head *dead)
{
	struct task *reaper = task_active_pid_ns(father)->child_reaper, *child, *n, *sub;

	/* A namespace's init has killed and reaped its namespace before it
	 * gets here (zap_pid_ns_processes); anything left goes to init. */
	sub = find_subreaper(father, reaper);
	if (sub)
		reaper = sub;
	else if (!reaper || reaper == father)
		reaper = init_process;
	if (reaper == father)
		reaper = NULL;
	list_for_each_entry_safe(child, n, &father->children, sibling) {
		struct task *th;

		list_for_each_entry(th, &child->signal->threads, thread_node) {
			if (th->pdeath_signal) {
				ksiginfo_t info;

				prepare_kill_siginfo(th->pdeath_signal, &info, SI_USER);
				/* The dying parent as the child's namespace sees it. */
				info.f.kill.pid = task_tgid_nr_ns(current, task_active_pid_ns(th));
				group_send_sig_info(th->pdeath_signal, &info, th);
			}
		}
		list_del(&child->sibling);
		child->real_parent = reaper;
		child->exit_signal = SIGCHLD;     /* nobody signals init otherwise */
		if (reaper)
			list_add_tail(&child->sibling, &reaper->children);
		else
			INIT_LIST_HEAD(&child->sibling);
		if (child->exit_state == EXIT_ZOMBIE && child->signal->nr_threads == 0) {
			if (!reaper || do_notify_parent(child, child->exit_signal)) {
				child->exit_state = EXIT_DEAD;
				list_add_tail(&child->dead_node, dead);
			}
		}
		kill_orphaned_pgrp(child, father);
	}
}

/* Returns true if t was the last thread of its group. */
static bool exit_notify(struct task *t, int status)
{
	struct signal_struct *sig = t->signal;
	struct task *leader = t->group_leader, *exec_waiter, *p, *n;
	struct pid *pidfd_wake = NULL;
	unsigned long flags;
	bool group_dead;
	LIST_HEAD(dead);

	spin_lock_irqsave(&tasklist_lock, flags);
	spin_lock(&t->sighand->siglock);
	list_del_init(&t->thread_node);
	group_dead = --sig->nr_threads == 0;
	sig->dead_exec_ns += t->sum_exec_ns;
	exec_waiter = sig->group_exec_task;
	spin_unlock(&t->sighand->siglock);

	if (group_dead) {
		if (leader == init_process)
			panic("Attempted to kill init! exitcode=0x%08x", sig->flags & SIGNAL_GROUP_EXIT ?
			      sig->group_exit_code : status);
		forget_original_parent(leader, &dead);
		kill_orphaned_pgrp(leader, NULL);
		/* Before the parent can see it: a container's state is final
		 * when wait() returns. */
		ctr_task_exit(leader, (sig->flags & SIGNAL_GROUP_EXIT) ? sig->group_exit_code
								       : leader->exit_code);
	}
	if (t == leader) {
		t->exit_state = EXIT_ZOMBIE;
		if (group_dead && do_notify_parent(t, t->exit_signal)) {
			t->exit_state = EXIT_DEAD;
			list_add_tail(&t->dead_node, &dead);
		}
	} else {
		/* A thread leaves no zombie; the leader's waits for the last. */
		t->exit_state = EXIT_DEAD;
		list_add_tail(&t->dead_node, &dead);
		if (group_dead && leader->exit_state == EXIT_ZOMBIE &&
		    do_notify_parent(leader, leader->exit_signal)) {
			leader->exit_state = EXIT_DEAD;
			list_add_tail(&leader->dead_node, &dead);
		}
	}
	/* A thread in exec waits for the others to go and for the leader to
	 * be a zombie: wake it once both are visible. */
	if (exec_waiter)
		wake_up_process(exec_waiter);
	/* The process is gone (its leader a zombie or released): pidfds
	 * poll readable. */
	if (group_dead)
		pidfd_wake = get_pid(leader->pid);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	pidfd_notify(pidfd_wake);
	put_pid(pidfd_wake);

	list_for_each_entry_safe(p, n, &dead, dead_node) {
		list_del_init(&p->dead_node);
		release_task(p);
	}
	return group_dead;
}

/* Is t the last thread of a pid namespace's init to exit (Linux's
 * find_child_reaper finds no live thread)? Then the namespace dies with it. */
static bool is_last_live_ns_init(struct task *t)
{
	struct pid_namespace *ns = task_active_pid_ns(t);
	unsigned long flags;
	struct task *th;
	bool last = true;

	if (ns == &init_pid_ns || READ_ONCE(ns->child_reaper) != t->group_leader)
		return false;
	spin_lock_irqsave(&t->sighand->siglock, flags);
	list_for_each_entry(th, &t->signal->threads, thread_node)
		if (th != t && !(th->proc_flags & PFP_EXITING))
			last = false;
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
	return last;
}

__noreturn void do_exit(int status)
{
	struct task *t = current;
	struct files_struct *files;
	struct fs_struct *fs;
	struct mnt_namespace *ns;
	struct uts_namespace *uts;
	unsigned long flags;

	BUG_ON(!t->signal);
	if (t->proc_flags & PFP_EXITING) {
		/* Exiting again (a fault in the exit path): just go. */
		pr_err("proc: %s[%d] exits recursively\n", t->comm, t->tid);
		sched_task_dead();
	}
	exit_signals(t);
	/* Whoever this exit wakes (a joiner on clear_child_tid, the parent
	 * in wait, readers of pipes it closes) may run on this CPU, which is
	 * about to be free: no cross-CPU wakeup (see wake_up_sync). */
	t->flags |= PF_WAKE_SYNC;
	t->exit_code = status;
	exit_mm(t);
	ipc_task_exit(t);     /* SEM_UNDO adjustments (Linux's exit_sem) */
	cgroup_exit(t);
	spin_lock_irqsave(&t->proc_lock, flags);   /* procfs takes references under it */
	files = t->files;
	t->files = NULL;
	fs = t->fs;
	t->fs = NULL;
	ns = t->mnt_ns;       /* pivot_root and /proc/[pid]/mounts look at it under proc_lock */
	t->mnt_ns = NULL;
	uts = t->uts_ns;      /* so does /proc/[pid]/ns */
	t->uts_ns = NULL;
	spin_unlock_irqrestore(&t->proc_lock, flags);
	if (files)
		files_put(files);
	if (fs)
		fs_struct_put(fs);
	put_mnt_ns(ns);
	put_uts_ns(uts);
	ipc_task_exit_ns(t);  /* the last user of an ipc namespace destroys its objects */
	net_task_exit_ns(t);
	/* The last thread drops the executable before its parent can see it
	 * dead, as Linux does in exit_mm: an umount right after wait() must not
	 * find the file system busy. (Threads exiting together leave it to the
	 * group-death path below.) */
	if (READ_ONCE(t->signal->nr_threads) == 1) {
		struct file *exe;

		spin_lock_irqsave(&tasklist_lock, flags);   /* procfs's proc_task_exe */
		exe = __atomic_exchange_n(&t->signal->exe_file, NULL, __ATOMIC_ACQ_REL);
		spin_unlock_irqrestore(&tasklist_lock, flags);
		if (exe)
			fput(exe);
	}
	if (is_last_live_ns_init(t))
		zap_pid_ns_processes(task_active_pid_ns(t));
	if (exit_notify(t, status)) {
		struct file *exe;

		spin_lock_irqsave(&tasklist_lock, flags);   /* procfs's proc_task_exe */
		exe = __atomic_exchange_n(&t->signal->exe_file, NULL, __ATOMIC_ACQ_REL);
		spin_unlock_irqrestore(&tasklist_lock, flags);

		if (exe)
			fput(exe);
		/* As Linux at group death: timers stop (they hold task refs). */
		itimer_release(t->signal);
		posix_timers_exit(t->signal);
	}
	sched_task_dead();
}

__noreturn void do_group_exit(int status)
{
	struct task *t = current;
	struct signal_struct *sig = t->signal;
	unsigned long flags;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	if (sig->flags & SIGNAL_GROUP_EXIT) {
		status = sig->group_exit_code;
	} else if (sig->group_exec_task) {
		status = 0;       /* another thread execs: only this one goes */
	} else {
		sig->group_exit_code = status;
		sig->flags = SIGNAL_GROUP_EXIT;
		zap_other_threads(t);
	}
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
	do_exit(status);
}

/* ---- wait ---------------------------------------------------------------- */

static bool eligible_child(struct task *p, int type, pid_t id, int options)
{
	if (type == P_PID && p->tgid != id)
		return false;
	if (type == P_PGID && p->signal->pgrp != id)
		return false;
	/* Clone children (exit_signal other than SIGCHLD) only with __WCLONE,
	 * the others only without it; __WALL takes both. */
	if (((p->exit_signal != SIGCHLD) ^ !!(options & __WCLONE)) && !(options & __WALL))
		return false;
	return true;
}

static void fill_wait_info(struct wait_result *res, struct task *p, int code, int st)
{
	res->pid = task_tgid_vnr(p);      /* the waiter's view (a child is always visible) */
	res->uid = p->cred ? p->cred->uid : 0;
	res->si_code = code;
	res->si_status = st;
}

/* Caller holds tasklist_lock. Returns true if p was reported. */
static bool wait_task_zombie(struct task *me, struct task *p, int options, struct wait_result *res)
{
	struct signal_struct *sig = p->signal;
	int status = (sig->flags & SIGNAL_GROUP_EXIT) ? sig->group_exit_code : p->exit_code;
	u64 self_ns = __proc_cpu_time_ns(p);

	if ((status & 0x7f) == 0)
		fill_wait_info(res, p, CLD_EXITED, (status >> 8) & 0xff);
	else
		fill_wait_info(res, p, (status & 0x80) ? CLD_DUMPED : CLD_KILLED, status & 0x7f);
	res->status = status;
	res->utime_ns = self_ns + sig->cutime_ns;
	res->stime_ns = sig->cstime_ns;
	res->maxrss = MAX(sig->maxrss, sig->cmaxrss);
	if (options & WNOWAIT)
		return true;
	p->exit_state = EXIT_DEAD;
	me->signal->cutime_ns += self_ns + sig->cutime_ns;
	me->signal->cstime_ns += sig->cstime_ns;
	me->signal->cmaxrss = MAX(me->signal->cmaxrss, res->maxrss);
	res->reap = p;
	return true;
}

static bool wait_task_stopped(struct task *p, int options, struct wait_result *res)
{
	struct signal_struct *sig = p->signal;
	unsigned long flags;
	bool found = false;
	int code = 0;

	if (!lock_task_sighand(p, &flags))
		return false;
	if ((sig->flags & SIGNAL_STOP_STOPPED) && !(sig->flags & SIGNAL_STOP_REPORTED) &&
	    sig->nr_threads) {
		found = true;
		code = sig->stop_signal;
		if (!(options & WNOWAIT))
			sig->flags |= SIGNAL_STOP_REPORTED;
	}
	unlock_task_sighand(p, &flags);
	if (!found)
		return false;
	fill_wait_info(res, p, CLD_STOPPED, code);
	res->status = (code << 8) | 0x7f;
	res->utime_ns = __proc_cpu_time_ns(p);
	return true;
}

static bool wait_task_continued(struct task *p, int options, struct wait_result *res)
{
	struct signal_struct *sig = p->signal;
	unsigned long flags;
	bool found = false;

	if (!lock_task_sighand(p, &flags))
		return false;
	if (sig->flags & SIGNAL_STOP_CONTINUED) {
		found = true;
		if (!(options & WNOWAIT))
			sig->flags &= ~SIGNAL_STOP_CONTINUED;
	}
	unlock_task_sighand(p, &flags);
	if (!found)
		return false;
	fill_wait_info(res, p, CLD_CONTINUED, SIGCONT);
	res->status = 0xffff;
	res->utime_ns = __proc_cpu_time_ns(p);
	return true;
}

long do_wait(int type, pid_t id, int options, struct wait_result *res)
{
	struct task *t = current, *me = t->group_leader, *p;
	struct wait_queue_entry wq;
	unsigned long flags;
	long ret;

	memset(res, 0, sizeof(*res));
	init_wait_entry(&wq, 0);
	add_wait_queue(&t->signal->wait_chldexit, &wq);
	for (;;) {
		bool any = false, got = false;

		set_current_state(TASK_INTERRUPTIBLE);
		spin_lock_irqsave(&tasklist_lock, flags);
		me = t->group_leader;
		list_for_each_entry(p, &me->children, sibling) {
			if (!eligible_child(p, type, id, options))
				continue;
			any = true;
			if (p->exit_state == EXIT_DEAD)
				continue;
			if (p->exit_state == EXIT_ZOMBIE) {
				/* A leader waits for its threads before it counts. */
				if (p->signal->nr_threads || !(options & WEXITED))
					continue;
				got = wait_task_zombie(me, p, options, res);
			} else if (options & WSTOPPED) {
				got = wait_task_stopped(p, options, res);
			}
			if (!got && (options & WCONTINUED) && !p->exit_state)
				got = wait_task_continued(p, options, res);
			if (got)
				break;
		}
		spin_unlock_irqrestore(&tasklist_lock, flags);
		if (got) {
			ret = res->pid;
			break;
		}
		if (!any) {
			ret = -ECHILD;
			break;
		}
		if (options & WNOHANG) {
			ret = 0;
			break;
		}
		if (signal_pending(t)) {
			ret = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	remove_wait_queue(&t->signal->wait_chldexit, &wq);
	if (res->reap) {
		release_task(res->reap);
		res->reap = NULL;
	}
	return ret;
}
