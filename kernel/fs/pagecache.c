/*
 * The page cache: the pages of a file's data, indexed by page number in a
 * 64-way radix tree per inode (struct address_space). tmpfs keeps its files
 * only here; memory mappings (kernel/mm) map these very pages through
 * file_get_page, so a MAP_SHARED write is seen by read(2) and vice versa.
 *
 * Disk file systems give the mapping address_space_operations: a page
 * missing from the cache is read by a_ops->readpage when first asked for
 * (mapping_read_page), pages written are marked dirty and go back to disk
 * through a_ops->writepage in mapping_writeback (fsync, sync, umount, the
 * periodic flusher by way of the file system's sync_fs).
 *
 * References: the cache holds one on each page it contains; file_get_page
 * and mapping_get_page hand out another, dropped with page_put /
 * file_put_page. A page leaves the cache by truncation, or by reclaim, and
 * is freed when its last reference goes, so a mapping that still holds it
 * after a truncate keeps valid (if detached) memory.
 *
 * Reclaim: the cache of a disk file is only a copy, so under memory
 * pressure the page allocator asks pagecache_shrink for pages: mappings
 * with a_ops are on a list while they have pages, and the shrinker drops
 * their clean pages that nobody else references (not mapped, not being
 * read or written), oldest mapping first and round robin. It only ever
 * trylocks a mapping (the allocation that needs memory may hold one) and
 * never sleeps. XXX: Linux keeps per-page active/inactive LRU lists and a
 * background kswapd; this is direct reclaim by file, and tmpfs pages (no
 * swap) and dentries/inodes are never reclaimed.
 */
#include <kernel/vm.h>

#include "internal.h"

/* The page cache's own page flags (bits 8 and up are kernel/fs's). */
#define PG_dirty   (1UL << 8)    /* to be written by a_ops->writepage */
#define PG_private (1UL << 9)    /* reserved for the file system */

static LIST_HEAD(mapping_lru);              /* mappings with reclaimable pages */
static DEFINE_SPINLOCK(mapping_lru_lock);    /* the list, lru and reclaim_busy */
static unsigned long nr_cache_pages;         /* atomic */
static unsigned long nr_file_pages;          /* of disk files (a_ops); atomic */

#define RADIX_SHIFT 6
#define RADIX_SLOTS (1u << RADIX_SHIFT)
#define RADIX_MASK (RADIX_SLOTS - 1)

struct radix_node {
	void *slots[RADIX_SLOTS];
};

void page_get(struct page *p)
{
	get_page(p);
}

void page_put(struct page *p)
{
	put_page(p);
}

void file_put_page(struct page *p)
{
	page_put(p);
}

void mapping_init(struct address_space *m, struct inode *host)
{
	mutex_init(&m->lock, "mapping.lock");
	m->root = NULL;
	m->height = 0;
	m->nrpages = 0;
	m->nrdirty = 0;
	m->host = host;
	m->a_ops = NULL;
	INIT_LIST_HEAD(&m->lru);
	m->reclaim_busy = false;
	m->ra_next = 0;
	m->ra_pages = 0;
	spin_lock_init(&m->i_mmap_lock, "mapping.i_mmap");
	INIT_LIST_HEAD(&m->i_mmap);
	m->i_mmap_nr = 0;
}

/* Indices a tree of this height can hold: 64^height. */
static u64 radix_capacity(unsigned height)
{
	if (height * RADIX_SHIFT >= 64)
		return ~0ULL;
	return 1ULL << (height * RADIX_SHIFT);
}

/* nrpages grew or shrank by delta (m->lock held). */
static void pages_changed(struct address_space *m, long delta)
{
	unsigned long flags;

	m->nrpages += delta;
	__atomic_add_fetch(&nr_cache_pages, delta, __ATOMIC_RELAXED);
	if (m->a_ops)
		__atomic_add_fetch(&nr_file_pages, delta, __ATOMIC_RELAXED);
	if (delta > 0 && m->a_ops && list_empty(&m->lru)) {
		spin_lock_irqsave(&mapping_lru_lock, flags);
		if (list_empty(&m->lru))
			list_add_tail(&m->lru, &mapping_lru);
		spin_unlock_irqrestore(&mapping_lru_lock, flags);
	}
}

