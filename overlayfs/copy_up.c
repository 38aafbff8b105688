/*
 * Copy-up: before an object from a lower layer is changed, it is copied
 * into the upper layer: its parents first (as directories), then the
 * object itself with its data, owner, mode, times and extended attributes
 * (not the overlay's own trusted.overlay.*). The copy is made in the work
 * directory under a fresh name and renamed into place, so the upper layer
 * never shows a half-made copy. Hardlinks are not kept across a copy-up
 * (Linux's behaviour without index=on).
 */
#include <kernel/xattr.h>
#include <linuxabi/uapi/fcntl.h>
#include <stdio.h>

#include "internal.h"

#define COPY_CHUNK (64u << 10)

void ovl_tmp_name(struct ovl_fs *ofs, char buf[32])
{
	snprintf(buf, 32, "#ovl%llx", (unsigned long long)++ofs->tmp_seq);
}

void ovl_refresh_attr(struct inode *inode)
{
	struct inode *ri = ovl_real(inode)->dentry->d_inode;

	inode->i_mode = ri->i_mode;
	inode->i_uid = ri->i_uid;
	inode->i_gid = ri->i_gid;
	inode->i_nlink = ri->i_nlink;
	inode->i_size = ri->i_size;
	inode->i_blocks = ri->i_blocks;
	inode->i_atime = ri->i_atime;
	inode->i_mtime = ri->i_mtime;
	inode->i_ctime = ri->i_ctime;
}

static int ovl_copy_data(const struct path *src, const struct path *dst)
{
	struct file *in = vfs_open_path(src, LINUX_O_RDONLY);
	struct file *out;
	char *buf;
	u64 ipos = 0, opos = 0;
	int err = 0;

	if (IS_ERR(in))
		return PTR_ERR(in);
	out = vfs_open_path(dst, LINUX_O_WRONLY);
	if (IS_ERR(out)) {
		fput(in);
		return PTR_ERR(out);
	}
	buf = kmalloc(COPY_CHUNK, GFP_KERNEL);
	if (!buf)
		err = -ENOMEM;
	while (!err) {
		ssize_t n = kernel_read(in, buf, COPY_CHUNK, &ipos), w;

		if (n <= 0) {
			err = n;
			break;
		}
		w = kernel_write(out, buf, n, &opos);
		if (w != n)
			err = w < 0 ? (int)w : -EIO;
	}
	kfree(buf);
	if (!err)
		err = vfs_fsync(out, false);
	fput(out);
	fput(in);
	return err;
}

static int ovl_copy_xattrs(struct dentry *src, struct dentry *dst)
{
	ssize_t n = __vfs_listxattr(src, NULL, 0);
	char *names, *val;
	int err = 0;

	if (n <= 0)
		return n == -EOPNOTSUPP ? 0 : (int)n;
	names = kmalloc(n, GFP_KERNEL);
	val = kmalloc(XATTR_SIZE_MAX, GFP_KERNEL);
	if (!names || !val) {
		err = -ENOMEM;
		goto out;
	}
	n = __vfs_listxattr(src, names, n);
	for (ssize_t i = 0; n > 0 && i < n && !err;) {
		const char *name = names + i;
		ssize_t len;

		i += strnlen(name, n - i) + 1;
		if (!strncmp(name, "trusted.overlay.", 16))
			continue;
		len = __vfs_getxattr(src, name, val, XATTR_SIZE_MAX);
		if (len == -ENODATA)
			continue;
		err = len < 0 ? (int)len : __vfs_setxattr(dst, name, val, len, 0);
	}
out:
	kfree(names);
	kfree(val);
	return err;
}

