/*
 * The sysfs file system: a tree of struct sysfs_node (sysfs/tree.c) shown
 * as directories, read-only attribute files and symlinks. Inodes are made
 * on demand at lookup; readdir walks the node's children (the static ones,
 * then those its generator emits for the devices present) with positions
 * counting entries, so a directory read in pieces resumes where it was.
 * Inode numbers are hashes of the parent's number and the name, the same
 * at lookup and readdir. Attribute files are generated whole at open
 * (seq_file), 4096 bytes in size as Linux reports, and refuse writing
 * (EACCES at open) as Linux's read-only attributes do.
 *
 * One super block for every mount, as Linux has (per network namespace).
 *
 * XXX: a device that goes away leaves its cached dentries until the super
 * block goes (Linux removes them at once).
 */
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/sysfs.h>
#include <string.h>

#include "internal.h"

#define SYSFS_MAGIC 0x62656572

struct sysfs_inode {
	struct inode vfs;
	const struct sysfs_node *node;
	char arg[SYSFS_ARG_MAX];
};

static inline struct sysfs_inode *SI(struct inode *i)
{
	return container_of(i, struct sysfs_inode, vfs);
}

static const struct inode_operations sysfs_dir_iops, sysfs_link_iops;
static const struct file_operations sysfs_dir_fops, sysfs_file_fops;

static u64 sysfs_ino(u64 parent, const char *name)
{
	u64 h = parent * 0x100000001b3ULL ^ 0xcbf29ce484222325ULL;

	for (; *name; name++)
		h = (h ^ (unsigned char)*name) * 0x100000001b3ULL;
	h &= 0x7fffffffffffULL;
	return h < 2 ? h + 2 : h;
}

static unsigned node_dtype(const struct sysfs_node *n)
{
	return vfs_dtype(n->mode);
}

static struct inode *sysfs_make_inode(struct super_block *sb, const struct sysfs_node *node,
				      const char *arg, u64 ino)
{
	struct inode *inode = new_inode(sb);
	struct sysfs_inode *si;

	if (!inode)
		return NULL;
	si = SI(inode);
	si->node = node;
	strncpy(si->arg, arg ? arg : "", SYSFS_ARG_MAX - 1);
	inode->i_ino = ino;
	inode->i_mode = node->mode;
	if (S_ISDIR(node->mode)) {
		inode->i_op = &sysfs_dir_iops;
		inode->i_fop = &sysfs_dir_fops;
		set_nlink(inode, 2);
	} else if (S_ISLNK(node->mode)) {
		inode->i_op = &sysfs_link_iops;
	} else {
		inode->i_fop = &sysfs_file_fops;
		inode->i_size = 4096;
	}
	return inode;
}

/* Walk a directory's children (static, then dynamic): fn per child. */
struct walk {
	bool (*fn)(struct walk *w, const char *name, const struct sysfs_node *node,
		   const char *arg);
	bool stopped;
};

static bool walk_emit(void *ctx, const char *name, const struct sysfs_node *node, const char *arg)
{
	struct walk *w = ctx;

	if (w->stopped)
		return false;
	if (!w->fn(w, name, node, arg))
		w->stopped = true;
	return !w->stopped;
}

static void walk_dir(struct sysfs_inode *dir, struct walk *w)
{
	const struct sysfs_node *c;

	w->stopped = false;
	for (c = dir->node->children; c && c->name; c++)
		if (!walk_emit(w, c->name, c, dir->arg))
			return;
	if (dir->node->list)
		dir->node->list(dir->arg, walk_emit, w);
}

/* ---- lookup ---- */

struct find {
	struct walk w;
	const char *name;
	u32 len;
	const struct sysfs_node *node;
	char arg[SYSFS_ARG_MAX];
};

static bool find_fn(struct walk *w, const char *name, const struct sysfs_node *node,
		    const char *arg)
{
	struct find *f = container_of(w, struct find, w);

	if (strlen(name) != f->len || memcmp(name, f->name, f->len))
		return true;
	f->node = node;
	strncpy(f->arg, arg ? arg : "", SYSFS_ARG_MAX - 1);
	return false;
}

static struct dentry *sysfs_lookup(struct inode *dir, struct dentry *d, unsigned flags)
{
	struct find f = { .w.fn = find_fn, .name = d->d_name.name, .len = d->d_name.len };
	struct inode *inode = NULL;

	walk_dir(SI(dir), &f.w);
	if (f.node) {
		char name[NAME_MAX + 1];

		memcpy(name, d->d_name.name, d->d_name.len);
		name[d->d_name.len] = 0;
		inode = sysfs_make_inode(dir->i_sb, f.node, f.arg, sysfs_ino(dir->i_ino, name));
		if (!inode)
			return ERR_PTR(-ENOMEM);
	}
	d_add(d, inode);
	return NULL;
}

/* ---- readdir ---- */

struct rd {
	struct walk w;
	struct dir_context *ctx;
	u64 dir_ino;
	s64 index;       /* of the next child the walk meets */
};

