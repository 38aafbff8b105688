/*
 * Physical page allocator: a binary buddy system over every usable frame.
 *
 * Each frame has a struct page in mem_map[], one array indexed by frame
 * number from physical 0 to max_phys_addr, placed in usable RAM below 4 GiB
 * (so the boot page tables reach it) and used through the direct map. The
 * allocator never touches the frames themselves: free lists run through
 * struct page, so frames above 4 GiB can be managed before the direct map
 * covers them.
 *
 * Free blocks of 2^order frames (order < MAX_ORDER) sit on per-order lists;
 * the head page carries PG_buddy and its order, and every page of a free
 * block carries PG_free so that freeing any of them again is caught (WARN,
 * nothing changed) instead of corrupting the lists. A freed block merges with
 * its buddy (the block whose frame number differs in bit `order`) as long as
 * that buddy is free and whole.
 *
 * Two zones, DMA32 (below 4 GiB) and NORMAL, each with its own lists: blocks
 * never straddle 4 GiB because 4 GiB is aligned to the largest block.
 * Requests without __GFP_DMA32 take NORMAL first so low memory stays
 * available for those that need it.
 *
 * Order-0 pages also go through small per-CPU lists (pcp), refilled from and
 * drained to the buddy lists in batches, so the common single-page case
 * touches no shared cache line. A pcp list has its own lock, normally taken
 * only by its CPU, so any CPU can drain all of them when memory runs low.
 *
 * Reserved at boot, never handed out: everything the firmware did not call
 * usable, the first MiB (pmm_alloc_low hands out pieces of it), the kernel
 * image, the boot modules (initramfs) and mem_map itself.
 */
#include <kernel/boot.h>
#include <kernel/clock.h>
#include <kernel/compiler.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/panic.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/spinlock.h>
#include <string.h>

#include "internal.h"

#define LOW_MEM_END     0x100000ULL              /* 1 MiB */
#define DMA32_END_PFN   (0x100000000ULL >> PAGE_SHIFT)

#define ZONE_DMA32  0
#define ZONE_NORMAL 1
#define NR_ZONES    2

struct page *mem_map;
u64 mem_map_pages;
phys_addr_t max_phys_addr;
u64 pmm_usable_bytes;

struct free_area {
	struct list_head blocks;   /* heads of free blocks of this order; buddy_lock */
	u64 nr;                    /* blocks on the list; buddy_lock */
};

struct zone {
	struct free_area area[MAX_ORDER];   /* buddy_lock */
	u64 nr_free;                        /* pages on the lists above; buddy_lock */
};

static struct zone zones[NR_ZONES];
static DEFINE_SPINLOCK(buddy_lock);

#define PCP_BATCH 31    /* pages moved between a pcp list and the buddy at once */
#define PCP_HIGH  127   /* a pcp list above this gives a batch back */

struct pcp_list {
	spinlock_t lock;            /* taken with interrupts off; guards the fields below */
	struct list_head pages;     /* order-0 pages, PG_free set, PG_buddy clear */
	unsigned count;
} __aligned(64);

static struct pcp_list pcp[MAX_CPUS];

/* Frames managed (handed to the allocator at boot or released later). */
static u64 nr_total_pages;
/* Frames free in buddy lists and pcp lists together; atomic. */
static u64 nr_free_pages;
/* Until paging_init has mapped all RAM, only frames below 4 GiB can be
 * reached through the direct map, so every request is served from DMA32. */
static bool high_enabled;

static inline struct zone *pfn_zone(u64 pfn)
{
	return &zones[pfn >= DMA32_END_PFN ? ZONE_NORMAL : ZONE_DMA32];
}

phys_addr_t page_to_phys(const struct page *p)
{
	return (phys_addr_t)page_pfn(p) << PAGE_SHIFT;
}

struct page *phys_to_page(phys_addr_t pa)
{
	u64 pfn = pa >> PAGE_SHIFT;

	if (pfn >= mem_map_pages)
		return NULL;
	return &mem_map[pfn];
}

void *page_address(const struct page *p)
{
	return phys_to_virt(page_to_phys(p));
}

