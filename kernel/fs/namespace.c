/*
 * Mounts: a tree of struct mount, each attaching a super block's root (or a
 * subtree, for bind mounts later) on a dentry of its parent mount. The path
 * walk finds the mount on a dentry through a hash keyed by (parent mount,
 * dentry), steps into it, and steps back out of it on "..".
 *
 * mount_lock (spinlock) guards the hash, the tree links and d_mounted;
 * namespace_mutex serializes mount and umount as a whole.
 * XXX: one global namespace; Linux has one tree per mount namespace
 * (CLONE_NEWNS) with propagation: comes with containers.
 */
#include <kernel/seq_file.h>

#include "internal.h"

DEFINE_SPINLOCK(mount_lock);
DEFINE_MUTEX(namespace_mutex);

#define MOUNT_HASH_SIZE 256
static struct hlist_head mount_hash[MOUNT_HASH_SIZE];   /* mount_lock */
static LIST_HEAD(all_mounts);                             /* mount_lock */
static struct mount *root_mount;
static u32 next_mnt_id = 1;                               /* mount_lock */

static struct hlist_head *m_bucket(const struct vfsmount *parent, const struct dentry *d)
{
	unsigned long h = ((unsigned long)parent >> 5) ^ ((unsigned long)d >> 5);

	return &mount_hash[(h ^ (h >> 8)) & (MOUNT_HASH_SIZE - 1)];
}

struct vfsmount *mntget(struct vfsmount *m)
{
	if (m)
		atomic_inc(&real_mount(m)->count);
	return m;
}

void mntput(struct vfsmount *vm)
{
	struct mount *m;

	if (!vm)
		return;
	m = real_mount(vm);
	if (atomic_dec(&m->count) > 0)
		return;
	spin_lock(&mount_lock);
	list_del(&m->all_node);
	spin_unlock(&mount_lock);
	dput(m->mnt.mnt_root);
	deactivate_super(m->mnt.mnt_sb);
	kfree(m->devname);
	kfree(m);
}

bool mnt_readonly(const struct vfsmount *m)
{
	return (m->mnt_flags & MNT_RDONLY) || (m->mnt_sb->s_flags & SB_RDONLY);
}

int mnt_want_write(struct vfsmount *m)
{
	return m && mnt_readonly(m) ? -EROFS : 0;
}

u32 mnt_id(const struct vfsmount *m)
{
	return real_mount(m)->id;
}

void path_get(const struct path *p)
{
	mntget(p->mnt);
	dget(p->dentry);
}

void path_put(const struct path *p)
{
	dput(p->dentry);
	mntput(p->mnt);
}

static struct mount *alloc_mount(struct super_block *sb, const char *devname)
{
	struct mount *m = kzalloc(sizeof(*m), GFP_KERNEL);

	if (!m)
		return NULL;
	m->devname = kstrdup(devname ? devname : "none", GFP_KERNEL);
	if (!m->devname) {
		kfree(m);
		return NULL;
	}
	m->count = 1;
	m->parent = m;
	m->mnt.mnt_sb = sb;
	m->mnt.mnt_root = dget(sb->s_root);
	INIT_LIST_HEAD(&m->children);
	INIT_LIST_HEAD(&m->child_node);
	INIT_HLIST_NODE(&m->hash);
	spin_lock(&mount_lock);
	m->id = next_mnt_id++;
	list_add_tail(&m->all_node, &all_mounts);
	spin_unlock(&mount_lock);
	return m;
}

struct vfsmount *vfs_kern_mount(struct file_system_type *t, int flags, const char *devname,
				void *data)
{
	struct super_block *sb = t->mount(t, flags, devname, data);
	struct mount *m;

	if (IS_ERR(sb))
		return ERR_PTR(PTR_ERR(sb));
	m = alloc_mount(sb, devname);
	if (!m) {
		deactivate_super(sb);
		return ERR_PTR(-ENOMEM);
	}
	return &m->mnt;
}

struct vfsmount *lookup_mnt(const struct path *p)
{
	struct hlist_node *n;
	struct vfsmount *found = NULL;

	spin_lock(&mount_lock);
	for (n = m_bucket(p->mnt, p->dentry)->first; n; n = n->next) {
		struct mount *m = container_of(n, struct mount, hash);

		if (&m->parent->mnt == p->mnt && m->mountpoint == p->dentry) {
			/* The latest mount on a spot hides the earlier ones: the
			 * hash lists newest first. */
			found = mntget(&m->mnt);
			break;
		}
	}
	spin_unlock(&mount_lock);
	return found;
}

