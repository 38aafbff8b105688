/*
 * Path-name system calls: mkdir, mknod, unlink, rmdir, rename, link,
 * symlink, readlink, chmod, chown, access, truncate, utimes, chdir,
 * getcwd, chroot, umask, mount. They copy the names in (getname) and call
 * the vfs_* operation of kernel/fs, which has Linux's semantics and errno.
 */
#include "fs_common.h"

/* Two names in; both freed by the caller. */
static long getname2(const char __user *a, const char __user *b, char **ka, char **kb)
{
	long err;

	*ka = getname(a, &err);
	if (!*ka)
		return err;
	*kb = getname(b, &err);
	if (!*kb) {
		kfree(*ka);
		return err;
	}
	return 0;
}

long sys_mkdirat(int dfd, const char __user *upath, umode_t mode)
{
	long err;
	char *path = getname(upath, &err);

	if (!path)
		return err;
	err = vfs_mkdirat(dfd, path, mode);
	kfree(path);
	return err;
}

long sys_mkdir(const char __user *path, umode_t mode)
{
	return sys_mkdirat(LINUX_AT_FDCWD, path, mode);
}

long sys_mknodat(int dfd, const char __user *upath, umode_t mode, unsigned dev)
{
	long err;
	char *path = getname(upath, &err);

	if (!path)
		return err;
	err = vfs_mknodat(dfd, path, mode, linux_to_kdev(dev));
	kfree(path);
	return err;
}

long sys_mknod(const char __user *path, umode_t mode, unsigned dev)
{
	return sys_mknodat(LINUX_AT_FDCWD, path, mode, dev);
}

long sys_unlinkat(int dfd, const char __user *upath, int flag)
{
	long err;
	char *path;

	if (flag & ~LINUX_AT_REMOVEDIR)
		return -EINVAL;
	path = getname(upath, &err);
	if (!path)
		return err;
	if (flag & LINUX_AT_REMOVEDIR)
		err = vfs_rmdirat(dfd, path);
	else
		err = vfs_unlinkat(dfd, path);
	kfree(path);
	return err;
}

long sys_unlink(const char __user *path)
{
	return sys_unlinkat(LINUX_AT_FDCWD, path, 0);
}

long sys_rmdir(const char __user *path)
{
	return sys_unlinkat(LINUX_AT_FDCWD, path, LINUX_AT_REMOVEDIR);
}

long sys_renameat2(int olddfd, const char __user *oldname, int newdfd, const char __user *newname,
		   unsigned flags)
{
	char *o, *n;
	long err = getname2(oldname, newname, &o, &n);

	if (err)
		return err;
	err = vfs_renameat2(olddfd, o, newdfd, n, flags);
	kfree(o);
	kfree(n);
	return err;
}

long sys_renameat(int olddfd, const char __user *oldname, int newdfd, const char __user *newname)
{
	return sys_renameat2(olddfd, oldname, newdfd, newname, 0);
}

long sys_rename(const char __user *oldname, const char __user *newname)
{
	return sys_renameat2(LINUX_AT_FDCWD, oldname, LINUX_AT_FDCWD, newname, 0);
}

long sys_linkat(int olddfd, const char __user *oldname, int newdfd, const char __user *newname,
		int flags)
{
	char *o, *n;
	long err;

	if (flags & ~(LINUX_AT_SYMLINK_FOLLOW | LINUX_AT_EMPTY_PATH))
		return -EINVAL;
	o = getname_flags(oldname, flags & LINUX_AT_EMPTY_PATH, &err);
	if (!o)
		return err;
	n = getname(newname, &err);
	if (!n) {
		kfree(o);
		return err;
	}
	err = vfs_linkat(olddfd, o, newdfd, n, flags);
	kfree(o);
	kfree(n);
	return err;
}

long sys_link(const char __user *oldname, const char __user *newname)
{
	return sys_linkat(LINUX_AT_FDCWD, oldname, LINUX_AT_FDCWD, newname, 0);
}

long sys_symlinkat(const char __user *target, int newdfd, const char __user *linkpath)
{
	char *t, *l;
	long err = getname2(target, linkpath, &t, &l);

	if (err)
		return err;
	err = vfs_symlinkat(t, newdfd, l);
	kfree(t);
	kfree(l);
	return err;
}

long sys_symlink(const char __user *target, const char __user *linkpath)
{
	return sys_symlinkat(target, LINUX_AT_FDCWD, linkpath);
}

