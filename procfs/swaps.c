/* /proc/swaps: there is no swap; the header alone, as Linux without swap. */
#include "internal.h"

int proc_swaps_show(struct seq_file *m, struct proc_inode *pi)
{
	seq_puts(m, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
	return 0;
}
