/*
 * User address spaces, one mm at a time: anonymous memory through the
 * fault path (zero page, demand-zero, merge of neighbours), mprotect and
 * the faults it causes, munmap splitting, mmap's address choice and errno
 * values, MAP_FIXED / MAP_FIXED_NOREPLACE / MAP_POPULATE / MAP_32BIT,
 * stack growth, brk, mremap, madvise, msync, mincore, and that a whole
 * life cycle gives every page back.
 */
#include <string.h>

#include "vm_test.h"

/* ---- anonymous memory ------------------------------------------------------ */

static int anon_demand(struct mm *mm)
{
	long a = vt_mmap(mm, 0, 4 * PAGE_SIZE, PROT_RW, MAP_PA), b;
	u64 v = 1;

	VT_CHECK(a > 0 && !(a & ~PAGE_MASK));
	/* Top-down below the stack area, as Linux. */
	VT_CHECK((unsigned long)a + 4 * PAGE_SIZE <= mm->mmap_base);
	VT_CHECK((unsigned long)a >= mm->mmap_base - 16 * PAGE_SIZE);
	VT_EQ(mm->map_count, 1);

	/* A read maps the zero page read-only; a write gets a page of its own. */
	VT_EQ(vt_get(a + 8, &v), 0);
	VT_EQ(v, 0);
	VT_CHECK(vt_page(mm, a) == vm_zero_page);
	VT_CHECK(!(vt_pte(mm, a) & PTE_W));
	VT_EQ(vt_put(a + 8, 0x1234), 0);
	VT_CHECK(vt_page(mm, a) != vm_zero_page);
	VT_CHECK(vt_page(mm, a)->flags & PG_anon);
	VT_CHECK(vt_pte(mm, a) & PTE_W);
	VT_EQ(vt_get(a + 8, &v), 0);
	VT_EQ(v, 0x1234);
	VT_EQ(vt_put(a + 3 * PAGE_SIZE + PAGE_SIZE - 8, 77), 0);
	VT_EQ(vt_get(a + 3 * PAGE_SIZE + PAGE_SIZE - 8, &v), 0);
	VT_EQ(v, 77);
	/* Untouched pages have no entry. */
	VT_CHECK(vt_page(mm, a + PAGE_SIZE) == NULL);
	/* No NX fault for data, and no execution either. */
	if (cpu_has_nx)
		VT_CHECK(vt_pte(mm, a) & PTE_NX);
	VT_EQ(mm_handle_fault(mm, a, PF_USER | PF_INSTR | PF_PROT), -EACCES);

	/* The next mapping lands just below and merges with it. */
	b = vt_mmap(mm, 0, 2 * PAGE_SIZE, PROT_RW, MAP_PA);
	VT_EQ(b, a - 2 * PAGE_SIZE);
	VT_EQ(mm->map_count, 1);
	VT_EQ(mm->total_vm, 6);
	/* Past the end of anything mapped. */
	VT_CHECK(vt_get(a + 4 * PAGE_SIZE, &v) != 0);
	VT_EQ(mm_handle_fault(mm, 0x1000, PF_USER), -EFAULT);
	VT_EQ(mm_handle_fault(mm, USER_SPACE_END - 8, PF_USER), -EFAULT);
	return 0;
}

KTEST(vm_anon_demand)
{
	vt_run(anon_demand);
}

/* ---- mprotect -------------------------------------------------------------- */

