/*
 * Tests of the page-table operations (kernel/mm/paging.c): map, walk,
 * protect, unmap on a kernel range nobody else uses; the kernel image's
 * permissions; splitting a large page of the direct map; a user address
 * space made and destroyed.
 */
#include <kernel/boot.h>
#include <kernel/errno.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/paging.h>
#include <string.h>

/* Between the end of vmalloc space and the kernel image: never used. */
#define TEST_VA 0xfffff00000000000UL
#define TEST_PAGES 8

static int test_data_word = 1;   /* in .data */

KTEST(mm_paging_map)
{
	struct page *p = alloc_pages(GFP_KERNEL, 3);
	phys_addr_t pa, got;
	u64 *va = (u64 *)TEST_VA, *direct;
	u64 want_nx = cpu_has_nx ? PTE_NX : 0;

	KT_ASSERT(p);
	pa = page_to_phys(p);
	direct = page_address(p);
	KT_ASSERT(paging_walk(kernel_pml4, TEST_VA, false) == NULL);
	KT_ASSERT_EQ(paging_map(kernel_pml4, TEST_VA, pa, TEST_PAGES * PAGE_SIZE, PAGE_KERNEL), 0);
	for (int i = 0; i < TEST_PAGES; i++) {
		pte_t *pte = paging_walk(kernel_pml4, TEST_VA + i * PAGE_SIZE, false);

		KT_ASSERT(pte);
		KT_ASSERT_EQ(*pte & PTE_ADDR_MASK, pa + i * PAGE_SIZE);
		KT_ASSERT((*pte & (PTE_P | PTE_W | PTE_G | PTE_U | PTE_NX)) ==
			  (PTE_P | PTE_W | PTE_G | want_nx));
	}
	/* Same memory through both mappings. */
	va[0] = 0xabcdef;
	va[TEST_PAGES * 512 - 1] = 0x123;
	KT_ASSERT(direct[0] == 0xabcdef && direct[TEST_PAGES * 512 - 1] == 0x123);
	KT_ASSERT_EQ(paging_virt_to_phys(kernel_pml4, TEST_VA + 5 * PAGE_SIZE + 123, &got), 0);
	KT_ASSERT_EQ(got, pa + 5 * PAGE_SIZE + 123);

	/* Read-only, then back. */
	KT_ASSERT_EQ(paging_protect(kernel_pml4, TEST_VA, TEST_PAGES * PAGE_SIZE, PAGE_KERNEL_RO), 0);
	for (int i = 0; i < TEST_PAGES; i++) {
		pte_t *pte = paging_walk(kernel_pml4, TEST_VA + i * PAGE_SIZE, false);

		KT_ASSERT(pte && (*pte & PTE_P) && !(*pte & PTE_W));
		KT_ASSERT_EQ(*pte & PTE_ADDR_MASK, pa + i * PAGE_SIZE);
	}
	KT_ASSERT(va[0] == 0xabcdef);
	KT_ASSERT_EQ(paging_protect(kernel_pml4, TEST_VA, PAGE_SIZE, PAGE_KERNEL), 0);
	va[1] = 7;
	KT_ASSERT(direct[1] == 7);

	/* Unmap the middle, then everything. */
	KT_ASSERT_EQ(paging_unmap(kernel_pml4, TEST_VA + 2 * PAGE_SIZE, 2 * PAGE_SIZE), 2);
	KT_ASSERT(paging_walk(kernel_pml4, TEST_VA + 2 * PAGE_SIZE, false) == NULL);
	KT_ASSERT(paging_walk(kernel_pml4, TEST_VA + 4 * PAGE_SIZE, false) != NULL);
	KT_ASSERT_EQ(paging_protect(kernel_pml4, TEST_VA, TEST_PAGES * PAGE_SIZE, PAGE_KERNEL),
		     -EFAULT);
	KT_ASSERT_EQ(paging_virt_to_phys(kernel_pml4, TEST_VA + 3 * PAGE_SIZE, &got), -EFAULT);
	KT_ASSERT_EQ(paging_unmap(kernel_pml4, TEST_VA, TEST_PAGES * PAGE_SIZE), TEST_PAGES - 2);
	KT_ASSERT_EQ(paging_unmap(kernel_pml4, TEST_VA, TEST_PAGES * PAGE_SIZE), 0);
	/* A big empty range is skipped level by level, not page by page. */
	KT_ASSERT_EQ(paging_unmap(kernel_pml4, TEST_VA, 1UL << 39), 0);

	KT_ASSERT_EQ(paging_map(kernel_pml4, TEST_VA + 1, pa, PAGE_SIZE, PAGE_KERNEL), -EINVAL);
	KT_ASSERT_EQ(paging_map(kernel_pml4, 0x0000900000000000UL, pa, PAGE_SIZE, PAGE_KERNEL),
		     -EINVAL);   /* not canonical */
	free_pages(p, 3);
}

