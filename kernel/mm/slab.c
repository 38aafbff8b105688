/*
 * Object caches (kmem_cache_*) and kmalloc on top of them.
 *
 * A cache hands out objects of one size from slabs: blocks of 2^order pages
 * cut into equal objects. The slab's bookkeeping lives in the struct page of
 * its first page (freelist, objects in use, list link); every page of the
 * slab carries PG_slab, the cache and a pointer to that first page, so
 * freeing needs nothing but the object's address. Free objects of a slab are
 * chained through a pointer stored in the object (at its start, or just
 * past it for caches with a constructor, whose objects must keep their
 * constructed state while free).
 *
 * Each CPU keeps a magazine per cache: a small stack of free objects it can
 * take from and give to with interrupts off and no lock. Magazines are
 * refilled from and flushed to the slabs half at a time under the cache
 * lock, so the lock is taken once per batch rather than per object. A
 * magazine is created on a CPU's first use of the cache (by kmalloc, which
 * for its own caches bypasses magazines while doing so).
 *
 * Debugging aids, always on because they are cheap: a freed object of a
 * cache without constructor gets 0x6b in the two words that allocation
 * checks (a write after free there shows up as a WARN) and clears; with
 * `slab_debug` on the command line, and in ktest runs, the whole object is
 * filled (a use after free then reads 0x6b everywhere). Filling whole
 * objects on every free cost more than the rest of a stat(2) under TCG,
 * where string instructions are slow. freeing an object whose poison is intact and which is found
 * among the free objects is reported as a double free and ignored, as is
 * freeing a pointer that is not an object of the cache. Caches with
 * constructors get only the pointer checks.
 *
 * kmalloc: caches of 8 bytes to 8 KiB; bigger requests are whole page blocks
 * from alloc_pages, marked PG_kmalloc with their order in the struct page.
 */
#include <kernel/errno.h>
#include <kernel/list.h>
#include <kernel/boot.h>
#include <kernel/mm.h>
#include <kernel/panic.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <string.h>

#include "internal.h"

#define SLAB_MIN_ALIGN   8
#define SLAB_MAX_ORDER   3     /* slabs of up to 8 pages unless one object needs more */
#define SLAB_KEEP_EMPTY  2     /* empty slabs a cache keeps before returning pages */
#define KMALLOC_MAX_CACHE 8192

struct slab_magazine {
	unsigned avail;            /* objects in objs[] */
	unsigned limit;
	void *objs[];              /* objs[avail - 1] is handed out next */
};

struct kmem_cache {
	const char *name;          /* not copied: the caller keeps it alive */
	size_t object_size;        /* what the user may use */
	size_t size;               /* distance between objects */
	size_t free_offset;        /* where a free object keeps its next pointer */
	unsigned order;            /* slabs are 2^order pages */
	unsigned objs_per_slab;
	void (*ctor)(void *);
	bool poison;               /* no ctor: free objects hold SLAB_POISON_BYTE */
	unsigned mag_limit;        /* per-CPU magazine capacity */

	spinlock_t lock;           /* guards the lists and counters below */
	struct list_head partial;  /* slabs with free and used objects */
	struct list_head full;     /* no free object */
	struct list_head empty;    /* no used object */
	unsigned long nr_empty;
	unsigned long nr_slabs;

	struct list_head node;     /* cache_list; cache_list_lock */
	/* mag[cpu]: used only by that CPU with interrupts off (and by
	 * kmem_cache_destroy, when nobody uses the cache any more). */
	struct slab_magazine *mag[MAX_CPUS];
};

static LIST_HEAD(cache_list);               /* every cache; cache_list_lock */
static DEFINE_SPINLOCK(cache_list_lock);

static struct kmem_cache cache_cache;       /* the struct kmem_cache objects */

static const size_t kmalloc_sizes[] = {
	8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192,
};
static const char *const kmalloc_names[] = {
	"kmalloc-8", "kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-96",
	"kmalloc-128", "kmalloc-192", "kmalloc-256", "kmalloc-512", "kmalloc-1024",
	"kmalloc-2048", "kmalloc-4096", "kmalloc-8192",
};
#define NR_KMALLOC ARRAY_SIZE(kmalloc_sizes)
static struct kmem_cache kmalloc_caches[NR_KMALLOC];

/* Set while a CPU allocates a magazine, so that kmalloc, which that takes,
 * does not try to make a magazine of its own in turn. Per CPU, touched with
 * interrupts off. */
static bool mag_creating[MAX_CPUS];