struct page *virt_to_page(const void *addr)
{
	unsigned long a = (unsigned long)addr;

	if (a >= KERNEL_VMA)
		return phys_to_page(a - KERNEL_VMA);
	if (a >= DIRECT_MAP_BASE && a < DIRECT_MAP_BASE + DIRECT_MAP_SIZE)
		return phys_to_page(a - DIRECT_MAP_BASE);
	return NULL;
}

u64 pmm_total_pages(void)
{
	return __atomic_load_n(&nr_total_pages, __ATOMIC_RELAXED);
}

u64 pmm_free_pages(void)
{
	return __atomic_load_n(&nr_free_pages, __ATOMIC_RELAXED);
}

/* Buddy lists. Callers hold buddy_lock. */

static void buddy_list_add(struct zone *z, struct page *p, unsigned order)
{
	p->flags |= PG_buddy;
	p->order = order;
	list_add(&p->lru, &z->area[order].blocks);
	z->area[order].nr++;
	z->nr_free += 1UL << order;
}

static void buddy_list_del(struct zone *z, struct page *p, unsigned order)
{
	list_del(&p->lru);
	p->flags &= ~PG_buddy;
	z->area[order].nr--;
	z->nr_free -= 1UL << order;
}

/* Put a block whose pages are all marked PG_free back, merging upwards. */
static void buddy_free_block(u64 pfn, unsigned order)
{
	struct zone *z = pfn_zone(pfn);

	while (order < MAX_ORDER - 1) {
		u64 buddy = pfn ^ (1UL << order);
		struct page *b;

		if (buddy >= mem_map_pages)
			break;
		b = &mem_map[buddy];
		if (!(b->flags & PG_buddy) || b->order != order)
			break;
		buddy_list_del(z, b, order);
		pfn &= ~(1UL << order);
		order++;
	}
	buddy_list_add(z, &mem_map[pfn], order);
}

/* Take a block of exactly 2^order pages from z, splitting a larger one;
 * the upper halves split off go back on the lists. */
static struct page *buddy_take(struct zone *z, unsigned order)
{
	for (unsigned o = order; o < MAX_ORDER; o++) {
		struct page *p;

		if (list_empty(&z->area[o].blocks))
			continue;
		p = list_first_entry(&z->area[o].blocks, struct page, lru);
		buddy_list_del(z, p, o);
		while (o > order) {
			o--;
			buddy_list_add(z, p + (1UL << o), o);
		}
		return p;
	}
	return NULL;
}

static struct page *buddy_take_gfp(gfp_t gfp, unsigned order)
{
	struct page *p = NULL;

	if (!(gfp & __GFP_DMA32))
		p = buddy_take(&zones[ZONE_NORMAL], order);
	if (!p)
		p = buddy_take(&zones[ZONE_DMA32], order);
	return p;
}

/* Per-CPU order-0 lists. */

/* Give n pages of pc back to the buddy lists. Caller holds pc->lock. */
static void pcp_give_back(struct pcp_list *pc, unsigned n)
{
	spin_lock(&buddy_lock);
	while (n-- && !list_empty(&pc->pages)) {
		struct page *p = list_first_entry(&pc->pages, struct page, lru);

		list_del(&p->lru);
		pc->count--;
		buddy_free_block(page_pfn(p), 0);
	}
	spin_unlock(&buddy_lock);
}

static struct page *pcp_alloc(void)
{
	unsigned long flags = mm_cpu_enter();
	struct pcp_list *pc = &pcp[smp_processor_id()];
	struct page *p = NULL;

	spin_lock(&pc->lock);
	if (list_empty(&pc->pages)) {
		spin_lock(&buddy_lock);
		for (unsigned i = 0; i < PCP_BATCH; i++) {
			struct page *q = buddy_take_gfp(0, 0);

			if (!q)
				break;
			list_add_tail(&q->lru, &pc->pages);
			pc->count++;
		}
		spin_unlock(&buddy_lock);
	}
	if (!list_empty(&pc->pages)) {
		p = list_first_entry(&pc->pages, struct page, lru);
		list_del(&p->lru);
		pc->count--;
	}
	spin_unlock(&pc->lock);
	mm_cpu_exit(flags);
	return p;
}

