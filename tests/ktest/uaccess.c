/*
 * copy_from_user and friends: bad addresses come back as a count of bytes
 * not copied (or -EFAULT), never as a kernel fault. A user page is mapped
 * into the current page tables for the test and removed afterwards.
 */
#include <asm/x86.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/paging.h>
#include <kernel/uaccess.h>
#include <string.h>

#define TEST_VA 0x40000000UL   /* 1 GiB: nothing maps it in the kernel's tables */

KTEST(uaccess_bad_addresses)
{
	char buf[32];

	/* Unmapped user address: the fault is fixed up. */
	KT_ASSERT_EQ(copy_from_user(buf, (void __user *)0x1000, 16), 16);
	KT_ASSERT_EQ(copy_to_user((void __user *)0x1000, buf, 16), 16);
	KT_ASSERT_EQ(clear_user((void __user *)0x1000, 16), 16);
	/* Kernel addresses are refused before any access. */
	KT_ASSERT_EQ(copy_from_user(buf, (void __user *)buf, 16), 16);
	KT_ASSERT_EQ(copy_to_user((void __user *)DIRECT_MAP_BASE, buf, 16), 16);
	/* A range that runs past the end of user space, or wraps. */
	KT_ASSERT_EQ(copy_from_user(buf, (void __user *)(USER_SPACE_END - 8), 16), 16);
	KT_ASSERT_EQ(copy_from_user(buf, (void __user *)~0UL, 16), 16);
	KT_ASSERT_EQ(strncpy_from_user(buf, (const char __user *)0x1000, 16), -EFAULT);
	KT_ASSERT_EQ(strncpy_from_user(buf, (const char __user *)KERNEL_VMA, 16), -EFAULT);
	KT_ASSERT_EQ(strnlen_user((const char __user *)0x1000, 16), 0);
	/* Zero-length copies touch nothing. */
	KT_ASSERT_EQ(copy_from_user(buf, (void __user *)0x1000, 0), 0);
}

KTEST(uaccess_mapped_page)
{
	u64 *pml4 = phys_to_virt(read_cr3() & PTE_ADDR_MASK);
	struct page *pg = alloc_page(GFP_KERNEL | __GFP_ZERO);
	char buf[64], *end = (char *)(TEST_VA + PAGE_SIZE);
	int r;

	KT_ASSERT(pg);
	r = paging_map(pml4, TEST_VA, page_to_phys(pg), PAGE_SIZE, PTE_P | PTE_W | PTE_U | PTE_NX);
	if (r) {
		free_page(pg);
		KT_ASSERT_EQ(r, 0);
	}
	memset(buf, 'x', sizeof(buf));
	KT_ASSERT_EQ(copy_to_user((void __user *)TEST_VA, buf, sizeof(buf)), 0);
	KT_ASSERT(!memcmp(page_address(pg), buf, sizeof(buf)));
	memset(buf, 0, sizeof(buf));
	KT_ASSERT_EQ(copy_from_user(buf, (void __user *)TEST_VA, 8), 0);
	KT_ASSERT(buf[0] == 'x' && buf[7] == 'x');

	/* A copy that runs off the mapped page stops there: 16 of 48 left. */
	KT_ASSERT_EQ(copy_to_user((void __user *)(end - 32), buf, 48), 16);
	KT_ASSERT_EQ(copy_from_user(buf, (void __user *)(end - 32), 48), 16);

	/* Copies of 64 bytes and more go by 64-byte blocks: a fault inside a
	 * block still leaves an exact count, and the bytes before the fault
	 * are copied. */
	{
		static char big[512];
		static const struct { unsigned start, len, left; } cases[] = {
			{ 100, 200, 100 }, { 37, 300, 263 }, { 128, 128, 0 },
			{ 128, 129, 1 }, { 64, 65, 1 }, { 200, 64, 0 }, { 1, 64, 63 },
		};

		for (unsigned i = 0; i < sizeof(big); i++)
			big[i] = (char)i;
		for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			char *at = end - cases[i].start;
			unsigned done = cases[i].len - cases[i].left;

			memset(page_address(pg), 0, PAGE_SIZE);
			KT_ASSERT_EQ(copy_to_user((void __user *)at, big, cases[i].len), cases[i].left);
			KT_ASSERT(!memcmp((char *)page_address(pg) + PAGE_SIZE - cases[i].start, big, done));
			memset(big, 0, sizeof(big));
			KT_ASSERT_EQ(copy_from_user(big, (void __user *)at, cases[i].len), cases[i].left);
			for (unsigned j = 0; j < sizeof(big); j++)
				big[j] = (char)j;
		}
		/* The same bytes back, by a long copy that ends on the page's last byte. */
		memcpy((char *)page_address(pg) + PAGE_SIZE - 300, big, 300);
		memset(big, 0, sizeof(big));
		KT_ASSERT_EQ(copy_from_user(big, (void __user *)(end - 300), 300), 0);
		for (unsigned j = 0; j < 300; j++)
			KT_ASSERT(big[j] == (char)j);
	}

	/* Strings: terminated inside, too long, running off the page. */
	strcpy((char *)page_address(pg), "hello");
	KT_ASSERT_EQ(strncpy_from_user(buf, (const char __user *)TEST_VA, sizeof(buf)), 5);
	KT_ASSERT(!strcmp(buf, "hello"));
	KT_ASSERT_EQ(strncpy_from_user(buf, (const char __user *)TEST_VA, 3), 3);
	KT_ASSERT_EQ(strnlen_user((const char __user *)TEST_VA, 64), 6);
	memset((char *)page_address(pg) + PAGE_SIZE - 4, 'a', 4);
	KT_ASSERT_EQ(strncpy_from_user(buf, (const char __user *)(end - 4), 16), -EFAULT);
	KT_ASSERT_EQ(clear_user((void __user *)(end - 8), 8), 0);
	KT_ASSERT(((char *)page_address(pg))[PAGE_SIZE - 1] == 0);

	paging_unmap(pml4, TEST_VA, PAGE_SIZE);
	flush_tlb_kernel_range(TEST_VA, TEST_VA + PAGE_SIZE);
	free_page(pg);
	KT_ASSERT_EQ(copy_from_user(buf, (void __user *)TEST_VA, 8), 8);
}
