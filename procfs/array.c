/*
 * /proc/[pid]/stat, statm and status (and the same under task/[tid]):
 * a snapshot from proc_task_info and vm_mem_stats, printed in Linux 6.1's
 * exact formats, which ps, top and procps parse by position.
 */
#include "internal.h"

static u64 pages_kb(unsigned long pages)
{
	return (u64)pages * (PAGE_SIZE / 1024);
}

struct snapshot {
	struct proc_task_info ti;
	struct vm_mem_stats vm;
	bool have_mm;
	int umask;
	int fdsize;
};

static int take_snapshot(struct proc_inode *pi, struct snapshot *s)
{
	struct task *t;
	struct mm *mm;
	int err;

	memset(s, 0, sizeof(*s));
	err = proc_task_info(pi->tid, !(pi->flags & PROC_THREAD) && pi->tid == pi->pid,
			     proc_pid_ns(&pi->vfs), &s->ti);
	if (err)
		return err;
	t = proc_get_task(pi);
	if (!t)
		return 0;
	mm = proc_task_mm(t);
	if (mm) {
		vm_mem_stats(mm, &s->vm);
		s->have_mm = true;
		mm_put(mm);
	}
	{
		struct fs_struct *fs = proc_task_fs(t);
		struct files_struct *files = proc_task_files(t);

		s->umask = fs ? fs->umask : 022;
		if (fs)
			fs_struct_put(fs);
		if (files) {
			s->fdsize = files->max_fds;
			files_put(files);
		}
	}
	task_put(t);
	return 0;
}

int proc_pid_stat(struct seq_file *m, struct proc_inode *pi)
{
	struct snapshot s;
	struct proc_task_info *ti = &s.ti;
	unsigned long rss;
	bool mine;
	int err = take_snapshot(pi, &s);

	if (err)
		return err;
	rss = s.vm.rss_anon + s.vm.rss_file + s.vm.rss_shmem;
	mine = current_cred()->euid == 0 || current_cred()->uid == ti->cred->uid;
	seq_printf(m, "%d (%s) %c %d %d %d %d %d %u %lu %lu %lu %lu %lu %lu %ld %ld %ld %ld %d 0 %llu ",
		   ti->tid == ti->pid || (pi->flags & PROC_THREAD) ? ti->tid : ti->pid, ti->comm,
		   ti->state, ti->ppid, ti->pgrp, ti->session, ti->tty_nr, ti->tpgid,
		   0x400000u /* PF_RANDOMIZE */, 0ul, 0ul, 0ul, 0ul,
		   /* XXX: no user/system split of CPU time: all of it is user time */
		   (unsigned long)(ti->cpu_ns / NS_PER_TICK), 0ul,
		   (long)((ti->cutime_ns + ti->cstime_ns) / NS_PER_TICK), 0l,
		   /* Linux's priority: 20 + nice for fair tasks, -1 - rt_priority
		    * for real-time ones */
		   ti->rt_priority ? (long)(-1 - ti->rt_priority) : (long)(20 + ti->nice),
		   (long)ti->nice, ti->nr_threads,
		   (unsigned long long)(ti->start_ns / NS_PER_TICK));
	seq_printf(m, "%lu %lu %llu %lu %lu %lu 0 0 %lu %lu %lu %lu 0 0 0 %d %d %d %d 0 0 0 ",
		   s.vm.total_vm * PAGE_SIZE, rss, (unsigned long long)RLIM_INFINITY,
		   mine ? s.vm.start_code : 1, mine ? s.vm.end_code : 1,
		   mine ? s.vm.start_stack : 0,
		   (unsigned long)(ti->pending.sig | ti->shpending.sig), (unsigned long)ti->blocked.sig,
		   (unsigned long)ti->ignored.sig, (unsigned long)ti->caught.sig,
		   ti->exit_signal, ti->processor, ti->rt_priority, ti->policy);
	if (mine && s.have_mm)
		seq_printf(m, "%lu %lu %lu %lu %lu %lu %lu %d\n", s.vm.start_data, s.vm.end_data,
			   s.vm.start_brk, s.vm.arg_start, s.vm.arg_end, s.vm.env_start,
			   s.vm.env_end, ti->exit_code);
	else
		seq_printf(m, "0 0 0 0 0 0 0 %d\n", ti->exit_code);
	put_cred(ti->cred);
	return 0;
}

int proc_pid_statm(struct seq_file *m, struct proc_inode *pi)
{
	struct snapshot s;
	int err = take_snapshot(pi, &s);
	unsigned long text;

	if (err)
		return err;
	put_cred(s.ti.cred);
	text = (s.vm.end_code - s.vm.start_code) >> PAGE_SHIFT;
	seq_printf(m, "%lu %lu %lu %lu 0 %lu 0\n", s.vm.total_vm,
		   s.vm.rss_anon + s.vm.rss_file + s.vm.rss_shmem, s.vm.rss_file + s.vm.rss_shmem,
		   text, s.vm.data_vm + s.vm.stack_vm);
	return 0;
}

static const char *state_name(char c)
{
	switch (c) {
	case 'R': return "R (running)";
	case 'S': return "S (sleeping)";
	case 'D': return "D (disk sleep)";
	case 'T': return "T (stopped)";
	case 'Z': return "Z (zombie)";
	case 'X': return "X (dead)";
	default: return "S (sleeping)";
	}
}