static inline void **free_ptr(const struct kmem_cache *c, void *obj)
{
	return (void **)((char *)obj + c->free_offset);
}

static inline u64 *poison_word_first(const struct kmem_cache *c, void *obj)
{
	return (u64 *)((char *)obj + 8);
}

static inline u64 *poison_word_last(const struct kmem_cache *c, void *obj)
{
	return (u64 *)((char *)obj + c->size - 8);
}

/* Fill freed objects whole (slab_debug, ktest runs) or just the checked words. */
static bool slab_poison_full(void)
{
	static int full = -1;

	if (full < 0)
		full = cmdline_has("slab_debug") || cmdline_get("ktest") != NULL;
	return full;
}

/* Caches whose objects are too small to hold the pointer and a poison word
 * apart go unchecked. */
static inline bool poison_checked(const struct kmem_cache *c)
{
	return c->poison && c->size >= 16;
}

static unsigned choose_order(size_t size)
{
	for (unsigned order = 0; order <= SLAB_MAX_ORDER; order++) {
		size_t bytes = PAGE_SIZE << order;

		if (bytes >= size && (bytes % size) * 8 <= bytes)
			return order;
	}
	return size_to_order(size);
}

static unsigned choose_mag_limit(size_t size)
{
	/* 2^k - 1 slots keep the magazine itself at a kmalloc size class. */
	if (size <= 256)
		return 31;
	if (size <= 1024)
		return 15;
	if (size <= 8192)
		return 7;
	return 3;
}

static int cache_init(struct kmem_cache *c, const char *name, size_t size, size_t align,
		      void (*ctor)(void *))
{
	if (!align)
		align = SLAB_MIN_ALIGN;
	if (!size || (align & (align - 1)))
		return -EINVAL;
	align = MAX(align, (size_t)SLAB_MIN_ALIGN);

	memset(c, 0, sizeof(*c));
	c->name = name;
	c->object_size = size;
	c->ctor = ctor;
	c->poison = !ctor;
	if (ctor) {
		/* The free pointer must not overwrite constructed state. */
		c->free_offset = ALIGN_UP(size, sizeof(void *));
		c->size = ALIGN_UP(c->free_offset + sizeof(void *), align);
	} else {
		c->free_offset = 0;
		c->size = ALIGN_UP(size, align);
	}
	c->order = choose_order(c->size);
	if (c->order >= MAX_ORDER)
		return -EINVAL;
	c->objs_per_slab = (PAGE_SIZE << c->order) / c->size;
	c->mag_limit = choose_mag_limit(c->size);
	spin_lock_init(&c->lock, name);
	INIT_LIST_HEAD(&c->partial);
	INIT_LIST_HEAD(&c->full);
	INIT_LIST_HEAD(&c->empty);
	return 0;
}

static void cache_register(struct kmem_cache *c)
{
	unsigned long flags;

	spin_lock_irqsave(&cache_list_lock, flags);
	list_add_tail(&c->node, &cache_list);
	spin_unlock_irqrestore(&cache_list_lock, flags);
}

/* Slabs. */

static struct page *obj_to_slab(const void *obj)
{
	struct page *p = virt_to_page(obj);

	if (!p || !(p->flags & PG_slab))
		return NULL;
	return p->private;
}

static struct page *slab_create(struct kmem_cache *c, gfp_t gfp)
{
	struct page *head = alloc_pages(gfp & ~(__GFP_ZERO | __GFP_DMA32), c->order);
	char *base;
	void *freelist = NULL;

	if (!head)
		return NULL;
	for (unsigned long i = 0; i < (1UL << c->order); i++) {
		head[i].flags |= PG_slab;
		head[i].slab_cache = c;
		head[i].private = head;
	}
	base = page_address(head);
	for (unsigned i = c->objs_per_slab; i-- > 0;) {
		void *obj = base + (size_t)i * c->size;

		if (c->ctor)
			c->ctor(obj);
		else
			memset(obj, SLAB_POISON_BYTE, c->size);
		*free_ptr(c, obj) = freelist;
		freelist = obj;
	}
	head->slab_freelist = freelist;
	head->slab_inuse = 0;
	return head;
}

static void slab_destroy(struct kmem_cache *c, struct page *head)
{
	for (unsigned long i = 0; i < (1UL << c->order); i++) {
		head[i].flags &= ~PG_slab;
		head[i].slab_cache = NULL;
		head[i].private = NULL;
	}
	free_pages(head, c->order);
}

