/*
 * The dentry cache: every name the kernel has looked up, hashed by
 * (parent, name), linked to its parent's list of children in the order
 * readdir hands them out. A dentry points at its inode, or at none
 * (negative: "this name does not exist"). Filesystems that keep their whole
 * tree in memory (tmpfs) pin their dentries, so for them the dcache is the
 * directory itself.
 *
 * One spinlock, dcache_lock, guards the hash, the parent/child links, names
 * and d_inode; reference counts are atomic, but a count may only go from 0
 * to 1 (d_lookup) or reach 0 (dput) under dcache_lock, so a lookup never
 * finds a dentry that is being freed. An unreferenced dentry that is
 * negative or unhashed is freed at once; a positive hashed one stays cached
 * (XXX: no shrinker yet: Linux frees unused dentries under memory pressure).
 */
#include "internal.h"

DEFINE_SPINLOCK(dcache_lock);

#define D_HASH_BITS 14
static struct hlist_head dentry_hash[1 << D_HASH_BITS];
static struct kmem_cache *dentry_cache;

void dcache_init(void)
{
	dentry_cache = kmem_cache_create("dentry", sizeof(struct dentry), 8, 0);
	if (!dentry_cache)
		panic("dcache: no memory for the dentry cache");
}

/* FNV-1a over the name, mixed with the parent's address. */
u32 vfs_name_hash(const void *salt, const char *name, u32 len)
{
	u64 h = 0xcbf29ce484222325ULL ^ (u64)(unsigned long)salt;

	for (u32 i = 0; i < len; i++) {
		h ^= (u8)name[i];
		h *= 0x100000001b3ULL;
	}
	return (u32)(h ^ (h >> 32));
}

static struct hlist_head *d_bucket(const struct dentry *parent, u32 hash)
{
	u32 h = hash ^ (u32)((unsigned long)parent >> 6);

	h ^= h >> D_HASH_BITS;
	return &dentry_hash[h & ((1 << D_HASH_BITS) - 1)];
}

static inline bool is_root(const struct dentry *d) { return d->d_parent == d; }

struct dentry *dget(struct dentry *d)
{
	if (d)
		atomic_inc(&d->d_count);
	return d;
}

static struct dentry *__d_alloc(struct super_block *sb, const char *name, u32 len)
{
	struct dentry *d = kmem_cache_alloc(dentry_cache, GFP_KERNEL);
	char *n;

	if (!d)
		return NULL;
	memset(d, 0, sizeof(*d));
	if (len < sizeof(d->d_iname)) {
		n = d->d_iname;
	} else {
		n = kmalloc(len + 1, GFP_KERNEL);
		if (!n) {
			kmem_cache_free(dentry_cache, d);
			return NULL;
		}
	}
	memcpy(n, name, len);
	n[len] = 0;
	d->d_name.name = n;
	d->d_name.len = len;
	d->d_count = 1;
	d->d_sb = sb;
	d->d_parent = d;
	INIT_HLIST_NODE(&d->d_hash);
	INIT_LIST_HEAD(&d->d_child);
	INIT_LIST_HEAD(&d->d_subdirs);
	INIT_LIST_HEAD(&d->d_alias);
	return d;
}

struct dentry *d_alloc(struct dentry *parent, const struct qstr *name)
{
	struct dentry *d = __d_alloc(parent->d_sb, name->name, name->len);

	if (!d)
		return NULL;
	d->d_name.hash = vfs_name_hash(parent, name->name, name->len);
	d->d_parent = dget(parent);
	return d;
}

struct dentry *d_alloc_name(struct dentry *parent, const char *name)
{
	struct qstr q = { name, (u32)strlen(name), 0 };

	return d_alloc(parent, &q);
}

struct dentry *d_make_root(struct inode *root)
{
	struct dentry *d;

	if (!root)
		return NULL;
	d = __d_alloc(root->i_sb, "/", 1);
	if (!d) {
		iput(root);
		return NULL;
	}
	d->d_inode = root;
	spin_lock(&root->i_lock);
	list_add(&d->d_alias, &root->i_dentry);
	spin_unlock(&root->i_lock);
	return d;
}

/* Link a dentry into the hash and its parent's children. dcache_lock held. */
static void __d_rehash(struct dentry *d)
{
	struct dentry *p = d->d_parent;

	hlist_add_head(&d->d_hash, d_bucket(p, d->d_name.hash));
	list_add_tail(&d->d_child, &p->d_subdirs);
	if (p->d_inode)
		d->d_dirpos = p->d_inode->i_dir_seq++;
	d->d_flags |= DCACHE_HASHED;
}

static void __d_unhash(struct dentry *d)
{
	if (!(d->d_flags & DCACHE_HASHED))
		return;
	hlist_del_init(&d->d_hash);
	list_del_init(&d->d_child);
	d->d_flags &= ~DCACHE_HASHED;
}

