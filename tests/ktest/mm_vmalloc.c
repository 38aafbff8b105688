/*
 * Tests of vmalloc, kernel stacks and ioremap (kernel/mm/vmalloc.c). Guard
 * pages are checked through the page tables (paging_walk), never by
 * touching them.
 */
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/paging.h>
#include <kernel/printk.h>
#include <string.h>

static u64 test_rand(u64 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static bool mapped(const void *va)
{
	pte_t *pte = paging_walk(kernel_pml4, (unsigned long)va, false);

	return pte && (*pte & PTE_P);
}

/* Write a word every 256 bytes, read all back. */
static bool fill_and_check(u8 *p, size_t size, u64 tag)
{
	for (size_t off = 0; off + 8 <= size; off += 256)
		*(u64 *)(p + off) = tag ^ off;
	for (size_t off = 0; off + 8 <= size; off += 256)
		if (*(u64 *)(p + off) != (tag ^ off))
			return false;
	return true;
}

static const char *check_area(u8 *p, size_t size)
{
	size_t mapped_size = ALIGN_UP(size, PAGE_SIZE);
	phys_addr_t pa;

	if (!is_vmalloc_addr(p) || ((unsigned long)p & (PAGE_SIZE - 1)))
		return "not a page-aligned vmalloc address";
	for (size_t off = 0; off < mapped_size; off += PAGE_SIZE) {
		pte_t *pte = paging_walk(kernel_pml4, (unsigned long)p + off, false);

		if (!pte || !(*pte & PTE_P) || !(*pte & PTE_W))
			return "a page of the area is not mapped writable";
		if (cpu_has_nx && !(*pte & PTE_NX))
			return "vmalloc memory is executable";
		if (paging_virt_to_phys(kernel_pml4, (unsigned long)p + off, &pa) < 0 ||
		    (phys_to_page(pa)->flags & (PG_free | PG_reserved)))
			return "a page of the area is free or reserved";
	}
	if (mapped(p + mapped_size))
		return "the guard page above is mapped";
	if (!vmalloc_is_guard((unsigned long)p + mapped_size))
		return "vmalloc_is_guard misses the guard page above";
	if (vmalloc_is_guard((unsigned long)p) || vmalloc_is_guard((unsigned long)p + mapped_size - 1))
		return "vmalloc_is_guard reports a usable page";
	if (!fill_and_check(p, size, (u64)p))
		return "pattern lost";
	return NULL;
}

static const size_t vsizes[] = { 1, PAGE_SIZE, 5000, 64 << 10, 1 << 20, 8 << 20 };

KTEST(mm_vmalloc_basic)
{
	u64 free_before;

	/* The first use of an address range may take page-table pages that
	 * stay; the second round of the same sizes must give back all. */
	for (int round = 0; round < 2; round++) {
		vmalloc_purge();
		free_before = pmm_free_pages();
		for (size_t i = 0; i < ARRAY_SIZE(vsizes); i++) {
			size_t size = vsizes[i];
			u8 *p = vmalloc(size);
			const char *why;

			KT_ASSERT_MSG(p, "vmalloc(%zu) failed", size);
			why = check_area(p, size);
			vfree(p);
			KT_ASSERT_MSG(!why, "vmalloc(%zu): %s", size, why);
			KT_ASSERT_MSG(!mapped(p), "vmalloc(%zu): still mapped after vfree", size);
			KT_ASSERT(!vmalloc_is_guard((unsigned long)p + ALIGN_UP(size, PAGE_SIZE)));
		}
	}
	vmalloc_purge();
	KT_ASSERT_EQ(pmm_free_pages(), free_before);

	u8 *z = vzalloc(3 * PAGE_SIZE + 1);
	KT_ASSERT(z);
	for (size_t i = 0; i < 4 * PAGE_SIZE; i++)
		KT_ASSERT(z[i] == 0);
	vfree(z);

	KT_ASSERT(vmalloc(0) == NULL);
	KT_ASSERT(vmalloc((size_t)1 << 50) == NULL);
	vfree(NULL);
	KT_ASSERT(!is_vmalloc_addr(kernel_pml4));
}

KTEST(mm_vmalloc_stack)
{
	u8 *s = vmalloc_stack(16 << 10);
	u8 *t;

	KT_ASSERT(s);
	KT_ASSERT(!mapped(s - PAGE_SIZE) && !mapped(s + (16 << 10)));
	KT_ASSERT(vmalloc_is_guard((unsigned long)s - 1));
	KT_ASSERT(vmalloc_is_guard((unsigned long)s - PAGE_SIZE));
	KT_ASSERT(vmalloc_is_guard((unsigned long)s + (16 << 10)));
	KT_ASSERT(!vmalloc_is_guard((unsigned long)s));
	KT_ASSERT(fill_and_check(s, 16 << 10, 0x5eed));
	/* A second stack does not share a guard page with the first. */
	t = vmalloc_stack(16 << 10);
	KT_ASSERT(t);
	KT_ASSERT(t >= s + (16 << 10) + 2 * PAGE_SIZE || t + (16 << 10) + 2 * PAGE_SIZE <= s);
	vfree_stack(t);
	vfree_stack(s);
	KT_ASSERT(!mapped(s));
	KT_ASSERT(!vmalloc_is_guard((unsigned long)s - 1));

	printk(KERN_INFO "mm_vmalloc_stack: freeing a non-area, a WARNING is expected:\n");
	vfree(s + PAGE_SIZE);
}

#define NAREAS 200

KTEST(mm_vmalloc_many)
{
	u8 **areas = kcalloc(NAREAS, sizeof(*areas), GFP_KERNEL);
	size_t *sizes = kcalloc(NAREAS, sizeof(*sizes), GFP_KERNEL);
	u64 seed = 987654321;
	int bad = 0;

	KT_ASSERT(areas && sizes);
	for (int i = 0; i < NAREAS; i++) {
		sizes[i] = 1 + test_rand(&seed) % (64 << 10);
		areas[i] = vmalloc(sizes[i]);
		KT_ASSERT(areas[i]);
		for (size_t off = 0; off + 8 <= sizes[i]; off += 512)
			*(u64 *)(areas[i] + off) = (u64)i << 32 | off;
	}
	/* Free every third, allocate again into the holes, check all. */
	for (int i = 0; i < NAREAS; i += 3) {
		vfree(areas[i]);
		sizes[i] = 1 + test_rand(&seed) % (32 << 10);
		areas[i] = vmalloc(sizes[i]);
		KT_ASSERT(areas[i]);
		for (size_t off = 0; off + 8 <= sizes[i]; off += 512)
			*(u64 *)(areas[i] + off) = (u64)i << 32 | off;
	}
	for (int i = 0; i < NAREAS; i++) {
		for (size_t off = 0; off + 8 <= sizes[i]; off += 512)
			if (*(u64 *)(areas[i] + off) != ((u64)i << 32 | off))
				bad++;
		if (!mapped(areas[i] + ALIGN_UP(sizes[i], PAGE_SIZE)) &&
		    !vmalloc_is_guard((unsigned long)areas[i] + ALIGN_UP(sizes[i], PAGE_SIZE)))
			bad++;
	}
	for (int i = NAREAS - 1; i >= 0; i--)
		vfree(areas[i]);
	kfree(areas);
	kfree(sizes);
	KT_ASSERT_EQ(bad, 0);
}

#define LAPIC_PHYS 0xfee00000
#define LAPIC_VERSION 0x30

KTEST(mm_ioremap)
{
	volatile u32 *lapic = ioremap(LAPIC_PHYS, PAGE_SIZE);
	volatile u32 *ver2 = ioremap(LAPIC_PHYS + LAPIC_VERSION, 4);
	struct page *p;
	u64 *ram, *alias;
	pte_t *pte;

	KT_ASSERT(lapic && ver2);
	KT_ASSERT(is_vmalloc_addr((void *)lapic));
	KT_ASSERT(((unsigned long)ver2 & (PAGE_SIZE - 1)) == LAPIC_VERSION);
	pte = paging_walk(kernel_pml4, (unsigned long)lapic, false);
	KT_ASSERT(pte && (*pte & PTE_PCD) && (*pte & PTE_PWT));
	KT_ASSERT((*pte & PTE_ADDR_MASK) == LAPIC_PHYS);
	/* The local APIC's version register: version in bits 0-7 (0x1x for
	 * an integrated APIC), the number of LVT entries - 1 in 16-23. */
	KT_ASSERT_MSG((lapic[LAPIC_VERSION / 4] & 0xf0) == 0x10, "LAPIC version %x",
		      lapic[LAPIC_VERSION / 4]);
	KT_ASSERT(*ver2 == lapic[LAPIC_VERSION / 4]);
	iounmap((void *)ver2);
	iounmap((void *)lapic);
	KT_ASSERT(!mapped((void *)lapic));

	/* An uncached alias of RAM sees what the direct map wrote. */
	p = alloc_page(GFP_KERNEL);
	KT_ASSERT(p);
	ram = page_address(p);
	ram[0] = 0x1122334455667788ULL;
	ram[511] = 0x99;
	alias = ioremap(page_to_phys(p), PAGE_SIZE);
	KT_ASSERT(alias);
	KT_ASSERT(alias[0] == 0x1122334455667788ULL && alias[511] == 0x99);
	iounmap(alias);
	free_page(p);
}
