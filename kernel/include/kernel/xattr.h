/*
 * In-memory extended attributes (kernel/fs/xattr.c), for filesystems that
 * keep them in RAM (tmpfs; kernfs-like trees later): a small list of
 * (name, value) per inode, Linux's simple_xattrs. The VFS checks names and
 * permissions before these are called (kernel/fs.h, vfs_*xattr).
 *
 * Also the kernel's own access (Linux's __vfs_getxattr and friends), for
 * filesystems that keep their state in xattrs of another filesystem
 * (overlayfs: trusted.overlay.* on its layers): the name must still be
 * valid, but no permission or namespace privilege is checked, whoever the
 * current task is, and listing shows every name.
 */
#ifndef KERNEL_XATTR_H
#define KERNEL_XATTR_H

#include <kernel/fs.h>

struct simple_xattrs {
	struct list_head list;      /* struct simple_xattr, in creation order (lock) */
	spinlock_t lock;
	size_t bytes;               /* charged against the limit (lock) */
};

void simple_xattrs_init(struct simple_xattrs *x);
void simple_xattrs_free(struct simple_xattrs *x);   /* at eviction: no other users */
/* As inode_operations.getxattr/listxattr: size 0 asks for the length. */
ssize_t simple_xattr_get(struct simple_xattrs *x, const char *name, void *buf, size_t size);
ssize_t simple_xattr_list(struct simple_xattrs *x, char *buf, size_t size);
/* Set (value non-NULL, XATTR_CREATE/REPLACE in flags) or remove (value
 * NULL: -ENODATA if missing). limit: bytes allowed in total (0: none);
 * -ENOSPC past it. */
int simple_xattr_set(struct simple_xattrs *x, const char *name, const void *value, size_t size,
		     int flags, size_t limit);

ssize_t __vfs_getxattr(struct dentry *d, const char *name, void *buf, size_t size);
int __vfs_setxattr(struct dentry *d, const char *name, const void *value, size_t size, int flags);
int __vfs_removexattr(struct dentry *d, const char *name);
ssize_t __vfs_listxattr(struct dentry *d, char *buf, size_t size);

#endif