static void d_set_inode(struct dentry *d, struct inode *inode)
{
	if (!inode)
		return;
	spin_lock(&inode->i_lock);
	list_add(&d->d_alias, &inode->i_dentry);
	spin_unlock(&inode->i_lock);
}

void d_add(struct dentry *d, struct inode *inode)
{
	d_set_inode(d, inode);
	spin_lock(&dcache_lock);
	d->d_inode = inode;
	if (!(d->d_flags & DCACHE_HASHED) && !is_root(d))
		__d_rehash(d);
	spin_unlock(&dcache_lock);
}

void d_instantiate(struct dentry *d, struct inode *inode)
{
	d_set_inode(d, inode);
	spin_lock(&dcache_lock);
	d->d_inode = inode;
	/* A new entry goes to the end of readdir's order, after entries an
	 * open directory stream may already have passed. */
	if (d->d_flags & DCACHE_HASHED) {
		__d_unhash(d);
		__d_rehash(d);
	}
	spin_unlock(&dcache_lock);
}

void d_pin(struct dentry *d)
{
	spin_lock(&dcache_lock);
	if (!(d->d_flags & DCACHE_PINNED)) {
		d->d_flags |= DCACHE_PINNED;
		atomic_inc(&d->d_count);
	}
	spin_unlock(&dcache_lock);
}

void d_unpin(struct dentry *d)
{
	bool was;

	spin_lock(&dcache_lock);
	was = d->d_flags & DCACHE_PINNED;
	d->d_flags &= ~DCACHE_PINNED;
	spin_unlock(&dcache_lock);
	if (was)
		dput(d);
}

void d_drop(struct dentry *d)
{
	spin_lock(&dcache_lock);
	__d_unhash(d);
	spin_unlock(&dcache_lock);
}

bool d_unhashed(struct dentry *d)
{
	return !(READ_ONCE(d->d_flags) & DCACHE_HASHED) && !is_root(d);
}

bool d_mountpoint(struct dentry *d)
{
	return READ_ONCE(d->d_mounted) > 0;
}

static void d_free(struct dentry *d)
{
	struct inode *inode = d->d_inode;

	if (inode) {
		spin_lock(&inode->i_lock);
		list_del_init(&d->d_alias);
		spin_unlock(&inode->i_lock);
		iput(inode);
	}
	if (d->d_name.name != d->d_iname)
		kfree(d->d_name.name);
	memset(d, 0x6b, sizeof(*d));
	kmem_cache_free(dentry_cache, d);
}