static int mprotect_body(struct mm *mm)
{
	long a = vt_mmap(mm, 0, 3 * PAGE_SIZE, PROT_RW, MAP_PA);
	u64 v;

	VT_CHECK(a > 0);
	for (int i = 0; i < 3; i++)
		VT_EQ(vt_put(a + i * PAGE_SIZE, 100 + i), 0);

	/* Read-only: reads work, writes fault (-EACCES, a SEGV_ACCERR). */
	VT_EQ(vm_mprotect(mm, a + PAGE_SIZE, PAGE_SIZE, LINUX_PROT_READ), 0);
	VT_EQ(mm->map_count, 3);
	VT_CHECK(vt_put(a + PAGE_SIZE, 5) != 0);
	VT_EQ(mm_handle_fault(mm, a + PAGE_SIZE, PF_USER | PF_WRITE | PF_PROT), -EACCES);
	VT_EQ(vt_get(a + PAGE_SIZE, &v), 0);
	VT_EQ(v, 101);
	VT_EQ(vt_put(a, 5), 0);
	VT_EQ(vt_put(a + 2 * PAGE_SIZE, 6), 0);

	/* PROT_NONE keeps the data but allows nothing. */
	VT_EQ(vm_mprotect(mm, a + PAGE_SIZE, PAGE_SIZE, LINUX_PROT_NONE), 0);
	VT_CHECK(vt_get(a + PAGE_SIZE, &v) != 0);
	VT_EQ(mm_handle_fault(mm, a + PAGE_SIZE, PF_USER), -EACCES);
	VT_CHECK(!(vt_pte(mm, a + PAGE_SIZE) & PTE_P));
	VT_CHECK(vt_pte(mm, a + PAGE_SIZE) & PTE_PROTNONE);

	/* Back to read-write: the same data, writable, one VMA again. */
	VT_EQ(vm_mprotect(mm, a + PAGE_SIZE, PAGE_SIZE, PROT_RW), 0);
	VT_EQ(mm->map_count, 1);
	VT_EQ(vt_get(a + PAGE_SIZE, &v), 0);
	VT_EQ(v, 101);
	VT_EQ(vt_put(a + PAGE_SIZE, 7), 0);
	VT_EQ(vt_get(a + PAGE_SIZE, &v), 0);
	VT_EQ(v, 7);

	/* Errors, as Linux. */
	VT_EQ(vm_mprotect(mm, a + 1, PAGE_SIZE, LINUX_PROT_READ), -EINVAL);
	VT_EQ(vm_mprotect(mm, a, PAGE_SIZE, 0x10), -EINVAL);
	VT_EQ(vm_mprotect(mm, a, 0, LINUX_PROT_READ), 0);
	VT_EQ(vm_mprotect(mm, a, 4 * PAGE_SIZE, LINUX_PROT_READ), -ENOMEM);
	VT_EQ(vm_mprotect(mm, 0x10000, PAGE_SIZE, LINUX_PROT_READ), -ENOMEM);
	VT_EQ(vm_mprotect(mm, a, PAGE_SIZE,
			  LINUX_PROT_READ | LINUX_PROT_GROWSDOWN | LINUX_PROT_GROWSUP), -EINVAL);
	VT_EQ(vm_mprotect(mm, a, PAGE_SIZE, LINUX_PROT_READ | LINUX_PROT_GROWSDOWN), -EINVAL);
	/* The failed calls changed nothing. */
	VT_EQ(vt_put(a + 2 * PAGE_SIZE, 8), 0);
	VT_EQ(mm->map_count, 1);
	return 0;
}

KTEST(vm_mprotect)
{
	vt_run(mprotect_body);
}

/* ---- munmap ---------------------------------------------------------------- */

static int munmap_body(struct mm *mm)
{
	long a = vt_mmap(mm, 0, 5 * PAGE_SIZE, PROT_RW, MAP_PA);
	u64 v;

	VT_CHECK(a > 0);
	for (int i = 0; i < 5; i++)
		VT_EQ(vt_put(a + i * PAGE_SIZE, 200 + i), 0);
	VT_EQ(vm_munmap(mm, a + PAGE_SIZE, 2 * PAGE_SIZE), 0);
	VT_EQ(mm->map_count, 2);
	VT_EQ(mm->total_vm, 3);
	VT_CHECK(vt_get(a + PAGE_SIZE, &v) != 0);
	VT_CHECK(vt_get(a + 2 * PAGE_SIZE + 100, &v) != 0);
	VT_EQ(mm_handle_fault(mm, a + PAGE_SIZE, PF_USER), -EFAULT);
	VT_CHECK(vt_page(mm, a + PAGE_SIZE) == NULL);
	VT_EQ(vt_get(a, &v), 0);
	VT_EQ(v, 200);
	VT_EQ(vt_get(a + 3 * PAGE_SIZE, &v), 0);
	VT_EQ(v, 203);
	VT_EQ(vt_get(a + 4 * PAGE_SIZE, &v), 0);
	VT_EQ(v, 204);

	/* A range over a hole and part of a VMA. */
	VT_EQ(vm_munmap(mm, a, 4 * PAGE_SIZE), 0);
	VT_EQ(mm->map_count, 1);
	VT_EQ(vt_get(a + 4 * PAGE_SIZE, &v), 0);
	VT_EQ(v, 204);

	/* Errors, as Linux; nothing mapped is fine. */
	VT_EQ(vm_munmap(mm, a, 0), -EINVAL);
	VT_EQ(vm_munmap(mm, a + 4, PAGE_SIZE), -EINVAL);
	VT_EQ(vm_munmap(mm, USER_SPACE_END, PAGE_SIZE), -EINVAL);
	VT_EQ(vm_munmap(mm, 0x10000, PAGE_SIZE), 0);
	/* An unaligned length covers the partial page. */
	VT_EQ(vm_munmap(mm, a + 4 * PAGE_SIZE, 1), 0);
	VT_EQ(mm->map_count, 0);
	VT_EQ(mm->total_vm, 0);
	return 0;
}

KTEST(vm_munmap_split)
{
	vt_run(munmap_body);
}

/* ---- mmap: placement and errors ----------------------------------------------- */

