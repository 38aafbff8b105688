/*
 * /proc/stat: CPU time in USER_HZ ticks (all CPUs, then each), context
 * switches, boot time, process counts, in Linux's layout; top and vmstat
 * compute their percentages from differences between two reads.
 * XXX: CPU time is not kept per CPU or per mode: busy time is split evenly
 * over the CPUs and counted as user time; interrupts are not counted.
 */
#include <kernel/clock.h>

#include "internal.h"

static u64 forks_so_far(void)
{
	pid_t p = 1, last = 0;

	while ((p = proc_next_tgid(p)) != 0)
		last = p++;
	return last;   /* XXX: Linux counts forks; the highest pid comes close */
}

int proc_stat_show(struct seq_file *m, struct proc_inode *pi)
{
	u64 up = ktime_get_ns(), busy = proc_busy_ns(), switches = 0;
	u64 all = up * (u64)nr_cpus, idle = all > busy ? all - busy : 0;
	int np, nt, nr;

	for (int c = 0; c < nr_cpus; c++)
		switches += sched_nr_switches(c);
	seq_printf(m, "cpu  %llu 0 0 %llu 0 0 0 0 0 0\n", (unsigned long long)(busy / NS_PER_TICK),
		   (unsigned long long)(idle / NS_PER_TICK));
	for (int c = 0; c < nr_cpus; c++)
		seq_printf(m, "cpu%d %llu 0 0 %llu 0 0 0 0 0 0\n", c,
			   (unsigned long long)(busy / nr_cpus / NS_PER_TICK),
			   (unsigned long long)(idle / nr_cpus / NS_PER_TICK));
	proc_count_tasks(&np, &nt, &nr);
	seq_printf(m, "intr 0\nctxt %llu\nbtime %llu\nprocesses %llu\nprocs_running %d\n"
		      "procs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n",
		   (unsigned long long)switches,
		   (unsigned long long)((ktime_get_real_ns() - up) / 1000000000ULL),
		   (unsigned long long)forks_so_far(), nr ? nr : 1);
	return 0;
}
