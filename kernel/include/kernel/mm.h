/*
 * Kernel memory allocation. Three layers, each on the one below:
 *   pages   buddy allocator over all usable RAM, one struct page per frame,
 *           addressed through the direct map (page_address)
 *   slab    object caches (kmem_cache_*) and kmalloc/kfree for the rest
 *   vmalloc virtually contiguous areas in VMALLOC_START..END, each followed
 *           by an unmapped guard page; kernel stacks get one below too
 * Every allocator returns NULL when memory runs out; none panics for that.
 * GFP_KERNEL may sleep (later: reclaim); GFP_ATOMIC never does and is the one
 * to use with interrupts off or a spinlock held.
 */
#ifndef KERNEL_MM_H
#define KERNEL_MM_H

#include <kernel/list.h>
#include <kernel/types.h>
#include <kernel/vmlayout.h>

typedef unsigned int gfp_t;
#define GFP_KERNEL  0x0u
#define GFP_ATOMIC  0x1u
#define __GFP_ZERO  0x2u
#define __GFP_DMA32 0x4u   /* physical address below 4 GiB */
/* Best effort (read-ahead): fail rather than call the OOM killer, as
 * Linux's __GFP_NORETRY. */
#define __GFP_NORETRY 0x8u

#define MAX_ORDER 11       /* orders 0..10: up to 4 MiB blocks */

struct kmem_cache;

struct page {
	unsigned long flags;   /* PG_* below */
	int refcount;
	unsigned order;        /* of the free block it heads, or of the allocation */
	struct list_head lru;  /* free lists; later page cache/LRU */
	struct kmem_cache *slab_cache;  /* PG_slab: owning cache */
	void *slab_freelist;            /* PG_slab: free objects in this slab */
	unsigned slab_inuse;
	void *private;
};

#define PG_reserved (1UL << 0)   /* never handed out (firmware, kernel image) */
#define PG_buddy    (1UL << 1)   /* heads a free block in the buddy lists */
#define PG_slab     (1UL << 2)
#define PG_head     (1UL << 3)   /* first page of an allocation of order > 0 */
#define PG_free     (1UL << 4)   /* in the page allocator (buddy or per-CPU list): freeing it again is a bug */
#define PG_kmalloc  (1UL << 5)   /* head of a kmalloc too big for the slab caches */
#define PG_anon     (1UL << 6)   /* anonymous user memory (kernel/mm/vm*): not page cache */
/* Bits 8 and up are free for the page cache's own flags (kernel/fs). */

void mm_init(void);                 /* boot CPU: pmm, kernel page tables, slab, vmalloc */

/* Pages */
struct page *alloc_pages(gfp_t gfp, unsigned order);
void free_pages(struct page *page, unsigned order);
static inline struct page *alloc_page(gfp_t gfp) { return alloc_pages(gfp, 0); }
static inline void free_page(struct page *p) { free_pages(p, 0); }
void *get_free_pages(gfp_t gfp, unsigned order);     /* direct-map address or NULL */

/*
 * Shared pages (user mappings, page cache) are reference counted: alloc_pages
 * hands out a page with refcount 1, get_page adds one, put_page drops one and
 * frees the page (with its order when PG_head) at zero. The count is only
 * ever changed atomically, by everyone.
 */
static inline void get_page(struct page *p)
{
	__atomic_fetch_add(&p->refcount, 1, __ATOMIC_RELAXED);
}
static inline int page_count(const struct page *p)
{
	return __atomic_load_n(&p->refcount, __ATOMIC_ACQUIRE);
}
void put_page(struct page *p);
void free_pages_addr(void *addr, unsigned order);
phys_addr_t page_to_phys(const struct page *p);
struct page *phys_to_page(phys_addr_t pa);
void *page_address(const struct page *p);
struct page *virt_to_page(const void *addr);         /* direct-map or kernel-image address */
u64 pmm_total_pages(void);
u64 pmm_free_pages(void);
/* The OOM killer (kernel/mm/oom_kill.c): SIGKILL to the process holding
 * the most memory, or none while the last victim is still dying. True if
 * the caller should wait a moment and try its allocation again. */
bool oom_kill(void);
extern phys_addr_t max_phys_addr;                    /* end of the highest RAM region */
/* A page-aligned usable range below 1 MiB (the SMP trampoline), never freed;
 * 0 when none is left. The first MiB is kept out of the buddy allocator for it. */
phys_addr_t pmm_alloc_low(size_t size);
/* Give a range reserved at boot (a boot module once consumed) to the page
 * allocator. Only whole pages inside usable RAM are taken. */
void pmm_release_range(phys_addr_t start, phys_addr_t end);

/* Object caches and kmalloc */
struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *c);
void *kmem_cache_alloc(struct kmem_cache *c, gfp_t gfp);
void kmem_cache_free(struct kmem_cache *c, void *obj);
/* kmalloc(0) returns a valid minimal object (XXX: Linux returns ZERO_SIZE_PTR).
 * Up to 8 KiB comes from slab caches; beyond, whole pages (up to 4 MiB).
 * __GFP_DMA32 is only honoured for the page-sized path: use alloc_pages. */
void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
void *kcalloc(size_t n, size_t size, gfp_t gfp);     /* NULL on overflow */
void *krealloc(void *p, size_t size, gfp_t gfp);
void kfree(const void *p);
size_t ksize(const void *p);                         /* usable size */
char *kstrdup(const char *s, gfp_t gfp);

/* vmalloc. Process context only (vfree may interrupt and wait for every CPU). */
void *vmalloc(size_t size);
void *vzalloc(size_t size);
/* The address space and frames come back after the next TLB shootdown,
 * which vfree batches: vmalloc_purge() forces it (tests counting pages). */
void vfree(const void *addr);
void vmalloc_purge(void);
/* A kernel stack of size bytes with an unmapped guard page below it (and the
 * usual one above). Returns the lowest usable address. */
void *vmalloc_stack(size_t size);
void vfree_stack(void *base);
bool is_vmalloc_addr(const void *addr);
/* The address lies in a guard page of some vmalloc area (for fault reports). */
bool vmalloc_is_guard(unsigned long addr);

#endif