void dput(struct dentry *d)
{
	while (d) {
		struct dentry *parent;
		int c = atomic_read(&d->d_count);

		/* Fast path: not the last reference. */
		while (c > 1) {
			if (__atomic_compare_exchange_n(&d->d_count, &c, c - 1, false,
							__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
				return;
		}
		spin_lock(&dcache_lock);
		if (atomic_dec(&d->d_count) > 0) {
			spin_unlock(&dcache_lock);
			return;
		}
		if (d->d_count < 0) {
			spin_unlock(&dcache_lock);
			printk(KERN_ERR "dput: dentry %s put too often\n", d->d_name.name);
			return;
		}
		/* Positive and still named: keep it cached. A root reaches 0
		 * only when its super block lets it go. */
		if (d->d_inode && (d->d_flags & (DCACHE_HASHED | DCACHE_NOCACHE)) == DCACHE_HASHED) {
			spin_unlock(&dcache_lock);
			return;
		}
		__d_unhash(d);
		parent = is_root(d) ? NULL : d->d_parent;
		spin_unlock(&dcache_lock);
		d_free(d);
		d = parent;
	}
}

struct dentry *d_lookup(struct dentry *parent, const struct qstr *name)
{
	u32 hash = vfs_name_hash(parent, name->name, name->len);
	struct hlist_head *b = d_bucket(parent, hash);
	struct hlist_node *n;
	struct dentry *found = NULL;

	spin_lock(&dcache_lock);
	for (n = b->first; n; n = n->next) {
		struct dentry *d = container_of(n, struct dentry, d_hash);

		if (d->d_parent != parent || d->d_name.hash != hash || d->d_name.len != name->len ||
		    (d->d_flags & DCACHE_NOCACHE))
			continue;
		if (memcmp(d->d_name.name, name->name, name->len))
			continue;
		atomic_inc(&d->d_count);
		found = d;
		break;
	}
	spin_unlock(&dcache_lock);
	return found;
}

/* Swap the names of two dentries (name storage may be inline or not). */
static void swap_names(struct dentry *a, struct dentry *b)
{
	bool a_in = a->d_name.name == a->d_iname, b_in = b->d_name.name == b->d_iname;
	struct qstr t;

	if (a_in && b_in) {
		char tmp[sizeof(a->d_iname)];

		memcpy(tmp, a->d_iname, sizeof(tmp));
		memcpy(a->d_iname, b->d_iname, sizeof(tmp));
		memcpy(b->d_iname, tmp, sizeof(tmp));
	} else if (a_in) {
		memcpy(b->d_iname, a->d_iname, sizeof(a->d_iname));
		a->d_name.name = b->d_name.name;
		b->d_name.name = b->d_iname;
		t = a->d_name;
		a->d_name.len = b->d_name.len;
		a->d_name.hash = b->d_name.hash;
		b->d_name.len = t.len;
		b->d_name.hash = t.hash;
		return;
	} else if (b_in) {
		swap_names(b, a);
		return;
	} else {
		const char *n = a->d_name.name;

		a->d_name.name = b->d_name.name;
		b->d_name.name = n;
	}
	t = a->d_name;
	a->d_name.len = b->d_name.len;
	a->d_name.hash = b->d_name.hash;
	b->d_name.len = t.len;
	b->d_name.hash = t.hash;
}

/*
 * Rename: d takes target's place (name and parent); target ends up with
 * d's old name and parent, unhashed (a plain move) or hashed there
 * (exchange). Parents' references swap along, so counts stay right.
 * Callers hold rename_mutex and both parents' i_mutex.
 */
static void __d_move(struct dentry *d, struct dentry *target, bool exchange)
{
	struct dentry *p;

	spin_lock(&dcache_lock);
	__d_unhash(d);
	__d_unhash(target);
	swap_names(d, target);
	p = d->d_parent;
	d->d_parent = target->d_parent;
	target->d_parent = p;
	/* Hashes are salted by the parent: recompute for the new places. */
	d->d_name.hash = vfs_name_hash(d->d_parent, d->d_name.name, d->d_name.len);
	target->d_name.hash = vfs_name_hash(target->d_parent, target->d_name.name,
					    target->d_name.len);
	__d_rehash(d);
	if (exchange)
		__d_rehash(target);
	spin_unlock(&dcache_lock);
}

void d_move(struct dentry *d, struct dentry *target)
{
	__d_move(d, target, false);
}

void d_exchange(struct dentry *a, struct dentry *b)
{
	__d_move(a, b, true);
}

bool is_subdir(struct dentry *d, struct dentry *ancestor)
{
	bool r = false;

	spin_lock(&dcache_lock);
	for (;;) {
		if (d == ancestor) {
			r = true;
			break;
		}
		if (is_root(d))
			break;
		d = d->d_parent;
	}
	spin_unlock(&dcache_lock);
	return r;
}

/*
 * Build the path of (mnt, d) as seen from the current root, at the end of
 * buf. A name outside the root (chroot escape) is reported from the global
 * root; an unlinked one gets " (deleted)" as Linux writes it.
 */
char *d_path(const struct vfsmount *vmnt, const struct dentry *dd, char *buf, size_t len)
{
	struct fs_struct *fs = current_fs();
	struct path root;
	struct mount *mnt = real_mount(vmnt);
	struct dentry *d = (struct dentry *)dd;
	char *end = buf + len, *p = end;
	bool deleted;

	if (len < 2)
		return ERR_PTR(-ENAMETOOLONG);
	spin_lock(&fs->lock);
	root = fs->root;
	path_get(&root);
	spin_unlock(&fs->lock);

	*--p = 0;
	spin_lock(&mount_lock);
	spin_lock(&dcache_lock);
	deleted = !(d->d_flags & DCACHE_HASHED) && !is_root(d);
	if (deleted) {
		static const char del[] = " (deleted)";

		if ((size_t)(p - buf) < sizeof(del) - 1)
			goto toolong;
		p -= sizeof(del) - 1;
		memcpy(p, del, sizeof(del) - 1);
	}
	for (;;) {
		if (d == root.dentry && &mnt->mnt == root.mnt)
			break;
		if (d == mnt->mnt.mnt_root || is_root(d)) {
			if (mnt->parent == mnt || !mnt->parent)
				break;   /* the global root */
			d = mnt->mountpoint;
			mnt = mnt->parent;
			continue;
		}
		if ((size_t)(p - buf) < d->d_name.len + 1)
			goto toolong;
		p -= d->d_name.len;
		memcpy(p, d->d_name.name, d->d_name.len);
		*--p = '/';
		d = d->d_parent;
	}
	spin_unlock(&dcache_lock);
	spin_unlock(&mount_lock);
	path_put(&root);
	if (*p != '/') {
		if (p == buf)
			return ERR_PTR(-ENAMETOOLONG);
		*--p = '/';
	}
	return p;
toolong:
	spin_unlock(&dcache_lock);
	spin_unlock(&mount_lock);
	path_put(&root);
	return ERR_PTR(-ENAMETOOLONG);
}
