/*
 * /proc/partitions: block devices and their sizes in 1 KiB blocks.
 * XXX: the block layer (kernel/blkdev.h, blkdev_for_each) is not merged
 * yet: only the header for now.
 */
#include "internal.h"

int proc_partitions_show(struct seq_file *m, struct proc_inode *pi)
{
	seq_puts(m, "major minor  #blocks  name\n\n");
	return 0;
}
