/*
 * Extended attributes, the VFS side (Linux's fs/xattr.c): the namespace,
 * name and size rules and the permission checks that every filesystem
 * shares, before the call reaches the inode's getxattr/setxattr/
 * listxattr/removexattr. The syscalls (linuxabi/xattr.c) and overlayfs
 * come in through vfs_*xattr with kernel strings and buffers.
 *
 * Namespaces as Linux without an LSM sees them:
 *   user.*      regular files and directories only (elsewhere EPERM to
 *               write, ENODATA to read); read/write permission on the
 *               inode; a sticky directory only by its owner
 *   trusted.*   CAP_SYS_ADMIN (root here): others get EPERM to write,
 *               ENODATA to read, and do not see the names in listxattr
 *   security.*  anyone reads; writing needs CAP_SYS_ADMIN (commoncap)
 *   system.*    POSIX ACLs and the like: no filesystem here has them
 *   others      EOPNOTSUPP
 */
#include <kernel/fsnotify.h>
#include <kernel/xattr.h>

#include "internal.h"

#define XATTR_USER_PREFIX "user."
#define XATTR_TRUSTED_PREFIX "trusted."
#define XATTR_SECURITY_PREFIX "security."
#define XATTR_SYSTEM_PREFIX "system."

static bool has_prefix(const char *name, const char *prefix)
{
	return !strncmp(name, prefix, strlen(prefix));
}

/* The syscalls' name rule (strncpy_from_user into 256 bytes): 1..255. */
static int xattr_check_len(const char *name)
{
	size_t len = strnlen(name, XATTR_NAME_MAX + 1);

	return len == 0 || len > XATTR_NAME_MAX ? -ERANGE : 0;
}

/* The namespace must be known and the name after the prefix non-empty
 * (Linux's xattr_resolve_name finds no handler otherwise); checked after
 * the permission, as Linux does. */
static int xattr_check_name(const char *name)
{
	static const char *const known[] = { XATTR_USER_PREFIX, XATTR_TRUSTED_PREFIX,
					     XATTR_SECURITY_PREFIX };

	for (size_t i = 0; i < ARRAY_SIZE(known); i++)
		if (has_prefix(name, known[i]))
			return name[strlen(known[i])] ? 0 : -EINVAL;
	/* system.posix_acl_access/default: XXX no ACLs (Linux's tmpfs and
	 * ext4 have them); every other system.* name has no handler. */
	return -EOPNOTSUPP;
}

/* Linux's xattr_permission, without idmapped mounts or immutable inodes
 * (no filesystem here has chattr +i yet: XXX EPERM for them). */
static int xattr_permission(struct inode *inode, const char *name, int mask)
{
	if ((mask & MAY_WRITE) && inode->i_sb && (inode->i_sb->s_flags & SB_RDONLY))
		return -EROFS;
	if (has_prefix(name, XATTR_SYSTEM_PREFIX))
		return 0;
	if (has_prefix(name, XATTR_SECURITY_PREFIX)) {
		/* commoncap's inode_setxattr hook: security.* writes need
		 * CAP_SYS_ADMIN. */
		if ((mask & MAY_WRITE) && !capable_root())
			return -EPERM;
		return 0;
	}
	if (has_prefix(name, XATTR_TRUSTED_PREFIX)) {
		if (!capable_root())
			return (mask & MAY_WRITE) ? -EPERM : -ENODATA;
		return 0;
	}
	if (has_prefix(name, XATTR_USER_PREFIX)) {
		if (!S_ISREG(inode->i_mode) && !S_ISDIR(inode->i_mode))
			return (mask & MAY_WRITE) ? -EPERM : -ENODATA;
		if (S_ISDIR(inode->i_mode) && (inode->i_mode & S_ISVTX) && (mask & MAY_WRITE) &&
		    !inode_owner_or_capable(inode))
			return -EPERM;
	}
	return inode_permission(inode, mask);
}

static ssize_t do_getxattr(struct dentry *d, const char *name, void *buf, size_t size, bool check)
{
	struct inode *inode = d->d_inode;
	int err;

	if (!inode)
		return -ENOENT;
	err = xattr_check_len(name);
	if (err)
		return err;
	err = check ? xattr_permission(inode, name, MAY_READ) : 0;
	if (err)
		return err;
	err = xattr_check_name(name);
	if (err)
		return err;
	if (!inode->i_op || !inode->i_op->getxattr)
		return -EOPNOTSUPP;
	if (size > XATTR_SIZE_MAX)
		size = XATTR_SIZE_MAX;
	return inode->i_op->getxattr(d, name, size ? buf : NULL, size);
}