unsigned long pagecache_pages(void)
{
	return __atomic_load_n(&nr_cache_pages, __ATOMIC_RELAXED);
}

unsigned long pagecache_file_pages(void)
{
	return __atomic_load_n(&nr_file_pages, __ATOMIC_RELAXED);
}

void mapping_release(struct address_space *m)
{
	unsigned long flags;

	spin_lock_irqsave(&mapping_lru_lock, flags);
	while (m->reclaim_busy) {
		spin_unlock_irqrestore(&mapping_lru_lock, flags);
		yield();
		spin_lock_irqsave(&mapping_lru_lock, flags);
	}
	list_del_init(&m->lru);
	spin_unlock_irqrestore(&mapping_lru_lock, flags);
}

/* tmpfs counts its pages as the file's blocks; disk file systems keep
 * their own count. */
static void mapping_account(struct address_space *m)
{
	if (m->host && !m->a_ops)
		WRITE_ONCE(m->host->i_blocks, m->nrpages * (PAGE_SIZE / 512));
}

/* The slot for index, creating the path to it if create; NULL if absent
 * (or out of memory). Caller holds m->lock. */
static void **radix_slot(struct address_space *m, u64 index, bool create)
{
	struct radix_node *n;

	if (!m->root || index >= radix_capacity(m->height)) {
		if (!create)
			return NULL;
		/* Grow: the old root becomes slot 0 of a new root. */
		while (!m->root || index >= radix_capacity(m->height)) {
			struct radix_node *r = kzalloc(sizeof(*r), GFP_KERNEL);

			if (!r)
				return NULL;
			if (m->root)
				r->slots[0] = m->root;
			m->root = r;
			m->height++;
		}
	}
	n = m->root;
	for (unsigned h = m->height; h > 1; h--) {
		unsigned i = (index >> ((h - 1) * RADIX_SHIFT)) & RADIX_MASK;

		if (!n->slots[i]) {
			if (!create)
				return NULL;
			n->slots[i] = kzalloc(sizeof(struct radix_node), GFP_KERNEL);
			if (!n->slots[i])
				return NULL;
		}
		n = n->slots[i];
	}
	return &n->slots[index & RADIX_MASK];
}

/*
 * Read-ahead, after Linux's on-demand read-ahead, simplified: a miss at
 * the index the previous access was followed by (or at 0) is a sequential
 * read, and reads a window of pages at once, which doubles on each such
 * miss (RA_INIT up to RA_MAX pages) and is cut at the end of the file and
 * at the first page already cached; a miss anywhere else resets the window
 * and reads that page alone. The file system's readpages turns a window
 * into large bios.
 * XXX: Linux starts the next window asynchronously when the reader reaches
 * a marked page of the current one, overlapping I/O with the copying; here
 * a window is read while the reader waits.
 */
#define RA_INIT 4
#define RA_MAX 64            /* 256 KiB */

/* The pages to read with a miss at index: 1, or a read-ahead window
 * (then *pages and the rest of the array hold the fresh pages). Caller
 * holds m->lock. */
static unsigned ra_window(struct address_space *m, u64 index)
{
	u64 size = m->host ? READ_ONCE(m->host->i_size) : 0;
	u64 end = size ? (size - 1) / PAGE_SIZE + 1 : 0;
	unsigned n;

	if (index != m->ra_next && index != 0) {
		m->ra_pages = 0;
		return 1;
	}
	m->ra_pages = m->ra_pages ? MIN(m->ra_pages * 2, (u32)RA_MAX) : RA_INIT;
	if (index >= end)
		return 1;
	n = (unsigned)MIN((u64)m->ra_pages, end - index);
	for (unsigned i = 1; i < n; i++) {
		void **slot = radix_slot(m, index + i, false);

		if (slot && *slot)
			return i;
	}
	return n;
}

