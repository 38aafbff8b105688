/*
 * Opening files and the attribute operations on paths: open with all of
 * Linux's O_* semantics (create, exclusive, truncate, directory, nofollow,
 * path-only, tmpfile), opening for exec, stat, truncate, chmod, chown,
 * access, chdir, chroot, getcwd, statfs, and the ioctls every file knows.
 * The syscall handlers (linuxabi/fs*.c) copy arguments in and call these.
 */
#include <kernel/uaccess.h>

#include "internal.h"

/* Linux's RESOLVE_* to our LOOKUP_* */
static unsigned resolve_to_lookup(unsigned resolve)
{
	unsigned f = 0;

	if (resolve & LINUX_RESOLVE_NO_XDEV)
		f |= LOOKUP_NO_XDEV;
	if (resolve & LINUX_RESOLVE_NO_MAGICLINKS)
		f |= LOOKUP_NO_MAGICLINKS;
	if (resolve & LINUX_RESOLVE_NO_SYMLINKS)
		f |= LOOKUP_NO_SYMLINKS;
	if (resolve & LINUX_RESOLVE_BENEATH)
		f |= LOOKUP_BENEATH;
	if (resolve & LINUX_RESOLVE_IN_ROOT)
		f |= LOOKUP_IN_ROOT;
	return f;
}

static int do_truncate(struct dentry *d, struct vfsmount *mnt, u64 len, struct file *f)
{
	struct iattr a = { .ia_valid = ATTR_SIZE, .ia_size = len, .ia_file = f };
	struct path p = { mnt, d };
	u64 max = d->d_inode->i_sb && d->d_inode->i_sb->s_maxbytes ? d->d_inode->i_sb->s_maxbytes
								   : (1ULL << 52);

	/* Growing past RLIMIT_FSIZE: SIGXFSZ and EFBIG (Linux's
	 * inode_newsize_ok); shrinking is always allowed. */
	if (len > READ_ONCE(d->d_inode->i_size) && rlimit(RLIMIT_FSIZE) != RLIM_INFINITY &&
	    len > rlimit(RLIMIT_FSIZE)) {
		send_sig(SIGXFSZ, current);
		return -EFBIG;
	}
	if (len > max)
		return -EFBIG;
	a.ia_valid |= ATTR_MTIME | ATTR_CTIME;
	a.ia_mtime = a.ia_ctime = vfs_now();
	/* A truncate by a non-owner also drops set-id bits, as a write would. */
	file_remove_privs(d->d_inode);
	return vfs_setattr(&p, &a);
}

/* The checks of Linux's may_open, for an existing object. */
static int may_open(const struct path *p, int acc_mask, int flags)
{
	struct inode *inode = p->dentry->d_inode;
	int err;

	switch (inode->i_mode & S_IFMT) {
	case S_IFLNK:
		return -ELOOP;
	case S_IFDIR:
		if (acc_mask & MAY_WRITE)
			return -EISDIR;
		break;
	case S_IFBLK:
	case S_IFCHR:
		if ((p->mnt->mnt_flags & MNT_NODEV) || (p->mnt->mnt_sb->s_flags & SB_NODEV))
			return -EACCES;
		break;
	case S_IFIFO:
	case S_IFSOCK:
		break;
	default:
		break;
	}
	err = inode_permission(inode, acc_mask);
	if (err)
		return err;
	if ((acc_mask & MAY_WRITE) && (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode)) &&
	    mnt_readonly(p->mnt))
		return -EROFS;
	if ((flags & LINUX_O_NOATIME) && !inode_owner_or_capable(inode))
		return -EPERM;
	return 0;
}

