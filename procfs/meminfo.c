/*
 * /proc/meminfo: Linux 6.1's fields, in its "%-16s%8lu kB" layout. What
 * this kernel does not have (swap, huge pages, writeback) reads 0.
 */
#include "internal.h"

static void line(struct seq_file *m, const char *name, u64 pages)
{
	seq_printf(m, "%-16s%8llu kB\n", name, (unsigned long long)pages * (PAGE_SIZE / 1024));
}

int proc_meminfo_show(struct seq_file *m, struct proc_inode *pi)
{
	u64 total = pmm_total_pages(), free = pmm_free_pages();
	static const char *const zeros[] = {
		"Buffers:", "SwapCached:", "Active:", "Inactive:", "Active(anon):",
		"Inactive(anon):", "Active(file):", "Inactive(file):", "Unevictable:", "Mlocked:",
		"SwapTotal:", "SwapFree:", "Zswap:", "Zswapped:", "Dirty:", "Writeback:",
		"AnonPages:", "Mapped:", "KReclaimable:", "Slab:", "SReclaimable:",
		"SUnreclaim:", "KernelStack:", "PageTables:", "SecPageTables:", "NFS_Unstable:",
		"Bounce:", "WritebackTmp:",
	};

	line(m, "MemTotal:", total);
	line(m, "MemFree:", free);
	/* Cached: every page cache page, tmpfs's (Shmem) too; the disk files'
	 * ones can be reclaimed, so they count as available. */
	line(m, "MemAvailable:", free + pagecache_file_pages());
	line(m, "Cached:", pagecache_pages());
	line(m, "Shmem:", pagecache_pages() - pagecache_file_pages());
	for (size_t i = 0; i < ARRAY_SIZE(zeros); i++)
		line(m, zeros[i], 0);
	line(m, "CommitLimit:", total / 2);
	line(m, "Committed_AS:", total - free);
	seq_printf(m, "%-16s%8llu kB\n", "VmallocTotal:", 34359738367ULL);
	line(m, "VmallocUsed:", 0);
	line(m, "VmallocChunk:", 0);
	line(m, "Percpu:", 0);
	line(m, "HardwareCorrupted:", 0);
	line(m, "AnonHugePages:", 0);
	line(m, "ShmemHugePages:", 0);
	line(m, "ShmemPmdMapped:", 0);
	line(m, "FileHugePages:", 0);
	line(m, "FilePmdMapped:", 0);
	seq_printf(m, "HugePages_Total:       0\nHugePages_Free:        0\n"
		      "HugePages_Rsvd:        0\nHugePages_Surp:        0\n");
	line(m, "Hugepagesize:", 2048 / (PAGE_SIZE / 1024));
	line(m, "Hugetlb:", 0);
	line(m, "DirectMap4k:", 0);
	line(m, "DirectMap2M:", 0);
	line(m, "DirectMap1G:", 0);
	return 0;
}