static void pcp_free(struct page *p)
{
	unsigned long flags = mm_cpu_enter();
	struct pcp_list *pc = &pcp[smp_processor_id()];

	spin_lock(&pc->lock);
	/* Most recently freed first: its cache lines are likely still warm. */
	list_add(&p->lru, &pc->pages);
	pc->count++;
	if (pc->count > PCP_HIGH)
		pcp_give_back(pc, PCP_BATCH);
	spin_unlock(&pc->lock);
	mm_cpu_exit(flags);
}

/* Return every CPU's pcp pages to the buddy lists, so that a request for a
 * larger block, or the last pages of memory, can be served. */
static void pcp_drain_all(void)
{
	for (int cpu = 0; cpu < MAX_CPUS; cpu++) {
		struct pcp_list *pc = &pcp[cpu];
		unsigned long flags;

		if (!READ_ONCE(pc->count))
			continue;
		spin_lock_irqsave(&pc->lock, flags);
		pcp_give_back(pc, ~0u);
		spin_unlock_irqrestore(&pc->lock, flags);
	}
}

static struct page *buddy_alloc(gfp_t gfp, unsigned order)
{
	unsigned long flags;
	struct page *p;

	spin_lock_irqsave(&buddy_lock, flags);
	p = buddy_take_gfp(gfp, order);
	spin_unlock_irqrestore(&buddy_lock, flags);
	return p;
}

/*
 * Direct reclaim: out of free pages, drop clean page-cache pages of disk
 * files and try again. Not for GFP_ATOMIC callers or interrupt context
 * (the shrinker takes mapping locks, with trylock only, but they are
 * sleeping locks), nor for the reclaimer itself. Frees a batch (at least
 * 256 pages) so that a stream of allocations does not reclaim each time.
 */
static struct page *alloc_pages_reclaim(gfp_t gfp, unsigned order)
{
	struct task *t = current;
	struct page *p = NULL;

	if ((gfp & GFP_ATOMIC) || this_cpu()->irq_depth || !t || (t->flags & PF_MEMALLOC))
		return NULL;
	t->flags |= PF_MEMALLOC;
	for (int tries = 0; tries < 4 && !p; tries++) {
		unsigned long want = (1UL << order) * 4;

		if (!pagecache_shrink(want < 256 ? 256 : want))
			break;
		p = buddy_alloc(gfp, order);
	}
	/* Still nothing: the OOM killer frees a process's worth, and we wait
	 * for it while it dies (oom_kill says so for OOM_VICTIM_GRACE_NS at
	 * most: the victim may wait on a lock we hold; then the next one).
	 * Only where sleeping is allowed, and only for single pages: a block
	 * may be missing for fragmentation alone, which killing does not
	 * cure (Linux compacts first; XXX: no compaction here). */
	for (int tries = 0; !p && order == 0 && !(gfp & __GFP_NORETRY) && tries < 500 && !preempt_count() &&
			    !irqs_disabled() && !fatal_signal_pending(t); tries++) {
		/* The first rounds only wait: pages another CPU is freeing or
		 * reclaiming right now are no reason to kill anyone (Linux
		 * retries reclaim several times before its OOM killer). */
		if (tries >= 5) {
			if (!oom_kill())
				break;
		} else if (pagecache_shrink(256) && (p = buddy_alloc(gfp, order))) {
			break;
		}
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule_timeout(10 * NSEC_PER_MSEC);
		pcp_drain_all();
		p = buddy_alloc(gfp, order);
	}
	t->flags &= ~PF_MEMALLOC;
	return p;
}

struct page *alloc_pages(gfp_t gfp, unsigned order)
{
	struct page *p = NULL;

	if (order >= MAX_ORDER)
		return NULL;
	if (unlikely(!READ_ONCE(high_enabled)))
		gfp |= __GFP_DMA32;