static struct file *open_tmpfile(int dfd, const char *path, unsigned lflags, int flags,
				 umode_t mode)
{
	struct path dir;
	struct inode *di;
	struct dentry *d;
	struct file *f;
	struct path p;
	int err;

	err = vfs_path_lookup(dfd, path, lflags | LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &dir);
	if (err)
		return ERR_PTR(err);
	di = dir.dentry->d_inode;
	err = mnt_want_write(dir.mnt);
	if (err)
		goto out;
	err = inode_permission(di, MAY_WRITE | MAY_EXEC);
	if (err)
		goto out;
	err = -EOPNOTSUPP;
	if (!di->i_op->tmpfile)
		goto out;
	err = -ENOMEM;
	d = d_alloc_name(dir.dentry, "#tmpfile");
	if (!d)
		goto out;
	mutex_lock(&di->i_mutex);
	err = di->i_op->tmpfile(di, d, ((mode & S_IALLUGO) & ~current_umask()) | S_IFREG);
	mutex_unlock(&di->i_mutex);
	if (err) {
		dput(d);
		goto out;
	}
	if (!(flags & LINUX_O_EXCL))
		d->d_inode->i_flags |= S_TMPFILE_LINKABLE;
	p.mnt = dir.mnt;
	p.dentry = d;
	f = vfs_open_path(&p, flags);
	dput(d);
	path_put(&dir);
	return f;
out:
	path_put(&dir);
	return ERR_PTR(err);
}

struct file *vfs_open(int dfd, const char *path, int flags, umode_t mode, unsigned resolve)
{
	return do_vfs_open(NULL, dfd, path, flags, mode, resolve_to_lookup(resolve));
}

struct file *do_vfs_open(const struct path *start, int dfd, const char *path, int flags,
			 umode_t mode, unsigned lflags)
{
	int acc = flags & LINUX_O_ACCMODE, acc_mask;
	bool created = false;
	struct path p;
	struct file *f;
	int err;

	flags &= LINUX_VALID_OPEN_FLAGS;
	flags |= LINUX_O_LARGEFILE;   /* always on 64-bit Linux: F_GETFL shows it */
	if (flags & LINUX_O_SYNC)
		flags |= LINUX_O_DSYNC;
	if (flags & __LINUX_O_TMPFILE) {
		if ((flags & (LINUX_O_TMPFILE | LINUX_O_CREAT)) != LINUX_O_TMPFILE)
			return ERR_PTR(-EINVAL);
		if (acc != LINUX_O_WRONLY && acc != LINUX_O_RDWR)
			return ERR_PTR(-EINVAL);
	} else if (flags & LINUX_O_PATH) {
		flags &= LINUX_O_DIRECTORY | LINUX_O_NOFOLLOW | LINUX_O_PATH | LINUX_O_CLOEXEC |
			 LINUX_O_LARGEFILE;
		acc = 0;
	}
	if ((flags & LINUX_O_CREAT) && (flags & LINUX_O_DIRECTORY))
		return ERR_PTR(-EINVAL);
	if (!(flags & LINUX_O_NOFOLLOW))
		lflags |= LOOKUP_FOLLOW;
	if (flags & LINUX_O_DIRECTORY)
		lflags |= LOOKUP_DIRECTORY;

	if (flags & __LINUX_O_TMPFILE)
		return open_tmpfile(dfd, path, lflags, flags, mode);

	if (flags & LINUX_O_CREAT)
		err = open_create_lookup(start, dfd, path, lflags, flags,
					 (mode & S_IALLUGO) | S_IFREG, &p, &created);
	else if (start)
		err = vfs_path_lookup_at(start, path, lflags, &p);
	else
		err = vfs_path_lookup(dfd, path, lflags, &p);
	if (err)
		return ERR_PTR(err);

	if (flags & LINUX_O_PATH) {
		f = vfs_open_path(&p, flags);
		path_put(&p);
		return f;
	}
	if ((lflags & LOOKUP_DIRECTORY) && !S_ISDIR(p.dentry->d_inode->i_mode)) {
		err = S_ISLNK(p.dentry->d_inode->i_mode) ? -ELOOP : -ENOTDIR;
		goto out;
	}
	if (!S_ISREG(p.dentry->d_inode->i_mode))
		flags &= ~LINUX_O_TRUNC;
	if (!created) {
		switch (acc) {
		case LINUX_O_RDONLY:
			acc_mask = MAY_READ;
			break;
		case LINUX_O_WRONLY:
			acc_mask = MAY_WRITE;
			break;
		default:
			acc_mask = MAY_READ | MAY_WRITE;
			break;
		}
		if (flags & LINUX_O_TRUNC)
			acc_mask |= MAY_WRITE;
		if (flags & LINUX_O_APPEND && (acc_mask & MAY_WRITE))
			acc_mask |= MAY_APPEND;
		err = may_open(&p, acc_mask | MAY_OPEN, flags);
		if (err)
			goto out;
	}
	f = vfs_open_path(&p, flags);
	if (IS_ERR(f)) {
		err = PTR_ERR(f);
		goto out;
	}
	if ((flags & LINUX_O_TRUNC) && !created) {
		struct inode *inode = p.dentry->d_inode;

		/* O_RDONLY|O_TRUNC: no write access was taken at open. */
		err = (f->f_mode & FMODE_WRITE) ? 0 : get_write_access(inode);
		if (!err) {
			err = do_truncate(p.dentry, p.mnt, 0, f);
			if (!(f->f_mode & FMODE_WRITE))
				put_write_access(inode);
		}
		if (err) {
			fput(f);
			goto out;
		}
	}
	path_put(&p);
	return f;
out:
	path_put(&p);
	return ERR_PTR(err);
}

