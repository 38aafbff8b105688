/*
 * Extended-attribute system calls: set/get/list/remove, each by path
 * (following a final symlink), by lpath (not following) and by fd. They
 * copy the name (at most 255 bytes: ERANGE beyond, and for an empty one,
 * as Linux's strncpy_from_user into a 256-byte buffer) and the value,
 * then call kernel/fs/xattr.c, which does the namespace and permission
 * rules. Errors in Linux's order: set copies name and value before the
 * path is looked up, get/list/remove look up first; a read-only mount is
 * EROFS for set and remove.
 */
#include "fs_common.h"

long sys_setxattr(const char __user *path, const char __user *name, const void __user *value,
		  size_t size, int flags);
long sys_lsetxattr(const char __user *path, const char __user *name, const void __user *value,
		   size_t size, int flags);
long sys_fsetxattr(int fd, const char __user *name, const void __user *value, size_t size,
		   int flags);
long sys_getxattr(const char __user *path, const char __user *name, void __user *value,
		  size_t size);
long sys_lgetxattr(const char __user *path, const char __user *name, void __user *value,
		   size_t size);
long sys_fgetxattr(int fd, const char __user *name, void __user *value, size_t size);
long sys_listxattr(const char __user *path, char __user *list, size_t size);
long sys_llistxattr(const char __user *path, char __user *list, size_t size);
long sys_flistxattr(int fd, char __user *list, size_t size);
long sys_removexattr(const char __user *path, const char __user *name);
long sys_lremovexattr(const char __user *path, const char __user *name);
long sys_fremovexattr(int fd, const char __user *name);

/* The name into kname[XATTR_NAME_MAX + 1]. */
static long xattr_getname(const char __user *uname, char *kname)
{
	long n = strncpy_from_user(kname, uname, XATTR_NAME_MAX + 1);

	if (n < 0)
		return -EFAULT;
	if (n == 0 || n > XATTR_NAME_MAX)
		return -ERANGE;
	return 0;
}

/* The path's object, following the last symlink or not. */
static long xattr_lookup(const char __user *upath, bool follow, struct path *p)
{
	long err;
	char *path = getname(upath, &err);

	if (!path)
		return err;
	err = vfs_path_lookup(LINUX_AT_FDCWD, path, follow ? LOOKUP_FOLLOW : 0, p);
	kfree(path);
	return err;
}

/* ---- set ---- */

static long do_setxattr(const struct path *p, const char *kname, const void *kvalue, size_t size,
			int flags)
{
	long err = mnt_want_write(p->mnt);

	if (err)
		return err;
	return vfs_setxattr(p->dentry, kname, kvalue, size, flags);
}

/* Copy name and value in (Linux checks flags, the name, then the size). */
static long setxattr_copy(const char __user *uname, const void __user *uvalue, size_t size,
			  int flags, char *kname, void **kvalue)
{
	long err;

	*kvalue = NULL;
	if (flags & ~(XATTR_CREATE | XATTR_REPLACE))
		return -EINVAL;
	err = xattr_getname(uname, kname);
	if (err)
		return err;
	if (size > XATTR_SIZE_MAX)
		return -E2BIG;
	if (size) {
		*kvalue = kmalloc(size, GFP_KERNEL);
		if (!*kvalue)
			return -ENOMEM;
		if (copy_from_user(*kvalue, uvalue, size)) {
			kfree(*kvalue);
			*kvalue = NULL;
			return -EFAULT;
		}
	}
	return 0;
}

static long path_setxattr(const char __user *upath, const char __user *uname,
			  const void __user *uvalue, size_t size, int flags, bool follow)
{
	char kname[XATTR_NAME_MAX + 1];
	void *kvalue;
	struct path p;
	long err = setxattr_copy(uname, uvalue, size, flags, kname, &kvalue);

	if (err)
		return err;
	err = xattr_lookup(upath, follow, &p);
	if (!err) {
		err = do_setxattr(&p, kname, kvalue, size, flags);
		path_put(&p);
	}
	kfree(kvalue);
	return err;
}

long sys_setxattr(const char __user *path, const char __user *name, const void __user *value,
		  size_t size, int flags)
{
	return path_setxattr(path, name, value, size, flags, true);
}

long sys_lsetxattr(const char __user *path, const char __user *name, const void __user *value,
		   size_t size, int flags)
{
	return path_setxattr(path, name, value, size, flags, false);
}

