/*
 * procfs (procfs/) and the accessors it needs from kernel/proc and
 * kernel/mm: consistent snapshots of a task's state taken under the right
 * locks, so procfs never touches another task's fields directly.
 */
#ifndef KERNEL_PROCFS_H
#define KERNEL_PROCFS_H

#include <kernel/pid_ns.h>
#include <kernel/proc.h>
#include <kernel/signal.h>
#include <kernel/types.h>

struct mm;
struct files_struct;
struct fs_struct;
struct file;

/* Register the "proc" file system (boot, after vfs_init). */
void procfs_init(void);
/* Mount it on /proc (made if missing) unless a proc is already there:
 * start_userspace after unpacking the initramfs, and the ktests. */
int procfs_mount(void);

/* What /proc/[pid]/stat and status show of one task (kernel/proc/procinfo.c);
 * the numbers as a pid namespace sees them. */
struct proc_task_info {
	pid_t pid, tid, ppid, pgrp, session, tpgid;
	/* status's NStgid/NSpid/NSpgid/NSsid: from the viewing namespace's
	 * level down to the task's own */
	int ns_count;
	pid_t ns_tgid[MAX_PID_NS_LEVEL + 1], ns_pid[MAX_PID_NS_LEVEL + 1];
	pid_t ns_pgrp[MAX_PID_NS_LEVEL + 1], ns_sid[MAX_PID_NS_LEVEL + 1];
	int tty_nr;                  /* Linux's encoding of the controlling tty, 0: none */
	char comm[TASK_COMM_LEN];
	char state;                  /* R S D T Z X */
	int nr_threads;
	int nice;
	int policy;                  /* SCHED_* */
	int rt_priority;             /* 1..99 for SCHED_FIFO/RR, else 0 */
	int exit_signal;
	int processor;
	int exit_code;               /* wait status once a zombie */
	u64 cpu_ns;                  /* this thread, or the whole group for a process */
	u64 cutime_ns, cstime_ns;
	u64 start_ns;                /* monotonic */
	sigset_t pending, shpending, blocked, ignored, caught;
	int sigq;                    /* queued signals */
	u64 sigq_limit;
	const struct cred *cred;     /* referenced: put_cred */
};

/* Fill ti for (global) tid with its numbers as ns sees them; whole_group:
 * the process's totals (CPU time, state of the leader). 0 or -ESRCH.
 * put_cred(ti->cred) afterwards. */
int proc_task_info(pid_t tid, bool whole_group, struct pid_namespace *ns,
		   struct proc_task_info *ti);
/* The smallest pid >= from of a process (live or zombie), or 0 if none. */
pid_t proc_next_tgid(pid_t from);
/* The smallest tid >= from of a live thread of process tgid, or 0. */
pid_t proc_next_thread(pid_t tgid, pid_t from);
/* Is tid a thread of process tgid? */
bool proc_thread_of(pid_t tgid, pid_t tid);
/* Processes and threads counts (loadavg, stat). */
void proc_count_tasks(int *nr_processes, int *nr_threads, int *nr_running);
/* References to a task's parts (NULL when it has none: exited, kernel thread). */
struct mm *proc_task_mm(struct task *t);            /* mm_put */
struct files_struct *proc_task_files(struct task *t);  /* files_put */
struct fs_struct *proc_task_fs(struct task *t);     /* fs_struct_put */
struct file *proc_task_exe(struct task *t);         /* fput */
/* The tty controlling session sid: its number in Linux's encoding (0: none)
 * and its foreground process group in *fg (-1: none). kernel/drivers/tty.c. */
int tty_nr_of_session(int sid, pid_t *fg);

/* The UTS names (linuxabi/sys.c): hostname, or domain name if domain. */
void uts_get_name(bool domain, char *buf, size_t len);
int uts_set_name(bool domain, const char *s, size_t len);   /* -EINVAL if too long */

/* Memory figures of an mm, in pages (kernel/mm/vm_stat.c). */
struct vm_mem_stats {
	unsigned long total_vm;      /* all VMAs */
	unsigned long rss_anon, rss_file, rss_shmem;
	unsigned long data_vm, stack_vm, exec_vm;
	unsigned long locked_vm, pte_pages;
	unsigned long peak_vm;       /* XXX: Linux tracks the high-water mark; total_vm here */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack, arg_start, arg_end, env_start, env_end;
};
void vm_mem_stats(struct mm *mm, struct vm_mem_stats *st);

#endif
