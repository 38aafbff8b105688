/*
 * /proc/uptime: seconds since boot and the summed idle time of all CPUs,
 * with two decimals. Busy time is the CPU time every task has used.
 */
#include "internal.h"

static void add_task(struct task *t, void *arg)
{
	if (!(t->flags & PF_IDLE))
		*(u64 *)arg += READ_ONCE(t->sum_exec_ns);
}

u64 proc_busy_ns(void)
{
	u64 ns = 0;

	/* XXX: tasks that have exited no longer count. */
	sched_for_each_task(add_task, &ns);
	return ns;
}

int proc_uptime_show(struct seq_file *m, struct proc_inode *pi)
{
	u64 up = ktime_get_ns(), busy = proc_busy_ns();
	u64 all = up * (u64)nr_cpus, idle = all > busy ? all - busy : 0;

	seq_printf(m, "%llu.%02llu %llu.%02llu\n", (unsigned long long)(up / 1000000000ULL),
		   (unsigned long long)(up / 10000000ULL % 100),
		   (unsigned long long)(idle / 1000000000ULL),
		   (unsigned long long)(idle / 10000000ULL % 100));
	return 0;
}
