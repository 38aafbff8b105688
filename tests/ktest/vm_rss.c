/*
 * The RSS count each mm keeps for ru_maxrss (vm_rss_add): it matches the
 * resident pages found in the page tables across faults (the zero page
 * not counted), copy-on-write copies, fork and munmap, and its peak stays
 * after the pages go.
 */
#include <kernel/procfs.h>

#include "vm_test.h"

static unsigned long walked_rss(struct mm *mm)
{
	struct vm_mem_stats st;

	vm_mem_stats(mm, &st);
	return st.rss_anon + st.rss_file + st.rss_shmem;
}

static int rss_body(struct mm *parent)
{
	long a = vt_mmap(parent, 0, 8 * PAGE_SIZE, PROT_RW, MAP_PA);
	long s = vt_mmap(parent, 0, 2 * PAGE_SIZE, PROT_RW, MAP_SA);
	unsigned long base = parent->rss, peak;
	struct mm *child;
	u64 v;

	VT_CHECK(a > 0 && s > 0);
	VT_EQ(parent->rss, walked_rss(parent));
	/* A read maps the zero page: nothing resident. */
	VT_EQ(vt_get(a, &v), 0);
	VT_EQ(parent->rss, base);
	for (int i = 0; i < 8; i++)
		VT_EQ(vt_put(a + i * PAGE_SIZE, i), 0);     /* the first replaces the zero page */
	VT_EQ(vt_put(s, 1), 0);
	VT_EQ(parent->rss, base + 9);
	VT_EQ(parent->rss, walked_rss(parent));
	peak = parent->hiwater_rss;
	VT_CHECK(peak >= base + 9);

	child = mm_fork(parent);
	VT_CHECK(child);
	VT_EQ(child->rss, walked_rss(child));
	vt_switch(child);
	VT_EQ(vt_put(a, 99), 0);                  /* copy-on-write: one for one */
	VT_EQ(child->rss, walked_rss(child));
	vt_switch(parent);
	mm_put(child);

	VT_EQ(vm_munmap(parent, a, 8 * PAGE_SIZE), 0);
	VT_EQ(parent->rss, base + 1);
	VT_EQ(parent->rss, walked_rss(parent));
	VT_EQ(parent->hiwater_rss, peak);          /* the peak stays */
	return 0;
}

KTEST(vm_rss_count)
{
	vt_run(rss_body);
}