	if (order == 0 && !(gfp & __GFP_DMA32))
		p = pcp_alloc();
	else
		p = buddy_alloc(gfp, order);
	if (!p) {
		/* Pages parked on other CPUs' lists count as free: get them back. */
		pcp_drain_all();
		p = buddy_alloc(gfp, order);
		if (!p)
			p = alloc_pages_reclaim(gfp, order);
		if (!p)
			return NULL;
	}

	for (unsigned long i = 0; i < (1UL << order); i++) {
		if (unlikely(!(p[i].flags & PG_free) || (p[i].flags & ~PG_free)))
			panic("alloc_pages: free page %#llx has flags %#lx",
			      (unsigned long long)page_to_phys(&p[i]), p[i].flags);
		p[i].flags = 0;
	}
	__atomic_fetch_sub(&nr_free_pages, 1UL << order, __ATOMIC_RELAXED);
	if (order)
		p->flags |= PG_head;
	p->order = order;
	p->refcount = 1;
	p->slab_cache = NULL;
	p->slab_freelist = NULL;
	p->slab_inuse = 0;
	p->private = NULL;
	INIT_LIST_HEAD(&p->lru);
	if (gfp & __GFP_ZERO)
		memset(page_address(p), 0, PAGE_SIZE << order);
	return p;
}

/* Check a block about to be freed; false (after a WARN) if it must not be. */
static bool free_block_ok(struct page *page, unsigned order)
{
	u64 pfn;

	if (page < mem_map || page >= mem_map + mem_map_pages || order >= MAX_ORDER) {
		printk(KERN_ERR "free_pages: %p (order %u) is not a page of this allocator\n",
		       page, order);
		WARN_ON(1);
		return false;
	}
	pfn = page_pfn(page);
	if (pfn & ((1UL << order) - 1)) {
		printk(KERN_ERR "free_pages: %#llx not aligned to order %u\n",
		       (unsigned long long)page_to_phys(page), order);
		WARN_ON(1);
		return false;
	}
	if (pfn + (1UL << order) > mem_map_pages) {
		WARN_ON(1);
		return false;
	}
	for (unsigned long i = 0; i < (1UL << order); i++) {
		unsigned long f = page[i].flags;

		if (f & (PG_free | PG_reserved | PG_slab | PG_buddy)) {
			printk(KERN_ERR "free_pages: %s page %#llx (block %#llx order %u)\n",
			       f & PG_reserved ? "reserved" : f & PG_slab ? "slab" : "already free",
			       (unsigned long long)page_to_phys(&page[i]),
			       (unsigned long long)page_to_phys(page), order);
			WARN_ON(1);
			return false;
		}
	}
	return true;
}

void free_pages(struct page *page, unsigned order)
{
	unsigned long flags;

	if (!page)
		return;
	if (!free_block_ok(page, order))
		return;
	for (unsigned long i = 0; i < (1UL << order); i++)
		page[i].flags = PG_free;
	page->refcount = 0;
	__atomic_fetch_add(&nr_free_pages, 1UL << order, __ATOMIC_RELAXED);

	if (order == 0) {
		pcp_free(page);
		return;
	}
	spin_lock_irqsave(&buddy_lock, flags);
	buddy_free_block(page_pfn(page), order);
	spin_unlock_irqrestore(&buddy_lock, flags);
}

void put_page(struct page *p)
{
	int left = __atomic_sub_fetch(&p->refcount, 1, __ATOMIC_ACQ_REL);

	if (left > 0)
		return;
	if (WARN_ON(left < 0))
		return;
	free_pages(p, (p->flags & PG_head) ? p->order : 0);
}

void *get_free_pages(gfp_t gfp, unsigned order)
{
	struct page *p = alloc_pages(gfp, order);

	return p ? page_address(p) : NULL;
}

void free_pages_addr(void *addr, unsigned order)
{
	struct page *p;

	if (!addr)
		return;
	p = virt_to_page(addr);
	if (!p || ((unsigned long)addr & (PAGE_SIZE - 1))) {
		printk(KERN_ERR "free_pages_addr: %p is not a page address\n", addr);
		WARN_ON(1);
		return;
	}
	free_pages(p, order);
}