struct file *filp_open(const char *path, int flags, umode_t mode)
{
	return vfs_open(LINUX_AT_FDCWD, path, flags, mode, 0);
}

struct file *exec_open_at(int dirfd, const char *path, int at_flags)
{
	unsigned lflags = LOOKUP_FOLLOW;
	struct inode *inode;
	struct file *f;
	struct path p;
	int err;

	if (at_flags & ~(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH))
		return ERR_PTR(-EINVAL);
	if (at_flags & LINUX_AT_SYMLINK_NOFOLLOW)
		lflags = 0;
	if (at_flags & LINUX_AT_EMPTY_PATH)
		lflags |= LOOKUP_EMPTY;
	err = vfs_path_lookup(dirfd, path, lflags, &p);
	if (err)
		return ERR_PTR(err);
	inode = p.dentry->d_inode;
	err = -ELOOP;
	if (S_ISLNK(inode->i_mode))
		goto out;
	err = -EACCES;
	if (!S_ISREG(inode->i_mode))
		goto out;
	if ((p.mnt->mnt_flags & MNT_NOEXEC) || (p.mnt->mnt_sb->s_flags & SB_NOEXEC))
		goto out;
	err = inode_permission(inode, MAY_EXEC | MAY_OPEN);
	if (err)
		goto out;
	err = deny_write_access(inode);
	if (err)
		goto out;
	f = vfs_open_path(&p, LINUX_O_RDONLY | LINUX_O_LARGEFILE);
	if (IS_ERR(f)) {
		allow_write_access(inode);
		err = PTR_ERR(f);
		goto out;
	}
	f->f_mode |= FMODE_EXEC | FMODE_WRITE_DENIED;
	path_put(&p);
	return f;
out:
	path_put(&p);
	return ERR_PTR(err);
}

struct file *exec_open(const char *path)
{
	return exec_open_at(LINUX_AT_FDCWD, path, 0);
}

void file_deny_write(struct file *f)
{
	/* exec_open's deny holds already, so this one cannot fail for files
	 * it opened; for others a writer makes it a no-op (Linux's MAP_DENYWRITE
	 * is gone too). */
	if (f->f_inode && deny_write_access(f->f_inode) == 0)
		return;
}

void file_allow_write(struct file *f)
{
	if (f->f_inode)
		allow_write_access(f->f_inode);
}

/* ---- stat ---- */

