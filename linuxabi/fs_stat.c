/*
 * stat, statx, statfs and getdents: the kernel's attributes (struct kstat,
 * linux_statfs_k) and directory entries converted to Linux's x86_64
 * layouts and copied out.
 */
#include "fs_common.h"

static long put_stat(const struct kstat *k, struct linux_stat __user *u)
{
	struct linux_stat s;

	memset(&s, 0, sizeof(s));
	s.st_dev = kdev_to_linux(k->dev);
	s.st_ino = k->ino;
	s.st_nlink = k->nlink;
	s.st_mode = k->mode;
	s.st_uid = k->uid;
	s.st_gid = k->gid;
	s.st_rdev = kdev_to_linux(k->rdev);
	s.st_size = k->size;
	s.st_blksize = k->blksize;
	s.st_blocks = k->blocks;
	s.st_atime = k->atime.tv_sec;
	s.st_atime_nsec = k->atime.tv_nsec;
	s.st_mtime = k->mtime.tv_sec;
	s.st_mtime_nsec = k->mtime.tv_nsec;
	s.st_ctime = k->ctime.tv_sec;
	s.st_ctime_nsec = k->ctime.tv_nsec;
	return copy_to_user(u, &s, sizeof(s)) ? -EFAULT : 0;
}

long sys_newfstatat(int dfd, const char __user *upath, struct linux_stat __user *st, int flag)
{
	struct kstat k;
	char *path;
	long err;

	if (flag & ~(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_NO_AUTOMOUNT | LINUX_AT_EMPTY_PATH))
		return -EINVAL;
	path = getname_flags(upath, flag & LINUX_AT_EMPTY_PATH, &err);
	if (!path)
		return err;
	err = vfs_statat(dfd, path, flag, &k);
	kfree(path);
	if (err)
		return err;
	return put_stat(&k, st);
}

long sys_stat(const char __user *path, struct linux_stat __user *st)
{
	return sys_newfstatat(LINUX_AT_FDCWD, path, st, 0);
}

long sys_lstat(const char __user *path, struct linux_stat __user *st)
{
	return sys_newfstatat(LINUX_AT_FDCWD, path, st, LINUX_AT_SYMLINK_NOFOLLOW);
}

long sys_fstat(unsigned fd, struct linux_stat __user *st)
{
	struct file *f = fget_raw((int)fd);
	struct kstat k;
	long err;

	if (!f)
		return -EBADF;
	err = vfs_getattr(&f->f_path, &k);
	fput(f);
	if (err)
		return err;
	return put_stat(&k, st);
}

long sys_statx(int dfd, const char __user *upath, unsigned flags, unsigned mask,
	       struct linux_statx __user *buf)
{
	struct linux_statx x;
	struct kstat k;
	char *path;
	long err;

	if (mask & LINUX_STATX__RESERVED)
		return -EINVAL;
	if ((flags & LINUX_AT_STATX_SYNC_TYPE) == LINUX_AT_STATX_SYNC_TYPE)
		return -EINVAL;
	if (flags & ~(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_NO_AUTOMOUNT | LINUX_AT_EMPTY_PATH |
		      LINUX_AT_STATX_SYNC_TYPE))
		return -EINVAL;
	path = getname_flags(upath, flags & LINUX_AT_EMPTY_PATH, &err);
	if (!path)
		return err;
	err = vfs_statat(dfd, path, flags, &k);
	kfree(path);
	if (err)
		return err;
	memset(&x, 0, sizeof(x));
	x.stx_mask = (k.result_mask & (LINUX_STATX_BASIC_STATS | LINUX_STATX_BTIME)) |
		     LINUX_STATX_MNT_ID;
	x.stx_blksize = k.blksize;
	x.stx_attributes = k.attributes;
	x.stx_attributes_mask = LINUX_STATX_ATTR_MOUNT_ROOT;
	x.stx_nlink = k.nlink;
	x.stx_uid = k.uid;
	x.stx_gid = k.gid;
	x.stx_mode = k.mode;
	x.stx_ino = k.ino;
	x.stx_size = k.size;
	x.stx_blocks = k.blocks;
	x.stx_atime.tv_sec = k.atime.tv_sec;
	x.stx_atime.tv_nsec = k.atime.tv_nsec;
	x.stx_btime.tv_sec = k.btime.tv_sec;
	x.stx_btime.tv_nsec = k.btime.tv_nsec;
	x.stx_ctime.tv_sec = k.ctime.tv_sec;
	x.stx_ctime.tv_nsec = k.ctime.tv_nsec;
	x.stx_mtime.tv_sec = k.mtime.tv_sec;
	x.stx_mtime.tv_nsec = k.mtime.tv_nsec;
	x.stx_rdev_major = MAJOR(k.rdev);
	x.stx_rdev_minor = MINOR(k.rdev);
	x.stx_dev_major = MAJOR(k.dev);
	x.stx_dev_minor = MINOR(k.dev);
	x.stx_mnt_id = k.mnt_id;
	return copy_to_user(buf, &x, sizeof(x)) ? -EFAULT : 0;
}

