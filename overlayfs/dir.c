/*
 * Changing a merged directory: new names are made in the upper layer
 * (after copying the directory up), replacing a whiteout left there;
 * removing a name that a lower layer still has leaves a whiteout in its
 * place. A directory made over a whiteout is opaque, so the lower
 * directory of that name stays hidden. Renaming a directory that has
 * lower parts is EXDEV (Linux without redirect_dir), so mv falls back to
 * copying; files are copied up and renamed in the upper layer.
 */
#include <kernel/xattr.h>
#include <linuxabi/uapi/fcntl.h>

#include "internal.h"

static int dname(struct dentry *d, char buf[NAME_MAX + 1])
{
	if (d->d_name.len > NAME_MAX)
		return -ENAMETOOLONG;
	memcpy(buf, d->d_name.name, d->d_name.len);
	buf[d->d_name.len] = 0;
	return 0;
}

/* Remove a whiteout at name in the upper directory: 1 if there was one. */
static int ovl_clear_whiteout(const struct path *up, const char *name)
{
	struct path p;
	bool white;
	int err;

	if (vfs_path_lookup_at(up, name, 0, &p))
		return 0;
	white = ovl_is_whiteout(p.dentry->d_inode);
	path_put(&p);
	if (!white)
		return -EEXIST;
	err = vfs_remove_in(up, name);
	return err ? err : 1;
}

enum { MAKE_NODE, MAKE_DIR, MAKE_SYMLINK, MAKE_LINK };

static int ovl_make(struct inode *dir, struct dentry *d, int what, umode_t mode, dev_t rdev,
		    const char *target, struct dentry *old)
{
	char name[NAME_MAX + 1];
	const struct path *up;
	struct inode *inode;
	struct path p;
	int err, white;

	err = dname(d, name);
	if (!err)
		err = ovl_copy_up(d->d_parent);
	if (!err && old)
		err = ovl_copy_up(old);
	if (err)
		return err;
	up = &OVL_I(dir)->upper;
	white = ovl_clear_whiteout(up, name);
	if (white < 0)
		return white;
	switch (what) {
	case MAKE_DIR:
		err = vfs_mkdir_in(up, name, mode);
		break;
	case MAKE_SYMLINK:
		err = vfs_symlink_in(up, name, target);
		break;
	case MAKE_LINK:
		err = vfs_link_in(&OVL_I(old->d_inode)->upper, up, name);
		break;
	default:
		err = vfs_mknod_in(up, name, mode, rdev);
		break;
	}
	if (err) {
		if (white)   /* put the whiteout back: the name stays deleted */
			vfs_mknod_in(up, name, S_IFCHR, 0);
		return err;
	}
	err = vfs_path_lookup_at(up, name, 0, &p);
	if (err)
		return err;
	if (what == MAKE_DIR && white)
		__vfs_setxattr(p.dentry, "trusted.overlay.opaque", "y", 1, 0);
	inode = ovl_new_inode(dir->i_sb, &p, NULL, 0);
	if (!inode) {
		path_put(&p);
		return -ENOMEM;
	}
	d_instantiate(d, inode);
	ovl_refresh_attr(dir);
	if (old)
		ovl_refresh_attr(old->d_inode);
	return 0;
}

int ovl_create(struct inode *dir, struct dentry *d, umode_t mode, bool excl)
{
	return ovl_make(dir, d, MAKE_NODE, (mode & S_IALLUGO) | S_IFREG, 0, NULL, NULL);
}

int ovl_mkdir(struct inode *dir, struct dentry *d, umode_t mode)
{
	return ovl_make(dir, d, MAKE_DIR, mode & S_IALLUGO, 0, NULL, NULL);
}

int ovl_mknod(struct inode *dir, struct dentry *d, umode_t mode, dev_t rdev)
{
	return ovl_make(dir, d, MAKE_NODE, mode, rdev, NULL, NULL);
}