void pmm_enable_high(void)
{
	WRITE_ONCE(high_enabled, true);
}

/* Boot-time setup. */

struct phys_range {
	u64 start, end;
};

#define MAX_BOOT_RESERVED (4 + BOOT_MAX_MODULES)
static struct phys_range boot_reserved[MAX_BOOT_RESERVED];
static int nr_boot_reserved;

static void boot_reserve(u64 start, u64 end)
{
	if (end <= start)
		return;
	if (nr_boot_reserved == MAX_BOOT_RESERVED)
		panic("mm: too many boot reservations");
	boot_reserved[nr_boot_reserved++] = (struct phys_range){ start, end };
}

static bool ranges_overlap(u64 s1, u64 e1, u64 s2, u64 e2)
{
	return s1 < e2 && s2 < e1;
}

/* True if [start, end) is covered by usable RAM and no other region of the
 * firmware map claims any of it. */
static bool range_is_usable_ram(u64 start, u64 end)
{
	bool covered = false;

	for (int i = 0; i < boot_info.nr_mem; i++) {
		const struct boot_mem_region *r = &boot_info.mem[i];

		if (r->type != BOOT_MEM_USABLE) {
			if (ranges_overlap(start, end, r->base, r->base + r->size))
				return false;
		} else if (r->base <= start && end <= r->base + r->size) {
			covered = true;
		}
	}
	return covered;
}

/* Where to put mem_map: the lowest free stretch of usable RAM between 1 MiB
 * and 4 GiB that avoids the reservations made so far. */
static u64 find_mem_map_home(u64 bytes)
{
	u64 best = 0;

	for (int i = 0; i < boot_info.nr_mem; i++) {
		const struct boot_mem_region *r = &boot_info.mem[i];
		u64 start, limit;

		if (r->type != BOOT_MEM_USABLE)
			continue;
		start = MAX(ALIGN_UP(r->base, PAGE_SIZE), LOW_MEM_END);
		limit = MIN(ALIGN_DOWN(r->base + r->size, PAGE_SIZE), BOOT_IDENTITY_MAP_SIZE);
		while (start + bytes <= limit) {
			bool moved = false;

			for (int j = 0; j < nr_boot_reserved; j++) {
				if (ranges_overlap(start, start + bytes, boot_reserved[j].start,
						   boot_reserved[j].end)) {
					start = ALIGN_UP(boot_reserved[j].end, PAGE_SIZE);
					moved = true;
				}
			}
			if (moved)
				continue;
			if (!range_is_usable_ram(start, start + bytes)) {
				start += PAGE_SIZE;   /* rare: overlapping firmware entries */
				continue;
			}
			if (!best || start < best)
				best = start;
			break;
		}
	}
	return best;
}

/*
 * The free memory at boot as a list of page-aligned ranges: usable RAM
 * (overlapping or adjacent firmware entries merged) minus everything else
 * the firmware lists and minus the boot reservations. Computed on ranges,
 * not per page, so that mem_map is written only once per frame: at 4 GiB it
 * is 96 MiB, and every pass over it shows in the boot time.
 */
#define MAX_FREE_RANGES (2 * BOOT_MAX_MEM_REGIONS + 2 * MAX_BOOT_RESERVED)
static struct phys_range free_ranges[MAX_FREE_RANGES];
static int nr_free_ranges;

static void free_range_add(u64 start, u64 end)
{
	int i;

	if (end <= start)
		return;
	if (nr_free_ranges == MAX_FREE_RANGES) {
		printk(KERN_WARNING "mm: memory map too fragmented, %#llx-%#llx ignored\n",
		       (unsigned long long)start, (unsigned long long)end);
		return;
	}
	/* Keep the list sorted by start. */
	for (i = nr_free_ranges; i > 0 && free_ranges[i - 1].start > start; i--)
		free_ranges[i] = free_ranges[i - 1];
	free_ranges[i] = (struct phys_range){ start, end };
	nr_free_ranges++;
}

