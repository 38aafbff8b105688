/*
 * Tests of the page allocator (kernel/mm/page_alloc.c): every order with
 * content patterns, zone and zeroing flags, merging of freed buddies, and
 * running memory dry and back. A test that takes memory gives all of it
 * back before it checks anything, so a failure does not starve the tests
 * after it.
 */
#include <kernel/boot.h>
#include <kernel/ktest.h>
#include <kernel/list.h>
#include <kernel/mm.h>
#include <kernel/paging.h>
#include <kernel/printk.h>
#include <string.h>

static u64 test_rand(u64 *s)
{
	/* xorshift64: enough to scramble orders and sizes. */
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Fill a block with a pattern derived from its address, so that two blocks
 * handed out twice would show up as a mismatch. */
static void block_fill(struct page *p, unsigned order)
{
	u64 *w = page_address(p);
	u64 seed = page_to_phys(p);

	for (size_t i = 0; i < (PAGE_SIZE << order) / 8; i += 61)
		w[i] = seed ^ (i * 0x9e3779b97f4a7c15ULL);
}

static bool block_check(struct page *p, unsigned order)
{
	u64 *w = page_address(p);
	u64 seed = page_to_phys(p);

	for (size_t i = 0; i < (PAGE_SIZE << order) / 8; i += 61)
		if (w[i] != (seed ^ (i * 0x9e3779b97f4a7c15ULL)))
			return false;
	return true;
}

#define PER_ORDER 3

KTEST(mm_buddy_orders)
{
	struct page *blocks[MAX_ORDER][PER_ORDER];
	u64 free_before = pmm_free_pages();
	int bad_align = -1, bad_head = -1, bad_content = -1, missing = 0;

	memset(blocks, 0, sizeof(blocks));
	for (unsigned o = 0; o < MAX_ORDER; o++) {
		for (int i = 0; i < PER_ORDER; i++) {
			struct page *p = alloc_pages(GFP_KERNEL, o);

			blocks[o][i] = p;
			if (!p) {
				missing++;
				continue;
			}
			if (page_to_phys(p) & ((PAGE_SIZE << o) - 1))
				bad_align = o;
			if (o && !(p->flags & PG_head))
				bad_head = o;
			block_fill(p, o);
		}
	}
	for (unsigned o = 0; o < MAX_ORDER; o++)
		for (int i = 0; i < PER_ORDER; i++)
			if (blocks[o][i] && !block_check(blocks[o][i], o))
				bad_content = o;
	/* Free in a different order than allocated: odd ones first. */
	for (int pass = 0; pass < 2; pass++)
		for (unsigned o = 0; o < MAX_ORDER; o++)
			for (int i = pass; i < PER_ORDER; i += 2)
				free_pages(blocks[o][i], o);

	KT_ASSERT_EQ(missing, 0);
	KT_ASSERT_MSG(bad_align < 0, "misaligned block of order %d", bad_align);
	KT_ASSERT_MSG(bad_head < 0, "no PG_head on order %d", bad_head);
	KT_ASSERT_MSG(bad_content < 0, "pattern of an order-%d block overwritten", bad_content);
	KT_ASSERT_EQ(pmm_free_pages(), free_before);
	KT_ASSERT(alloc_pages(GFP_KERNEL, MAX_ORDER) == NULL);
}

KTEST(mm_buddy_flags)
{
	struct page *p;
	u8 *b;
	bool zero = true;

	/* __GFP_ZERO over a dirtied block. */
	p = alloc_pages(GFP_KERNEL, 2);
	KT_ASSERT(p);
	memset(page_address(p), 0xa5, 4 * PAGE_SIZE);
	free_pages(p, 2);
	p = alloc_pages(GFP_KERNEL | __GFP_ZERO, 2);
	KT_ASSERT(p);
	b = page_address(p);
	for (size_t i = 0; i < 4 * PAGE_SIZE; i++)
		if (b[i])
			zero = false;
	free_pages(p, 2);
	KT_ASSERT(zero);

	/* __GFP_DMA32: below 4 GiB, every time. */
	for (int i = 0; i < 64; i++) {
		p = alloc_pages(GFP_KERNEL | __GFP_DMA32, i % 4);
		KT_ASSERT(p);
		KT_ASSERT_MSG(page_to_phys(p) + (PAGE_SIZE << (i % 4)) <= 0x100000000ULL,
			      "DMA32 page at %llx", (unsigned long long)page_to_phys(p));
		free_pages(p, i % 4);
	}

	/* Helpers agree with each other. */
	p = alloc_page(GFP_KERNEL);
	KT_ASSERT(p);
	KT_ASSERT(virt_to_page(page_address(p)) == p);
	KT_ASSERT(phys_to_page(page_to_phys(p)) == p);
	KT_ASSERT(page_to_phys(p) < max_phys_addr);
	free_page(p);
	void *v = get_free_pages(GFP_KERNEL, 1);
	KT_ASSERT(v && ((unsigned long)v & (2 * PAGE_SIZE - 1)) == 0);
	free_pages_addr(v, 1);

	/* The kernel image and the first MiB are never free. */
	KT_ASSERT(virt_to_page(_text)->flags & PG_reserved);
	KT_ASSERT(phys_to_page(0)->flags & PG_reserved);
	KT_ASSERT(pmm_free_pages() <= pmm_total_pages());
}

/* How many blocks of the largest order can be had right now. They are
 * chained through their struct page: touching the memory itself would make
 * QEMU populate all of guest RAM. */
static u64 count_max_blocks(void)
{
	LIST_HEAD(held);
	struct page *p, *tmp;
	u64 n = 0;

	while ((p = alloc_pages(GFP_KERNEL, MAX_ORDER - 1))) {
		list_add(&p->lru, &held);
		n++;
	}
	list_for_each_entry_safe(p, tmp, &held, lru) {
		list_del(&p->lru);
		free_pages(p, MAX_ORDER - 1);
	}
	return n;
}

#define MIX_BLOCKS 3000

KTEST(mm_buddy_coalesce)
{
	struct page **blocks = vzalloc(MIX_BLOCKS * sizeof(*blocks));
	u8 *orders = vzalloc(MIX_BLOCKS);
	u64 seed = 12345, before, after, free_before, free_after;
	int got = 0;

	KT_ASSERT(blocks && orders);
	before = count_max_blocks();
	free_before = pmm_free_pages();
	/* Small blocks of mixed orders split the big ones... */
	for (int i = 0; i < MIX_BLOCKS; i++) {
		orders[i] = test_rand(&seed) % 5;
		blocks[i] = alloc_pages(GFP_KERNEL, orders[i]);
		if (blocks[i])
			got++;
	}
	/* ...and freed in random order must merge back into them. */
	for (int i = MIX_BLOCKS - 1; i > 0; i--) {
		int j = test_rand(&seed) % (i + 1);
		struct page *tp = blocks[i];
		u8 to = orders[i];

		blocks[i] = blocks[j];
		orders[i] = orders[j];
		blocks[j] = tp;
		orders[j] = to;
	}
	for (int i = 0; i < MIX_BLOCKS; i++)
		free_pages(blocks[i], orders[i]);
	after = count_max_blocks();
	free_after = pmm_free_pages();
	vfree(blocks);
	vfree(orders);

	KT_ASSERT(got > MIX_BLOCKS / 2);
	KT_ASSERT_EQ(free_after, free_before);
	KT_ASSERT_MSG(after == before, "%llu blocks of order %d before, %llu after",
		      (unsigned long long)before, MAX_ORDER - 1, (unsigned long long)after);
}

KTEST(mm_buddy_exhaust)
{
	struct list_head held[MAX_ORDER];
	u64 free_before = pmm_free_pages(), pages = 0, bad = 0;
	bool ran_dry;

	/* Largest blocks first, so that even 4 GiB takes few allocations;
	 * then each smaller order picks up what is left, down to single
	 * pages. The blocks are chained through their struct page, not their
	 * contents: first writes to guest RAM are slow under QEMU, and
	 * mm_buddy_orders checks contents already. */
	for (int o = MAX_ORDER - 1; o >= 0; o--) {
		struct page *p;

		INIT_LIST_HEAD(&held[o]);
		while ((p = alloc_pages(GFP_KERNEL, o))) {
			if (page_to_phys(p) & ((PAGE_SIZE << o) - 1) || page_to_phys(p) >= max_phys_addr)
				bad++;
			list_add(&p->lru, &held[o]);
			pages += 1UL << o;
		}
	}
	ran_dry = alloc_pages(GFP_ATOMIC, 0) == NULL && pmm_free_pages() == 0;

	for (int o = 0; o < MAX_ORDER; o++) {
		struct page *p, *tmp;

		list_for_each_entry_safe(p, tmp, &held[o], lru) {
			list_del(&p->lru);
			free_pages(p, o);
		}
	}
	printk(KERN_INFO "mm_buddy_exhaust: %llu pages (%llu MiB) allocated before running dry\n",
	       (unsigned long long)pages, (unsigned long long)(pages >> 8));

	KT_ASSERT_MSG(ran_dry, "memory did not run dry");
	KT_ASSERT_EQ(bad, 0);
	KT_ASSERT_EQ(pages, free_before);
	KT_ASSERT_EQ(pmm_free_pages(), free_before);
}

KTEST(mm_buddy_low)
{
	phys_addr_t a = pmm_alloc_low(PAGE_SIZE);

	/* The SMP trampoline took one already; there are plenty more. */
	KT_ASSERT(a);
	KT_ASSERT(a >= PAGE_SIZE && a + PAGE_SIZE <= 0x100000);
	KT_ASSERT((a & (PAGE_SIZE - 1)) == 0);
	KT_ASSERT(phys_to_page(a)->flags & PG_reserved);
	KT_ASSERT(pmm_alloc_low(PAGE_SIZE) != a);
	KT_ASSERT(pmm_alloc_low(2 * 0x100000) == 0);
}

KTEST(mm_buddy_release_guard)
{
	u64 total = pmm_total_pages(), free = pmm_free_pages();

	/* Only boot modules may be released: the kernel image, the first MiB
	 * and firmware memory stay reserved whatever the caller asks. */
	pmm_release_range(virt_to_phys(_text), virt_to_phys(_kernel_end));
	pmm_release_range(0, 0x100000);
	KT_ASSERT_EQ(pmm_total_pages(), total);
	KT_ASSERT(pmm_free_pages() <= free + 64);   /* others may free meanwhile */
	KT_ASSERT(virt_to_page(_text)->flags & PG_reserved);
}
