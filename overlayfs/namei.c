/*
 * Lookup across the layers: the name is looked up in each real directory
 * under the parent, top first. A whiteout ends the search (the name is
 * deleted from here down); a non-directory is the answer and ends it; a
 * directory is merged with the directories of the same name below it,
 * unless it is opaque. A non-directory below a directory is hidden by it.
 */
#include <kernel/xattr.h>

#include "internal.h"

bool ovl_is_opaque(struct dentry *real)
{
	char v;

	return __vfs_getxattr(real, "trusted.overlay.opaque", &v, 1) == 1 && v == 'y';
}

/* One name (not "." or "..") in a real directory, not following a symlink
 * it names: 0 with *out referenced, or -errno (-ENOENT: not there). */
static int ovl_lookup_real(const struct path *dir, const struct qstr *name, struct path *out)
{
	char buf[NAME_MAX + 1];

	if (name->len > NAME_MAX)
		return -ENAMETOOLONG;
	memcpy(buf, name->name, name->len);
	buf[name->len] = 0;
	return vfs_path_lookup_at(dir, buf, 0, out);
}

struct dentry *ovl_lookup(struct inode *dir, struct dentry *d, unsigned flags)
{
	struct ovl_inode *pi = OVL_I(dir);
	struct path *found = kmalloc(pi->nr * sizeof(struct path), GFP_KERNEL);
	struct inode *inode;
	int n = 0, err = 0;

	if (!found)
		return ERR_PTR(-ENOMEM);
	for (int i = 0; i < pi->nr; i++) {
		struct path p;
		struct inode *ri;

		err = ovl_lookup_real(&pi->real[i], &d->d_name, &p);
		if (err == -ENOENT || err == -ENOTDIR) {
			err = 0;
			continue;
		}
		if (err)
			break;
		ri = p.dentry->d_inode;
		if (ovl_is_whiteout(ri) || (n && !S_ISDIR(ri->i_mode))) {
			path_put(&p);
			break;
		}
		found[n++] = p;
		if (!S_ISDIR(ri->i_mode) || ovl_is_opaque(p.dentry))
			break;
	}
	if (err)
		goto fail;
	if (!n) {
		kfree(found);
		d_add(d, NULL);
		return NULL;
	}
	inode = ovl_new_inode(dir->i_sb, found, n);
	if (!inode) {
		err = -ENOMEM;
		goto fail;
	}
	kfree(found);
	d_add(d, inode);
	return NULL;
fail:
	while (n--)
		path_put(&found[n]);
	kfree(found);
	return ERR_PTR(err);
}