/* Which list a slab belongs on follows from its use count. c->lock held. */
static struct list_head *slab_list_for(struct kmem_cache *c, unsigned inuse)
{
	if (inuse == 0)
		return &c->empty;
	if (inuse == c->objs_per_slab)
		return &c->full;
	return &c->partial;
}

static void slab_move(struct kmem_cache *c, struct page *s, unsigned old_inuse)
{
	struct list_head *from = slab_list_for(c, old_inuse), *to = slab_list_for(c, s->slab_inuse);

	if (from == to)
		return;
	list_move(&s->lru, to);
	if (from == &c->empty)
		c->nr_empty--;
	if (to == &c->empty)
		c->nr_empty++;
}

/*
 * Take up to n objects from the slabs into objs[], making a slab if none
 * has a free object. Returns how many were taken. Called with interrupts
 * off, c->lock not held.
 */
static unsigned slab_take(struct kmem_cache *c, void **objs, unsigned n, gfp_t gfp)
{
	unsigned got = 0;

	spin_lock(&c->lock);
	while (got < n) {
		struct page *s;
		unsigned old;

		if (!list_empty(&c->partial)) {
			s = list_first_entry(&c->partial, struct page, lru);
		} else if (!list_empty(&c->empty)) {
			s = list_first_entry(&c->empty, struct page, lru);
		} else {
			/* The page allocator needs no lock of ours. */
			spin_unlock(&c->lock);
			s = slab_create(c, gfp);
			spin_lock(&c->lock);
			if (!s)
				break;
			list_add(&s->lru, &c->empty);
			c->nr_empty++;
			c->nr_slabs++;
			continue;
		}
		old = s->slab_inuse;
		while (got < n && s->slab_freelist) {
			void *obj = s->slab_freelist;

			s->slab_freelist = *free_ptr(c, obj);
			s->slab_inuse++;
			objs[got++] = obj;
		}
		slab_move(c, s, old);
	}
	spin_unlock(&c->lock);
	return got;
}

/* Give n objects back to their slabs; slabs beyond SLAB_KEEP_EMPTY that
 * become empty go back to the page allocator. Interrupts off. */
static void slab_give(struct kmem_cache *c, void **objs, unsigned n)
{
	LIST_HEAD(to_free);
	struct page *s, *tmp;

	spin_lock(&c->lock);
	for (unsigned i = 0; i < n; i++) {
		void *obj = objs[i];
		unsigned old;

		s = obj_to_slab(obj);
		old = s->slab_inuse;
		*free_ptr(c, obj) = s->slab_freelist;
		s->slab_freelist = obj;
		s->slab_inuse--;
		slab_move(c, s, old);
		if (s->slab_inuse == 0 && c->nr_empty > SLAB_KEEP_EMPTY) {
			list_move(&s->lru, &to_free);
			c->nr_empty--;
			c->nr_slabs--;
		}
	}
	spin_unlock(&c->lock);
	list_for_each_entry_safe(s, tmp, &to_free, lru)
		slab_destroy(c, s);
}

/* Magazines. */

static struct slab_magazine *mag_get(struct kmem_cache *c, int cpu)
{
	struct slab_magazine *m = c->mag[cpu];

	if (likely(m) || mag_creating[cpu])
		return m;
	mag_creating[cpu] = true;
	m = kmalloc(sizeof(*m) + c->mag_limit * sizeof(void *), GFP_ATOMIC);
	mag_creating[cpu] = false;
	if (m) {
		m->avail = 0;
		m->limit = c->mag_limit;
		c->mag[cpu] = m;
	}
	return m;
}

/* Flush the n oldest objects of m to the slabs. */
static void mag_flush(struct kmem_cache *c, struct slab_magazine *m, unsigned n)
{
	if (n > m->avail)
		n = m->avail;
	slab_give(c, m->objs, n);
	memmove(m->objs, m->objs + n, (m->avail - n) * sizeof(void *));
	m->avail -= n;
}

/* Allocation and freeing. */

static void obj_check_poison(struct kmem_cache *c, void *obj)
{
	u64 *first = poison_word_first(c, obj), *last = poison_word_last(c, obj);

	if (unlikely(*first != SLAB_POISON_WORD || *last != SLAB_POISON_WORD)) {
		printk(KERN_ERR "slab %s: free object %p was written to after free "
		       "(%016llx ... %016llx)\n", c->name, obj,
		       (unsigned long long)*first, (unsigned long long)*last);
		WARN_ON(1);
	}
	/* A live object must not look free, or freeing it would be taken
	 * for a double free. */
	*first = 0;
	*last = 0;
}