long sys_readlinkat(int dfd, const char __user *upath, char __user *buf, int bufsiz)
{
	char *path, *kbuf;
	long err;

	if (bufsiz <= 0)
		return -EINVAL;
	/* An empty path reads dfd's own link; a NULL one faults (unlike
	 * statx/fstatat, which accept NULL with AT_EMPTY_PATH). */
	if (!upath)
		return -EFAULT;
	path = getname_flags(upath, true, &err);
	if (!path)
		return err;
	if (bufsiz > PATH_MAX)
		bufsiz = PATH_MAX;
	kbuf = kmalloc(bufsiz, GFP_KERNEL);
	if (!kbuf) {
		kfree(path);
		return -ENOMEM;
	}
	err = vfs_readlinkat(dfd, path, kbuf, bufsiz);
	if (err > 0 && copy_to_user(buf, kbuf, err))
		err = -EFAULT;
	kfree(kbuf);
	kfree(path);
	return err;
}

long sys_readlink(const char __user *path, char __user *buf, int bufsiz)
{
	return sys_readlinkat(LINUX_AT_FDCWD, path, buf, bufsiz);
}

long sys_fchmodat2(int dfd, const char __user *upath, umode_t mode, unsigned flags)
{
	long err;
	char *path;

	if (flags & ~(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH))
		return -EINVAL;
	path = getname_flags(upath, flags & LINUX_AT_EMPTY_PATH, &err);
	if (!path)
		return err;
	err = vfs_chmodat(dfd, path, mode, flags);
	kfree(path);
	return err;
}

long sys_fchmodat(int dfd, const char __user *path, umode_t mode)
{
	return sys_fchmodat2(dfd, path, mode, 0);
}

long sys_chmod(const char __user *path, umode_t mode)
{
	return sys_fchmodat2(LINUX_AT_FDCWD, path, mode, 0);
}

long sys_fchmod(unsigned fd, umode_t mode)
{
	struct file *f = fget((int)fd);
	long err;

	if (!f)
		return -EBADF;
	err = vfs_fchmod(f, mode);
	fput(f);
	return err;
}

long sys_fchownat(int dfd, const char __user *upath, uid_t user, gid_t group, int flag)
{
	long err;
	char *path;

	if (flag & ~(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH))
		return -EINVAL;
	path = getname_flags(upath, flag & LINUX_AT_EMPTY_PATH, &err);
	if (!path)
		return err;
	err = vfs_chownat(dfd, path, user, group, flag);
	kfree(path);
	return err;
}

long sys_chown(const char __user *path, uid_t user, gid_t group)
{
	return sys_fchownat(LINUX_AT_FDCWD, path, user, group, 0);
}

long sys_lchown(const char __user *path, uid_t user, gid_t group)
{
	return sys_fchownat(LINUX_AT_FDCWD, path, user, group, LINUX_AT_SYMLINK_NOFOLLOW);
}

long sys_fchown(unsigned fd, uid_t user, gid_t group)
{
	struct file *f = fget((int)fd);
	long err;

	if (!f)
		return -EBADF;
	err = vfs_fchown(f, user, group);
	fput(f);
	return err;
}

long sys_faccessat2(int dfd, const char __user *upath, int mode, int flags)
{
	long err;
	char *path;

	if (mode & ~(LINUX_R_OK | LINUX_W_OK | LINUX_X_OK))
		return -EINVAL;
	if (flags & ~(LINUX_AT_EACCESS | LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH))
		return -EINVAL;
	path = getname_flags(upath, flags & LINUX_AT_EMPTY_PATH, &err);
	if (!path)
		return err;
	err = vfs_accessat(dfd, path, mode, flags);
	kfree(path);
	return err;
}

long sys_faccessat(int dfd, const char __user *path, int mode)
{
	return sys_faccessat2(dfd, path, mode, 0);
}

long sys_access(const char __user *path, int mode)
{
	return sys_faccessat2(LINUX_AT_FDCWD, path, mode, 0);
}

long sys_truncate(const char __user *upath, loff_t length)
{
	long err;
	char *path = getname(upath, &err);

	if (!path)
		return err;
	err = vfs_truncate_path(LINUX_AT_FDCWD, path, length);
	kfree(path);
	return err;
}

/* ---- times ---- */

static bool valid_nsec(long ns)
{
	return (ns >= 0 && ns < 1000000000L) || ns == LINUX_UTIME_NOW || ns == LINUX_UTIME_OMIT;
}

