/*
 * tmpfs's inode (kernel/fs/tmpfs.c) for the files that build on it:
 * memfd (kernel/fs/memfd.c) uses its seals and makes its files on an
 * internal tmpfs instance.
 */
#ifndef KERNEL_FS_TMPFS_INTERNAL_H
#define KERNEL_FS_TMPFS_INTERNAL_H

#include <kernel/xattr.h>

#include "internal.h"

struct tmpfs_inode {
	struct inode vfs_inode;
	struct simple_xattrs xattrs;
	unsigned seals;              /* LINUX_F_SEAL_*; i_mutex */
};

static inline struct tmpfs_inode *TMPFS_I(struct inode *inode)
{
	return container_of(inode, struct tmpfs_inode, vfs_inode);
}

bool is_tmpfs_inode(const struct inode *inode);
/* The internal tmpfs instance of memfd files (made on first use). */
struct vfsmount *tmpfs_internal_mnt(void);

/* Xattr bytes one tmpfs inode may hold (names, values, overhead).
 * XXX: Linux charges tmpfs xattrs to the mount's inode space (ispace). */
#define TMPFS_XATTR_LIMIT (128 * 1024)

#endif