int ovl_symlink(struct inode *dir, struct dentry *d, const char *target)
{
	return ovl_make(dir, d, MAKE_SYMLINK, 0, 0, target, NULL);
}

int ovl_link(struct dentry *old, struct inode *dir, struct dentry *d)
{
	return ovl_make(dir, d, MAKE_LINK, 0, 0, NULL, old);
}

/* Take name out of the merged directory: remove the upper object, and
 * whiteout the name when a lower layer has it. */
static int ovl_remove(struct inode *dir, struct dentry *d)
{
	struct ovl_inode *oi = OVL_I(d->d_inode);
	char name[NAME_MAX + 1];
	const struct path *up;
	int err = dname(d, name);

	if (!err)
		err = ovl_copy_up(d->d_parent);
	if (err)
		return err;
	up = &OVL_I(dir)->upper;
	if (ovl_has_upper(d->d_inode)) {
		if (S_ISDIR(d->d_inode->i_mode)) {
			err = ovl_clear_dir(&oi->upper);   /* only whiteouts are left in it */
			if (err)
				return err;
		}
		err = vfs_remove_in(up, name);
		if (err)
			return err;
	}
	if (oi->nr)
		err = vfs_mknod_in(up, name, S_IFCHR, 0);
	ovl_refresh_attr(dir);
	return err;
}

int ovl_unlink(struct inode *dir, struct dentry *d)
{
	return ovl_remove(dir, d);
}

int ovl_rmdir(struct inode *dir, struct dentry *d)
{
	int err = ovl_dir_empty(d->d_inode);

	return err ? err : ovl_remove(dir, d);
}

int ovl_rename(struct inode *odir, struct dentry *od, struct inode *ndir, struct dentry *nd,
		      unsigned flags)
{
	struct inode *src = od->d_inode, *tgt = nd->d_inode;
	char oname[NAME_MAX + 1], nname[NAME_MAX + 1];
	bool lower_src = OVL_I(src)->nr > 0;
	int err, white;

	if (flags & LINUX_RENAME_EXCHANGE)
		return -EXDEV;   /* XXX: Linux exchanges; mv and friends fall back */
	if (S_ISDIR(src->i_mode) && lower_src)
		return -EXDEV;   /* no redirect_dir */
	if (tgt && S_ISDIR(tgt->i_mode)) {
		if (OVL_I(tgt)->nr > 0)
			return -EXDEV;
		err = ovl_dir_empty(tgt);
		if (err)
			return err;
	}
	if ((err = dname(od, oname)) || (err = dname(nd, nname)) || (err = ovl_copy_up(od)) ||
	    (err = ovl_copy_up(nd->d_parent)))
		return err;
	white = ovl_clear_whiteout(&OVL_I(ndir)->upper, nname);
	if (white < 0) {
		if (!tgt || !ovl_has_upper(tgt))
			return white;
		white = 0;   /* a real upper target: the rename replaces it */
	}
	if (tgt && ovl_has_upper(tgt) && S_ISDIR(tgt->i_mode)) {
		err = ovl_clear_dir(&OVL_I(tgt)->upper);
		if (err)
			return err;
	}
	err = vfs_rename_from(&OVL_I(odir)->upper, LINUX_AT_FDCWD, oname, &OVL_I(ndir)->upper,
			      LINUX_AT_FDCWD, nname, flags & LINUX_RENAME_NOREPLACE);
	if (err)
		return err;
	if (lower_src)
		err = vfs_mknod_in(&OVL_I(odir)->upper, oname, S_IFCHR, 0);
	if (!err && tgt && OVL_I(tgt)->nr > 0 && S_ISDIR(src->i_mode))
		__vfs_setxattr(OVL_I(src)->upper.dentry, "trusted.overlay.opaque", "y", 1, 0);
	ovl_refresh_attr(odir);
	ovl_refresh_attr(ndir);
	return err;
}