int vfs_getattr(const struct path *p, struct kstat *st)
{
	struct inode *inode = p->dentry->d_inode;
	int err = 0;

	if (inode->i_op && inode->i_op->getattr)
		err = inode->i_op->getattr(p->dentry, st);
	else
		generic_fillattr(inode, st);
	st->mnt_id = mnt_id(p->mnt);
	if (p->dentry == p->mnt->mnt_root)
		st->attributes |= 0x2000;   /* STATX_ATTR_MOUNT_ROOT */
	return err;
}

int vfs_statat(int dfd, const char *path, int at_flags, struct kstat *st)
{
	unsigned lflags = LOOKUP_FOLLOW;
	struct path p;
	int err;

	if (at_flags & ~(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_NO_AUTOMOUNT | LINUX_AT_EMPTY_PATH |
			 LINUX_AT_STATX_SYNC_TYPE))
		return -EINVAL;
	if (at_flags & LINUX_AT_SYMLINK_NOFOLLOW)
		lflags = 0;
	if (at_flags & LINUX_AT_EMPTY_PATH)
		lflags |= LOOKUP_EMPTY;
	err = vfs_path_lookup(dfd, path, lflags, &p);
	if (err)
		return err;
	err = vfs_getattr(&p, st);
	path_put(&p);
	return err;
}

/* ---- truncate ---- */

int vfs_truncate_path(int dfd, const char *path, u64 len)
{
	struct inode *inode;
	struct path p;
	int err;

	if ((s64)len < 0)
		return -EINVAL;
	err = vfs_path_lookup(dfd, path, LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	inode = p.dentry->d_inode;
	err = -EISDIR;
	if (S_ISDIR(inode->i_mode))
		goto out;
	err = -EINVAL;
	if (!S_ISREG(inode->i_mode))
		goto out;
	err = mnt_want_write(p.mnt);
	if (err)
		goto out;
	err = inode_permission(inode, MAY_WRITE);
	if (err)
		goto out;
	err = get_write_access(inode);
	if (err)
		goto out;
	err = do_truncate(p.dentry, p.mnt, len, NULL);
	put_write_access(inode);
out:
	path_put(&p);
	return err;
}

int vfs_ftruncate(struct file *f, u64 len)
{
	struct inode *inode = f->f_inode;

	if ((s64)len < 0)
		return -EINVAL;
	if (!S_ISREG(inode->i_mode) || !(f->f_mode & FMODE_WRITE))
		return -EINVAL;
	return do_truncate(f->f_path.dentry, f->f_path.mnt, len, f);
}

/* ---- chmod / chown ---- */

static int chmod_path(const struct path *p, umode_t mode)
{
	struct iattr a = { .ia_valid = ATTR_MODE | ATTR_CTIME };

	a.ia_mode = mode & S_IALLUGO;
	a.ia_ctime = vfs_now();
	return vfs_setattr(p, &a);
}

int vfs_chmodat(int dfd, const char *path, umode_t mode, int at_flags)
{
	unsigned lflags = LOOKUP_FOLLOW;
	struct path p;
	int err;

	if (at_flags & ~(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH))
		return -EINVAL;
	if (at_flags & LINUX_AT_SYMLINK_NOFOLLOW)
		lflags = 0;
	if (at_flags & LINUX_AT_EMPTY_PATH)
		lflags |= LOOKUP_EMPTY;
	err = vfs_path_lookup(dfd, path, lflags, &p);
	if (err)
		return err;
	if (S_ISLNK(p.dentry->d_inode->i_mode))
		err = -EOPNOTSUPP;   /* Linux: symlink modes cannot change */
	else
		err = chmod_path(&p, mode);
	path_put(&p);
	return err;
}

int vfs_fchmod(struct file *f, umode_t mode)
{
	return chmod_path(&f->f_path, mode);
}

static int chown_path(const struct path *p, uid_t uid, gid_t gid)
{
	struct iattr a = { 0 };

	if (uid != (uid_t)-1) {
		a.ia_valid |= ATTR_UID;
		a.ia_uid = uid;
	}
	if (gid != (gid_t)-1) {
		a.ia_valid |= ATTR_GID;
		a.ia_gid = gid;
	}
	a.ia_valid |= ATTR_CTIME;
	a.ia_ctime = vfs_now();
	return vfs_setattr(p, &a);
}

int vfs_chownat(int dfd, const char *path, uid_t uid, gid_t gid, int at_flags)
{
	unsigned lflags = LOOKUP_FOLLOW;
	struct path p;
	int err;

	if (at_flags & ~(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH))
		return -EINVAL;
	if (at_flags & LINUX_AT_SYMLINK_NOFOLLOW)
		lflags = 0;
	if (at_flags & LINUX_AT_EMPTY_PATH)
		lflags |= LOOKUP_EMPTY;
	err = vfs_path_lookup(dfd, path, lflags, &p);
	if (err)
		return err;
	err = chown_path(&p, uid, gid);
	path_put(&p);
	return err;
}

int vfs_fchown(struct file *f, uid_t uid, gid_t gid)
{
	return chown_path(&f->f_path, uid, gid);
}

/* ---- access ---- */

int vfs_accessat(int dfd, const char *path, int mode, int at_flags)
{
	unsigned lflags = LOOKUP_FOLLOW;
	bool real = !(at_flags & LINUX_AT_EACCESS);
	struct inode *inode;
	struct path p;
	int err, mask = 0;

	if (mode & ~(LINUX_R_OK | LINUX_W_OK | LINUX_X_OK))
		return -EINVAL;
	if (at_flags & ~(LINUX_AT_EACCESS | LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH))
		return -EINVAL;
	if (at_flags & LINUX_AT_SYMLINK_NOFOLLOW)
		lflags = 0;
	if (at_flags & LINUX_AT_EMPTY_PATH)
		lflags |= LOOKUP_EMPTY;
	if (real)
		err = vfs_path_lookup_real(dfd, path, lflags, &p);
	else
		err = vfs_path_lookup(dfd, path, lflags, &p);
	if (err)
		return err;
	inode = p.dentry->d_inode;
	if (mode & LINUX_R_OK)
		mask |= MAY_READ;
	if (mode & LINUX_W_OK)
		mask |= MAY_WRITE;
	if (mode & LINUX_X_OK)
		mask |= MAY_EXEC;
	err = 0;
	if (mask) {
		err = inode_permission_real(inode, mask | MAY_ACCESS, real);
		if (!err && (mask & MAY_WRITE) && mnt_readonly(p.mnt) &&
		    (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode) || S_ISLNK(inode->i_mode)))
			err = -EROFS;
	}
	path_put(&p);
	return err;
}