static int mmap_body(struct mm *mm)
{
	unsigned long hint = 0x10000000;
	long a, b;
	u64 v;

	/* Linux's checks. */
	VT_EQ(vt_mmap(mm, 0, 0, PROT_RW, MAP_PA), -EINVAL);
	VT_EQ(vt_mmap(mm, 0, PAGE_SIZE, PROT_RW, LINUX_MAP_ANONYMOUS), -EINVAL);
	VT_EQ(vt_mmap(mm, 0, PAGE_SIZE, PROT_RW, LINUX_MAP_ANONYMOUS | 0x4), -EINVAL);
	VT_EQ(vm_mmap(mm, 0, PAGE_SIZE, PROT_RW, MAP_PA, NULL, 100), -EINVAL);
	VT_EQ(vt_mmap(mm, hint + 1, PAGE_SIZE, PROT_RW, MAP_PA | LINUX_MAP_FIXED), -EINVAL);
	VT_EQ(vt_mmap(mm, VM_TASK_SIZE - PAGE_SIZE, 2 * PAGE_SIZE, PROT_RW, MAP_PA | LINUX_MAP_FIXED),
	      -ENOMEM);
	VT_EQ(vt_mmap(mm, 0, ~0UL - PAGE_SIZE, PROT_RW, MAP_PA), -ENOMEM);
	VT_EQ(vt_mmap(mm, 0, 1UL << 47, PROT_RW, MAP_PA), -ENOMEM);
	VT_EQ(vt_mmap(mm, 0, PAGE_SIZE, PROT_RW, MAP_SA | LINUX_MAP_GROWSDOWN), -EINVAL);
	VT_EQ(vt_mmap(mm, 0, PAGE_SIZE, PROT_RW,
		      LINUX_MAP_SHARED_VALIDATE | LINUX_MAP_ANONYMOUS | LINUX_MAP_SYNC), -EOPNOTSUPP);
	VT_EQ(vt_mmap(mm, 0, PAGE_SIZE, PROT_RW, MAP_PA | LINUX_MAP_HUGETLB), -ENOMEM);
	VT_EQ(mm->map_count, 0);
	/* MAP_SHARED | MAP_PRIVATE is MAP_SHARED_VALIDATE: valid. */
	a = vt_mmap(mm, 0, PAGE_SIZE, PROT_RW, LINUX_MAP_SHARED_VALIDATE | LINUX_MAP_ANONYMOUS);
	VT_CHECK(a > 0);
	VT_EQ(vm_munmap(mm, a, PAGE_SIZE), 0);

	/* A free hint is taken; unaligned hints are rounded down. */
	a = vt_mmap(mm, hint + 123, 2 * PAGE_SIZE, PROT_RW, MAP_PA);
	VT_EQ(a, hint);
	/* A busy one is not (and is not replaced). */
	VT_EQ(vt_put(hint, 42), 0);
	b = vt_mmap(mm, hint, PAGE_SIZE, PROT_RW, MAP_PA);
	VT_CHECK(b > 0 && b != (long)hint);
	VT_EQ(vt_get(hint, &v), 0);
	VT_EQ(v, 42);
	/* Below mmap_min_addr a hint is raised to it. */
	b = vt_mmap(mm, 0x1000, PAGE_SIZE, PROT_RW, MAP_PA);
	VT_EQ(b, VM_MMAP_MIN_ADDR);

	/* MAP_FIXED_NOREPLACE refuses, MAP_FIXED replaces (with zeroes). */
	VT_EQ(vt_mmap(mm, hint + PAGE_SIZE, PAGE_SIZE, PROT_RW, MAP_PA | LINUX_MAP_FIXED_NOREPLACE),
	      -EEXIST);
	VT_EQ(vt_mmap(mm, hint - PAGE_SIZE, 2 * PAGE_SIZE, PROT_RW,
		      MAP_PA | LINUX_MAP_FIXED_NOREPLACE), -EEXIST);
	VT_EQ(vt_mmap(mm, hint, PAGE_SIZE, PROT_RW, MAP_PA | LINUX_MAP_FIXED), (long)hint);
	VT_EQ(vt_get(hint, &v), 0);
	VT_EQ(v, 0);
	VT_EQ(vt_mmap(mm, hint + 4 * PAGE_SIZE, PAGE_SIZE, PROT_RW,
		      MAP_PA | LINUX_MAP_FIXED_NOREPLACE), (long)(hint + 4 * PAGE_SIZE));

	/* MAP_32BIT: within the second GiB. */
	a = vt_mmap(mm, 0, PAGE_SIZE, PROT_RW, MAP_PA | LINUX_MAP_32BIT);
	VT_CHECK(a >= 0x40000000 && a < 0x80000000);

	/* MAP_POPULATE: the pages are there before any fault. */
	a = vt_mmap(mm, 0, 3 * PAGE_SIZE, PROT_RW, MAP_PA | LINUX_MAP_POPULATE);
	VT_CHECK(a > 0);
	for (int i = 0; i < 3; i++) {
		VT_CHECK(vt_pte(mm, a + i * PAGE_SIZE) & PTE_W);
		VT_CHECK(vt_page(mm, a + i * PAGE_SIZE) != vm_zero_page);
	}
	/* Read-only populate maps the zero page. */
	a = vt_mmap(mm, 0, PAGE_SIZE, LINUX_PROT_READ, MAP_PA | LINUX_MAP_POPULATE);
	VT_CHECK(a > 0);
	VT_CHECK(vt_page(mm, a) == vm_zero_page);
	/* MAP_STACK and MAP_NORESERVE are accepted. */
	a = vt_mmap(mm, 0, PAGE_SIZE, PROT_RW, MAP_PA | LINUX_MAP_STACK | LINUX_MAP_NORESERVE);
	VT_CHECK(a > 0);
	return 0;
}