/* times[0] = atime, times[1] = mtime; NULL: both now. */
static long do_utimes(int dfd, const char *path, const struct linux_fs_timespec *times,
		      int flags)
{
	struct iattr a = { 0 };
	struct path p;
	unsigned lflags = LOOKUP_FOLLOW;
	long err;

	if (flags & ~(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & LINUX_AT_SYMLINK_NOFOLLOW)
		lflags = 0;
	if (flags & LINUX_AT_EMPTY_PATH)
		lflags |= LOOKUP_EMPTY;
	if (times) {
		if (!valid_nsec(times[0].tv_nsec) || !valid_nsec(times[1].tv_nsec))
			return -EINVAL;
		if (times[0].tv_nsec == LINUX_UTIME_OMIT && times[1].tv_nsec == LINUX_UTIME_OMIT)
			return 0;   /* Linux does nothing at all, not even the lookup */
	}
	if (path) {
		err = vfs_path_lookup(dfd, path, lflags, &p);
		if (err)
			return err;
	} else {
		/* As Linux's do_utimes_fd: an O_PATH descriptor is EBADF. */
		struct file *f = fget(dfd);

		if (!f)
			return -EBADF;
		p = f->f_path;
		path_get(&p);
		fput(f);
	}
	a.ia_valid = ATTR_CTIME;
	if (!times || (times[0].tv_nsec == LINUX_UTIME_NOW && times[1].tv_nsec == LINUX_UTIME_NOW)) {
		a.ia_valid |= ATTR_ATIME | ATTR_MTIME | ATTR_TOUCH;
		a.ia_atime = a.ia_mtime = vfs_now();
	} else {
		struct vfs_timespec now = vfs_now();

		for (int i = 0; i < 2; i++) {
			struct vfs_timespec t = now;
			unsigned bit = i ? ATTR_MTIME : ATTR_ATIME;
			unsigned set = i ? ATTR_MTIME_SET : ATTR_ATIME_SET;

			if (times[i].tv_nsec == LINUX_UTIME_OMIT)
				continue;
			a.ia_valid |= bit;
			if (times[i].tv_nsec != LINUX_UTIME_NOW) {
				t.tv_sec = times[i].tv_sec;
				t.tv_nsec = times[i].tv_nsec;
				a.ia_valid |= set;
			} else {
				a.ia_valid |= ATTR_TOUCH;
			}
			if (i)
				a.ia_mtime = t;
			else
				a.ia_atime = t;
		}
		/* One explicit time and one "now": the explicit one rules. */
		if (a.ia_valid & (ATTR_ATIME_SET | ATTR_MTIME_SET))
			a.ia_valid &= ~ATTR_TOUCH;
	}
	a.ia_ctime = vfs_now();
	err = vfs_setattr(&p, &a);
	path_put(&p);
	return err;
}

long sys_utimensat(int dfd, const char __user *upath, struct linux_fs_timespec __user *utimes,
		   int flags)
{
	struct linux_fs_timespec t[2];
	char *path = NULL;
	long err;

	if (utimes && copy_from_user(t, utimes, sizeof(t)))
		return -EFAULT;
	if (upath) {
		path = getname_flags(upath, flags & LINUX_AT_EMPTY_PATH, &err);
		if (!path)
			return err;
	} else if (dfd == LINUX_AT_FDCWD) {
		return -EFAULT;   /* Linux: a NULL path is read, unless dfd names a file */
	} else if (flags) {
		return -EINVAL;   /* no path means the fd itself: no flags apply */
	}
	err = do_utimes(dfd, path, utimes ? t : NULL, flags);
	kfree(path);
	return err;
}

static long utimes_tv(int dfd, const char __user *upath, struct linux_fs_timeval __user *utv)
{
	struct linux_fs_timespec t[2];
	char *path;
	long err;

	if (utv) {
		struct linux_fs_timeval tv[2];

		if (copy_from_user(tv, utv, sizeof(tv)))
			return -EFAULT;
		for (int i = 0; i < 2; i++) {
			if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
				return -EINVAL;
			t[i].tv_sec = tv[i].tv_sec;
			t[i].tv_nsec = tv[i].tv_usec * 1000;
		}
	}
	path = getname(upath, &err);
	if (!path)
		return err;
	err = do_utimes(dfd, path, utv ? t : NULL, 0);
	kfree(path);
	return err;
}

long sys_utimes(const char __user *path, struct linux_fs_timeval __user *times)
{
	return utimes_tv(LINUX_AT_FDCWD, path, times);
}

long sys_futimesat(int dfd, const char __user *path, struct linux_fs_timeval __user *times)
{
	return utimes_tv(dfd, path, times);
}

long sys_utime(const char __user *upath, struct linux_utimbuf __user *ubuf)
{
	struct linux_fs_timespec t[2];
	char *path;
	long err;

	if (ubuf) {
		struct linux_utimbuf b;

		if (copy_from_user(&b, ubuf, sizeof(b)))
			return -EFAULT;
		t[0].tv_sec = b.actime;
		t[1].tv_sec = b.modtime;
		t[0].tv_nsec = t[1].tv_nsec = 0;
	}
	path = getname(upath, &err);
	if (!path)
		return err;
	err = do_utimes(LINUX_AT_FDCWD, path, ubuf ? t : NULL, 0);
	kfree(path);
	return err;
}

/* ---- cwd, root, umask ---- */

long sys_chdir(const char __user *upath)
{
	long err;
	char *path = getname(upath, &err);

	if (!path)
		return err;
	err = vfs_chdir(path);
	kfree(path);
	return err;
}

long sys_fchdir(unsigned fd)
{
	struct file *f = fget_raw((int)fd);
	long err;

	if (!f)
		return -EBADF;
	err = vfs_fchdir(f);
	fput(f);
	return err;
}

long sys_getcwd(char __user *buf, unsigned long size)
{
	char *k = kmalloc(PATH_MAX, GFP_KERNEL);
	long n;

	if (!k)
		return -ENOMEM;
	n = vfs_getcwd(k, PATH_MAX);
	if (n > 0) {
		if ((unsigned long)n > size)
			n = -ERANGE;
		else if (copy_to_user(buf, k, n))
			n = -EFAULT;
	}
	kfree(k);
	return n;
}

long sys_chroot(const char __user *upath)
{
	long err;
	char *path = getname(upath, &err);

	if (!path)
		return err;
	err = vfs_chroot(path);
	kfree(path);
	return err;
}

long sys_umask(int mask)
{
	struct fs_struct *fs = current_fs();
	int old;

	spin_lock(&fs->lock);
	old = fs->umask;
	fs->umask = mask & 0777;
	spin_unlock(&fs->lock);
	return old;
}

/* ---- mount ---- */

/*
 * mount(2): the strings are copied first (type, source, a page of data),
 * as Linux does, so a bad pointer there is EFAULT before anything else;
 * the rest (the target's lookup, privilege, and each kind of mount) is
 * vfs_do_mount's.
 */
long sys_mount(const char __user *dev_name, const char __user *dir_name,
	       const char __user *type, unsigned long flags, void __user *data)
{
	char *dir = NULL, *kdev = NULL, *ktype = NULL, *kdata = NULL;
	long err;

	if (type) {
		ktype = getname_flags(type, true, &err);
		if (!ktype)
			goto out;
	}
	if (dev_name) {
		kdev = getname_flags(dev_name, true, &err);
		if (!kdev)
			goto out;
	}
	if (data) {
		long n;

		kdata = kzalloc(PAGE_SIZE, GFP_KERNEL);
		err = -ENOMEM;
		if (!kdata)
			goto out;
		/* Linux copies up to a page of options, stopping at a fault. */
		n = strncpy_from_user(kdata, data, PAGE_SIZE - 1);
		err = -EFAULT;
		if (n < 0)
			goto out;
	}
	dir = getname(dir_name, &err);
	if (!dir)
		goto out;
	err = vfs_do_mount(kdev, dir, ktype, flags, kdata);
out:
	kfree(dir);
	kfree(kdev);
	kfree(ktype);
	kfree(kdata);
	return err;
}

long sys_umount2(const char __user *name, int flags)
{
	long err;
	char *path;

	if (flags & ~(1 | 2 | 4 | 8))   /* MNT_FORCE, MNT_DETACH, MNT_EXPIRE, UMOUNT_NOFOLLOW */
		return -EINVAL;
	path = getname(name, &err);
	if (!path)
		return err;
	err = vfs_umount(path, flags);
	kfree(path);
	return err;
}

long sys_pivot_root(const char __user *new_root, const char __user *put_old)
{
	char *n, *o;
	long err;

	n = getname(new_root, &err);
	if (!n)
		return err;
	o = getname(put_old, &err);
	if (!o) {
		kfree(n);
		return err;
	}
	err = vfs_pivot_root(n, o);
	kfree(n);
	kfree(o);
	return err;
}
