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
	out->dentry = NULL;
	char buf[NAME_MAX + 1];

	if (name->len > NAME_MAX)
		return -ENAMETOOLONG;
	memcpy(buf, name->name, name->len);
	buf[name->len] = 0;
	return vfs_path_lookup_at(dir, buf, 0, out);
}

/* Look name up in one real directory: 1 found (into *p), 0 not there or
 * whited out (*white set), -errno. */
static int ovl_lookup_layer(const struct path *dir, const struct qstr *name, struct path *p,
			    bool *white)
{
	int err = ovl_lookup_real(dir, name, p);

	*white = false;
	if (err == -ENOENT || err == -ENOTDIR)
		return 0;
	if (err)
		return err;
	if (ovl_is_whiteout(p->dentry->d_inode)) {
		path_put(p);
		*white = true;
		return 0;
	}
	return 1;
}

struct dentry *ovl_lookup(struct inode *dir, struct dentry *d, unsigned flags)
{
	struct ovl_inode *pi = OVL_I(dir);
	struct path *found = kmalloc((pi->nr + 1) * sizeof(struct path), GFP_KERNEL);
	struct path upper;
	bool has_upper = false, white = false, stop = false;
	struct inode *inode;
	int n = 0, err = 0;

	if (!found)
		return ERR_PTR(-ENOMEM);
	if (ovl_has_upper(dir)) {
		err = ovl_lookup_layer(&pi->upper, &d->d_name, &upper, &white);
		if (err < 0)
			goto fail;
		has_upper = err == 1;
		err = 0;
		stop = white || (has_upper && (!S_ISDIR(upper.dentry->d_inode->i_mode) ||
					       ovl_is_opaque(upper.dentry)));
	}
	for (int i = 0; i < pi->nr && !stop; i++) {
		struct path p;
		struct inode *ri;

		err = ovl_lookup_layer(&pi->real[i], &d->d_name, &p, &white);
		if (err < 0)
			goto fail;
		err = 0;
		if (white)
			break;
		if (!p.dentry)
			continue;
		ri = p.dentry->d_inode;
		if ((has_upper || n) && !S_ISDIR(ri->i_mode)) {
			path_put(&p);   /* hidden under a directory above */
			break;
		}
		found[n++] = p;
		if (!S_ISDIR(ri->i_mode) || ovl_is_opaque(p.dentry))
			break;
	}
	if (!n && !has_upper) {
		kfree(found);
		d_add(d, NULL);
		return NULL;
	}
	inode = ovl_new_inode(dir->i_sb, has_upper ? &upper : NULL, found, n);
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
	if (has_upper)
		path_put(&upper);
	kfree(found);
	return ERR_PTR(err);
}