ssize_t vfs_getxattr(struct dentry *d, const char *name, void *buf, size_t size)
{
	return do_getxattr(d, name, buf, size, true);
}

ssize_t __vfs_getxattr(struct dentry *d, const char *name, void *buf, size_t size)
{
	return do_getxattr(d, name, buf, size, false);
}

static int do_setxattr(struct dentry *d, const char *name, const void *value, size_t size,
		       int flags, bool check)
{
	struct inode *inode = d->d_inode;
	int err;

	if (!inode)
		return -ENOENT;
	if (flags & ~(XATTR_CREATE | XATTR_REPLACE))
		return -EINVAL;
	if (size > XATTR_SIZE_MAX)
		return -E2BIG;
	err = xattr_check_len(name);
	if (err)
		return err;
	mutex_lock(&inode->i_mutex);
	err = check ? xattr_permission(inode, name, MAY_WRITE) : 0;
	if (!err)
		err = xattr_check_name(name);
	if (err)
		goto out;
	if (!inode->i_op || !inode->i_op->setxattr) {
		err = -EOPNOTSUPP;
		goto out;
	}
	err = inode->i_op->setxattr(d, name, value, size, flags);
out:
	mutex_unlock(&inode->i_mutex);
	if (!err)
		fsnotify_attrib(d);
	return err;
}

int vfs_setxattr(struct dentry *d, const char *name, const void *value, size_t size, int flags)
{
	return do_setxattr(d, name, value, size, flags, true);
}

int __vfs_setxattr(struct dentry *d, const char *name, const void *value, size_t size, int flags)
{
	return do_setxattr(d, name, value, size, flags, false);
}

static int do_removexattr(struct dentry *d, const char *name, bool check)
{
	struct inode *inode = d->d_inode;
	int err;

	if (!inode)
		return -ENOENT;
	err = xattr_check_len(name);
	if (err)
		return err;
	mutex_lock(&inode->i_mutex);
	err = check ? xattr_permission(inode, name, MAY_WRITE) : 0;
	if (!err)
		err = xattr_check_name(name);
	if (err)
		goto out;
	if (!inode->i_op || !inode->i_op->removexattr) {
		err = -EOPNOTSUPP;
		goto out;
	}
	err = inode->i_op->removexattr(d, name);
out:
	mutex_unlock(&inode->i_mutex);
	if (!err)
		fsnotify_attrib(d);
	return err;
}

int vfs_removexattr(struct dentry *d, const char *name)
{
	return do_removexattr(d, name, true);
}

int __vfs_removexattr(struct dentry *d, const char *name)
{
	return do_removexattr(d, name, false);
}

ssize_t __vfs_listxattr(struct dentry *d, char *buf, size_t size)
{
	struct inode *inode = d->d_inode;

	if (!inode)
		return -ENOENT;
	if (!inode->i_op || !inode->i_op->listxattr)
		return 0;
	return inode->i_op->listxattr(d, size ? buf : NULL, size);
}

/*
 * The filesystem lists every name it holds; trusted.* names are hidden
 * from callers without CAP_SYS_ADMIN (Linux's trusted handler's ->list).
 * That filtering needs the whole list, so it is fetched into a kernel
 * buffer first, for the size query as well.
 */
ssize_t vfs_listxattr(struct dentry *d, char *buf, size_t size)
{
	struct inode *inode = d->d_inode;
	ssize_t len, out = 0;
	char *all;

	if (!inode)
		return -ENOENT;
	if (!inode->i_op || !inode->i_op->listxattr)
		return 0;   /* Linux: no names, not an error */
	if (size > XATTR_LIST_MAX)
		size = XATTR_LIST_MAX;
	if (capable_root())
		return inode->i_op->listxattr(d, size ? buf : NULL, size);
	for (;;) {
		len = inode->i_op->listxattr(d, NULL, 0);
		if (len <= 0)
			return len;
		all = kmalloc(len, GFP_KERNEL);
		if (!all)
			return -ENOMEM;
		len = inode->i_op->listxattr(d, all, len);
		if (len != -ERANGE)
			break;
		kfree(all);   /* grew in between: again */
	}
	if (len < 0)
		goto out;
	for (ssize_t off = 0; off < len;) {
		size_t n = strnlen(all + off, len - off) + 1;

		if (!has_prefix(all + off, XATTR_TRUSTED_PREFIX)) {
			if (size) {
				if ((size_t)out + n > size) {
					out = -ERANGE;
					break;
				}
				memcpy(buf + out, all + off, n);
			}
			out += n;
		}
		off += n;
	}
	len = out;
out:
	kfree(all);
	return len;
}