KTEST(mm_paging_kernel_image)
{
	pte_t *text = paging_walk(kernel_pml4, (unsigned long)_text, false);
	pte_t *ro = paging_walk(kernel_pml4, (unsigned long)_rodata, false);
	pte_t *data = paging_walk(kernel_pml4, (unsigned long)&test_data_word, false);
	pte_t *bss = paging_walk(kernel_pml4, (unsigned long)_ebss - 1, false);
	u64 nx = cpu_has_nx ? PTE_NX : 0;

	KT_ASSERT(text && ro && data && bss);
	KT_ASSERT((*text & (PTE_W | PTE_NX)) == 0);
	KT_ASSERT((*ro & (PTE_W | PTE_NX)) == nx);
	KT_ASSERT((*data & (PTE_W | PTE_NX)) == (PTE_W | nx));
	KT_ASSERT((*bss & (PTE_W | PTE_NX)) == (PTE_W | nx));
	KT_ASSERT(!(*text & PTE_PS) && !(*data & PTE_PS));
	/* Nothing past the image, nothing at low addresses. */
	KT_ASSERT(paging_walk(kernel_pml4, ALIGN_UP((unsigned long)_kernel_end, PAGE_SIZE), false) == NULL);
	KT_ASSERT(paging_walk(kernel_pml4, 0x100000, false) == NULL);
	KT_ASSERT(paging_walk(kernel_pml4, (unsigned long)_kernel_phys_start, false) == NULL);
	/* The whole kernel half exists in the PML4. */
	for (int i = 256; i < 512; i++)
		KT_ASSERT(kernel_pml4[i] & PTE_P);
}

KTEST(mm_paging_direct_map)
{
	struct page *p = alloc_pages(GFP_KERNEL, 1);
	unsigned long a, b;
	phys_addr_t got;
	pte_t *pa_, *pb;

	KT_ASSERT(p);
	a = (unsigned long)page_address(p);
	b = a + PAGE_SIZE;
	KT_ASSERT_EQ(paging_virt_to_phys(kernel_pml4, a + 42, &got), 0);
	KT_ASSERT_EQ(got, page_to_phys(p) + 42);
	/* The last frame of RAM is mapped too. */
	KT_ASSERT_EQ(paging_virt_to_phys(kernel_pml4,
					 (unsigned long)phys_to_virt(max_phys_addr - 8), &got), 0);
	KT_ASSERT_EQ(got, max_phys_addr - 8);

	/* Protecting one page splits whatever large page covers it; the
	 * neighbour keeps its attributes. */
	KT_ASSERT_EQ(paging_protect(kernel_pml4, a, PAGE_SIZE, PAGE_KERNEL_RO), 0);
	pa_ = paging_walk(kernel_pml4, a, false);
	pb = paging_walk(kernel_pml4, b, false);
	KT_ASSERT(pa_ && pb);
	KT_ASSERT(!(*pa_ & PTE_W) && !(*pa_ & PTE_PS));
	KT_ASSERT(*pb & PTE_W);
	KT_ASSERT_EQ(paging_protect(kernel_pml4, a, PAGE_SIZE, PAGE_KERNEL), 0);
	*(volatile u64 *)a = 1;
	free_pages(p, 1);
}

KTEST(mm_paging_user_pml4)
{
	u64 free_before = pmm_free_pages();
	u64 *pml4 = paging_create_pml4();
	struct page *p = alloc_page(GFP_KERNEL);
	pte_t *pte;

	KT_ASSERT(pml4 && p);
	for (int i = 256; i < 512; i++)
		KT_ASSERT(pml4[i] == kernel_pml4[i]);
	for (int i = 0; i < 256; i++)
		KT_ASSERT(pml4[i] == 0);
	KT_ASSERT_EQ(paging_map(pml4, 0x400000, page_to_phys(p), PAGE_SIZE,
				PTE_P | PTE_W | PTE_U | PTE_NX), 0);
	KT_ASSERT_EQ(paging_map(pml4, 0x7ffffffff000UL, page_to_phys(p), PAGE_SIZE,
				PTE_P | PTE_U), 0);
	/* Intermediate levels of user mappings must allow user access. */
	KT_ASSERT((pml4[0] & (PTE_P | PTE_U | PTE_W)) == (PTE_P | PTE_U | PTE_W));
	pte = paging_walk(pml4, 0x400000, false);
	KT_ASSERT(pte && (*pte & PTE_U) && (*pte & PTE_W));
	pte = paging_walk(pml4, 0x7ffffffff000UL, false);
	KT_ASSERT(pte && (*pte & PTE_U) && !(*pte & PTE_W));
	/* Nothing leaked into the shared kernel half or kernel_pml4. */
	KT_ASSERT(paging_walk(kernel_pml4, 0x400000, false) == NULL);
	KT_ASSERT_EQ(paging_map(pml4, 0x7ffffffff000UL, page_to_phys(p), 2 * PAGE_SIZE, PTE_P),
		     -EINVAL);   /* crosses the end of user space */
	paging_destroy_pml4(pml4);
	free_page(p);
	KT_ASSERT_EQ(pmm_free_pages(), free_before);
}