KTEST(vm_mmap_placement)
{
	vt_run(mmap_body);
}

/* ---- stack growth ------------------------------------------------------------ */

static int stack_body(struct mm *mm)
{
	unsigned long top = 0x7ff000000000UL, low;
	long s = vt_mmap(mm, top - PAGE_SIZE, PAGE_SIZE, PROT_RW,
			 MAP_PA | LINUX_MAP_FIXED | LINUX_MAP_GROWSDOWN);
	struct vma *v;
	u64 x;

	VT_EQ(s, (long)(top - PAGE_SIZE));
	/* Below the VMA: it grows down to the page touched. */
	VT_EQ(vt_put(top - 10 * PAGE_SIZE + 8, 5), 0);
	v = vm_vma_lookup(mm, top - PAGE_SIZE);
	VT_CHECK(v);
	VT_EQ(v->start, top - 10 * PAGE_SIZE);
	VT_EQ(vt_get(top - 5 * PAGE_SIZE, &x), 0);
	VT_EQ(x, 0);
	/* Not beyond RLIMIT_STACK (8 MiB by default). */
	VT_CHECK(vt_put(top - (8UL << 20) - PAGE_SIZE, 1) != 0);
	VT_EQ(mm_handle_fault(mm, top - (8UL << 20) - PAGE_SIZE, PF_USER | PF_WRITE), -EFAULT);
	VT_EQ(vt_put(top - (8UL << 20) + 8, 1), 0);

	/* Not into the guard gap above another mapping. */
	low = top - (4UL << 20);
	VT_EQ(vm_munmap(mm, top - (8UL << 20), 8UL << 20), 0);
	s = vt_mmap(mm, top - PAGE_SIZE, PAGE_SIZE, PROT_RW,
		    MAP_PA | LINUX_MAP_FIXED | LINUX_MAP_GROWSDOWN);
	VT_CHECK(s > 0);
	VT_EQ(vt_mmap(mm, low, PAGE_SIZE, PROT_RW, MAP_PA | LINUX_MAP_FIXED), (long)low);
	VT_EQ(vm_mprotect(mm, top - PAGE_SIZE, PAGE_SIZE, PROT_RW), 0);
	VT_CHECK(vt_put(low + PAGE_SIZE + VM_STACK_GUARD_GAP - PAGE_SIZE, 1) != 0);
	VT_EQ(vt_put(low + PAGE_SIZE + VM_STACK_GUARD_GAP + 8, 1), 0);
	/* mmap's placement keeps the gap too: a hint inside it is refused. */
	s = vt_mmap(mm, low + 2 * PAGE_SIZE, PAGE_SIZE, PROT_RW, MAP_PA);
	VT_CHECK(s != (long)(low + 2 * PAGE_SIZE));
	return 0;
}

KTEST(vm_stack_growsdown)
{
	vt_run(stack_body);
}

/* ---- brk --------------------------------------------------------------------- */