int follow_mount(struct path *p)
{
	int crossed = 0;

	while (d_mountpoint(p->dentry)) {
		struct vfsmount *m = lookup_mnt(p);

		if (!m)
			break;
		dput(p->dentry);
		mntput(p->mnt);
		p->mnt = m;
		p->dentry = dget(m->mnt_root);
		crossed = 1;
	}
	return crossed;
}

/* Attach newm (the caller's reference passes to the tree) on where. */
int do_add_mount(struct vfsmount *newm, const struct path *where)
{
	struct path at = *where;
	struct mount *m = real_mount(newm), *parent;

	path_get(&at);
	mutex_lock(&namespace_mutex);
	follow_mount(&at);   /* mount on top of whatever is already there */
	if (!at.dentry->d_inode || (d_unhashed(at.dentry) && at.dentry != at.mnt->mnt_root)) {
		mutex_unlock(&namespace_mutex);
		path_put(&at);
		return -ENOENT;
	}
	if (S_ISDIR(at.dentry->d_inode->i_mode) != S_ISDIR(newm->mnt_root->d_inode->i_mode)) {
		mutex_unlock(&namespace_mutex);
		path_put(&at);
		return -ENOTDIR;
	}
	parent = real_mount(at.mnt);
	spin_lock(&mount_lock);
	m->parent = parent;            /* the reference from `at` moves here */
	m->mountpoint = at.dentry;     /* likewise */
	at.dentry->d_mounted++;
	hlist_add_head(&m->hash, m_bucket(&parent->mnt, at.dentry));
	list_add_tail(&m->child_node, &parent->children);
	spin_unlock(&mount_lock);
	mutex_unlock(&namespace_mutex);
	return 0;
}

static void detach_mount(struct mount *m)
{
	struct mount *parent;
	struct dentry *mp;

	spin_lock(&mount_lock);
	parent = m->parent;
	mp = m->mountpoint;
	hlist_del_init(&m->hash);
	list_del_init(&m->child_node);
	mp->d_mounted--;
	m->parent = m;
	m->mountpoint = NULL;
	spin_unlock(&mount_lock);
	dput(mp);
	mntput(&parent->mnt);
}