static struct page *page_fresh(gfp_t gfp)
{
	struct page *page = alloc_page(gfp | __GFP_ZERO);

	if (page) {
		page->flags &= ~(PG_dirty | PG_private);
		page->private = NULL;
	}
	return page;
}

/* Read the window [index, index+n) through readpages and put the pages
 * after the first one in the cache (best effort: read-ahead failing is
 * not an error, the reader's own page is then read alone). True: the
 * first page is filled too. */
static bool ra_fill(struct address_space *m, struct page *first, u64 index, unsigned n)
{
	struct page *pages[RA_MAX];
	unsigned got = 1;

	pages[0] = first;
	/* Read-ahead is a bonus: it never costs a process its life. */
	while (got < n && (pages[got] = page_fresh(GFP_KERNEL | __GFP_NORETRY)))
		got++;
	if (got > 1 && m->a_ops->readpages(m, pages, index, got) == 0) {
		for (unsigned i = 1; i < got; i++) {
			void **slot = radix_slot(m, index + i, true);

			if (!slot || *slot) {
				put_page(pages[i]);
				continue;
			}
			*slot = pages[i];
			pages_changed(m, 1);
		}
		return true;
	}
	for (unsigned i = 1; i < got; i++)
		put_page(pages[i]);
	return false;
}

/* Find or make the page at index; a new page of a mapping with a_ops is
 * filled by readpage, or with a read-ahead window (its error as ERR_PTR).
 * Caller holds m->lock. */
static struct page *mapping_get_locked(struct address_space *m, u64 index, bool create)
{
	void **slot = radix_slot(m, index, create);
	struct page *page;

	if (!slot)
		return NULL;
	if (!*slot) {
		unsigned n;

		if (!create)
			return NULL;
		page = page_fresh(GFP_KERNEL);
		if (!page)
			return NULL;
		n = m->a_ops && m->a_ops->readpages ? ra_window(m, index) : 1;
		if (n > 1 && ra_fill(m, page, index, n)) {
			/* read with the window */
		} else if (m->a_ops && m->a_ops->readpage) {
			int err = m->a_ops->readpage(m, page, index);

			if (err) {
				put_page(page);
				return ERR_PTR(err);
			}
		}
		/* ra_fill may have grown the tree: look the slot up again. */
		slot = radix_slot(m, index, true);
		if (!slot) {
			put_page(page);
			return NULL;
		}
		*slot = page;
		pages_changed(m, 1);
		mapping_account(m);
	}
	m->ra_next = index + 1;
	page = *slot;
	page_get(page);
	return page;
}

struct page *mapping_get_page(struct address_space *m, u64 index, bool create)
{
	struct page *page;

	mutex_lock(&m->lock);
	page = mapping_get_locked(m, index, create);
	mutex_unlock(&m->lock);
	return IS_ERR(page) ? NULL : page;
}

struct page *mapping_read_page(struct address_space *m, u64 index)
{
	struct page *page;

	mutex_lock(&m->lock);
	page = mapping_get_locked(m, index, true);
	mutex_unlock(&m->lock);
	return page ? page : ERR_PTR(-ENOMEM);
}

void mapping_set_page_dirty(struct address_space *m, struct page *page)
{
	mutex_lock(&m->lock);
	if (!(page->flags & PG_dirty)) {
		page->flags |= PG_dirty;
		m->nrdirty++;
	}
	mutex_unlock(&m->lock);
}

/* The first dirty page at index >= *start below node n (level h, covering
 * indices from base); its index in *start. Caller holds m->lock. */
static struct page *radix_next_dirty(struct radix_node *n, unsigned h, u64 base, u64 *start)
{
	u64 span = radix_capacity(h - 1);

	for (unsigned i = 0; i < RADIX_SLOTS; i++) {
		u64 lo = base + i * span;
		struct page *p;

		if (!n->slots[i] || lo + span <= *start)
			continue;
		if (h == 1) {
			p = n->slots[i];
			if (p->flags & PG_dirty) {
				*start = lo;
				return p;
			}
			continue;
		}
		p = radix_next_dirty(n->slots[i], h - 1, lo, start);
		if (p)
			return p;
	}
	return NULL;
}