static void free_ranges_merge(void)
{
	int out = 0;

	for (int i = 0; i < nr_free_ranges; i++) {
		if (out && free_ranges[i].start <= free_ranges[out - 1].end)
			free_ranges[out - 1].end = MAX(free_ranges[out - 1].end, free_ranges[i].end);
		else
			free_ranges[out++] = free_ranges[i];
	}
	nr_free_ranges = out;
}

static void free_range_cut(u64 start, u64 end)
{
	for (int i = 0; i < nr_free_ranges; i++) {
		struct phys_range r = free_ranges[i];

		if (!ranges_overlap(r.start, r.end, start, end))
			continue;
		/* Remove r, then put back what lies outside [start, end). */
		for (int j = i; j + 1 < nr_free_ranges; j++)
			free_ranges[j] = free_ranges[j + 1];
		nr_free_ranges--;
		free_range_add(r.start, MIN(r.end, start));
		free_range_add(MAX(r.start, end), r.end);
		i = -1;   /* the list changed: start over */
	}
}

/* Hand [first, last) (frame numbers, none reserved) to the buddy lists as
 * the largest aligned blocks that fit. */
static void free_boot_run(u64 first, u64 last)
{
	while (first < last) {
		unsigned order = 0;

		while (order + 1 < MAX_ORDER && !(first & ((2UL << order) - 1)) &&
		       first + (2UL << order) <= last)
			order++;
		for (u64 i = 0; i < (1UL << order); i++)
			mem_map[first + i].flags = PG_free;
		buddy_free_block(first, order);
		nr_free_pages += 1UL << order;
		nr_total_pages += 1UL << order;
		first += 1UL << order;
	}
}

void pmm_init(void)
{
	u64 kernel_start = (u64)_kernel_phys_start;
	u64 kernel_end = virt_to_phys(_kernel_end);
	u64 map_bytes, map_phys;

	for (int i = 0; i < boot_info.nr_mem; i++) {
		const struct boot_mem_region *r = &boot_info.mem[i];

		if (r->type != BOOT_MEM_USABLE)
			continue;
		pmm_usable_bytes += r->size;
		if (r->base + r->size > max_phys_addr)
			max_phys_addr = r->base + r->size;
	}
	if (!max_phys_addr)
		panic("mm: the firmware memory map lists no usable RAM");
	if (max_phys_addr > DIRECT_MAP_SIZE) {
		printk(KERN_WARNING "mm: RAM above %llu GiB ignored\n",
		       (unsigned long long)(DIRECT_MAP_SIZE >> 30));
		max_phys_addr = DIRECT_MAP_SIZE;
	}
	mem_map_pages = max_phys_addr >> PAGE_SHIFT;

	/* The first MiB: real-mode structures, BIOS areas, and the pool that
	 * pmm_alloc_low serves from. */
	boot_reserve(0, LOW_MEM_END);
	boot_reserve(kernel_start, ALIGN_UP(kernel_end, PAGE_SIZE));
	for (int i = 0; i < boot_info.nr_modules; i++)
		boot_reserve(ALIGN_DOWN(boot_info.modules[i].phys, PAGE_SIZE),
			     ALIGN_UP(boot_info.modules[i].phys + boot_info.modules[i].size, PAGE_SIZE));

	map_bytes = ALIGN_UP(mem_map_pages * sizeof(struct page), PAGE_SIZE);
	map_phys = find_mem_map_home(map_bytes);
	if (!map_phys)
		panic("mm: no room below 4 GiB for %llu KiB of page structures",
		      (unsigned long long)(map_bytes >> 10));
	boot_reserve(map_phys, map_phys + map_bytes);
	mem_map = phys_to_virt(map_phys);

	/* Every frame starts reserved: one write of each struct page. */
	for (u64 pfn = 0; pfn < mem_map_pages; pfn++) {
		struct page *p = &mem_map[pfn];

		*p = (struct page){ .flags = PG_reserved, .lru = { &p->lru, &p->lru } };
	}

	for (int i = 0; i < boot_info.nr_mem; i++) {
		const struct boot_mem_region *r = &boot_info.mem[i];

		if (r->type == BOOT_MEM_USABLE)
			free_range_add(ALIGN_UP(r->base, PAGE_SIZE),
				       MIN(ALIGN_DOWN(r->base + r->size, PAGE_SIZE), max_phys_addr));
	}
	free_ranges_merge();
	for (int i = 0; i < boot_info.nr_mem; i++) {
		const struct boot_mem_region *r = &boot_info.mem[i];

		if (r->type != BOOT_MEM_USABLE)
			free_range_cut(ALIGN_DOWN(r->base, PAGE_SIZE),
				       ALIGN_UP(r->base + r->size, PAGE_SIZE));
	}
	for (int i = 0; i < nr_boot_reserved; i++)
		free_range_cut(boot_reserved[i].start, boot_reserved[i].end);

	for (int z = 0; z < NR_ZONES; z++)
		for (int o = 0; o < MAX_ORDER; o++)
			INIT_LIST_HEAD(&zones[z].area[o].blocks);
	for (int cpu = 0; cpu < MAX_CPUS; cpu++) {
		spin_lock_init(&pcp[cpu].lock, "pcp");
		INIT_LIST_HEAD(&pcp[cpu].pages);
	}

	for (int i = 0; i < nr_free_ranges; i++) {
		free_boot_run(free_ranges[i].start >> PAGE_SHIFT, free_ranges[i].end >> PAGE_SHIFT);
	}
}