/* ---- cwd and root ---- */

int vfs_chdir(const char *path)
{
	struct path p;
	int err = vfs_path_lookup(LINUX_AT_FDCWD, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);

	if (err)
		return err;
	err = inode_permission(p.dentry->d_inode, MAY_EXEC | MAY_CHDIR);
	if (!err)
		fs_set_pwd(current_fs(), &p);
	path_put(&p);
	return err;
}

int vfs_fchdir(struct file *f)
{
	int err;

	if (!S_ISDIR(f->f_inode->i_mode))
		return -ENOTDIR;
	err = inode_permission(f->f_inode, MAY_EXEC | MAY_CHDIR);
	if (!err)
		fs_set_pwd(current_fs(), &f->f_path);
	return err;
}

int vfs_chroot(const char *path)
{
	struct path p;
	int err = vfs_path_lookup(LINUX_AT_FDCWD, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);

	if (err)
		return err;
	err = inode_permission(p.dentry->d_inode, MAY_EXEC | MAY_CHDIR);
	if (!err && !capable_root())
		err = -EPERM;
	if (!err)
		fs_set_root(current_fs(), &p);
	path_put(&p);
	return err;
}

int vfs_getcwd(char *buf, size_t len)
{
	struct fs_struct *fs = current_fs();
	struct path pwd;
	char *p;
	int r;

	spin_lock(&fs->lock);
	pwd = fs->pwd;
	path_get(&pwd);
	spin_unlock(&fs->lock);
	if (d_unhashed(pwd.dentry)) {
		path_put(&pwd);
		return -ENOENT;
	}
	p = d_path(pwd.mnt, pwd.dentry, buf, len);
	path_put(&pwd);
	/* A path longer than the caller's buffer (a page for getcwd(2)) is
	 * ENAMETOOLONG, as Linux's prepend_path; sys_getcwd turns "fits the
	 * page but not the user's buffer" into ERANGE. */
	if (IS_ERR(p))
		return PTR_ERR(p);
	r = buf + len - p;   /* with the NUL */
	memmove(buf, p, r);
	return r;
}