#define WB_BATCH 64   /* consecutive dirty pages handed to writepages at once */

/* A run of dirty pages from index on (the first is p), taken out of the
 * dirty set and referenced. Caller holds m->lock. */
static unsigned wb_collect(struct address_space *m, struct page *p, u64 index, struct page **pages)
{
	unsigned n = 0;

	for (;;) {
		p->flags &= ~PG_dirty;
		m->nrdirty--;
		page_get(p);
		pages[n++] = p;
		if (n == WB_BATCH)
			break;
		void **slot = radix_slot(m, index + n, false);

		if (!slot || !*slot || !(((struct page *)*slot)->flags & PG_dirty))
			break;
		p = *slot;
	}
	return n;
}

int mapping_writeback(struct address_space *m)
{
	u64 index = 0;
	int first_err = 0;

	if (!m->a_ops || !m->a_ops->writepage)
		return 0;
	for (;;) {
		struct page *p = NULL;
		int err;

		if (m->a_ops->writepages) {
			struct page *pages[WB_BATCH];
			unsigned n = 0;

			mutex_lock(&m->lock);
			if (m->nrdirty && m->root)
				p = radix_next_dirty(m->root, m->height, 0, &index);
			if (p)
				n = wb_collect(m, p, index, pages);
			mutex_unlock(&m->lock);
			if (!p)
				break;
			err = m->a_ops->writepages(m, pages, index, n);
			for (unsigned i = 0; i < n; i++) {
				if (err && err != -ENOENT)
					mapping_set_page_dirty(m, pages[i]);
				page_put(pages[i]);
			}
			if (err && !first_err)
				first_err = err;
			index += n;
			continue;
		}
		mutex_lock(&m->lock);
		if (m->nrdirty && m->root)
			p = radix_next_dirty(m->root, m->height, 0, &index);
		if (p) {
			p->flags &= ~PG_dirty;
			m->nrdirty--;
			page_get(p);
		}
		mutex_unlock(&m->lock);
		if (!p)
			break;
		err = m->a_ops->writepage(m, p, index);
		if (err) {
			if (!first_err)
				first_err = err;
			/* Keep it dirty for a later try, unless truncated away. */
			if (err != -ENOENT)
				mapping_set_page_dirty(m, p);
		}
		page_put(p);
		index++;
	}
	return first_err;
}

/* Drop every page at index >= first below n (a node at level h covering
 * indices from base). Returns true if n is now empty and was freed. */
static bool radix_trunc(struct address_space *m, struct radix_node *n, unsigned h, u64 base,
			u64 first)
{
	u64 span = radix_capacity(h - 1);   /* indices per slot */
	bool empty = true;

	for (unsigned i = 0; i < RADIX_SLOTS; i++) {
		u64 lo = base + i * span;

		if (!n->slots[i])
			continue;
		if (lo + span <= first) {
			empty = false;
			continue;
		}
		if (h == 1) {
			struct page *p = n->slots[i];

			if (p->flags & PG_dirty) {
				p->flags &= ~PG_dirty;
				m->nrdirty--;
			}
			page_put(p);
			n->slots[i] = NULL;
			pages_changed(m, -1);
		} else if (radix_trunc(m, n->slots[i], h - 1, lo, first)) {
			n->slots[i] = NULL;
		} else {
			empty = false;
		}
	}
	if (empty)
		kfree(n);
	return empty;
}