static int brk_body(struct mm *mm)
{
	unsigned long start = 0x600000;
	u64 v;

	vm_set_brk_start(mm, start - 0x123);
	VT_EQ(vm_brk(mm, 0), start);
	VT_EQ(vm_brk(mm, start + 3 * PAGE_SIZE + 5), start + 3 * PAGE_SIZE + 5);
	VT_EQ(mm->map_count, 1);
	VT_EQ(vt_put(start + 3 * PAGE_SIZE + 8, 9), 0);
	VT_EQ(vt_get(start, &v), 0);
	VT_EQ(v, 0);
	/* Shrink: the pages above the new break go. */
	VT_EQ(vm_brk(mm, start + PAGE_SIZE), start + PAGE_SIZE);
	VT_CHECK(vt_get(start + PAGE_SIZE, &v) != 0);
	VT_EQ(vt_put(start + 8, 1), 0);
	/* Below the start, or into another mapping: the current break. */
	VT_EQ(vm_brk(mm, start - PAGE_SIZE), start + PAGE_SIZE);
	VT_EQ(vt_mmap(mm, start + 8 * PAGE_SIZE, PAGE_SIZE, PROT_RW, MAP_PA | LINUX_MAP_FIXED),
	      (long)(start + 8 * PAGE_SIZE));
	VT_EQ(vm_brk(mm, start + 8 * PAGE_SIZE), start + PAGE_SIZE);
	/* Linux keeps one page free below the next mapping. */
	VT_EQ(vm_brk(mm, start + 7 * PAGE_SIZE + 1), start + PAGE_SIZE);
	VT_EQ(vm_brk(mm, start + 7 * PAGE_SIZE), start + 7 * PAGE_SIZE);
	/* Grown again: new pages read as zero. */
	VT_EQ(vt_get(start + 3 * PAGE_SIZE + 8, &v), 0);
	VT_EQ(v, 0);
	VT_EQ(mm->map_count, 2);
	VT_EQ(vm_brk(mm, start), start);
	VT_EQ(mm->map_count, 1);
	return 0;
}

KTEST(vm_brk)
{
	vt_run(brk_body);
}

/* ---- mremap ------------------------------------------------------------------ */

static int mremap_body(struct mm *mm)
{
	unsigned long a = 0x20000000, b;
	long r;
	u64 v;

	VT_EQ(vt_mmap(mm, a, 2 * PAGE_SIZE, PROT_RW, MAP_PA | LINUX_MAP_FIXED), (long)a);
	VT_EQ(vt_put(a, 1), 0);
	VT_EQ(vt_put(a + PAGE_SIZE, 2), 0);
	/* Grows in place when the space above is free. */
	VT_EQ(vm_mremap(mm, a, 2 * PAGE_SIZE, 4 * PAGE_SIZE, 0, 0), (long)a);
	VT_EQ(vt_put(a + 3 * PAGE_SIZE, 4), 0);
	VT_EQ(mm->map_count, 1);
	/* Blocked above: ENOMEM without MAYMOVE, a move with it. */
	VT_EQ(vt_mmap(mm, a + 4 * PAGE_SIZE, PAGE_SIZE, LINUX_PROT_READ, MAP_PA | LINUX_MAP_FIXED),
	      (long)(a + 4 * PAGE_SIZE));
	VT_EQ(vm_mremap(mm, a, 4 * PAGE_SIZE, 8 * PAGE_SIZE, 0, 0), -ENOMEM);
	r = vm_mremap(mm, a, 4 * PAGE_SIZE, 8 * PAGE_SIZE, LINUX_MREMAP_MAYMOVE, 0);
	VT_CHECK(r > 0 && r != (long)a);
	b = r;
	VT_CHECK(vt_get(a, &v) != 0);
	VT_EQ(vt_get(b, &v), 0);
	VT_EQ(v, 1);
	VT_EQ(vt_get(b + PAGE_SIZE, &v), 0);
	VT_EQ(v, 2);
	VT_EQ(vt_get(b + 3 * PAGE_SIZE, &v), 0);
	VT_EQ(v, 4);
	VT_EQ(vt_get(b + 7 * PAGE_SIZE, &v), 0);
	VT_EQ(v, 0);
	/* Shrink. */
	VT_EQ(vm_mremap(mm, b, 8 * PAGE_SIZE, 2 * PAGE_SIZE, 0, 0), (long)b);
	VT_CHECK(vt_get(b + 2 * PAGE_SIZE, &v) != 0);
	/* MREMAP_FIXED: to exactly there, replacing what was. */
	VT_EQ(vm_mremap(mm, b, 2 * PAGE_SIZE, 2 * PAGE_SIZE,
			LINUX_MREMAP_MAYMOVE | LINUX_MREMAP_FIXED, a), (long)a);
	VT_EQ(vt_get(a + PAGE_SIZE, &v), 0);
	VT_EQ(v, 2);
	VT_CHECK(vt_get(b, &v) != 0);
	/* DONTUNMAP: the old range stays, empty. */
	r = vm_mremap(mm, a, 2 * PAGE_SIZE, 2 * PAGE_SIZE,
		      LINUX_MREMAP_MAYMOVE | LINUX_MREMAP_DONTUNMAP, 0);
	VT_CHECK(r > 0 && r != (long)a);
	VT_EQ(vt_get(a + PAGE_SIZE, &v), 0);
	VT_EQ(v, 0);
	VT_EQ(vt_get(r + PAGE_SIZE, &v), 0);
	VT_EQ(v, 2);

	/* Errors, as Linux. */
	VT_EQ(vm_mremap(mm, a, PAGE_SIZE, 2 * PAGE_SIZE, 8, 0), -EINVAL);
	VT_EQ(vm_mremap(mm, a, PAGE_SIZE, 2 * PAGE_SIZE, LINUX_MREMAP_FIXED, b), -EINVAL);
	VT_EQ(vm_mremap(mm, a + 1, PAGE_SIZE, 2 * PAGE_SIZE, 0, 0), -EINVAL);
	VT_EQ(vm_mremap(mm, a, PAGE_SIZE, 0, 0, 0), -EINVAL);
	VT_EQ(vm_mremap(mm, 0x30000000, PAGE_SIZE, 2 * PAGE_SIZE, LINUX_MREMAP_MAYMOVE, 0), -EFAULT);
	VT_EQ(vm_mremap(mm, a, 3 * PAGE_SIZE, 4 * PAGE_SIZE, LINUX_MREMAP_MAYMOVE, 0), -EFAULT);
	VT_EQ(vm_mremap(mm, a, PAGE_SIZE, PAGE_SIZE, LINUX_MREMAP_MAYMOVE | LINUX_MREMAP_FIXED,
			a + 100), -EINVAL);
	VT_EQ(vm_mremap(mm, a, 2 * PAGE_SIZE, 2 * PAGE_SIZE,
			LINUX_MREMAP_MAYMOVE | LINUX_MREMAP_FIXED, a + PAGE_SIZE), -EINVAL);
	VT_EQ(vm_mremap(mm, a, 0, PAGE_SIZE, LINUX_MREMAP_MAYMOVE, 0), -EINVAL);
	return 0;
}

