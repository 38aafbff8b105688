/*
 * The memory behind MAP_SHARED|MAP_ANONYMOUS: an object of a fixed number of
 * pages, referenced by every VMA that maps it (in every process, after
 * fork), whose pages are allocated zeroed on first touch and live until the
 * object goes. Linux backs these with an unlinked shmem file; here it is a
 * small page store of its own, so it works without any filesystem.
 *
 * Pages are indexed by a radix tree of page-sized nodes (512 slots), just
 * tall enough for the object's size, so a large sparse mapping costs
 * nothing until touched. The store holds one reference on each page; each
 * PTE mapping it holds another.
 *
 * Accesses past the object's size (a mapping grown by mremap) are SIGBUS,
 * as on Linux, where the shmem file keeps its size.
 */
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/mutex.h>
#include <kernel/panic.h>
#include <string.h>

#include "vm_internal.h"

#define SLOTS 512
#define SLOT_BITS 9

struct shmem_anon {
	int refcount;        /* one per VMA (and one for a SysV segment); atomic */
	const struct vm_shm_ops *ops;   /* SysV segment: attach accounting, else NULL */
	void *owner;                    /* passed to ops */
	const char *name;               /* a special mapping's ("[vdso]"), else NULL */
	struct mutex lock;   /* the tree */
	u64 npages;          /* fixed at creation */
	int height;          /* levels of nodes; 1: the root holds pages */
	void **root;         /* NULL until the first page */
};

struct shmem_anon *shmem_anon_create(u64 npages)
{
	struct shmem_anon *s = kzalloc(sizeof(*s), GFP_KERNEL);

	if (!s)
		return NULL;
	s->refcount = 1;
	mutex_init(&s->lock, "shmem_anon");
	s->npages = npages;
	s->height = 1;
	while (s->height < 7 && (npages - 1) >> (SLOT_BITS * s->height))
		s->height++;
	return s;
}

struct shmem_anon *vm_shm_create(u64 npages, const struct vm_shm_ops *ops, void *owner)
{
	struct shmem_anon *s = shmem_anon_create(npages ? npages : 1);

	if (s) {
		s->ops = ops;
		s->owner = owner;
	}
	return s;
}

void vm_shm_put(struct shmem_anon *s)
{
	shmem_anon_put(s);
}

bool shmem_anon_is_sysv(const struct shmem_anon *s)
{
	return s->ops != NULL;
}

void shmem_anon_set_name(struct shmem_anon *s, const char *name)
{
	s->name = name;
}

const char *shmem_anon_name(const struct shmem_anon *s)
{
	return s->name;
}

void shmem_anon_vma_open(struct shmem_anon *s)
{
	if (s->ops)
		s->ops->open(s->owner);
}

void shmem_anon_vma_close(struct shmem_anon *s)
{
	if (s->ops)
		s->ops->close(s->owner);
}

/* Pages present, for SHM_INFO's shm_rss. */
static u64 count_present(void **node, int level)
{
	u64 n = 0;

	for (unsigned i = 0; i < SLOTS; i++) {
		if (!node[i])
			continue;
		n += level == 1 ? 1 : count_present(node[i], level - 1);
	}
	return n;
}

u64 vm_shm_resident(struct shmem_anon *s)
{
	u64 n = 0;

	mutex_lock(&s->lock);
	if (s->root)
		n = count_present(s->root, s->height);
	mutex_unlock(&s->lock);
	return n;
}

void shmem_anon_get(struct shmem_anon *s)
{
	__atomic_fetch_add(&s->refcount, 1, __ATOMIC_RELAXED);
}

u64 shmem_anon_size(struct shmem_anon *s)
{
	return s->npages;
}

static void **node_alloc(void)
{
	return get_free_pages(GFP_KERNEL | __GFP_ZERO, 0);
}

static inline unsigned slot_of(u64 index, int level)
{
	return (index >> (SLOT_BITS * (level - 1))) & (SLOTS - 1);
}

/* The leaf slot for index; with create, nodes are made on the way. */
static void **slot_lookup(struct shmem_anon *s, u64 index, bool create)
{
	void ***link = &s->root;

	for (int level = s->height; level >= 1; level--) {
		void **node = *link;

		if (!node) {
			if (!create || !(node = node_alloc()))
				return NULL;
			*link = node;
		}
		if (level == 1)
			return &node[slot_of(index, 1)];
		link = (void ***)&node[slot_of(index, level)];
	}
	return NULL;
}

struct page *shmem_anon_page(struct shmem_anon *s, u64 index)
{
	struct page *p;
	void **slot;

	if (index >= s->npages)
		return NULL;
	mutex_lock(&s->lock);
	slot = slot_lookup(s, index, true);
	if (!slot) {
		mutex_unlock(&s->lock);
		return ERR_PTR(-ENOMEM);
	}
	p = *slot;
	if (!p) {
		p = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!p) {
			mutex_unlock(&s->lock);
			return ERR_PTR(-ENOMEM);
		}
		p->flags |= PG_anon;
		*slot = p;
	}
	get_page(p);
	mutex_unlock(&s->lock);
	return p;
}

bool shmem_anon_present(struct shmem_anon *s, u64 index)
{
	void **slot;
	bool r;

	if (index >= s->npages)
		return false;
	mutex_lock(&s->lock);
	slot = slot_lookup(s, index, false);
	r = slot && *slot;
	mutex_unlock(&s->lock);
	return r;
}

/* Drop the pages with index in [from, to) below node (at level, covering
 * indices from base); with free_nodes, the nodes themselves too. */
static void drop_range(void **node, int level, u64 base, u64 from, u64 to, bool free_nodes)
{
	u64 span = 1ULL << (SLOT_BITS * (level - 1));

	for (unsigned i = 0; i < SLOTS; i++) {
		u64 lo = base + i * span, hi = lo + span;

		if (!node[i] || hi <= from || lo >= to)
			continue;
		if (level == 1) {
			put_page(node[i]);
			node[i] = NULL;
		} else {
			drop_range(node[i], level - 1, lo, from, to, free_nodes);
			if (free_nodes) {
				free_pages_addr(node[i], 0);
				node[i] = NULL;
			}
		}
	}
}

void shmem_anon_punch(struct shmem_anon *s, u64 from, u64 to)
{
	mutex_lock(&s->lock);
	if (s->root)
		drop_range(s->root, s->height, 0, from, to, false);
	mutex_unlock(&s->lock);
}

void shmem_anon_put(struct shmem_anon *s)
{
	if (__atomic_sub_fetch(&s->refcount, 1, __ATOMIC_ACQ_REL))
		return;
	if (s->root) {
		drop_range(s->root, s->height, 0, 0, ~0ULL, true);
		free_pages_addr(s->root, 0);
	}
	kfree(s);
}