static bool rd_fn(struct walk *w, const char *name, const struct sysfs_node *node,
		  const char *arg)
{
	struct rd *r = container_of(w, struct rd, w);
	s64 pos = 2 + r->index++;

	if (pos < r->ctx->pos)
		return true;
	if (!r->ctx->actor(r->ctx, name, strlen(name), pos, sysfs_ino(r->dir_ino, name),
			   node_dtype(node)))
		return false;
	r->ctx->pos = pos + 1;
	return true;
}

static int sysfs_readdir(struct file *f, struct dir_context *ctx)
{
	struct rd r = { .w.fn = rd_fn, .ctx = ctx, .dir_ino = f->f_inode->i_ino };

	if (!dir_emit_dots(f, ctx))
		return 0;
	walk_dir(SI(f->f_inode), &r.w);
	return 0;
}

static s64 sysfs_dir_llseek(struct file *f, s64 off, int whence)
{
	s64 pos;

	if (whence == 0)
		pos = off;
	else if (whence == 1)
		pos = f->f_pos + off;
	else
		return -EINVAL;
	if (pos < 0)
		return -EINVAL;
	f->f_pos = pos;
	return pos;
}

/* ---- attribute files and links ---- */

static int sysfs_show(struct seq_file *m, void *arg)
{
	struct sysfs_inode *si = arg;

	return si->node->show ? si->node->show(m, si->arg) : 0;
}

static int sysfs_file_open(struct inode *inode, struct file *f)
{
	if (f->f_mode & FMODE_WRITE)
		return -EACCES;   /* read-only attributes, as Linux's kernfs */
	return single_open(f, sysfs_show, SI(inode));
}

static const char *sysfs_get_link(struct dentry *d, struct inode *inode, void **to_free)
{
	struct sysfs_inode *si = SI(inode);
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);

	if (!buf)
		return ERR_PTR(-ENOMEM);
	buf[0] = 0;
	if (si->node->link)
		si->node->link(si->arg, buf, PATH_MAX);
	*to_free = buf;
	return buf;
}

static const struct inode_operations sysfs_dir_iops = {
	.lookup = sysfs_lookup,
};

static const struct inode_operations sysfs_link_iops = {
	.get_link = sysfs_get_link,
};

static const struct file_operations sysfs_dir_fops = {
	.iterate = sysfs_readdir,
	.llseek = sysfs_dir_llseek,
};

static const struct file_operations sysfs_file_fops = {
	.open = sysfs_file_open,
	.read_iter = seq_read_iter,
	.llseek = seq_lseek,
	.release = single_release,
};

/* ---- super block ---- */

static struct inode *sysfs_alloc_inode(struct super_block *sb)
{
	struct sysfs_inode *si = kzalloc(sizeof(*si), GFP_KERNEL);

	return si ? &si->vfs : NULL;
}

static void sysfs_free_inode(struct inode *inode)
{
	kfree(SI(inode));
}

static int sysfs_statfs(struct dentry *d, struct linux_statfs_k *st)
{
	memset(st, 0, sizeof(*st));
	st->f_type = SYSFS_MAGIC;
	st->f_bsize = PAGE_SIZE;
	st->f_namelen = NAME_MAX;
	return 0;
}

static const struct super_operations sysfs_sops = {
	.alloc_inode = sysfs_alloc_inode,
	.free_inode = sysfs_free_inode,
	.statfs = sysfs_statfs,
};

static int sysfs_fill(struct super_block *sb, void *data)
{
	struct inode *root;

	sb->s_magic = SYSFS_MAGIC;
	sb->s_op = &sysfs_sops;
	strncpy(sb->s_id, "sysfs", sizeof(sb->s_id) - 1);
	root = sysfs_make_inode(sb, &sysfs_root_node, "", 1);
	if (!root)
		return -ENOMEM;
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}

/* One super block, shared by every mount (Linux: one per network
 * namespace), so mounting sysfs twice on one spot is EBUSY as there. */
static struct super_block *sysfs_sb;
static DEFINE_MUTEX(sysfs_sb_lock);

static struct super_block *sysfs_mount(struct file_system_type *t, int flags, const char *source,
				       void *data)
{
	struct super_block *sb;

	mutex_lock(&sysfs_sb_lock);
	if (!sysfs_sb) {
		sb = sget_nodev(t, sysfs_fill, data);
		if (IS_ERR(sb)) {
			mutex_unlock(&sysfs_sb_lock);
			return sb;
		}
		sysfs_sb = sb;   /* this first reference keeps it for good */
	}
	sb = sysfs_sb;
	__atomic_add_fetch(&sb->s_active, 1, __ATOMIC_ACQ_REL);
	mutex_unlock(&sysfs_sb_lock);
	return sb;
}

static struct file_system_type sysfs_type = {
	.name = "sysfs",
	.mount = sysfs_mount,
	.kill_sb = kill_litter_super,
};

void sysfs_init(void)
{
	register_filesystem(&sysfs_type);
}