KTEST(vm_mremap)
{
	vt_run(mremap_body);
}

/* ---- madvise, msync, mincore -------------------------------------------------- */

static int advice_body(struct mm *mm)
{
	unsigned char vec[6];
	long a = vt_mmap(mm, 0, 4 * PAGE_SIZE, PROT_RW, MAP_PA), s;
	u64 v;

	VT_CHECK(a > 0);
	VT_EQ(vt_put(a, 1), 0);
	VT_EQ(vt_put(a + PAGE_SIZE, 2), 0);
	VT_EQ(vm_mincore(mm, a, 4, vec), 0);
	VT_CHECK(vec[0] == 1 && vec[1] == 1 && vec[2] == 0 && vec[3] == 0);
	VT_EQ(vm_mincore(mm, a, 5, vec), -ENOMEM);

	/* DONTNEED: private anonymous pages read back as zero. */
	VT_EQ(vm_madvise(mm, a, PAGE_SIZE, LINUX_MADV_DONTNEED), 0);
	VT_EQ(vm_mincore(mm, a, 2, vec), 0);
	VT_CHECK(vec[0] == 0 && vec[1] == 1);
	VT_EQ(vt_get(a, &v), 0);
	VT_EQ(v, 0);
	VT_EQ(vt_get(a + PAGE_SIZE, &v), 0);
	VT_EQ(v, 2);
	VT_EQ(vm_madvise(mm, a, 2 * PAGE_SIZE, LINUX_MADV_FREE), 0);
	VT_EQ(vt_get(a + PAGE_SIZE, &v), 0);
	VT_EQ(v, 0);
	/* Hints are accepted and change nothing. */
	VT_EQ(vt_put(a, 3), 0);
	VT_EQ(vm_madvise(mm, a, PAGE_SIZE, LINUX_MADV_NORMAL), 0);
	VT_EQ(vm_madvise(mm, a, PAGE_SIZE, LINUX_MADV_RANDOM), 0);
	VT_EQ(vm_madvise(mm, a, PAGE_SIZE, LINUX_MADV_SEQUENTIAL), 0);
	VT_EQ(vm_madvise(mm, a, PAGE_SIZE, LINUX_MADV_WILLNEED), 0);
	VT_EQ(vm_madvise(mm, a, PAGE_SIZE, LINUX_MADV_HUGEPAGE), 0);
	VT_EQ(vt_get(a, &v), 0);
	VT_EQ(v, 3);
	/* Errors. */
	VT_EQ(vm_madvise(mm, a, PAGE_SIZE, 99), -EINVAL);
	VT_EQ(vm_madvise(mm, a + 1, PAGE_SIZE, LINUX_MADV_NORMAL), -EINVAL);
	VT_EQ(vm_madvise(mm, a, 0, LINUX_MADV_DONTNEED), 0);
	VT_EQ(vm_madvise(mm, a, 5 * PAGE_SIZE, LINUX_MADV_NORMAL), -ENOMEM);
	VT_EQ(vm_madvise(mm, a - PAGE_SIZE, 2 * PAGE_SIZE, LINUX_MADV_DONTNEED), -ENOMEM);
	VT_EQ(vt_get(a, &v), 0);
	VT_EQ(v, 0);        /* the mapped part was still zapped, as Linux */
	s = vt_mmap(mm, 0, PAGE_SIZE, PROT_RW, MAP_SA);
	VT_CHECK(s > 0);
	VT_EQ(vm_madvise(mm, s, PAGE_SIZE, LINUX_MADV_FREE), -EINVAL);
	VT_EQ(vm_madvise(mm, s, PAGE_SIZE, LINUX_MADV_WIPEONFORK), -EINVAL);
	/* MADV_REMOVE on shared anonymous memory frees its pages. */
	VT_EQ(vt_put(s, 5), 0);
	VT_EQ(vm_madvise(mm, s, PAGE_SIZE, LINUX_MADV_REMOVE), 0);
	VT_EQ(vt_get(s, &v), 0);
	VT_EQ(v, 0);
	VT_EQ(vm_madvise(mm, a, PAGE_SIZE, LINUX_MADV_REMOVE), -EINVAL);
	/* DONTFORK splits and merges back with DOFORK. */
	VT_EQ(vm_madvise(mm, a + PAGE_SIZE, PAGE_SIZE, LINUX_MADV_DONTFORK), 0);
	VT_EQ(mm->map_count, 4);
	VT_EQ(vm_madvise(mm, a + PAGE_SIZE, PAGE_SIZE, LINUX_MADV_DOFORK), 0);
	VT_EQ(mm->map_count, 2);

	/* msync. */
	VT_EQ(vm_msync(mm, a, PAGE_SIZE, LINUX_MS_SYNC), 0);
	VT_EQ(vm_msync(mm, a, PAGE_SIZE, LINUX_MS_ASYNC | LINUX_MS_INVALIDATE), 0);
	VT_EQ(vm_msync(mm, a, PAGE_SIZE, LINUX_MS_ASYNC | LINUX_MS_SYNC), -EINVAL);
	VT_EQ(vm_msync(mm, a, PAGE_SIZE, 8), -EINVAL);
	VT_EQ(vm_msync(mm, a + 1, PAGE_SIZE, LINUX_MS_SYNC), -EINVAL);
	VT_EQ(vm_msync(mm, a, 5 * PAGE_SIZE, LINUX_MS_SYNC), -ENOMEM);
	VT_EQ(vm_msync(mm, 0x10000, PAGE_SIZE, LINUX_MS_SYNC), -ENOMEM);
	VT_EQ(vm_msync(mm, a, 0, LINUX_MS_SYNC), 0);
	/* mlock populates; unmapped is ENOMEM. */
	VT_EQ(vm_mlock(mm, a + 2 * PAGE_SIZE, 2 * PAGE_SIZE, true), 0);
	VT_EQ(vm_mincore(mm, a + 2 * PAGE_SIZE, 2, vec), 0);
	VT_CHECK(vec[0] == 1 && vec[1] == 1);
	VT_EQ(vm_msync(mm, a + 2 * PAGE_SIZE, PAGE_SIZE, LINUX_MS_INVALIDATE), -EBUSY);
	VT_EQ(vm_mlock(mm, a + 2 * PAGE_SIZE, 2 * PAGE_SIZE, false), 0);
	VT_EQ(vm_mlock(mm, a, 5 * PAGE_SIZE, true), -ENOMEM);
	return 0;
}