void *kmem_cache_alloc(struct kmem_cache *c, gfp_t gfp)
{
	unsigned long flags = mm_cpu_enter();
	int cpu = smp_processor_id();
	struct slab_magazine *m = mag_get(c, cpu);
	void *obj = NULL;

	if (m) {
		if (!m->avail)
			m->avail = slab_take(c, m->objs, (m->limit + 1) / 2, gfp);
		if (m->avail)
			obj = m->objs[--m->avail];
	} else {
		slab_take(c, &obj, 1, gfp);
	}
	mm_cpu_exit(flags);

	if (!obj)
		return NULL;
	if (poison_checked(c))
		obj_check_poison(c, obj);
	if (gfp & __GFP_ZERO)
		memset(obj, 0, c->object_size);
	return obj;
}

/*
 * The poison of obj is intact, so it may be free already, or its owner may
 * just have filled it with 0x6b. Look where free objects are: the
 * magazines (read without their CPUs' cooperation: a stale answer only
 * costs a missed report) and the slab's free list.
 */
static bool obj_is_free(struct kmem_cache *c, void *obj)
{
	struct page *s = obj_to_slab(obj);
	unsigned long flags;
	bool found = false;

	for (int cpu = 0; cpu < MAX_CPUS && !found; cpu++) {
		struct slab_magazine *m = READ_ONCE(c->mag[cpu]);
		unsigned n;

		if (!m)
			continue;
		n = MIN(READ_ONCE(m->avail), m->limit);
		for (unsigned i = 0; i < n && !found; i++)
			found = READ_ONCE(m->objs[i]) == obj;
	}
	if (!found) {
		spin_lock_irqsave(&c->lock, flags);
		for (void *f = s->slab_freelist; f && !found; f = *free_ptr(c, f))
			found = f == obj;
		spin_unlock_irqrestore(&c->lock, flags);
	}
	return found;
}

/* Is obj an object of c that may be freed? WARNs and says no if not. */
static bool obj_free_ok(struct kmem_cache *c, const void *obj)
{
	struct page *s = obj_to_slab(obj);
	size_t off;

	if (!s || s->slab_cache != c) {
		printk(KERN_ERR "slab %s: freeing %p, which is %s\n", c->name, obj,
		       s ? "an object of another cache" : "not a slab object");
		WARN_ON(1);
		return false;
	}
	off = (const char *)obj - (const char *)page_address(s);
	if (off % c->size || off / c->size >= c->objs_per_slab) {
		printk(KERN_ERR "slab %s: freeing %p, which points inside an object\n",
		       c->name, obj);
		WARN_ON(1);
		return false;
	}
	if (poison_checked(c) && *poison_word_first(c, (void *)obj) == SLAB_POISON_WORD &&
	    *poison_word_last(c, (void *)obj) == SLAB_POISON_WORD && obj_is_free(c, (void *)obj)) {
		printk(KERN_ERR "slab %s: double free of %p\n", c->name, obj);
		WARN_ON(1);
		return false;
	}
	return true;
}

void kmem_cache_free(struct kmem_cache *c, void *obj)
{
	unsigned long flags;
	struct slab_magazine *m;

	if (!obj)
		return;
	if (!obj_free_ok(c, obj))
		return;
	if (c->poison) {
		if (slab_poison_full() || !poison_checked(c)) {
			memset(obj, SLAB_POISON_BYTE, c->size);
		} else {
			*poison_word_first(c, obj) = SLAB_POISON_WORD;
			*poison_word_last(c, obj) = SLAB_POISON_WORD;
		}
	}

	flags = mm_cpu_enter();
	m = mag_get(c, smp_processor_id());
	if (m) {
		if (m->avail == m->limit)
			mag_flush(c, m, (m->limit + 1) / 2);
		m->objs[m->avail++] = obj;
	} else {
		slab_give(c, &obj, 1);
	}
	mm_cpu_exit(flags);
}

struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     void (*ctor)(void *))
{
	struct kmem_cache *c = kmem_cache_alloc(&cache_cache, GFP_KERNEL);

	if (!c)
		return NULL;
	if (cache_init(c, name, size, align, ctor) < 0) {
		kmem_cache_free(&cache_cache, c);
		return NULL;
	}
	cache_register(c);
	return c;
}