int vfs_mount(const char *source, const char *dir, const char *fstype, unsigned mnt_flags,
	      void *data)
{
	struct file_system_type *t = get_fs_type(fstype);
	struct vfsmount *m;
	struct path p;
	int err;

	if (!t)
		return -ENODEV;
	err = kern_path(dir, LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	m = vfs_kern_mount(t, mnt_flags, source, data);
	if (IS_ERR(m)) {
		path_put(&p);
		return PTR_ERR(m);
	}
	m->mnt_flags = mnt_flags;
	err = do_add_mount(m, &p);
	if (err)
		mntput(m);
	path_put(&p);
	return err;
}

#define LINUX_MNT_FORCE  1
#define LINUX_MNT_DETACH 2

int vfs_umount(const char *dir, int flags)
{
	struct path p;
	struct mount *m;
	int err;

	err = kern_path(dir, LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	m = real_mount(p.mnt);
	if (p.dentry != p.mnt->mnt_root) {
		path_put(&p);
		return -EINVAL;
	}
	mutex_lock(&namespace_mutex);
	if (m->parent == m) {
		err = -EINVAL;    /* the root, or not attached */
		goto out;
	}
	if (!list_empty(&m->children) && !(flags & LINUX_MNT_DETACH)) {
		err = -EBUSY;
		goto out;
	}
	/* Busy unless only the tree and our lookup hold it. */
	if (atomic_read(&m->count) > 2 && !(flags & LINUX_MNT_DETACH)) {
		err = -EBUSY;
		goto out;
	}
	/* XXX: MNT_DETACH of a mount with children detaches only the top */
	detach_mount(m);
	mntput(&m->mnt);   /* the tree's reference */
	err = 0;
out:
	mutex_unlock(&namespace_mutex);
	path_put(&p);
	return err;
}

struct path vfs_root_path(void)
{
	struct path p = { &root_mount->mnt, root_mount->mnt.mnt_root };

	path_get(&p);
	return p;
}

/* Mount tmpfs as the root of everything. */
void mnt_init(void)
{
	struct vfsmount *m = vfs_kern_mount(&tmpfs_type, 0, "rootfs", (void *)"mode=0755");

	if (IS_ERR(m))
		panic("vfs: cannot mount the root tmpfs (%ld)", PTR_ERR(m));
	root_mount = real_mount(m);
}

/* For /proc/mounts later: fn on each attached mount in id order (no lock held). */
int vfs_for_each_mount(int (*fn)(struct vfsmount *m, const char *devname, void *arg), void *arg)
{
	u32 last = 0;
	int ret = 0;

	for (;;) {
		struct mount *m, *pick = NULL;

		spin_lock(&mount_lock);
		list_for_each_entry(m, &all_mounts, all_node) {
			if (m->id > last && (m->parent != m || m == root_mount) &&
			    (!pick || m->id < pick->id))
				pick = m;
		}
		if (pick)
			mntget(&pick->mnt);
		spin_unlock(&mount_lock);
		if (!pick)
			break;
		last = pick->id;
		ret = fn(&pick->mnt, pick->devname, arg);
		mntput(&pick->mnt);
		if (ret)
			break;
	}
	return ret;
}

/*
 * /proc/[pid]/mounts and mountinfo.
 * XXX: one global tree: every task sees every mount, paths from the
 * initial root; per-namespace views come with mount namespaces.
 */
struct show_ctx {
	struct seq_file *m;
	bool info;
};

static void show_flags(struct seq_file *m, struct vfsmount *mnt)
{
	seq_puts(m, mnt_readonly(mnt) ? "ro" : "rw");
	if (mnt->mnt_flags & MNT_NOSUID)
		seq_puts(m, ",nosuid");
	if (mnt->mnt_flags & MNT_NODEV)
		seq_puts(m, ",nodev");
	if (mnt->mnt_flags & MNT_NOEXEC)
		seq_puts(m, ",noexec");
}

static int show_one(struct vfsmount *vm, const char *devname, void *arg)
{
	struct show_ctx *c = arg;
	struct seq_file *m = c->m;
	struct mount *mnt = real_mount(vm);
	struct super_block *sb = vm->mnt_sb;
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL), *p;
	struct mount *parent;
	struct dentry *mp;

	if (!buf)
		return -ENOMEM;
	spin_lock(&mount_lock);
	parent = mnt->parent;
	mp = mnt->mountpoint;
	spin_unlock(&mount_lock);
	if (mnt == root_mount)
		p = "/";
	else
		p = d_path(&parent->mnt, mp, buf, PATH_MAX);
	if (IS_ERR(p)) {
		kfree(buf);
		return 0;
	}
	if (c->info) {
		seq_printf(m, "%u %u %u:%u ", mnt->id, parent->id, MAJOR(sb->s_dev), MINOR(sb->s_dev));
		seq_puts(m, "/ ");
		seq_escape(m, p, " \t\n\\");
		seq_putc(m, ' ');
		show_flags(m, vm);
		seq_puts(m, " - ");
		seq_escape(m, sb->s_type->name, " \t\n\\");
		seq_putc(m, ' ');
		seq_escape(m, devname, " \t\n\\");
		seq_puts(m, (sb->s_flags & SB_RDONLY) ? " ro" : " rw");
	} else {
		seq_escape(m, devname, " \t\n\\");
		seq_putc(m, ' ');
		seq_escape(m, p, " \t\n\\");
		seq_putc(m, ' ');
		seq_escape(m, sb->s_type->name, " \t\n\\");
		seq_putc(m, ' ');
		show_flags(m, vm);
	}
	if (sb->s_op && sb->s_op->show_options)
		sb->s_op->show_options(m, sb);
	seq_puts(m, c->info ? "\n" : " 0 0\n");
	kfree(buf);
	return 0;
}

int vfs_show_mounts(struct seq_file *m, struct task *t)
{
	struct show_ctx c = { m, false };

	return vfs_for_each_mount(show_one, &c);
}

int vfs_show_mountinfo(struct seq_file *m, struct task *t)
{
	struct show_ctx c = { m, true };

	return vfs_for_each_mount(show_one, &c);
}

static int sync_one(struct vfsmount *vm, const char *devname, void *arg)
{
	struct super_block *sb = vm->mnt_sb;

	if (sb->s_op && sb->s_op->sync_fs && !(sb->s_flags & SB_RDONLY))
		sb->s_op->sync_fs(sb, *(bool *)arg);
	return 0;
}

/* XXX: a super block mounted twice is synced twice. */
void vfs_sync_all(bool wait)
{
	vfs_for_each_mount(sync_one, &wait);
}