static void show_vm(struct seq_file *m, const char *name, unsigned long pages)
{
	seq_printf(m, "%s\t%8llu kB\n", name, (unsigned long long)pages_kb(pages));
}

int proc_pid_status(struct seq_file *m, struct proc_inode *pi)
{
	struct snapshot s;
	struct proc_task_info *ti = &s.ti;
	const struct cred *c;
	int err = take_snapshot(pi, &s);
	unsigned long rss;

	if (err)
		return err;
	c = ti->cred;
	seq_printf(m, "Name:\t%s\n", ti->comm);
	seq_printf(m, "Umask:\t%04o\n", s.umask);
	seq_printf(m, "State:\t%s\n", state_name(ti->state));
	seq_printf(m, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n", ti->pid,
		   ti->tid, ti->ppid);
	seq_printf(m, "Uid:\t%u\t%u\t%u\t%u\n", c->uid, c->euid, c->suid, c->fsuid);
	seq_printf(m, "Gid:\t%u\t%u\t%u\t%u\n", c->gid, c->egid, c->sgid, c->fsgid);
	seq_printf(m, "FDSize:\t%d\nGroups:\t", s.fdsize);
	for (int i = 0; i < c->ngroups; i++)
		seq_printf(m, i ? " %u" : "%u", c->groups[i]);
	seq_puts(m, " \n");
	/* Each from the viewing namespace down to the task's own (Linux). */
	seq_puts(m, "NStgid:");
	for (int i = 0; i < ti->ns_count; i++)
		seq_printf(m, "\t%d", ti->ns_tgid[i]);
	seq_puts(m, "\nNSpid:");
	for (int i = 0; i < ti->ns_count; i++)
		seq_printf(m, "\t%d", ti->ns_pid[i]);
	seq_puts(m, "\nNSpgid:");
	for (int i = 0; i < ti->ns_count; i++)
		seq_printf(m, "\t%d", ti->ns_pgrp[i]);
	seq_puts(m, "\nNSsid:");
	for (int i = 0; i < ti->ns_count; i++)
		seq_printf(m, "\t%d", ti->ns_sid[i]);
	seq_puts(m, "\n");
	if (s.have_mm) {
		rss = s.vm.rss_anon + s.vm.rss_file + s.vm.rss_shmem;
		show_vm(m, "VmPeak:", s.vm.peak_vm);
		show_vm(m, "VmSize:", s.vm.total_vm);
		show_vm(m, "VmLck:", s.vm.locked_vm);
		show_vm(m, "VmPin:", 0);
		show_vm(m, "VmHWM:", rss);
		show_vm(m, "VmRSS:", rss);
		show_vm(m, "RssAnon:", s.vm.rss_anon);
		show_vm(m, "RssFile:", s.vm.rss_file);
		show_vm(m, "RssShmem:", s.vm.rss_shmem);
		show_vm(m, "VmData:", s.vm.data_vm);
		show_vm(m, "VmStk:", s.vm.stack_vm);
		show_vm(m, "VmExe:", (s.vm.end_code - s.vm.start_code) >> PAGE_SHIFT);
		show_vm(m, "VmLib:", s.vm.exec_vm - ((s.vm.end_code - s.vm.start_code) >> PAGE_SHIFT));
		show_vm(m, "VmPTE:", s.vm.pte_pages);
		show_vm(m, "VmSwap:", 0);
		show_vm(m, "HugetlbPages:", 0);
	}
	seq_printf(m, "CoreDumping:\t0\nTHP_enabled:\t1\n");
	seq_printf(m, "Threads:\t%d\n", ti->nr_threads);
	seq_printf(m, "SigQ:\t%d/%llu\n", ti->sigq, (unsigned long long)ti->sigq_limit);
	seq_printf(m, "SigPnd:\t%016llx\nShdPnd:\t%016llx\nSigBlk:\t%016llx\n",
		   (unsigned long long)ti->pending.sig, (unsigned long long)ti->shpending.sig,
		   (unsigned long long)ti->blocked.sig);
	seq_printf(m, "SigIgn:\t%016llx\nSigCgt:\t%016llx\n", (unsigned long long)ti->ignored.sig,
		   (unsigned long long)ti->caught.sig);
	seq_printf(m, "CapInh:\t%016llx\nCapPrm:\t%016llx\nCapEff:\t%016llx\n"
		      "CapBnd:\t%016llx\nCapAmb:\t%016llx\n",
		   (unsigned long long)c->cap_inheritable, (unsigned long long)c->cap_permitted,
		   (unsigned long long)c->cap_effective, (unsigned long long)c->cap_bset,
		   (unsigned long long)c->cap_ambient);
	seq_puts(m, "NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n"
		    "Speculation_Store_Bypass:\tthread vulnerable\n"
		    "SpeculationIndirectBranch:\tconditional enabled\n");
	{
		int n = nr_cpus < 64 ? nr_cpus : 64;
		unsigned long long mask = n >= 64 ? ~0ULL : (1ULL << n) - 1;

		seq_printf(m, "Cpus_allowed:\t%llx\n", mask);
		if (n > 1)
			seq_printf(m, "Cpus_allowed_list:\t0-%d\n", n - 1);
		else
			seq_puts(m, "Cpus_allowed_list:\t0\n");
	}
	seq_puts(m, "Mems_allowed:\t00000000,00000001\nMems_allowed_list:\t0\n"
		    "voluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0\n");
	put_cred(c);
	return 0;
}
