/*
 * Overlay inodes: one per overlay dentry, wrapping the real objects below
 * (see internal.h). Attributes come from the topmost real object, again
 * at every stat, since the layers may be other mounts' live trees.
 */
#include <kernel/xattr.h>

#include "internal.h"

static void ovl_copy_attr(struct inode *inode, const struct inode *real)
{
	inode->i_mode = real->i_mode;
	inode->i_uid = real->i_uid;
	inode->i_gid = real->i_gid;
	inode->i_nlink = real->i_nlink;
	inode->i_size = real->i_size;
	inode->i_blocks = real->i_blocks;
	inode->i_atime = real->i_atime;
	inode->i_mtime = real->i_mtime;
	inode->i_ctime = real->i_ctime;
	inode->i_rdev = real->i_rdev;
}

static int ovl_getattr(struct dentry *d, struct kstat *st)
{
	struct inode *inode = d->d_inode;
	int err = vfs_getattr(ovl_real(inode), st);

	if (err)
		return err;
	/* Directories are the overlay's own objects; the rest are the real
	 * file system's (xino=off). */
	if (S_ISDIR(inode->i_mode)) {
		st->dev = inode->i_sb->s_dev;
		if (OVL_I(inode)->nr > 1)
			st->nlink = 1;   /* a merged directory: Linux reports 1 */
	}
	return 0;
}

static const char *ovl_get_link(struct dentry *d, struct inode *inode, void **to_free)
{
	const struct path *real = ovl_real(inode);
	struct inode *ri = real->dentry->d_inode;

	if (ri->i_op && ri->i_op->get_link)
		return ri->i_op->get_link(real->dentry, ri, to_free);
	if (ri->i_link)
		return ri->i_link;
	return ERR_PTR(-EINVAL);
}

static ssize_t ovl_getxattr(struct dentry *d, const char *name, void *buf, size_t size)
{
	const struct path *real = ovl_real(d->d_inode);

	/* The overlay's own bookkeeping is not shown through it (Linux). */
	if (!strncmp(name, "trusted.overlay.", 16))
		return -ENODATA;
	return __vfs_getxattr(real->dentry, name, buf, size);
}

static ssize_t ovl_listxattr(struct dentry *d, char *buf, size_t size)
{
	const struct path *real = ovl_real(d->d_inode);
	ssize_t n = __vfs_listxattr(real->dentry, NULL, 0), out = 0;
	char *names;

	if (n <= 0)
		return n;
	names = kmalloc(n, GFP_KERNEL);
	if (!names)
		return -ENOMEM;
	n = __vfs_listxattr(real->dentry, names, n);
	for (ssize_t i = 0; n > 0 && i < n;) {
		size_t len = strnlen(names + i, n - i) + 1;

		if (strncmp(names + i, "trusted.overlay.", 16)) {
			if (size) {
				if ((size_t)out + len > size) {
					kfree(names);
					return -ERANGE;
				}
				memcpy(buf + out, names + i, len);
			}
			out += len;
		}
		i += len;
	}
	kfree(names);
	return n < 0 ? n : out;
}

static int ovl_setattr(struct dentry *d, struct iattr *attr)
{
	struct iattr ia = *attr;
	int err = ovl_copy_up(d);

	if (err)
		return err;
	/* The VFS checked permission on the overlay inode. */
	ia.ia_valid |= ATTR_FORCE;
	if (ia.ia_file)
		ia.ia_file = ia.ia_file->private_data;   /* the real file of an overlay file */
	err = vfs_setattr(&OVL_I(d->d_inode)->upper, &ia);
	ovl_refresh_attr(d->d_inode);
	return err;
}

static int ovl_setxattr(struct dentry *d, const char *name, const void *value, size_t size,
			int flags)
{
	int err;

	if (!strncmp(name, "trusted.overlay.", 16))
		return -EPERM;
	err = ovl_copy_up(d);
	if (!err)
		err = __vfs_setxattr(OVL_I(d->d_inode)->upper.dentry, name, value, size, flags);
	if (!err)
		ovl_refresh_attr(d->d_inode);
	return err;
}

