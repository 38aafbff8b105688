/*
 * Mounting an overlay: `mount -t overlay overlay -o lowerdir=A:B:C DIR`
 * (top layer first; "\:" and "\\" escape a colon or a backslash in a
 * path). See internal.h for what this version does; upperdir and workdir
 * are refused with EINVAL and a message until copy-up exists.
 */
#include <kernel/seq_file.h>

#include "internal.h"

static void ovl_evict_inode(struct inode *inode)
{
	struct ovl_inode *oi = OVL_I(inode);

	if (!oi)
		return;
	for (int i = 0; i < oi->nr; i++)
		path_put(&oi->real[i]);
	kfree(oi);
	inode->i_private = NULL;
}

static void ovl_put_super(struct super_block *sb)
{
	struct ovl_fs *ofs = sb->s_fs_info;

	if (!ofs)
		return;
	for (int i = 0; i < ofs->nr_layers; i++)
		path_put(&ofs->layers[i]);
	kfree(ofs->lowerdir);
	kfree(ofs);
	sb->s_fs_info = NULL;
}

static int ovl_statfs(struct dentry *d, struct linux_statfs_k *st)
{
	struct ovl_fs *ofs = d->d_sb->s_fs_info;
	int err = vfs_statfs(&ofs->layers[0], st);

	if (!err) {
		st->f_type = OVL_MAGIC;
		st->f_namelen = NAME_MAX;
	}
	return err;
}

static int ovl_show_options(struct seq_file *m, struct super_block *sb)
{
	struct ovl_fs *ofs = sb->s_fs_info;

	seq_puts(m, ",lowerdir=");
	seq_escape(m, ofs->lowerdir, " \t\n\\,");
	return 0;
}

static const struct super_operations ovl_sops = {
	.evict_inode = ovl_evict_inode,
	.put_super = ovl_put_super,
	.statfs = ovl_statfs,
	.show_options = ovl_show_options,
};

/* The value of key=... in a comma-separated option string (copied). */
static int ovl_option(const char *opts, const char *key, char **out)
{
	size_t klen = strlen(key);
	const char *p = opts;

	*out = NULL;
	while (p && *p) {
		const char *end = p;
		size_t n;

		while (*end && *end != ',') {
			if (*end == '\\' && end[1])
				end++;
			end++;
		}
		n = end - p;
		if (n > klen && !strncmp(p, key, klen) && p[klen] == '=') {
			*out = kmalloc(n - klen, GFP_KERNEL);
			if (!*out)
				return -ENOMEM;
			memcpy(*out, p + klen + 1, n - klen - 1);
			(*out)[n - klen - 1] = 0;
			return 1;
		}
		p = *end ? end + 1 : end;
	}
	return 0;
}

struct ovl_mount_data {
	const char *opts;
};

static int ovl_fill(struct super_block *sb, void *data)
{
	const char *opts = ((struct ovl_mount_data *)data)->opts;
	struct ovl_fs *ofs = kzalloc(sizeof(*ofs), GFP_KERNEL);
	char *lower = NULL, *upper = NULL, *work = NULL, *p, *start;
	struct path *root;
	struct inode *inode;
	int err;

	if (!ofs)
		return -ENOMEM;
	sb->s_fs_info = ofs;
	sb->s_op = &ovl_sops;
	sb->s_magic = OVL_MAGIC;
	sb->s_flags |= SB_RDONLY;
	strncpy(sb->s_id, "overlay", sizeof(sb->s_id) - 1);
	if ((err = ovl_option(opts, "upperdir", &upper)) < 0 ||
	    (err = ovl_option(opts, "workdir", &work)) < 0 ||
	    (err = ovl_option(opts, "lowerdir", &lower)) < 0)
		goto out;
	if (upper || work) {
		printk(KERN_ERR "overlayfs: upperdir/workdir are not supported yet (lower-only mounts only)\n");
		err = -EINVAL;
		goto out;
	}
	if (!lower || !*lower) {
		printk(KERN_ERR "overlayfs: missing 'lowerdir'\n");
		err = -EINVAL;
		goto out;
	}
	ofs->lowerdir = kstrdup(lower, GFP_KERNEL);
	if (!ofs->lowerdir) {
		err = -ENOMEM;
		goto out;
	}
	/* Split at unescaped colons, removing the escapes. */
	for (p = start = lower;; p++) {
		char *w;

		if (*p == '\\' && p[1]) {
			memmove(p, p + 1, strlen(p));
			continue;
		}
		if (*p && *p != ':')
			continue;
		w = p;
		if (ofs->nr_layers == OVL_MAX_LAYERS) {
			printk(KERN_ERR "overlayfs: too many lower layers (%d at most)\n", OVL_MAX_LAYERS);
			err = -EINVAL;
			goto out;
		}
		{
			char c = *w;

			*w = 0;
			err = *start ? kern_path(start, LOOKUP_FOLLOW | LOOKUP_DIRECTORY,
						 &ofs->layers[ofs->nr_layers]) : -EINVAL;
			*w = c;
		}
		if (err) {
			printk(KERN_ERR "overlayfs: lowerdir %d: cannot use it (error %d)\n",
			       ofs->nr_layers + 1, err);
			goto out;
		}
		ofs->nr_layers++;
		if (!*p)
			break;
		start = p + 1;
	}
	root = kmalloc(ofs->nr_layers * sizeof(*root), GFP_KERNEL);
	if (!root) {
		err = -ENOMEM;
		goto out;
	}
	for (int i = 0; i < ofs->nr_layers; i++) {
		root[i] = ofs->layers[i];
		path_get(&root[i]);
	}
	inode = ovl_new_inode(sb, root, ofs->nr_layers);
	if (!inode) {
		for (int i = 0; i < ofs->nr_layers; i++)
			path_put(&root[i]);
		kfree(root);
		err = -ENOMEM;
		goto out;
	}
	kfree(root);
	sb->s_root = d_make_root(inode);
	err = sb->s_root ? 0 : -ENOMEM;
out:
	kfree(lower);
	kfree(upper);
	kfree(work);
	if (err)
		ovl_put_super(sb);
	return err;
}

static struct super_block *ovl_mount(struct file_system_type *t, int flags, const char *source,
				     void *data)
{
	struct ovl_mount_data md = { data ? data : "" };

	return sget_nodev(t, ovl_fill, &md);
}

static struct file_system_type ovl_type = {
	.name = "overlay",
	.mount = ovl_mount,
	.kill_sb = kill_litter_super,
};

void ovl_init(void)
{
	register_filesystem(&ovl_type);
}