static long put_statfs(const struct linux_statfs_k *k, struct linux_statfs __user *u)
{
	struct linux_statfs s;

	memset(&s, 0, sizeof(s));
	s.f_type = k->f_type;
	s.f_bsize = k->f_bsize;
	s.f_blocks = k->f_blocks;
	s.f_bfree = k->f_bfree;
	s.f_bavail = k->f_bavail;
	s.f_files = k->f_files;
	s.f_ffree = k->f_ffree;
	s.f_fsid[0] = (s32)k->f_fsid;
	s.f_fsid[1] = (s32)(k->f_fsid >> 32);
	s.f_namelen = k->f_namelen;
	s.f_frsize = k->f_frsize;
	s.f_flags = k->f_flags;
	return copy_to_user(u, &s, sizeof(s)) ? -EFAULT : 0;
}

long sys_statfs(const char __user *upath, struct linux_statfs __user *buf)
{
	struct linux_statfs_k k;
	struct path p;
	char *path;
	long err;

	path = getname(upath, &err);
	if (!path)
		return err;
	err = kern_path(path, LOOKUP_FOLLOW, &p);
	kfree(path);
	if (err)
		return err;
	err = vfs_statfs(&p, &k);
	path_put(&p);
	if (err)
		return err;
	return put_statfs(&k, buf);
}

long sys_fstatfs(unsigned fd, struct linux_statfs __user *buf)
{
	struct file *f = fget_raw((int)fd);
	struct linux_statfs_k k;
	long err;

	if (!f)
		return -EBADF;
	err = vfs_statfs(&f->f_path, &k);
	fput(f);
	if (err)
		return err;
	return put_statfs(&k, buf);
}

/* ---- getdents ---- */

struct getdents_ctx {
	struct dir_context ctx;
	char __user *buf;
	unsigned count;      /* room left */
	unsigned used;
	long error;
	bool old;            /* getdents (not 64) */
};

static bool filldir(struct dir_context *c, const char *name, int namelen, s64 pos, u64 ino,
		    unsigned dtype)
{
	struct getdents_ctx *g = container_of(c, struct getdents_ctx, ctx);
	unsigned reclen;
	char rec[sizeof(struct linux_dirent64) + NAME_MAX + 16];

	if (g->old)
		reclen = ALIGN_UP(offsetof(struct linux_dirent, d_name) + namelen + 2, 8);
	else
		reclen = ALIGN_UP(offsetof(struct linux_dirent64, d_name) + namelen + 1, 8);
	if (reclen > g->count) {
		if (!g->used)
			g->error = -EINVAL;   /* the buffer cannot hold even one entry */
		return false;
	}
	memset(rec, 0, reclen);
	if (g->old) {
		struct linux_dirent *d = (struct linux_dirent *)rec;

		d->d_ino = ino;
		d->d_off = pos + 1;
		d->d_reclen = reclen;
		memcpy(d->d_name, name, namelen);
		rec[reclen - 1] = dtype;
	} else {
		struct linux_dirent64 *d = (struct linux_dirent64 *)rec;

		d->d_ino = ino;
		d->d_off = pos + 1;
		d->d_reclen = reclen;
		d->d_type = dtype;
		memcpy(d->d_name, name, namelen);
	}
	if (copy_to_user(g->buf + g->used, rec, reclen)) {
		g->error = -EFAULT;
		return false;
	}
	g->used += reclen;
	g->count -= reclen;
	return true;
}

static long do_getdents(unsigned fd, void __user *dirent, unsigned count, bool old)
{
	struct getdents_ctx g = { .ctx.actor = filldir, .buf = dirent, .count = count, .old = old };
	struct file *f;
	long err;

	f = fget((int)fd);
	if (!f)
		return -EBADF;
	if (!access_ok(dirent, count)) {
		fput(f);
		return -EFAULT;
	}
	err = vfs_iterate_dir(f, &g.ctx);
	fput(f);
	if (g.used)
		return g.used;
	return err ? err : g.error;
}

long sys_getdents64(unsigned fd, struct linux_dirent64 __user *dirent, unsigned count)
{
	return do_getdents(fd, dirent, count, false);
}

long sys_getdents(unsigned fd, struct linux_dirent __user *dirent, unsigned count)
{
	return do_getdents(fd, dirent, count, true);
}