/* ---- a simple in-memory list, for tmpfs (and any fs that keeps xattrs in memory) ---- */

struct simple_xattr {
	struct list_head node;
	size_t size;
	char *name;
	char value[];
};

void simple_xattrs_init(struct simple_xattrs *x)
{
	INIT_LIST_HEAD(&x->list);
	spin_lock_init(&x->lock, "simple_xattrs.lock");
	x->bytes = 0;
}

void simple_xattrs_free(struct simple_xattrs *x)
{
	struct simple_xattr *e, *n;

	list_for_each_entry_safe(e, n, &x->list, node) {
		list_del(&e->node);
		kfree(e->name);
		kfree(e);
	}
	x->bytes = 0;
}

static struct simple_xattr *simple_find(struct simple_xattrs *x, const char *name)
{
	struct simple_xattr *e;

	list_for_each_entry(e, &x->list, node)
		if (!strcmp(e->name, name))
			return e;
	return NULL;
}

ssize_t simple_xattr_get(struct simple_xattrs *x, const char *name, void *buf, size_t size)
{
	struct simple_xattr *e;
	ssize_t r;

	spin_lock(&x->lock);
	e = simple_find(x, name);
	if (!e)
		r = -ENODATA;
	else if (!size)
		r = e->size;
	else if (e->size > size)
		r = -ERANGE;
	else {
		memcpy(buf, e->value, e->size);
		r = e->size;
	}
	spin_unlock(&x->lock);
	return r;
}

/* What one entry costs against the per-inode limit (name, value, header). */
static size_t simple_cost(size_t namelen, size_t size)
{
	return sizeof(struct simple_xattr) + namelen + 1 + size;
}

int simple_xattr_set(struct simple_xattrs *x, const char *name, const void *value, size_t size,
		     int flags, size_t limit)
{
	struct simple_xattr *e, *old;
	size_t namelen = strlen(name);
	int err = 0;

	/* value NULL: remove (removexattr, or setxattr with XATTR_REPLACE semantics) */
	e = NULL;
	if (value) {
		e = kmalloc(sizeof(*e) + size, GFP_KERNEL);
		if (!e)
			return -ENOSPC;
		e->name = kstrdup(name, GFP_KERNEL);
		if (!e->name) {
			kfree(e);
			return -ENOSPC;
		}
		e->size = size;
		memcpy(e->value, value, size);
	}
	spin_lock(&x->lock);
	old = simple_find(x, name);
	if (old && (flags & XATTR_CREATE)) {
		err = -EEXIST;
		goto out;
	}
	if (!old && ((flags & XATTR_REPLACE) || !value)) {
		err = -ENODATA;
		goto out;
	}
	if (e) {
		size_t bytes = x->bytes + simple_cost(namelen, size) -
			       (old ? simple_cost(namelen, old->size) : 0);

		if (limit && bytes > limit) {
			err = -ENOSPC;
			goto out;
		}
		x->bytes = bytes;
		if (old)
			list_replace(&old->node, &e->node);
		else
			list_add_tail(&e->node, &x->list);
		e = NULL;
	} else {
		x->bytes -= simple_cost(namelen, old->size);
		list_del(&old->node);
	}
	if (!old)
		goto out;
	spin_unlock(&x->lock);
	kfree(old->name);
	kfree(old);
	return 0;
out:
	spin_unlock(&x->lock);
	if (e) {
		kfree(e->name);
		kfree(e);
	}
	return err;
}

ssize_t simple_xattr_list(struct simple_xattrs *x, char *buf, size_t size)
{
	struct simple_xattr *e;
	ssize_t len = 0;

	spin_lock(&x->lock);
	list_for_each_entry(e, &x->list, node) {
		size_t n = strlen(e->name) + 1;

		if (size) {
			if ((size_t)len + n > size) {
				len = -ERANGE;
				break;
			}
			memcpy(buf + len, e->name, n);
		}
		len += n;
	}
	spin_unlock(&x->lock);
	return len;
}
