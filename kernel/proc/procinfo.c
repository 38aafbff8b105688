/*
 * Snapshots of process state for procfs (kernel/procfs.h): each taken under
 * tasklist_lock (and siglock for signal state), copied out, so procfs
 * formats without holding a lock and never follows a task pointer that
 * could be freed. The references to a task's mm, fd table, fs_struct and
 * executable are taken under proc_lock (mm, files, fs) and tasklist_lock
 * (exe_file), which exec and exit hold when they swap those pointers.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/procfs.h>
#include <kernel/vm.h>
#include <kernel/mm.h>
#include <string.h>

#include "internal.h"

static char task_state_char(struct task *t)
{
	int st = READ_ONCE(t->state);

	if (t->exit_state == EXIT_DEAD)
		return 'X';
	if (t->exit_state == EXIT_ZOMBIE)
		return 'Z';
	if ((t->jobctl & JOBCTL_STOPPED) ||
	    (t->signal && (t->signal->flags & SIGNAL_STOP_STOPPED) && st != TASK_RUNNING))
		return 'T';
	if (st == TASK_RUNNING)
		return 'R';
	if (st == TASK_IDLE)
		return 'I';
	if (st & TASK_UNINTERRUPTIBLE)
		return 'D';
	return 'S';
}

int proc_task_info(pid_t tid, bool whole_group, struct pid_namespace *ns,
		   struct proc_task_info *ti)
{
	struct sighand_struct *sh;
	unsigned long flags;
	struct task *t, *leader;
	pid_t sid;

	memset(ti, 0, sizeof(*ti));
	spin_lock_irqsave(&tasklist_lock, flags);
	t = find_user_task_locked(tid);
	if (!t || !t->signal) {
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return -ESRCH;
	}
	leader = t->group_leader;
	if (whole_group)
		t = leader;
	ti->pid = task_pid_nr_ns(leader, ns);
	ti->tid = task_pid_nr_ns(t, ns);
	ti->ppid = leader->real_parent ? task_tgid_nr_ns(leader->real_parent, ns) : 0;
	ti->pgrp = task_pgrp_nr_ns(t, ns);
	ti->session = task_session_nr_ns(t, ns);
	if (t->pid) {
		for (unsigned g = ns->level; g <= t->pid->level && ti->ns_count <= MAX_PID_NS_LEVEL;
		     g++) {
			struct pid_namespace *lns = t->pid->numbers[g].ns;
			int i = ti->ns_count++;

			ti->ns_tgid[i] = task_pid_nr_ns(leader, lns);
			ti->ns_pid[i] = task_pid_nr_ns(t, lns);
			ti->ns_pgrp[i] = task_pgrp_nr_ns(t, lns);
			ti->ns_sid[i] = task_session_nr_ns(t, lns);
		}
	}
	memcpy(ti->comm, t->comm, TASK_COMM_LEN);
	ti->comm[TASK_COMM_LEN - 1] = 0;
	ti->state = task_state_char(t);
	ti->nr_threads = t->signal->nr_threads;
	ti->nice = READ_ONCE(t->nice);
	ti->policy = READ_ONCE(t->policy);
	ti->rt_priority = READ_ONCE(t->rt_priority);
	ti->exit_signal = t->exit_signal;
	ti->processor = READ_ONCE(t->on_cpu);
	ti->exit_code = t->exit_state ? t->exit_code : 0;
	ti->cpu_ns = whole_group ? __proc_cpu_time_ns(t) : READ_ONCE(t->sum_exec_ns);
	ti->cutime_ns = t->signal->cutime_ns;
	ti->cstime_ns = t->signal->cstime_ns;
	ti->start_ns = t->start_time_ns;
	ti->cred = get_task_cred(t);
	sh = t->sighand;
	if (sh) {
		spin_lock(&sh->siglock);
		ti->pending = t->pending.signal;
		ti->shpending = t->signal->shared_pending.signal;
		ti->blocked = t->blocked;
		for (int sig = 1; sig <= _NSIG; sig++) {
			unsigned long h = sh->action[sig - 1].handler;

			if (h == SIG_IGN)
				sigaddset(&ti->ignored, sig);
			else if (h != SIG_DFL)
				sigaddset(&ti->caught, sig);
		}
		ti->sigq = t->signal->nr_queued;
		spin_unlock(&sh->siglock);
	}
	sid = t->signal->session;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	ti->sigq_limit = task_rlimit(leader == t ? t : leader, RLIMIT_SIGPENDING);
	ti->tpgid = -1;
	ti->tty_nr = tty_nr_of_session(sid, &ti->tpgid);
	if (ti->tpgid > 0)
		ti->tpgid = pid_global_to_ns(ti->tpgid, ns);
	return 0;
}

pid_t proc_next_tgid(pid_t from)
{
	unsigned long flags;
	struct task *p;
	pid_t best = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &proc_list, proc_node)
		if (p->tgid >= from && (!best || p->tgid < best))
			best = p->tgid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return best;
}

pid_t proc_next_thread(pid_t tgid, pid_t from)
{
	unsigned long flags;
	struct task *p, *th;
	pid_t best = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_user_task_locked(tgid);
	if (p && p->tgid == tgid && p->signal) {
		list_for_each_entry(th, &p->signal->threads, thread_node)
			if (th->tid >= from && (!best || th->tid < best))
				best = th->tid;
		/* A zombie leader has left the thread list but still shows. */
		if (!best && p->group_leader->tid >= from && p->group_leader->exit_state)
			best = p->group_leader->tid;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return best;
}

bool proc_thread_of(pid_t tgid, pid_t tid)
{
	unsigned long flags;
	struct task *t;
	bool r;

	spin_lock_irqsave(&tasklist_lock, flags);
	t = find_user_task_locked(tid);
	r = t && t->signal && t->tgid == tgid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return r;
}

void proc_count_tasks(int *nr_processes, int *nr_threads, int *nr_running)
{
	unsigned long flags;
	struct task *p, *th;
	int np = 0, nt = 0, nr = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &proc_list, proc_node) {
		np++;
		list_for_each_entry(th, &p->signal->threads, thread_node) {
			nt++;
			if (READ_ONCE(th->state) == TASK_RUNNING)
				nr++;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	*nr_processes = np;
	*nr_threads = nt;
	*nr_running = nr;
}

struct mm *proc_task_mm(struct task *t)
{
	unsigned long flags;
	struct mm *mm;

	spin_lock_irqsave(&t->proc_lock, flags);
	mm = t->mm;
	if (mm)
		mm_get(mm);
	spin_unlock_irqrestore(&t->proc_lock, flags);
	return mm;
}

struct files_struct *proc_task_files(struct task *t)
{
	unsigned long flags;
	struct files_struct *files;

	spin_lock_irqsave(&t->proc_lock, flags);
	files = t->files;
	if (files)
		files_get(files);
	spin_unlock_irqrestore(&t->proc_lock, flags);
	return files;
}

struct fs_struct *proc_task_fs(struct task *t)
{
	unsigned long flags;
	struct fs_struct *fs;

	spin_lock_irqsave(&t->proc_lock, flags);
	fs = t->fs;
	if (fs)
		fs_struct_get(fs);
	spin_unlock_irqrestore(&t->proc_lock, flags);
	return fs;
}

struct file *proc_task_exe(struct task *t)
{
	unsigned long flags;
	struct file *f = NULL;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (t->signal && t->signal->exe_file)
		f = file_get(t->signal->exe_file);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return f;
}
