/*
 * inotify system calls: inotify_init, inotify_init1 (IN_NONBLOCK,
 * IN_CLOEXEC), inotify_add_watch and inotify_rm_watch. They check the
 * arguments in Linux's order (the mask, then the descriptor, then the
 * path) and call kernel/fs/inotify.c.
 */
#include <kernel/fsnotify.h>
#include <kernel/inotify.h>

#include "fs_common.h"

long sys_inotify_init(void);
long sys_inotify_init1(int flags);
long sys_inotify_add_watch(int fd, const char __user *path, u32 mask);
long sys_inotify_rm_watch(int fd, s32 wd);

#define LINUX_IN_CLOEXEC LINUX_O_CLOEXEC
#define LINUX_IN_NONBLOCK LINUX_O_NONBLOCK
#define IN_ALL_EVENTS 0x00000fff
#define IN_ONLYDIR 0x01000000
#define IN_DONT_FOLLOW 0x02000000
#define IN_MASK_CREATE 0x10000000
#define IN_MASK_ADD 0x20000000
/* Every bit inotify_add_watch accepts (Linux's ALL_INOTIFY_BITS). */
#define IN_ALL_BITS 0xf700efffU

long sys_inotify_init1(int flags)
{
	struct file *f;
	int fd;

	if (flags & ~(LINUX_IN_CLOEXEC | LINUX_IN_NONBLOCK))
		return -EINVAL;
	fd = fd_alloc(0, flags & LINUX_IN_CLOEXEC);
	if (fd < 0)
		return fd;
	f = inotify_create(flags & LINUX_IN_NONBLOCK);
	if (IS_ERR(f)) {
		fd_free_reserved(fd);
		return PTR_ERR(f);
	}
	fd_install(fd, f);
	return fd;
}

long sys_inotify_init(void)
{
	return sys_inotify_init1(0);
}

long sys_inotify_add_watch(int fd, const char __user *upath, u32 mask)
{
	unsigned lflags = 0;
	struct file *f;
	struct path p;
	char *path;
	long err;

	if ((mask & IN_MASK_ADD) && (mask & IN_MASK_CREATE))
		return -EINVAL;
	if (!(mask & IN_ALL_BITS))
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	if (!file_is_inotify(f)) {
		err = -EINVAL;
		goto out;
	}
	if (!(mask & IN_DONT_FOLLOW))
		lflags |= LOOKUP_FOLLOW;
	if (mask & IN_ONLYDIR)
		lflags |= LOOKUP_DIRECTORY;
	path = getname(upath, &err);
	if (!path)
		goto out;
	err = vfs_path_lookup(LINUX_AT_FDCWD, path, lflags, &p);
	kfree(path);
	if (err)
		goto out;
	/* Watching needs read permission on the object (Linux). */
	err = inode_permission(p.dentry->d_inode, MAY_READ);
	if (!err)
		err = inotify_add_watch(f, &p, mask);
	path_put(&p);
out:
	fput(f);
	return err;
}

long sys_inotify_rm_watch(int fd, s32 wd)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = file_is_inotify(f) ? inotify_rm_watch(f, wd) : -EINVAL;
	fput(f);
	return err;
}
