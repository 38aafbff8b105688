/*
 * /proc/loadavg: "avg1 avg5 avg15 running/threads last-pid".
 * XXX: no load average is computed yet: the averages read 0.00.
 */
#include "internal.h"

int proc_loadavg_show(struct seq_file *m, struct proc_inode *pi)
{
	int np, nt, nr;
	pid_t last = 0, p = 1, global;

	/* XXX: Linux shows the last pid allocated in the reader's namespace;
	 * the highest in this instance's comes close. */
	proc_count_tasks(&np, &nt, &nr);
	while ((p = pid_ns_next_tgid(proc_pid_ns(&pi->vfs), p, &global)) != 0)
		last = p++;
	seq_printf(m, "0.00 0.00 0.00 %d/%d %d\n", nr, nt, last);
	return 0;
}