KTEST(vm_madvise_msync_mincore)
{
	vt_run(advice_body);
}

/* ---- vm_access, for another mm ----------------------------------------------- */

static int access_body(struct mm *mm)
{
	struct mm *other = mm_create();
	char buf[32], msg[] = "hello, world";
	long a;

	VT_CHECK(other);
	a = vm_mmap(other, 0, 2 * PAGE_SIZE, PROT_RW, MAP_PA, NULL, 0);
	VT_CHECK(a > 0);
	/* Across a page boundary, without other being loaded anywhere. */
	VT_EQ(vm_access(other, a + PAGE_SIZE - 5, msg, 13, true), 13);
	memset(buf, 0, sizeof(buf));
	VT_EQ(vm_access(other, a + PAGE_SIZE - 5, buf, 13, false), 13);
	VT_CHECK(!strcmp(buf, "hello, world"));
	/* Short at the end of the mapping; nothing at all is -EFAULT. */
	VT_EQ(vm_access(other, a + 2 * PAGE_SIZE - 4, buf, 16, false), 4);
	VT_EQ(vm_access(other, a + 2 * PAGE_SIZE, buf, 16, false), -EFAULT);
	/* Nothing leaked into the current mm. */
	VT_EQ(mm->map_count, 0);
	mm_put(other);
	return 0;
}

KTEST(vm_access_other_mm)
{
	vt_run(access_body);
}

/* ---- everything comes back ------------------------------------------------------ */