/* ---- statfs ---- */

int vfs_statfs(const struct path *p, struct linux_statfs_k *st)
{
	struct super_block *sb = p->dentry->d_sb;
	unsigned mf = p->mnt->mnt_flags;
	int err = 0;

	memset(st, 0, sizeof(*st));
	if (sb->s_op && sb->s_op->statfs)
		err = sb->s_op->statfs(p->dentry, st);
	else {
		st->f_type = sb->s_magic;
		st->f_bsize = sb->s_blocksize;
		st->f_namelen = NAME_MAX;
	}
	if (!st->f_frsize)
		st->f_frsize = st->f_bsize;
	st->f_fsid = sb->s_dev;
	st->f_flags = 0x20;   /* ST_VALID */
	if (mnt_readonly(p->mnt))
		st->f_flags |= 1;
	if (mf & MNT_NOSUID)
		st->f_flags |= 2;
	if (mf & MNT_NODEV)
		st->f_flags |= 4;
	if (mf & MNT_NOEXEC)
		st->f_flags |= 8;
	if (mf & MNT_NOATIME)
		st->f_flags |= 1024;   /* ST_NOATIME */
	if (mf & MNT_NODIRATIME)
		st->f_flags |= 2048;
	if (mf & MNT_RELATIME)
		st->f_flags |= 4096;
	if (mf & MNT_NOSYMFOLLOW)
		st->f_flags |= 8192;
	return err;
}

/* ---- ioctl ---- */

long vfs_ioctl(struct file *f, unsigned cmd, unsigned long arg)
{
	struct inode *inode = f->f_inode;
	long r;

	switch (cmd) {
	case LINUX_FIONBIO: {
		int on;

		if (get_user(on, (int __user *)arg))
			return -EFAULT;
		spin_lock(&f->f_lock);
		if (on)
			f->f_flags |= LINUX_O_NONBLOCK;
		else
			f->f_flags &= ~LINUX_O_NONBLOCK;
		spin_unlock(&f->f_lock);
		return 0;
	}
	case LINUX_FIOASYNC:
		return -ENOTTY;   /* sys_ioctl handles it (it needs the fd) */
	case LINUX_FIOQSIZE:
		if (S_ISDIR(inode->i_mode) || S_ISREG(inode->i_mode) || S_ISLNK(inode->i_mode)) {
			s64 sz = READ_ONCE(inode->i_size);

			return copy_to_user((void __user *)arg, &sz, sizeof(sz)) ? -EFAULT : 0;
		}
		return -ENOTTY;
	case LINUX_FIONREAD:
		if (S_ISREG(inode->i_mode)) {
			s64 left = (s64)READ_ONCE(inode->i_size) - (s64)f->f_pos;
			int n = left < 0 ? 0 : left > 0x7fffffff ? 0x7fffffff : (int)left;

			return put_user(n, (int __user *)arg);
		}
		break;
	}
	if (!f->f_op->ioctl)
		return -ENOTTY;
	r = f->f_op->ioctl(f, cmd, arg);
	if (r == -ENOIOCTLCMD)
		r = -ENOTTY;
	return r;
}
