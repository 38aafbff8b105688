/*
 * /proc/stat: CPU time in USER_HZ ticks (all CPUs, then each), context
 * switches, boot time, process counts, in Linux's layout; top and vmstat
 * compute their percentages from differences between two reads.
 * XXX: CPU time is not split by mode: a CPU's busy time (all but what its
 * idle task was charged) counts as user time; "intr" has the total only.
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
	u64 up = ktime_get_ns(), switches = 0, irqs = 0, busy[MAX_CPUS], idle[MAX_CPUS];
	u64 tb = 0, ti = 0;
	int np, nt, nr;

	for (int c = 0; c < nr_cpus; c++) {
		proc_cpu_time(c, up, &busy[c], &idle[c]);
		tb += busy[c];
		ti += idle[c];
		switches += sched_nr_switches(c);
		if (percpu_ptrs[c])
			irqs += READ_ONCE(percpu_ptrs[c]->irq_count);
	}
	seq_printf(m, "cpu  %llu 0 0 %llu 0 0 0 0 0 0\n", (unsigned long long)(tb / NS_PER_TICK),
		   (unsigned long long)(ti / NS_PER_TICK));
	for (int c = 0; c < nr_cpus; c++)
		seq_printf(m, "cpu%d %llu 0 0 %llu 0 0 0 0 0 0\n", c,
			   (unsigned long long)(busy[c] / NS_PER_TICK),
			   (unsigned long long)(idle[c] / NS_PER_TICK));
	proc_count_tasks(&np, &nt, &nr);
	seq_printf(m, "intr %llu\nctxt %llu\nbtime %llu\nprocesses %llu\nprocs_running %d\n"
		      "procs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n",
		   (unsigned long long)irqs, (unsigned long long)switches,
		   (unsigned long long)((ktime_get_real_ns() - up) / 1000000000ULL),
		   (unsigned long long)forks_so_far(), nr ? nr : 1);
	return 0;
}