void pmm_release_range(phys_addr_t start, phys_addr_t end)
{
	u64 first = ALIGN_UP(start, PAGE_SIZE) >> PAGE_SHIFT;
	u64 last = ALIGN_DOWN(end, PAGE_SIZE) >> PAGE_SHIFT;

	if (last > mem_map_pages)
		last = mem_map_pages;
	for (u64 pfn = first; pfn < last; pfn++) {
		struct page *p = &mem_map[pfn];
		u64 pa = pfn << PAGE_SHIFT;
		bool in_module = false;

		/* Only what was reserved for a boot module may go: never the
		 * first MiB, the kernel, mem_map or firmware memory. */
		for (int i = 0; i < boot_info.nr_modules; i++) {
			const struct boot_module *m = &boot_info.modules[i];

			if (pa + PAGE_SIZE > m->phys && pa < m->phys + m->size)
				in_module = true;
		}
		if (!in_module || !(p->flags & PG_reserved) || pa < LOW_MEM_END ||
		    !range_is_usable_ram(pa, pa + PAGE_SIZE))
			continue;
		if (ranges_overlap(pa, pa + PAGE_SIZE, (u64)_kernel_phys_start,
				   virt_to_phys(_kernel_end)) ||
		    ranges_overlap(pa, pa + PAGE_SIZE, virt_to_phys(mem_map),
				   virt_to_phys(mem_map) + mem_map_pages * sizeof(struct page)))
			continue;
		p->flags = 0;
		__atomic_fetch_add(&nr_total_pages, 1, __ATOMIC_RELAXED);
		free_pages(p, 0);
	}
}

/* The low pool: handed out upwards from 4 KiB (page 0 holds the real-mode
 * interrupt table and BIOS data). */
static DEFINE_SPINLOCK(low_lock);
static u64 low_next = PAGE_SIZE;   /* low_lock */

static bool low_range_ok(u64 start, u64 end)
{
	if (!range_is_usable_ram(start, end))
		return false;
	for (int i = 0; i < boot_info.nr_modules; i++) {
		const struct boot_module *m = &boot_info.modules[i];

		if (ranges_overlap(start, end, m->phys, m->phys + m->size))
			return false;
	}
	return true;
}

phys_addr_t pmm_alloc_low(size_t size)
{
	unsigned long flags;
	phys_addr_t found = 0;

	size = ALIGN_UP(size, PAGE_SIZE);
	if (!size)
		return 0;
	spin_lock_irqsave(&low_lock, flags);
	for (u64 a = low_next; a + size <= LOW_MEM_END; a += PAGE_SIZE) {
		if (low_range_ok(a, a + size)) {
			found = a;
			low_next = a + size;
			break;
		}
	}
	spin_unlock_irqrestore(&low_lock, flags);
	return found;
}
