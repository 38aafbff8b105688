/*
 * /proc/partitions: every block device with a size, in 1 KiB blocks, in
 * Linux's layout (devices of size 0, such as unattached loop devices, are
 * left out as Linux leaves them out).
 * XXX: partition tables are not read: whole disks only.
 */
#include <kernel/blkdev.h>

#include "internal.h"

static int show_one(struct block_device *bdev, void *arg)
{
	struct seq_file *m = arg;

	if (!bdev->bd_nr_sectors)
		return 0;
	seq_printf(m, "%4u  %7u %10llu %s\n", MAJOR(bdev->bd_dev), MINOR(bdev->bd_dev),
		   (unsigned long long)(bdev->bd_nr_sectors >> 1), bdev->bd_name);
	return 0;
}

int proc_partitions_show(struct seq_file *m, struct proc_inode *pi)
{
	seq_puts(m, "major minor  #blocks  name\n\n");
	return blkdev_for_each(show_one, m);
}
