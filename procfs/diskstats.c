/*
 * /proc/diskstats: per-disk I/O counters.
 * XXX: empty until the block layer (kernel/blkdev.h) is merged.
 */
#include "internal.h"

int proc_diskstats_show(struct seq_file *m, struct proc_inode *pi)
{
	return 0;
}
