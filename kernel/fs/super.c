/*
 * Filesystem types and super blocks. A filesystem type registers a mount
 * function that builds a super block with its root dentry; every mount of
 * that super block holds an active reference (s_active), and when the last
 * goes the type's kill_sb tears it down. In-memory filesystems (tmpfs,
 * devtmpfs, pipefs) get anonymous device numbers (major 0) for st_dev.
 */
#include <kernel/fsnotify.h>

#include "internal.h"

static DEFINE_SPINLOCK(fs_type_lock);
static struct file_system_type *fs_types;   /* fs_type_lock */

int register_filesystem(struct file_system_type *t)
{
	struct file_system_type *p;

	spin_lock(&fs_type_lock);
	for (p = fs_types; p; p = p->next) {
		if (!strcmp(p->name, t->name)) {
			spin_unlock(&fs_type_lock);
			return -EBUSY;
		}
	}
	t->next = fs_types;
	fs_types = t;
	spin_unlock(&fs_type_lock);
	return 0;
}

struct file_system_type *get_fs_type(const char *name)
{
	struct file_system_type *p;

	spin_lock(&fs_type_lock);
	for (p = fs_types; p; p = p->next)
		if (!strcmp(p->name, name))
			break;
	spin_unlock(&fs_type_lock);
	return p;
}

dev_t new_anon_dev(void)
{
	static u32 next_minor = 1;

	return MKDEV(0, __atomic_fetch_add(&next_minor, 1, __ATOMIC_RELAXED) & 0xfffff);
}

struct super_block *sget_nodev(struct file_system_type *t,
			       int (*fill)(struct super_block *sb, void *data), void *data)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);
	int err;

	if (!sb)
		return ERR_PTR(-ENOMEM);
	sb->s_type = t;
	sb->s_dev = new_anon_dev();
	sb->s_active = 1;
	sb->s_blocksize = PAGE_SIZE;
	sb->s_maxbytes = 1ULL << 52;
	spin_lock_init(&sb->s_lock, "super_block.s_lock");
	INIT_LIST_HEAD(&sb->s_inodes);
	err = fill(sb, data);
	if (err) {
		if (sb->s_root)
			dput(sb->s_root);
		kfree(sb);
		return ERR_PTR(err);
	}
	return sb;
}

/*
 * Drop the whole tree of an in-memory filesystem: every dentry is unpinned
 * and unhashed, leaves first, so each is freed as soon as nothing else
 * (an open file, a cwd) holds it.
 */
static void d_unpin_tree(struct dentry *root)
{
	for (;;) {
		struct dentry *d = root;
		bool pinned;

		spin_lock(&dcache_lock);
		while (!list_empty(&d->d_subdirs))
			d = list_first_entry(&d->d_subdirs, struct dentry, d_child);
		if (d == root) {
			spin_unlock(&dcache_lock);
			return;
		}
		pinned = d->d_flags & DCACHE_PINNED;
		d->d_flags &= ~DCACHE_PINNED;
		hlist_del_init(&d->d_hash);
		list_del_init(&d->d_child);
		d->d_flags &= ~DCACHE_HASHED;
		if (!pinned)
			atomic_inc(&d->d_count);   /* balanced by the dput below */
		spin_unlock(&dcache_lock);
		dput(d);
	}
}

void kill_litter_super(struct super_block *sb)
{
	if (sb->s_root) {
		d_unpin_tree(sb->s_root);
		dput(sb->s_root);
	}
	if (sb->s_op && sb->s_op->put_super)
		sb->s_op->put_super(sb);
	/* Inodes still referenced (open files) keep pointing at sb: leave it. */
	spin_lock(&sb->s_lock);
	if (sb->s_nr_inodes) {
		spin_unlock(&sb->s_lock);
		return;   /* XXX: Linux keeps the sb until the last inode goes; we leak it */
	}
	spin_unlock(&sb->s_lock);
	kfree(sb);
}

void deactivate_super(struct super_block *sb)
{
	if (atomic_dec(&sb->s_active) > 0)
		return;
	fsnotify_sb_delete(sb);
	if (sb->s_type && sb->s_type->kill_sb)
		sb->s_type->kill_sb(sb);
	else
		kill_litter_super(sb);
}
