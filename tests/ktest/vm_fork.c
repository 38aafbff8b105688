/*
 * mm_fork: private memory is copy-on-write (a write on either side is
 * invisible to the other; the last sharer writes in place), MAP_SHARED
 * anonymous memory stays shared in both directions (LTP-style result
 * counters), MADV_DONTFORK and MADV_WIPEONFORK, brk and layout inherited.
 */
#include "vm_test.h"

static int fork_cow_body(struct mm *parent)
{
	long a = vt_mmap(parent, 0, 2 * PAGE_SIZE, PROT_RW, MAP_PA);
	struct mm *child;
	struct page *pp;
	u64 v;

	VT_CHECK(a > 0);
	VT_EQ(vt_put(a, 111), 0);
	VT_EQ(vt_put(a + PAGE_SIZE, 222), 0);
	vm_set_brk_start(parent, 0x700000);
	pp = vt_page(parent, a);

	child = mm_fork(parent);
	VT_CHECK(child);
	VT_EQ(child->start_brk, 0x700000);
	VT_EQ(child->map_count, 1);
	/* Both map the same page, read-only, with two references. */
	VT_CHECK(vt_page(child, a) == pp);
	VT_EQ(page_count(pp), 2);
	VT_CHECK(!(vt_pte(parent, a) & PTE_W));
	VT_CHECK(!(vt_pte(child, a) & PTE_W));

	/* The child writes: it gets a copy; the parent keeps its value. */
	vt_switch(child);
	VT_EQ(vt_get(a, &v), 0);
	VT_EQ(v, 111);
	VT_EQ(vt_put(a, 333), 0);
	VT_CHECK(vt_page(child, a) != pp);
	VT_EQ(page_count(pp), 1);
	vt_switch(parent);
	VT_EQ(vt_get(a, &v), 0);
	VT_EQ(v, 111);
	/* The parent is the last user now: written in place, no copy. */
	VT_EQ(vt_put(a, 444), 0);
	VT_CHECK(vt_page(parent, a) == pp);

	/* The other page: the parent writes first. */
	VT_EQ(vt_put(a + PAGE_SIZE, 555), 0);
	VT_EQ(vm_access(child, a + PAGE_SIZE, &v, sizeof(v), false), (long)sizeof(v));
	VT_EQ(v, 222);
	VT_EQ(vm_access(child, a, &v, sizeof(v), false), (long)sizeof(v));
	VT_EQ(v, 333);

	/* A grandchild of the child, then the child goes: pages stay right. */
	{
		struct mm *gc = mm_fork(child);

		VT_CHECK(gc);
		mm_put(child);
		VT_EQ(vm_access(gc, a, &v, sizeof(v), false), (long)sizeof(v));
		VT_EQ(v, 333);
		VT_EQ(vm_access(gc, a + PAGE_SIZE, &v, sizeof(v), false), (long)sizeof(v));
		VT_EQ(v, 222);
		mm_put(gc);
	}
	VT_EQ(vt_get(a + PAGE_SIZE, &v), 0);
	VT_EQ(v, 555);
	return 0;
}

KTEST(vm_fork_cow)
{
	vt_run(fork_cow_body);
}

static int fork_shared_body(struct mm *parent)
{
	long s = vt_mmap(parent, 0, 2 * PAGE_SIZE, PROT_RW, MAP_SA);
	struct mm *child, *child2;
	u64 v;

	VT_CHECK(s > 0);
	VT_EQ(vt_put(s, 1), 0);
	child = mm_fork(parent);
	VT_CHECK(child);
	child2 = mm_fork(parent);
	VT_CHECK(child2);

	/* A counter bumped by each process lands in one place. */
	vt_switch(child);
	VT_EQ(vt_get(s, &v), 0);
	VT_EQ(v, 1);
	VT_EQ(vt_put(s, v + 1), 0);
	/* A page first touched in a child is shared too. */
	VT_EQ(vt_put(s + PAGE_SIZE, 77), 0);
	vt_switch(child2);
	VT_EQ(vt_get(s, &v), 0);
	VT_EQ(v, 2);
	VT_EQ(vt_put(s, v + 1), 0);
	vt_switch(parent);
	VT_EQ(vt_get(s, &v), 0);
	VT_EQ(v, 3);
	VT_EQ(vt_get(s + PAGE_SIZE, &v), 0);
	VT_EQ(v, 77);
	VT_CHECK(vt_page(parent, s) == vt_page(child, s));
	VT_CHECK(vt_pte(parent, s) & PTE_W);

	/* The store outlives the process that made it. */
	vt_switch(NULL);
	mm_put(child);
	VT_EQ(vm_access(child2, s + PAGE_SIZE, &v, sizeof(v), false), (long)sizeof(v));
	VT_EQ(v, 77);
	vt_switch(parent);
	VT_EQ(vm_munmap(parent, s, 2 * PAGE_SIZE), 0);
	VT_EQ(vm_access(child2, s, &v, sizeof(v), false), (long)sizeof(v));
	VT_EQ(v, 3);
	mm_put(child2);
	return 0;
}

KTEST(vm_fork_shared_anon)
{
	vt_run(fork_shared_body);
}

static int fork_advice_body(struct mm *parent)
{
	long a = vt_mmap(parent, 0, 3 * PAGE_SIZE, PROT_RW, MAP_PA);
	struct mm *child;
	u64 v;

	VT_CHECK(a > 0);
	for (int i = 0; i < 3; i++)
		VT_EQ(vt_put(a + i * PAGE_SIZE, 10 + i), 0);
	VT_EQ(vm_madvise(parent, a, PAGE_SIZE, LINUX_MADV_DONTFORK), 0);
	VT_EQ(vm_madvise(parent, a + PAGE_SIZE, PAGE_SIZE, LINUX_MADV_WIPEONFORK), 0);
	child = mm_fork(parent);
	VT_CHECK(child);
	/* Not there at all; there but empty; copied. */
	VT_CHECK(vm_vma_lookup(child, a) == NULL);
	VT_EQ(vm_access(child, a, &v, sizeof(v), false), -EFAULT);
	VT_EQ(vm_access(child, a + PAGE_SIZE, &v, sizeof(v), false), (long)sizeof(v));
	VT_EQ(v, 0);
	VT_EQ(vm_access(child, a + 2 * PAGE_SIZE, &v, sizeof(v), false), (long)sizeof(v));
	VT_EQ(v, 12);
	/* The parent keeps everything. */
	VT_EQ(vt_get(a, &v), 0);
	VT_EQ(v, 10);
	VT_EQ(vt_get(a + PAGE_SIZE, &v), 0);
	VT_EQ(v, 11);
	mm_put(child);
	return 0;
}

KTEST(vm_fork_dontfork_wipeonfork)
{
	vt_run(fork_advice_body);
}
