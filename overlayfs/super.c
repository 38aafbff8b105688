/*
 * Mounting an overlay: `mount -t overlay overlay -o lowerdir=A:B:C DIR`
 * (top layer first; "\:" and "\\" escape a colon or a backslash in a
 * path), read-only; with `upperdir=U,workdir=W` (W an empty directory on
 * the same file system as U, not inside it) writable: changes go to U.
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
	if (ofs->has_upper) {
		path_put(&ofs->upper);
		path_put(&ofs->work);
	}
	kfree(ofs->upperdir);
	kfree(ofs->workdir);
	kfree(ofs->lowerdir);
	kfree(ofs);
	sb->s_fs_info = NULL;
}

static int ovl_statfs(struct dentry *d, struct linux_statfs_k *st)
{
	struct ovl_fs *ofs = d->d_sb->s_fs_info;
	int err = vfs_statfs(ofs->has_upper ? &ofs->upper : &ofs->layers[0], st);

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
	if (ofs->has_upper) {
		seq_puts(m, ",upperdir=");
		seq_escape(m, ofs->upperdir, " \t\n\\,");
		seq_puts(m, ",workdir=");
		seq_escape(m, ofs->workdir, " \t\n\\,");
	}
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
	mutex_init(&ofs->copy_lock, "ovl_fs.copy_lock");
	strncpy(sb->s_id, "overlay", sizeof(sb->s_id) - 1);
	if ((err = ovl_option(opts, "upperdir", &upper)) < 0 ||
	    (err = ovl_option(opts, "workdir", &work)) < 0 ||
	    (err = ovl_option(opts, "lowerdir", &lower)) < 0)
		goto out;
	if (!upper != !work) {
		printk(KERN_ERR "overlayfs: upperdir and workdir go together\n");
		err = -EINVAL;
		goto out;
	}
	if (upper) {
		err = kern_path(upper, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &ofs->upper);
		if (err) {
			printk(KERN_ERR "overlayfs: upperdir: cannot use it (error %d)\n", err);
			goto out;
		}
		err = kern_path(work, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &ofs->work);
		if (err) {
			path_put(&ofs->upper);
			printk(KERN_ERR "overlayfs: workdir: cannot use it (error %d)\n", err);
			goto out;
		}
		ofs->has_upper = true;
		ofs->upperdir = upper;
		ofs->workdir = work;
		upper = work = NULL;
		if (ofs->work.mnt != ofs->upper.mnt) {
			printk(KERN_ERR "overlayfs: workdir and upperdir must be on the same mount\n");
			err = -EINVAL;
			goto out;
		}
		if (mnt_readonly(ofs->upper.mnt)) {
			err = -EROFS;
			goto out;
		}
	} else {
		sb->s_flags |= SB_RDONLY;
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
	if (ofs->has_upper) {
		struct path up = ofs->upper;

		path_get(&up);
		inode = ovl_new_inode(sb, &up, root, ofs->nr_layers);
		if (!inode)
			path_put(&up);
	} else {
		inode = ovl_new_inode(sb, NULL, root, ofs->nr_layers);
	}
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