/* The caller guarantees that nobody allocates from or frees to c any more. */
void kmem_cache_destroy(struct kmem_cache *c)
{
	unsigned long flags;
	LIST_HEAD(to_free);
	struct page *s, *tmp;
	bool busy;

	if (!c)
		return;
	for (int cpu = 0; cpu < MAX_CPUS; cpu++) {
		struct slab_magazine *m = c->mag[cpu];

		if (!m)
			continue;
		flags = mm_cpu_enter();
		mag_flush(c, m, m->avail);
		mm_cpu_exit(flags);
		c->mag[cpu] = NULL;
		kfree(m);
	}

	spin_lock_irqsave(&c->lock, flags);
	busy = !list_empty(&c->partial) || !list_empty(&c->full);
	if (!busy)
		list_splice_init(&c->empty, &to_free);
	spin_unlock_irqrestore(&c->lock, flags);
	if (busy) {
		/* Freeing the slabs would hand live objects out again: leak
		 * the cache instead. */
		printk(KERN_ERR "kmem_cache_destroy %s: objects still in use; cache leaked\n",
		       c->name);
		WARN_ON(1);
		return;
	}
	list_for_each_entry_safe(s, tmp, &to_free, lru)
		slab_destroy(c, s);

	spin_lock_irqsave(&cache_list_lock, flags);
	list_del(&c->node);
	spin_unlock_irqrestore(&cache_list_lock, flags);
	kmem_cache_free(&cache_cache, c);
}

/* kmalloc */

static struct kmem_cache *kmalloc_cache_for(size_t size)
{
	for (unsigned i = 0; i < NR_KMALLOC; i++)
		if (size <= kmalloc_sizes[i])
			return &kmalloc_caches[i];
	return NULL;
}

static void *kmalloc_large(size_t size, gfp_t gfp)
{
	unsigned order = size_to_order(size);
	struct page *p;

	if (order >= MAX_ORDER)
		return NULL;
	p = alloc_pages(gfp, order);
	if (!p)
		return NULL;
	p->flags |= PG_kmalloc;
	return page_address(p);
}

void *kmalloc(size_t size, gfp_t gfp)
{
	struct kmem_cache *c = kmalloc_cache_for(size);

	if (!c)
		return kmalloc_large(size, gfp);
	return kmem_cache_alloc(c, gfp);
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return kmalloc(bytes, gfp | __GFP_ZERO);
}

void kfree(const void *p)
{
	struct page *pg;

	if (!p)
		return;
	pg = virt_to_page(p);
	if (pg && (pg->flags & PG_slab)) {
		kmem_cache_free(pg->slab_cache, (void *)p);
		return;
	}
	if (pg && (pg->flags & PG_kmalloc) && p == page_address(pg)) {
		pg->flags &= ~PG_kmalloc;
		free_pages(pg, pg->order);
		return;
	}
	printk(KERN_ERR "kfree: %p was not allocated by kmalloc%s\n", p,
	       pg && (pg->flags & PG_free) ? " (or is freed already)" : "");
	WARN_ON(1);
}

size_t ksize(const void *p)
{
	struct page *pg;

	if (!p)
		return 0;
	pg = virt_to_page(p);
	if (pg && (pg->flags & PG_slab))
		return pg->slab_cache->object_size;
	if (pg && (pg->flags & PG_kmalloc))
		return PAGE_SIZE << pg->order;
	printk(KERN_ERR "ksize: %p was not allocated by kmalloc\n", p);
	WARN_ON(1);
	return 0;
}

void *krealloc(void *p, size_t size, gfp_t gfp)
{
	size_t old;
	void *n;

	if (!p)
		return kmalloc(size, gfp);
	if (!size) {
		kfree(p);
		return NULL;
	}
	old = ksize(p);
	if (!old)
		return NULL;
	if (size <= old)
		return p;
	n = kmalloc(size, gfp);
	if (!n)
		return NULL;   /* p stays valid, as with realloc */
	memcpy(n, p, old);
	kfree(p);
	return n;
}

char *kstrdup(const char *s, gfp_t gfp)
{
	size_t n;
	char *d;

	if (!s)
		return NULL;
	n = strlen(s) + 1;
	d = kmalloc(n, gfp);
	if (d)
		memcpy(d, s, n);
	return d;
}

void slab_init(void)
{
	if (cache_init(&cache_cache, "kmem_cache", sizeof(struct kmem_cache), 0, NULL) < 0)
		panic("slab: cannot set up the cache of caches");
	cache_register(&cache_cache);
	for (unsigned i = 0; i < NR_KMALLOC; i++) {
		if (cache_init(&kmalloc_caches[i], kmalloc_names[i], kmalloc_sizes[i], 0, NULL) < 0)
			panic("slab: cannot set up %s", kmalloc_names[i]);
		cache_register(&kmalloc_caches[i]);
	}
}