void mapping_truncate(struct address_space *m, u64 size)
{
	u64 first = DIV_ROUND_UP(size, PAGE_SIZE);

	/* Pages past the end leave every mapping first (the caller set the
	 * new i_size, so a fault there now gets SIGBUS), private copies
	 * too, as Linux's truncate_pagecache. */
	vm_unmap_mapping_from(m, first);
	mutex_lock(&m->lock);
	if (m->root && first < radix_capacity(m->height)) {
		if (radix_trunc(m, m->root, m->height, 0, first)) {
			m->root = NULL;
			m->height = 0;
		}
		mapping_account(m);
	}
	mutex_unlock(&m->lock);
	/* Bytes past the new end in the last page must read as zero if the
	 * file grows again (or through a mapping). */
	if (size % PAGE_SIZE) {
		struct page *p = mapping_get_page(m, size / PAGE_SIZE, false);

		if (p) {
			memset((char *)page_address(p) + size % PAGE_SIZE, 0,
			       PAGE_SIZE - size % PAGE_SIZE);
			page_put(p);
		}
	}
}

struct page *file_get_page(struct file *f, u64 index)
{
	struct inode *inode = f->f_inode;
	struct page *p;

	if (f->f_op && f->f_op->get_page)
		return f->f_op->get_page(f, index);
	if (!inode || !S_ISREG(inode->i_mode))
		return ERR_PTR(-ENODEV);
	if (index >= DIV_ROUND_UP(READ_ONCE(inode->i_size), PAGE_SIZE))
		return NULL;
	if (inode->i_mapping->a_ops) {
		p = mapping_read_page(inode->i_mapping, index);
		/* XXX: no dirty bits from the page tables: a page handed to a
		 * writable mapping is taken as dirty (Linux tracks write faults). */
		if (!IS_ERR(p) && (f->f_mode & FMODE_WRITE))
			mapping_set_page_dirty(inode->i_mapping, p);
		return p;
	}
	p = mapping_get_page(inode->i_mapping, index, true);
	return p ? p : ERR_PTR(-ENOMEM);
}

ssize_t generic_file_read_iter(struct file *f, struct iov_iter *to, u64 *pos)
{
	struct inode *inode = f->f_inode;
	ssize_t done = 0;

	while (iov_iter_count(to)) {
		u64 size = READ_ONCE(inode->i_size);
		u64 off = *pos;
		size_t in_page = off % PAGE_SIZE, n, got;
		struct page *p;

		if (off >= size)
			break;
		n = MIN((u64)(PAGE_SIZE - in_page), size - off);
		n = MIN(n, iov_iter_count(to));
		if (inode->i_mapping->a_ops) {
			p = mapping_read_page(inode->i_mapping, off / PAGE_SIZE);
			if (IS_ERR(p)) {
				if (!done)
					return PTR_ERR(p);
				break;
			}
		} else {
			p = mapping_get_page(inode->i_mapping, off / PAGE_SIZE, false);
		}
		if (p) {
			got = copy_to_iter((char *)page_address(p) + in_page, n, to);
			page_put(p);
		} else {
			got = iov_iter_zero(n, to);   /* a hole */
		}
		done += got;
		*pos += got;
		if (got < n) {
			if (!done)
				return -EFAULT;
			break;
		}
	}
	if (file_touch_atime_ok(f))
		inode_touch(inode, true, false, false);
	return done;
}

int file_write_limits(struct inode *inode, u64 pos, struct iov_iter *from)
{
	u64 maxbytes = inode->i_sb && inode->i_sb->s_maxbytes ? inode->i_sb->s_maxbytes
							       : (1ULL << 52);
	u64 limit = rlimit(RLIMIT_FSIZE);

	if (!iov_iter_count(from))
		return 0;
	if (limit != RLIM_INFINITY) {
		if (pos >= limit) {
			send_sig(SIGXFSZ, current);
			return -EFBIG;
		}
		if (iov_iter_count(from) > limit - pos)
			iov_iter_truncate(from, limit - pos);
	}
	if (pos >= maxbytes)
		return -EFBIG;
	if (iov_iter_count(from) > maxbytes - pos)
		iov_iter_truncate(from, maxbytes - pos);
	return 0;
}

