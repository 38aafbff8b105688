/*
 * /proc/vmstat: Linux's "name value" counters, which vmstat reads. Only
 * the free page count is real; the event counters this kernel does not
 * keep read 0 (XXX: page faults, paging and swapping are not counted).
 */
#include "internal.h"

int proc_vmstat_show(struct seq_file *m, struct proc_inode *pi)
{
	static const char *const zeros[] = {
		"nr_zone_inactive_anon", "nr_zone_active_anon", "nr_zone_inactive_file",
		"nr_zone_active_file", "nr_zone_unevictable", "nr_zone_write_pending", "nr_mlock",
		"nr_bounce", "nr_zspages", "nr_free_cma", "numa_hit", "numa_miss", "numa_foreign",
		"numa_interleave", "numa_local", "numa_other", "nr_inactive_anon", "nr_active_anon",
		"nr_inactive_file", "nr_active_file", "nr_unevictable", "nr_slab_reclaimable",
		"nr_slab_unreclaimable", "nr_isolated_anon", "nr_isolated_file", "nr_anon_pages",
		"nr_mapped", "nr_file_pages", "nr_dirty", "nr_writeback", "nr_writeback_temp",
		"nr_shmem", "nr_shmem_hugepages", "nr_shmem_pmdmapped", "nr_file_hugepages",
		"nr_file_pmdmapped", "nr_anon_transparent_hugepages", "nr_vmscan_write",
		"nr_vmscan_immediate_reclaim", "nr_dirtied", "nr_written", "nr_kernel_misc_reclaimable",
		"nr_foll_pin_acquired", "nr_foll_pin_released", "nr_kernel_stack", "nr_page_table_pages",
		"nr_swapcached", "nr_dirty_threshold", "nr_dirty_background_threshold", "pgpgin",
		"pgpgout", "pswpin", "pswpout", "pgalloc_dma", "pgalloc_dma32", "pgalloc_normal",
		"pgalloc_movable", "pgfree", "pgactivate", "pgdeactivate", "pglazyfree", "pgfault",
		"pgmajfault", "pglazyfreed", "pgrefill", "pgreuse", "pgsteal_kswapd",
		"pgsteal_direct", "pgscan_kswapd", "pgscan_direct", "pgscan_direct_throttle",
		"pginodesteal", "slabs_scanned", "kswapd_inodesteal", "pageoutrun", "pgrotated",
		"drop_pagecache", "drop_slab", "oom_kill", "pgmigrate_success", "pgmigrate_fail",
		"compact_stall", "compact_fail", "compact_success", "unevictable_pgs_culled",
		"unevictable_pgs_scanned", "unevictable_pgs_rescued", "unevictable_pgs_mlocked",
		"unevictable_pgs_munlocked", "unevictable_pgs_cleared", "unevictable_pgs_stranded",
		"thp_fault_alloc", "thp_fault_fallback", "swap_ra", "swap_ra_hit",
	};

	seq_printf(m, "nr_free_pages %llu\n", (unsigned long long)pmm_free_pages());
	for (size_t i = 0; i < ARRAY_SIZE(zeros); i++)
		seq_printf(m, "%s 0\n", zeros[i]);
	return 0;
}