long sys_fsetxattr(int fd, const char __user *name, const void __user *value, size_t size,
		   int flags)
{
	char kname[XATTR_NAME_MAX + 1];
	struct file *f = fget(fd);
	void *kvalue;
	long err;

	if (!f)
		return -EBADF;
	err = setxattr_copy(name, value, size, flags, kname, &kvalue);
	if (!err)
		err = do_setxattr(&f->f_path, kname, kvalue, size, flags);
	kfree(kvalue);
	fput(f);
	return err;
}

/* ---- get ---- */

static long do_getxattr(struct dentry *d, const char *kname, void __user *uvalue, size_t size)
{
	void *kvalue = NULL;
	ssize_t r;

	if (size) {
		if (size > XATTR_SIZE_MAX)
			size = XATTR_SIZE_MAX;
		kvalue = kzalloc(size, GFP_KERNEL);
		if (!kvalue)
			return -ENOMEM;
	}
	r = vfs_getxattr(d, kname, kvalue, size);
	if (r > 0 && size && copy_to_user(uvalue, kvalue, r))
		r = -EFAULT;
	else if (r == -ERANGE && size >= XATTR_SIZE_MAX)
		r = -E2BIG;   /* the value cannot fit any buffer the call takes */
	kfree(kvalue);
	return r;
}

static long path_getxattr(const char __user *upath, const char __user *uname,
			  void __user *uvalue, size_t size, bool follow)
{
	char kname[XATTR_NAME_MAX + 1];
	struct path p;
	long err = xattr_lookup(upath, follow, &p);

	if (err)
		return err;
	err = xattr_getname(uname, kname);
	if (!err)
		err = do_getxattr(p.dentry, kname, uvalue, size);
	path_put(&p);
	return err;
}

long sys_getxattr(const char __user *path, const char __user *name, void __user *value,
		  size_t size)
{
	return path_getxattr(path, name, value, size, true);
}

long sys_lgetxattr(const char __user *path, const char __user *name, void __user *value,
		   size_t size)
{
	return path_getxattr(path, name, value, size, false);
}

long sys_fgetxattr(int fd, const char __user *name, void __user *value, size_t size)
{
	char kname[XATTR_NAME_MAX + 1];
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = xattr_getname(name, kname);
	if (!err)
		err = do_getxattr(f->f_path.dentry, kname, value, size);
	fput(f);
	return err;
}

/* ---- list ---- */

static long do_listxattr(struct dentry *d, char __user *ulist, size_t size)
{
	char *klist = NULL;
	ssize_t r;

	if (size) {
		if (size > XATTR_LIST_MAX)
			size = XATTR_LIST_MAX;
		klist = kmalloc(size, GFP_KERNEL);
		if (!klist)
			return -ENOMEM;
	}
	r = vfs_listxattr(d, klist, size);
	if (r > 0 && size && copy_to_user(ulist, klist, r))
		r = -EFAULT;
	else if (r == -ERANGE && size >= XATTR_LIST_MAX)
		r = -E2BIG;
	kfree(klist);
	return r;
}

static long path_listxattr(const char __user *upath, char __user *list, size_t size, bool follow)
{
	struct path p;
	long err = xattr_lookup(upath, follow, &p);

	if (err)
		return err;
	err = do_listxattr(p.dentry, list, size);
	path_put(&p);
	return err;
}

long sys_listxattr(const char __user *path, char __user *list, size_t size)
{
	return path_listxattr(path, list, size, true);
}

long sys_llistxattr(const char __user *path, char __user *list, size_t size)
{
	return path_listxattr(path, list, size, false);
}

long sys_flistxattr(int fd, char __user *list, size_t size)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = do_listxattr(f->f_path.dentry, list, size);
	fput(f);
	return err;
}

/* ---- remove ---- */

static long path_removexattr(const char __user *upath, const char __user *uname, bool follow)
{
	char kname[XATTR_NAME_MAX + 1];
	struct path p;
	long err = xattr_lookup(upath, follow, &p);

	if (err)
		return err;
	err = mnt_want_write(p.mnt);
	if (!err)
		err = xattr_getname(uname, kname);
	if (!err)
		err = vfs_removexattr(p.dentry, kname);
	path_put(&p);
	return err;
}

long sys_removexattr(const char __user *path, const char __user *name)
{
	return path_removexattr(path, name, true);
}

long sys_lremovexattr(const char __user *path, const char __user *name)
{
	return path_removexattr(path, name, false);
}

long sys_fremovexattr(int fd, const char __user *name)
{
	char kname[XATTR_NAME_MAX + 1];
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = mnt_want_write(f->f_path.mnt);
	if (!err)
		err = xattr_getname(name, kname);
	if (!err)
		err = vfs_removexattr(f->f_path.dentry, kname);
	fput(f);
	return err;
}
