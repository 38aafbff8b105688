/*
 * The vDSO's mappings (kernel/proc/vdso.c over kernel/mm/vm_special.c):
 * [vvar] then [vdso] back to back, named in the VMA walk, the image's ELF
 * header readable and its pages shared by every mm and never writable
 * (mprotect EACCES, a write through vm_access fails); fork refaults both;
 * mremap moves them and munmap drops them cleanly. And the data page: a
 * change of the realtime clock is published with the sequence counter
 * advanced by two (even: stable) and the new offset.
 * With vdso=0 on the command line there is nothing to map: the tests pass
 * after checking that vdso_map says so.
 */
#include <kernel/clock.h>
#include <kernel/vdso.h>
#include <string.h>

#include "kernel/arch/x86_64/vdso/vvar.h"
#include "vm_test.h"

#define PROT_R (LINUX_PROT_READ)

struct names {
	unsigned long vvar, vvar_end, vdso, vdso_end;
	int count;
};

static int collect(const struct vma_info *v, void *arg)
{
	struct names *n = arg;

	if (!v->name)
		return 0;
	n->count++;
	if (!strcmp(v->name, "[vvar]")) {
		n->vvar = v->start;
		n->vvar_end = v->end;
	} else if (!strcmp(v->name, "[vdso]")) {
		n->vdso = v->start;
		n->vdso_end = v->end;
	}
	return 0;
}

static int map_body(struct mm *mm)
{
	long base = vdso_map(mm);
	struct names n = { 0 };
	struct mm *child;
	char magic[4], cmagic[4];
	u64 w = 0;
	long moved;

	VT_CHECK(base >= 0);
	if (!base)
		return 0;      /* vdso=0 */
	VT_EQ(vm_for_each_vma(mm, collect, &n), 0);
	VT_EQ(n.count, 2);
	VT_EQ(n.vdso, base);
	VT_EQ(n.vvar_end, n.vdso);
	VT_EQ(n.vvar_end - n.vvar, PAGE_SIZE);
	VT_CHECK(n.vdso_end < mm->mmap_base + 1 && n.vdso_end > n.vdso);

	VT_EQ(vm_access(mm, base, magic, 4, false), 4);
	VT_CHECK(!memcmp(magic, "\177ELF", 4));
	VT_EQ(vt_get(n.vvar, &w), 0);          /* readable: seq and clock_mode */
	VT_EQ(w & 1, 0);                       /* seq even: stable */

	/* Never writable, whatever is asked. */
	VT_EQ(vm_access(mm, base, "XXXX", 4, true), -EFAULT);
	VT_EQ(vt_put(n.vvar, 0), -1);
	VT_EQ(vm_mprotect(mm, base, PAGE_SIZE, PROT_RW), -EACCES);
	VT_EQ(vm_mprotect(mm, n.vvar, PAGE_SIZE, PROT_R | LINUX_PROT_EXEC), -EACCES);
	VT_EQ(vm_mprotect(mm, base, PAGE_SIZE, PROT_R), 0);    /* drops exec: allowed */
	VT_CHECK(!(vt_pte(mm, base) & PTE_W));

	/* fork: the child has both, over the same pages. */
	child = mm_fork(mm);
	VT_CHECK(child);
	VT_EQ(vm_access(child, base, cmagic, 4, false), 4);
	VT_CHECK(!memcmp(cmagic, "\177ELF", 4));
	VT_CHECK(vt_page(child, base) == vt_page(mm, base));
	VT_EQ(vm_munmap(child, n.vvar, n.vdso_end - n.vvar), 0);
	n.count = 0;
	VT_EQ(vm_for_each_vma(child, collect, &n), 0);
	VT_EQ(n.count, 0);
	mm_put(child);

	/* mremap: both move together and still read. */
	n.count = 0;
	VT_EQ(vm_for_each_vma(mm, collect, &n), 0);
	moved = vt_mmap(mm, 0, n.vdso_end - n.vvar, PROT_R, MAP_PA);
	VT_CHECK(moved > 0);
	VT_EQ(vm_mremap(mm, n.vvar, PAGE_SIZE, PAGE_SIZE, LINUX_MREMAP_MAYMOVE | LINUX_MREMAP_FIXED,
			moved), moved);
	VT_EQ(vm_mremap(mm, n.vdso, n.vdso_end - n.vdso, n.vdso_end - n.vdso,
			LINUX_MREMAP_MAYMOVE | LINUX_MREMAP_FIXED, moved + PAGE_SIZE),
	      moved + (long)PAGE_SIZE);
	VT_EQ(vm_access(mm, moved + PAGE_SIZE, magic, 4, false), 4);
	VT_CHECK(!memcmp(magic, "\177ELF", 4));
	/* Grown past its pages: the new part is SIGBUS, not the kernel's problem. */
	VT_EQ(vm_mremap(mm, moved + PAGE_SIZE, n.vdso_end - n.vdso, 64 * PAGE_SIZE,
			LINUX_MREMAP_MAYMOVE, 0) > 0, 1);
	VT_EQ(vm_munmap(mm, moved, PAGE_SIZE), 0);
	return 0;
}

KTEST(proc_vdso_map)
{
	vt_run(map_body);
}

static int clock_body(struct mm *mm)
{
	long base = vdso_map(mm);
	struct vdso_data before, after;
	unsigned long vvar = base - PAGE_SIZE;

	VT_CHECK(base >= 0);
	if (!base)
		return 0;
	VT_EQ(vm_access(mm, vvar, &before, sizeof(before), false), (long)sizeof(before));
	VT_EQ(before.seq & 1, 0);
	VT_EQ(before.clock_mode, VDSO_CLOCK_TSC);
	VT_CHECK(before.tsc_mult != 0);
	VT_EQ(before.coarse_ns, CLOCK_COARSE_NS);
	/* Set the clock one second ahead and back: each publishes. */
	ktime_set_real_ns(ktime_get_real_ns() + NSEC_PER_SEC);
	VT_EQ(vm_access(mm, vvar, &after, sizeof(after), false), (long)sizeof(after));
	ktime_set_real_ns(ktime_get_real_ns() - NSEC_PER_SEC);
	VT_EQ(after.seq, before.seq + 2);
	VT_CHECK(after.realtime_offset - before.realtime_offset > (s64)(NSEC_PER_SEC / 2));
	VT_CHECK(after.realtime_offset - before.realtime_offset < (s64)(2 * NSEC_PER_SEC));
	VT_EQ(after.tsc_mult, before.tsc_mult);
	return 0;
}

KTEST(proc_vdso_clock)
{
	vt_run(clock_body);
}