/* Owner, mode (after the owner: a chown clears set-id bits), times. */
static int ovl_copy_meta(const struct path *dst, const struct inode *ri)
{
	struct iattr ia = { 0 };
	int err;

	ia.ia_valid = ATTR_UID | ATTR_GID | ATTR_FORCE;
	ia.ia_uid = ri->i_uid;
	ia.ia_gid = ri->i_gid;
	err = vfs_setattr(dst, &ia);
	if (!err && !S_ISLNK(ri->i_mode)) {
		ia.ia_valid = ATTR_MODE | ATTR_FORCE;
		ia.ia_mode = ri->i_mode;
		err = vfs_setattr(dst, &ia);
	}
	if (!err) {
		ia.ia_valid = ATTR_ATIME | ATTR_ATIME_SET | ATTR_MTIME | ATTR_MTIME_SET | ATTR_FORCE;
		ia.ia_atime = ri->i_atime;
		ia.ia_mtime = ri->i_mtime;
		err = vfs_setattr(dst, &ia);
	}
	return err;
}

static int ovl_copy_up_one(struct dentry *d)
{
	struct ovl_fs *ofs = OVL_FS(d->d_sb);
	struct inode *inode = d->d_inode;
	struct ovl_inode *oi = OVL_I(inode);
	const struct path *lower = &oi->real[0];
	const struct path *pup = &OVL_I(d->d_parent->d_inode)->upper;
	struct inode *ri = lower->dentry->d_inode;
	char tmp[32], name[NAME_MAX + 1];
	struct path t, up;
	int err;

	if (d->d_name.len > NAME_MAX)
		return -ENAMETOOLONG;
	memcpy(name, d->d_name.name, d->d_name.len);
	name[d->d_name.len] = 0;
	ovl_tmp_name(ofs, tmp);
	switch (ri->i_mode & S_IFMT) {
	case S_IFDIR:
		err = vfs_mkdir_in(&ofs->work, tmp, ri->i_mode & S_IALLUGO);
		break;
	case S_IFLNK: {
		void *to_free = NULL;
		const char *target = ri->i_op && ri->i_op->get_link ?
				     ri->i_op->get_link(lower->dentry, ri, &to_free) : ri->i_link;

		if (!target)
			target = ERR_PTR(-EINVAL);
		err = IS_ERR(target) ? PTR_ERR(target) : vfs_symlink_in(&ofs->work, tmp, target);
		kfree(to_free);
		break;
	}
	default:
		err = vfs_mknod_in(&ofs->work, tmp, (ri->i_mode & S_IFMT) | 0600, ri->i_rdev);
		break;
	}
	if (err)
		return err;
	err = vfs_path_lookup_at(&ofs->work, tmp, 0, &t);
	if (err)
		goto remove;
	if (S_ISREG(ri->i_mode))
		err = ovl_copy_data(lower, &t);
	if (!err)
		err = ovl_copy_xattrs(lower->dentry, t.dentry);
	if (!err)
		err = ovl_copy_meta(&t, ri);
	path_put(&t);
	if (err)
		goto remove;
	err = vfs_rename_from(&ofs->work, LINUX_AT_FDCWD, tmp, pup, LINUX_AT_FDCWD, name, 0);
	if (err)
		goto remove;
	err = vfs_path_lookup_at(pup, name, 0, &up);
	if (err)
		return err;
	oi->upper = up;
	__atomic_store_n(&oi->has_upper, true, __ATOMIC_RELEASE);
	return 0;
remove:
	vfs_remove_in(&ofs->work, tmp);
	return err;
}

int ovl_copy_up(struct dentry *d)
{
	struct ovl_fs *ofs = OVL_FS(d->d_sb);
	int err;

	if (!ofs->has_upper)
		return -EROFS;
	if (ovl_has_upper(d->d_inode))
		return 0;
	err = ovl_copy_up(d->d_parent);   /* the root always has an upper */
	if (err)
		return err;
	mutex_lock(&ofs->copy_lock);
	if (!ovl_has_upper(d->d_inode))
		err = ovl_copy_up_one(d);
	mutex_unlock(&ofs->copy_lock);
	return err;
}
