/*
 * /proc/diskstats: per-device I/O counters in Linux 6.1's 20 columns
 * (iostat and vmstat -d read them). Only requests and sectors are counted
 * by the block layer; times, merges, discards and flushes read 0.
 */
#include <kernel/blkdev.h>

#include "internal.h"

static int show_one(struct block_device *bdev, void *arg)
{
	struct seq_file *m = arg;
	u64 rd = __atomic_load_n(&bdev->bd_stats[0], __ATOMIC_RELAXED);
	u64 rs = __atomic_load_n(&bdev->bd_stats[1], __ATOMIC_RELAXED);
	u64 wr = __atomic_load_n(&bdev->bd_stats[2], __ATOMIC_RELAXED);
	u64 ws = __atomic_load_n(&bdev->bd_stats[3], __ATOMIC_RELAXED);

	seq_printf(m, "%4u %7u %s %llu 0 %llu 0 %llu 0 %llu 0 0 0 0 0 0 0 0 0 0\n",
		   MAJOR(bdev->bd_dev), MINOR(bdev->bd_dev), bdev->bd_name,
		   (unsigned long long)rd, (unsigned long long)rs, (unsigned long long)wr,
		   (unsigned long long)ws);
	return 0;
}

int proc_diskstats_show(struct seq_file *m, struct proc_inode *pi)
{
	return blkdev_for_each(show_one, m);
}