ssize_t generic_file_write_iter(struct file *f, struct iov_iter *from, u64 *pos)
{
	struct inode *inode = f->f_inode;
	ssize_t done = 0;
	int err;

	mutex_lock(&inode->i_mutex);
	if (f->f_flags & LINUX_O_APPEND)
		*pos = inode->i_size;
	err = file_write_limits(inode, *pos, from);
	if (err) {
		mutex_unlock(&inode->i_mutex);
		return err;
	}
	if (iov_iter_count(from))
		file_remove_privs(inode);
	while (iov_iter_count(from)) {
		u64 off = *pos;
		size_t in_page = off % PAGE_SIZE;
		size_t n = MIN((size_t)(PAGE_SIZE - in_page), iov_iter_count(from));
		struct page *p = mapping_get_page(inode->i_mapping, off / PAGE_SIZE, true);
		size_t got;

		if (!p) {
			if (!done)
				done = -ENOSPC;
			break;
		}
		got = copy_from_iter((char *)page_address(p) + in_page, n, from);
		page_put(p);
		done += got;
		*pos += got;
		if (*pos > inode->i_size)
			WRITE_ONCE(inode->i_size, *pos);
		if (got < n) {
			if (!done)
				done = -EFAULT;
			break;
		}
	}
	if (done > 0)
		inode_touch(inode, false, true, true);
	mutex_unlock(&inode->i_mutex);
	return done;
}

/* ---- reclaim ---- */

/* Drop the clean pages only the cache holds below n (level h); counts
 * them in *freed, stops at want. True if n is empty now (and freed). */
static bool radix_shrink(struct address_space *m, struct radix_node *n, unsigned h,
			 unsigned long want, unsigned long *freed, bool keep_nodes)
{
	bool empty = true;

	for (unsigned i = 0; i < RADIX_SLOTS; i++) {
		if (!n->slots[i])
			continue;
		if (*freed >= want) {
			empty = false;
			continue;
		}
		if (h == 1) {
			struct page *p = n->slots[i];

			/* The cache's reference alone: no mapping, reader or
			 * writer has it, and lookups need m->lock, ours. */
			if (!(p->flags & (PG_dirty | PG_private)) &&
			    __atomic_load_n(&p->refcount, __ATOMIC_ACQUIRE) == 1) {
				n->slots[i] = NULL;
				pages_changed(m, -1);
				page_put(p);
				(*freed)++;
			} else {
				empty = false;
			}
		} else if (radix_shrink(m, n->slots[i], h - 1, want, freed, keep_nodes)) {
			n->slots[i] = NULL;
		} else {
			empty = false;
		}
	}
	if (empty && !keep_nodes)
		kfree(n);
	return empty && !keep_nodes;
}

unsigned long pagecache_shrink(unsigned long want)
{
	unsigned long freed = 0, flags;
	unsigned passes;

	/* Each mapping at most once per call: rotate it to the tail. */
	spin_lock_irqsave(&mapping_lru_lock, flags);
	passes = 0;
	{
		struct address_space *m;

		list_for_each_entry(m, &mapping_lru, lru)
			passes++;
	}
	while (freed < want && passes--) {
		struct address_space *m;

		if (list_empty(&mapping_lru))
			break;
		m = list_first_entry(&mapping_lru, struct address_space, lru);
		list_move_tail(&m->lru, &mapping_lru);
		if (m->reclaim_busy)
			continue;
		m->reclaim_busy = true;
		spin_unlock_irqrestore(&mapping_lru_lock, flags);
		if (mutex_owned(&m->lock)) {
			/* The allocation is for this very mapping (a reader of a
			 * big file): its pages can go, but not the tree's nodes,
			 * to which our caller may hold a slot pointer. */
			radix_shrink(m, m->root, m->height, want, &freed, true);
		} else if (mutex_trylock(&m->lock)) {
			if (m->root && radix_shrink(m, m->root, m->height, want, &freed, false)) {
				m->root = NULL;
				m->height = 0;
			}
			mutex_unlock(&m->lock);
		}
		spin_lock_irqsave(&mapping_lru_lock, flags);
		m->reclaim_busy = false;
		if (!m->nrpages)
			list_del_init(&m->lru);
	}
	spin_unlock_irqrestore(&mapping_lru_lock, flags);
	return freed;
}