static int churn_body(struct mm *mm)
{
	long a = vt_mmap(mm, 0, 64 * PAGE_SIZE, PROT_RW, MAP_PA), s;
	struct mm *child;
	char x = 'x';

	VT_CHECK(a > 0);
	for (int i = 0; i < 64; i++)
		VT_EQ(vt_put(a + i * PAGE_SIZE, i), 0);
	s = vt_mmap(mm, 0, 16 * PAGE_SIZE, PROT_RW, MAP_SA | LINUX_MAP_POPULATE);
	VT_CHECK(s > 0);
	VT_EQ(vm_mprotect(mm, a + 8 * PAGE_SIZE, 8 * PAGE_SIZE, LINUX_PROT_READ), 0);
	VT_EQ(vm_munmap(mm, a + 32 * PAGE_SIZE, 4 * PAGE_SIZE), 0);
	child = mm_fork(mm);
	VT_CHECK(child);
	VT_EQ(vt_put(a, 1), 0);
	VT_EQ(vm_access(child, a + PAGE_SIZE, &x, 1, true), 1);
	mm_put(child);
	VT_CHECK(vm_mremap(mm, a, 8 * PAGE_SIZE, 100 * PAGE_SIZE, LINUX_MREMAP_MAYMOVE, 0) > 0);
	return 0;
}

KTEST(vm_no_leak)
{
	u64 before, after;

	/* Warm up caches (zero page, slab) before counting. */
	if (!vt_run(churn_body))
		return;
	vmalloc_purge();
	before = pmm_free_pages();
	for (int i = 0; i < 4; i++)
		if (!vt_run(churn_body))
			return;
	vmalloc_purge();
	after = pmm_free_pages();
	/* Each round uses ~100 pages; slab may keep a few. */
	KT_ASSERT_MSG(after + 8 >= before, "free pages %llu before, %llu after",
		      (unsigned long long)before, (unsigned long long)after);
}

/* ---- the syscall handlers (linuxabi/mm.c) on current->mm ------------------------ */

long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags,
	      unsigned long fd, unsigned long off);
long sys_munmap(unsigned long addr, size_t len);
long sys_mprotect(unsigned long start, size_t len, unsigned long prot);
long sys_brk(unsigned long brk);
long sys_mincore(unsigned long start, size_t len, unsigned char __user *vec);
long sys_madvise(unsigned long start, size_t len, int advice);

static int syscalls_body(struct mm *mm)
{
	long a = sys_mmap(0, 4 * PAGE_SIZE, PROT_RW, MAP_PA, -1, 0), vec;
	unsigned char got[4];

	VT_CHECK(a > 0);
	/* A file mapping with a bad fd; offsets checked first. */
	VT_EQ(sys_mmap(0, PAGE_SIZE, PROT_RW, LINUX_MAP_PRIVATE, -1, 0), -EBADF);
	VT_EQ(sys_mmap(0, PAGE_SIZE, PROT_RW, LINUX_MAP_PRIVATE, -1, 1), -EINVAL);
	VT_EQ(sys_mprotect(a, PAGE_SIZE, 1UL << 40), -EINVAL);
	/* mincore's vector goes to user memory: into the mapping itself. */
	VT_EQ(vt_put(a + PAGE_SIZE, 1), 0);
	vec = a + 3 * PAGE_SIZE;
	VT_EQ(sys_mincore(a, 3 * PAGE_SIZE - 1, (unsigned char __user *)vec), 0);
	VT_EQ(copy_from_user(got, (void __user *)vec, 3), 0);
	VT_CHECK(got[0] == 0 && got[1] == 1 && got[2] == 0);
	VT_EQ(sys_mincore(a + 1, PAGE_SIZE, (unsigned char __user *)vec), -EINVAL);
	VT_EQ(sys_mincore(a, PAGE_SIZE, (unsigned char __user *)8), -EFAULT);
	VT_EQ(sys_mincore(a, 5 * PAGE_SIZE, (unsigned char __user *)vec), -ENOMEM);
	VT_EQ(sys_mincore(USER_SPACE_END - PAGE_SIZE, 2 * PAGE_SIZE, (unsigned char __user *)vec),
	      -ENOMEM);
	VT_EQ(sys_madvise(a, PAGE_SIZE, 12345), -EINVAL);
	/* brk without a loader: the break stays 0. */
	VT_EQ(sys_brk(0x1000000), 0);
	vm_set_brk_start(mm, 0x1000000);
	VT_EQ(sys_brk(0x1002000), 0x1002000);
	VT_EQ(sys_brk(0), 0x1002000);
	VT_EQ(sys_munmap(a, 4 * PAGE_SIZE), 0);
	VT_EQ(sys_munmap(a, 0), -EINVAL);
	return 0;
}

KTEST(vm_syscalls)
{
	vt_run(syscalls_body);
}