static int ovl_removexattr(struct dentry *d, const char *name)
{
	int err;

	if (!strncmp(name, "trusted.overlay.", 16))
		return -EPERM;
	err = ovl_copy_up(d);
	if (!err)
		err = __vfs_removexattr(OVL_I(d->d_inode)->upper.dentry, name);
	if (!err)
		ovl_refresh_attr(d->d_inode);
	return err;
}

int ovl_create(struct inode *dir, struct dentry *d, umode_t mode, bool excl);
int ovl_mkdir(struct inode *dir, struct dentry *d, umode_t mode);
int ovl_mknod(struct inode *dir, struct dentry *d, umode_t mode, dev_t rdev);
int ovl_symlink(struct inode *dir, struct dentry *d, const char *target);
int ovl_link(struct dentry *old, struct inode *dir, struct dentry *d);
int ovl_unlink(struct inode *dir, struct dentry *d);
int ovl_rmdir(struct inode *dir, struct dentry *d);
int ovl_rename(struct inode *odir, struct dentry *od, struct inode *ndir, struct dentry *nd,
	       unsigned flags);

const struct inode_operations ovl_dir_iops = {
	.create = ovl_create,
	.mkdir = ovl_mkdir,
	.mknod = ovl_mknod,
	.symlink = ovl_symlink,
	.link = ovl_link,
	.unlink = ovl_unlink,
	.rmdir = ovl_rmdir,
	.rename = ovl_rename,
	.setattr = ovl_setattr,
	.setxattr = ovl_setxattr,
	.removexattr = ovl_removexattr,
	.lookup = ovl_lookup,
	.getattr = ovl_getattr,
	.getxattr = ovl_getxattr,
	.listxattr = ovl_listxattr,
};

const struct inode_operations ovl_file_iops = {
	.setattr = ovl_setattr,
	.setxattr = ovl_setxattr,
	.removexattr = ovl_removexattr,
	.getattr = ovl_getattr,
	.getxattr = ovl_getxattr,
	.listxattr = ovl_listxattr,
};

const struct inode_operations ovl_symlink_iops = {
	.setattr = ovl_setattr,
	.setxattr = ovl_setxattr,
	.removexattr = ovl_removexattr,
	.get_link = ovl_get_link,
	.getattr = ovl_getattr,
	.getxattr = ovl_getxattr,
	.listxattr = ovl_listxattr,
};

const struct inode_operations ovl_special_iops = {
	.setattr = ovl_setattr,
	.setxattr = ovl_setxattr,
	.removexattr = ovl_removexattr,
	.getattr = ovl_getattr,
	.getxattr = ovl_getxattr,
	.listxattr = ovl_listxattr,
};

struct inode *ovl_new_inode(struct super_block *sb, struct path *upper, struct path *real, int nr)
{
	struct ovl_inode *oi = kzalloc(sizeof(*oi) + nr * sizeof(struct path), GFP_KERNEL);
	struct inode *inode, *ri;

	if (!oi)
		return NULL;
	inode = new_inode(sb);
	if (!inode) {
		kfree(oi);
		return NULL;
	}
	oi->nr = nr;
	memcpy(oi->real, real, nr * sizeof(struct path));
	if (upper) {
		oi->upper = *upper;
		oi->has_upper = true;
	}
	inode->i_private = oi;
	ri = ovl_real(inode)->dentry->d_inode;
	inode->i_ino = ri->i_ino;
	ovl_copy_attr(inode, ri);
	switch (ri->i_mode & S_IFMT) {
	case S_IFDIR:
		inode->i_op = &ovl_dir_iops;
		inode->i_fop = &ovl_dir_fops;
		break;
	case S_IFREG:
		inode->i_op = &ovl_file_iops;
		inode->i_fop = &ovl_file_fops;
		break;
	case S_IFLNK:
		inode->i_op = &ovl_symlink_iops;
		break;
	default:
		inode->i_op = &ovl_special_iops;
		init_special_inode(inode, ri->i_mode, ri->i_rdev);
		break;
	}
	return inode;
}
