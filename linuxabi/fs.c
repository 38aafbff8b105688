/*
 * File-descriptor system calls: open/close, read/write and their vector
 * and positioned forms, lseek, dup, fcntl, ioctl, pipes, sendfile,
 * copy_file_range, sync, fallocate, ftruncate. Each handler checks and
 * copies its arguments and calls kernel/fs; Linux's errno order is kept
 * (a bad fd is EBADF before anything about the buffer is looked at).
 * Path-name calls are in fs_namei.c, stat and readdir in fs_stat.c.
 */
#include <kernel/memfd.h>

#include "fs_common.h"

/* ---- open / close ---- */

static long do_open(int dfd, const char __user *upath, int flags, umode_t mode,
		    unsigned resolve)
{
	struct file *f;
	long err;
	char *path = getname(upath, &err);
	int fd;

	if (!path)
		return err;
	fd = fd_alloc(0, flags & LINUX_O_CLOEXEC);
	if (fd < 0) {
		kfree(path);
		return fd;
	}
	f = vfs_open(dfd, path, flags, mode, resolve);
	kfree(path);
	if (IS_ERR(f)) {
		fd_free_reserved(fd);
		return PTR_ERR(f);
	}
	fd_install(fd, f);
	return fd;
}

long sys_open(const char __user *path, int flags, umode_t mode)
{
	return do_open(LINUX_AT_FDCWD, path, flags, mode, 0);
}

long sys_openat(int dfd, const char __user *path, int flags, umode_t mode)
{
	return do_open(dfd, path, flags, mode, 0);
}

long sys_creat(const char __user *path, umode_t mode)
{
	return do_open(LINUX_AT_FDCWD, path, LINUX_O_CREAT | LINUX_O_WRONLY | LINUX_O_TRUNC, mode,
		       0);
}

#define LINUX_RESOLVE_ALL                                                             \
	(LINUX_RESOLVE_NO_XDEV | LINUX_RESOLVE_NO_MAGICLINKS | LINUX_RESOLVE_NO_SYMLINKS | \
	 LINUX_RESOLVE_BENEATH | LINUX_RESOLVE_IN_ROOT | LINUX_RESOLVE_CACHED)

long sys_openat2(int dfd, const char __user *path, struct linux_open_how __user *uhow,
		 size_t size)
{
	struct linux_open_how how = { 0 };

	if (size < sizeof(how))
		return -EINVAL;
	if (size > PAGE_SIZE)
		return -E2BIG;
	if (copy_from_user(&how, uhow, sizeof(how)))
		return -EFAULT;
	/* A bigger struct from a newer libc: the extra bytes must be zero. */
	for (size_t off = sizeof(how); off < size; off++) {
		u8 b;

		if (get_user(b, (u8 __user *)uhow + off))
			return -EFAULT;
		if (b)
			return -E2BIG;
	}
	if (how.flags & ~(u64)(LINUX_VALID_OPEN_FLAGS | LINUX_O_LARGEFILE))
		return -EINVAL;
	if (how.resolve & ~(u64)LINUX_RESOLVE_ALL)
		return -EINVAL;
	if ((how.resolve & LINUX_RESOLVE_BENEATH) && (how.resolve & LINUX_RESOLVE_IN_ROOT))
		return -EINVAL;
	if (how.flags & (LINUX_O_CREAT | __LINUX_O_TMPFILE)) {
		if (how.mode & ~(u64)S_IALLUGO)
			return -EINVAL;
	} else if (how.mode) {
		return -EINVAL;
	}
	if (how.resolve & LINUX_RESOLVE_CACHED)
		return -EAGAIN;   /* "could not be done from the cache alone": always allowed */
	return do_open(dfd, path, (int)how.flags, (umode_t)how.mode, (unsigned)how.resolve);
}

long sys_close(unsigned fd)
{
	return fd_close((int)fd);
}

long sys_close_range(unsigned fd, unsigned max_fd, unsigned flags)
{
	if (flags & ~(LINUX_CLOSE_RANGE_UNSHARE | LINUX_CLOSE_RANGE_CLOEXEC))
		return -EINVAL;
	if (fd > max_fd)
		return -EINVAL;
	/* XXX: CLOSE_RANGE_UNSHARE should give this thread a private copy
	 * of a shared table first; the range is applied to the shared one. */
	return fd_close_range(fd, max_fd, flags & LINUX_CLOSE_RANGE_CLOEXEC);
}

/* ---- read / write ---- */

long sys_read(int fd, char __user *buf, size_t count)
{
	struct fd ref = fdget(fd);
	struct file *f = ref.file;
	struct iov_iter it;
	long r;

	if (!f)
		return -EBADF;
	if (!(f->f_mode & FMODE_READ)) {
		fdput(ref);
		return -EBADF;
	}
	if (!access_ok(buf, count)) {
		fdput(ref);
		return -EFAULT;
	}
	iov_iter_ubuf(&it, buf, count);
	r = vfs_read_fpos(f, &it);
	fdput(ref);
	return r;
}

long sys_write(int fd, const char __user *buf, size_t count)
{
	struct fd ref = fdget(fd);
	struct file *f = ref.file;
	struct iov_iter it;
	long r;

	if (!f)
		return -EBADF;
	if (!(f->f_mode & FMODE_WRITE)) {
		fdput(ref);
		return -EBADF;
	}
	if (!access_ok(buf, count)) {
		fdput(ref);
		return -EFAULT;
	}
	iov_iter_ubuf(&it, (void __user *)buf, count);
	r = vfs_write_fpos(f, &it);
	fdput(ref);
	return r;
}

static long do_pread(int fd, void __user *buf, size_t count, loff_t pos, bool write)
{
	struct fd ref = fdget(fd);
	struct file *f = ref.file;
	struct iov_iter it;
	u64 p = pos;
	long r;

	if (!f)
		return -EBADF;
	if (!(f->f_mode & (write ? FMODE_WRITE : FMODE_READ))) {
		r = -EBADF;
		goto out;
	}
	r = -ESPIPE;
	if (!(f->f_mode & (write ? FMODE_PWRITE : FMODE_PREAD)) || (f->f_mode & FMODE_STREAM))
		goto out;
	r = -EINVAL;
	if (pos < 0)
		goto out;
	r = -EFAULT;
	if (!access_ok(buf, count))
		goto out;
	iov_iter_ubuf(&it, buf, count);
	r = write ? vfs_write(f, &it, &p) : vfs_read(f, &it, &p);
out:
	fdput(ref);
	return r;
}

long sys_pread64(int fd, char __user *buf, size_t count, loff_t pos)
{
	return do_pread(fd, buf, count, pos, false);
}

long sys_pwrite64(int fd, const char __user *buf, size_t count, loff_t pos)
{
	return do_pread(fd, (void __user *)buf, count, pos, true);
}

/* readv/writev and friends; pos < 0 means "at f_pos". */
static long do_rw_vec(int fd, const struct uvec __user *vec, unsigned long vlen, loff_t pos,
		      bool write, bool positioned)
{
	struct uvec fast[UIO_FASTIOV], *iov;
	struct iov_iter it;
	struct file *f;
	struct fd ref;
	long r;

	ref = fdget(fd);
	f = ref.file;
	if (!f)
		return -EBADF;
	if (!(f->f_mode & (write ? FMODE_WRITE : FMODE_READ))) {
		fdput(ref);
		return -EBADF;
	}
	r = import_uvec(vec, vlen, fast, &iov, &it);
	if (r) {
		fdput(ref);
		return r;
	}
	if (positioned) {
		u64 p = pos;

		if (!(f->f_mode & (write ? FMODE_PWRITE : FMODE_PREAD)) ||
		    (f->f_mode & FMODE_STREAM))
			r = -ESPIPE;
		else if (pos < 0)
			r = -EINVAL;
		else
			r = write ? vfs_write(f, &it, &p) : vfs_read(f, &it, &p);
	} else {
		r = write ? vfs_write_fpos(f, &it) : vfs_read_fpos(f, &it);
	}
	if (iov != fast)
		kfree(iov);
	fdput(ref);
	return r;
}

long sys_readv(int fd, const struct uvec __user *vec, unsigned long vlen)
{
	return do_rw_vec(fd, vec, vlen, 0, false, false);
}

long sys_writev(int fd, const struct uvec __user *vec, unsigned long vlen)
{
	return do_rw_vec(fd, vec, vlen, 0, true, false);
}

static loff_t pos_from_halves(unsigned long lo, unsigned long hi)
{
	/* x86_64 passes the whole offset in pos_l; pos_h is for 32-bit ABIs. */
	(void)hi;
	return (loff_t)lo;
}

long sys_preadv(int fd, const struct uvec __user *vec, unsigned long vlen, unsigned long pos_l,
		unsigned long pos_h)
{
	return do_rw_vec(fd, vec, vlen, pos_from_halves(pos_l, pos_h), false, true);
}

long sys_pwritev(int fd, const struct uvec __user *vec, unsigned long vlen, unsigned long pos_l,
		 unsigned long pos_h)
{
	return do_rw_vec(fd, vec, vlen, pos_from_halves(pos_l, pos_h), true, true);
}

#define LINUX_RWF_HIPRI  0x01
#define LINUX_RWF_DSYNC  0x02
#define LINUX_RWF_SYNC   0x04
#define LINUX_RWF_NOWAIT 0x08
#define LINUX_RWF_APPEND 0x10

static long check_rwf(int flags)
{
	if (flags & ~(LINUX_RWF_HIPRI | LINUX_RWF_DSYNC | LINUX_RWF_SYNC | LINUX_RWF_NOWAIT |
		      LINUX_RWF_APPEND))
		return -EOPNOTSUPP;
	if (flags & (LINUX_RWF_NOWAIT | LINUX_RWF_APPEND))
		return -EOPNOTSUPP;   /* XXX: RWF_NOWAIT and RWF_APPEND not supported */
	return 0;
}

long sys_preadv2(int fd, const struct uvec __user *vec, unsigned long vlen, unsigned long pos_l,
		 unsigned long pos_h, int flags)
{
	loff_t pos = pos_from_halves(pos_l, pos_h);
	long r = check_rwf(flags);

	if (r)
		return r;
	return do_rw_vec(fd, vec, vlen, pos, false, pos != -1);
}

long sys_pwritev2(int fd, const struct uvec __user *vec, unsigned long vlen, unsigned long pos_l,
		  unsigned long pos_h, int flags)
{
	loff_t pos = pos_from_halves(pos_l, pos_h);
	long r = check_rwf(flags);

	if (r)
		return r;
	return do_rw_vec(fd, vec, vlen, pos, true, pos != -1);
}

long sys_lseek(int fd, s64 offset, unsigned whence)
{
	struct file *f = fget(fd);
	s64 r;

	if (!f)
		return -EBADF;
	r = whence > LINUX_SEEK_HOLE ? -EINVAL : vfs_llseek(f, offset, (int)whence);
	fput(f);
	return r;
}

/* ---- dup / fcntl ---- */

long sys_dup(unsigned fildes)
{
	struct file *f = fget_raw((int)fildes);
	int fd;

	if (!f)
		return -EBADF;
	fd = fd_install_new(f, 0);
	if (fd < 0)
		fput(f);
	return fd;
}

static long do_dup3(unsigned oldfd, unsigned newfd, int flags)
{
	struct file *f;
	long r;

	if (flags & ~LINUX_O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	f = fget_raw((int)oldfd);
	if (!f)
		return -EBADF;
	r = fd_dup2(f, newfd, !!(flags & LINUX_O_CLOEXEC));
	fput(f);
	return r;
}

long sys_dup2(unsigned oldfd, unsigned newfd)
{
	if (oldfd == newfd) {
		struct file *f = fget_raw((int)oldfd);

		if (!f)
			return -EBADF;
		fput(f);
		return newfd;
	}
	return do_dup3(oldfd, newfd, 0);
}

long sys_dup3(unsigned oldfd, unsigned newfd, int flags)
{
	return do_dup3(oldfd, newfd, flags);
}

/* F_SETFL may change only these (Linux's SETFL_MASK less what we lack). */
#define SETFL_MASK (LINUX_O_APPEND | LINUX_O_NONBLOCK | LINUX_O_NDELAY | LINUX_O_DIRECT | \
		    LINUX_O_NOATIME | LINUX_FASYNC)

static long fcntl_setfl(struct file *f, int fd, unsigned long arg)
{
	struct inode *inode = f->f_inode;

	if ((arg & LINUX_O_NOATIME) && !(f->f_flags & LINUX_O_NOATIME) &&
	    !inode_owner_or_capable(inode))
		return -EPERM;
	/* O_DIRECT: packet mode on pipes; elsewhere only where direct I/O can
	 * be (Linux's FMODE_CAN_ODIRECT: regular files, block devices). */
	if ((arg & LINUX_O_DIRECT) && !(f->f_flags & LINUX_O_DIRECT) && !S_ISFIFO(inode->i_mode) &&
	    !S_ISREG(inode->i_mode) && !S_ISBLK(inode->i_mode))
		return -EINVAL;
	/* O_ASYNC toggled: hook the file's wakeups up to SIGIO, or unhook.
	 * A file that cannot signal silently keeps it off (Linux: eventfd,
	 * epoll, regular files). */
	if (!f->f_op->fasync)
		arg &= ~LINUX_FASYNC;
	if ((arg ^ f->f_flags) & LINUX_FASYNC) {
		long r = file_set_async(f, fd, arg & LINUX_FASYNC);

		if (r)
			return r;
	}
	spin_lock(&f->f_lock);
	f->f_flags = (f->f_flags & ~SETFL_MASK) | (arg & SETFL_MASK);
	spin_unlock(&f->f_lock);
	return 0;
}

static long fcntl_lock(struct file *f, unsigned cmd, unsigned long arg)
{
	struct linux_flock fl;
	long r;

	if (copy_from_user(&fl, (void __user *)arg, sizeof(fl)))
		return -EFAULT;
	r = vfs_fcntl_lock(f, cmd, &fl);
	if (!r && (cmd == LINUX_F_GETLK || cmd == LINUX_F_OFD_GETLK) &&
	    copy_to_user((void __user *)arg, &fl, sizeof(fl)))
		return -EFAULT;
	return r;
}

long sys_fcntl(unsigned fd, unsigned cmd, unsigned long arg)
{
	struct file *f = fget_raw((int)fd);
	long r;

	if (!f)
		return -EBADF;
	/* O_PATH descriptors allow only the fd-level commands. */
	if ((f->f_mode & FMODE_PATH) &&
	    !(cmd == LINUX_F_DUPFD || cmd == LINUX_F_DUPFD_CLOEXEC || cmd == LINUX_F_GETFD ||
	      cmd == LINUX_F_SETFD || cmd == LINUX_F_GETFL)) {
		fput(f);
		return -EBADF;
	}
	switch (cmd) {
	case LINUX_F_DUPFD:
	case LINUX_F_DUPFD_CLOEXEC:
		if (arg >= fd_nofile_limit()) {
			r = -EINVAL;
			break;
		}
		r = fd_alloc((unsigned)arg, cmd == LINUX_F_DUPFD_CLOEXEC);
		if (r >= 0)
			fd_install((int)r, file_get(f));
		break;
	case LINUX_F_GETFD:
		r = fd_get_cloexec((int)fd);
		break;
	case LINUX_F_SETFD:
		r = fd_set_cloexec((int)fd, arg & LINUX_FD_CLOEXEC);
		break;
	case LINUX_F_GETFL:
		r = f->f_flags;
		break;
	case LINUX_F_SETFL:
		r = fcntl_setfl(f, (int)fd, arg);
		break;
	case LINUX_F_GETLK:
	case LINUX_F_SETLK:
	case LINUX_F_SETLKW:
	case LINUX_F_OFD_GETLK:
	case LINUX_F_OFD_SETLK:
	case LINUX_F_OFD_SETLKW:
		r = fcntl_lock(f, cmd, arg);
		break;
	case LINUX_F_GETPIPE_SZ:
	case LINUX_F_SETPIPE_SZ:
		r = file_is_pipe(f) ? pipe_fcntl(f, cmd, arg) : -EBADF;
		break;
	case LINUX_F_SETOWN:
	case LINUX_F_GETOWN:
	case LINUX_F_SETOWN_EX:
	case LINUX_F_GETOWN_EX:
	case LINUX_F_SETSIG:
	case LINUX_F_GETSIG:
		r = fcntl_owner(f, cmd, arg);
		break;
	case LINUX_F_ADD_SEALS:
	case LINUX_F_GET_SEALS:
		r = memfd_fcntl(f, cmd, arg);
		break;
	default:
		/* XXX: leases, F_NOTIFY */
		r = -EINVAL;
		break;
	}
	fput(f);
	return r;
}

long sys_ioctl(unsigned fd, unsigned cmd, unsigned long arg)
{
	struct file *f = fget((int)fd);
	long r;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case LINUX_FIOCLEX:
		r = fd_set_cloexec((int)fd, true);
		break;
	case LINUX_FIONCLEX:
		r = fd_set_cloexec((int)fd, false);
		break;
	case LINUX_FIOASYNC: {
		int on;

		/* Here rather than in vfs_ioctl: the signal names the fd. */
		r = -EFAULT;
		if (get_user(on, (int __user *)arg))
			break;
		r = 0;
		if (!!on == !!(f->f_flags & LINUX_FASYNC))
			break;
		r = -ENOTTY;   /* as Linux, for a file without ->fasync */
		if (!f->f_op->fasync)
			break;
		r = file_set_async(f, (int)fd, on);
		if (r)
			break;
		spin_lock(&f->f_lock);
		if (on)
			f->f_flags |= LINUX_FASYNC;
		else
			f->f_flags &= ~LINUX_FASYNC;
		spin_unlock(&f->f_lock);
		break;
	}
	default:
		r = vfs_ioctl(f, cmd, arg);
		break;
	}
	fput(f);
	return r;
}

/* ---- pipes ---- */

static long do_pipe2(int __user *ufds, int flags)
{
	struct file *files[2];
	int fds[2];
	long r;

	if (flags & ~(LINUX_O_CLOEXEC | LINUX_O_NONBLOCK | LINUX_O_DIRECT))
		return -EINVAL;
	r = create_pipe_files(files, flags);
	if (r)
		return r;
	fds[0] = fd_alloc(0, flags & LINUX_O_CLOEXEC);
	if (fds[0] < 0) {
		r = fds[0];
		goto out_files;
	}
	fds[1] = fd_alloc(0, flags & LINUX_O_CLOEXEC);
	if (fds[1] < 0) {
		r = fds[1];
		fd_free_reserved(fds[0]);
		goto out_files;
	}
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		fd_free_reserved(fds[0]);
		fd_free_reserved(fds[1]);
		r = -EFAULT;
		goto out_files;
	}
	fd_install(fds[0], files[0]);
	fd_install(fds[1], files[1]);
	return 0;
out_files:
	fput(files[0]);
	fput(files[1]);
	return r;
}

long sys_pipe(int __user *fds)
{
	return do_pipe2(fds, 0);
}

long sys_pipe2(int __user *fds, int flags)
{
	return do_pipe2(fds, flags);
}

/* ---- copying between files ---- */

#define COPY_CHUNK (64 * 1024)

/* Copy up to count bytes from in (at *ipos, or its f_pos if NULL) to out
 * (at *opos, or its f_pos). Returns bytes copied or -errno. */
static long copy_between(struct file *in, u64 *ipos, struct file *out, u64 *opos, size_t count)
{
	char *buf = kmalloc(COPY_CHUNK, GFP_KERNEL);
	long done = 0;

	if (!buf)
		return -ENOMEM;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	while ((size_t)done < count) {
		size_t want = MIN(count - done, (size_t)COPY_CHUNK);
		struct iov_iter it;
		ssize_t got, put = 0;

		iov_iter_kvec(&it, buf, want);
		got = ipos ? vfs_read(in, &it, ipos) : vfs_read_fpos(in, &it);
		if (got <= 0) {
			if (!done)
				done = got;
			break;
		}
		while (put < got) {
			ssize_t w;

			iov_iter_kvec(&it, buf + put, got - put);
			w = opos ? vfs_write(out, &it, opos) : vfs_write_fpos(out, &it);
			if (w <= 0) {
				/* XXX: the bytes read but not written are lost from
				 * a stream input, as on Linux's splice failures */
				kfree(buf);
				return done + put ? done + put : w;
			}
			put += w;
		}
		done += got;
		if ((size_t)got < want)
			break;
		if (signal_pending(current))
			break;
	}
	kfree(buf);
	return done;
}

long sys_sendfile(int out_fd, int in_fd, loff_t __user *offset, size_t count)
{
	struct file *in, *out;
	loff_t pos = 0;
	u64 p;
	long r;

	in = fget(in_fd);
	if (!in)
		return -EBADF;
	out = fget(out_fd);
	if (!out) {
		fput(in);
		return -EBADF;
	}
	r = -EBADF;
	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE))
		goto out;
	r = -EINVAL;
	if (out->f_flags & LINUX_O_APPEND)
		goto out;
	/* The input must be a file whose pages can be read (Linux: a pipe
	 * or socket as in_fd is EINVAL). */
	if (S_ISFIFO(in->f_inode->i_mode) || S_ISSOCK(in->f_inode->i_mode))
		goto out;
	if (offset) {
		r = -EFAULT;
		if (copy_from_user(&pos, offset, sizeof(pos)))
			goto out;
		r = -EINVAL;
		if (pos < 0)
			goto out;
		r = -ESPIPE;
		if (!(in->f_mode & FMODE_PREAD))
			goto out;
		p = pos;
		r = copy_between(in, &p, out, NULL, count);
		if (r >= 0 || p != (u64)pos) {
			pos = p;
			if (copy_to_user(offset, &pos, sizeof(pos)))
				r = -EFAULT;
		}
	} else {
		r = copy_between(in, NULL, out, NULL, count);
	}
out:
	fput(out);
	fput(in);
	return r;
}

/* ---- splice, tee, vmsplice (kernel/fs/splice.c) ---- */

long sys_splice(int fd_in, loff_t __user *off_in, int fd_out, loff_t __user *off_out,
		size_t len, unsigned flags)
{
	struct file *in, *out;
	loff_t ipos = 0, opos = 0;
	u64 ip, op;
	long r;

	if (!len)
		return 0;
	if (flags & ~LINUX_SPLICE_F_ALL)
		return -EINVAL;
	in = fget(fd_in);
	if (!in)
		return -EBADF;
	out = fget(fd_out);
	if (!out) {
		fput(in);
		return -EBADF;
	}
	r = -ESPIPE;
	if ((off_in && file_is_pipe(in)) || (off_out && file_is_pipe(out)))
		goto out;
	r = -EFAULT;
	if ((off_in && copy_from_user(&ipos, off_in, sizeof(ipos))) ||
	    (off_out && copy_from_user(&opos, off_out, sizeof(opos))))
		goto out;
	ip = ipos;
	op = opos;
	r = vfs_splice(in, off_in ? &ip : NULL, out, off_out ? &op : NULL, len, flags);
	if (r > 0) {
		ipos = ip;
		opos = op;
		if ((off_in && copy_to_user(off_in, &ipos, sizeof(ipos))) ||
		    (off_out && copy_to_user(off_out, &opos, sizeof(opos))))
			r = -EFAULT;
	}
out:
	fput(out);
	fput(in);
	return r;
}

long sys_tee(int fd_in, int fd_out, size_t len, unsigned flags)
{
	struct file *in, *out;
	long r;

	if (flags & ~LINUX_SPLICE_F_ALL)
		return -EINVAL;
	if (!len)
		return 0;
	in = fget(fd_in);
	if (!in)
		return -EBADF;
	out = fget(fd_out);
	if (!out) {
		fput(in);
		return -EBADF;
	}
	r = vfs_tee(in, out, len, flags);
	fput(out);
	fput(in);
	return r;
}

long sys_vmsplice(int fd, const struct uvec __user *uiov, unsigned long nr_segs, unsigned flags)
{
	struct uvec fast[UIO_FASTIOV], *iov;
	struct iov_iter it;
	struct file *f;
	long r;

	if (flags & ~LINUX_SPLICE_F_ALL)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	r = import_uvec(uiov, nr_segs, fast, &iov, &it);
	if (!r) {
		r = vfs_vmsplice(f, &it, flags);
		if (iov != fast)
			kfree(iov);
	}
	fput(f);
	return r;
}

long sys_copy_file_range(int fd_in, loff_t __user *off_in, int fd_out, loff_t __user *off_out,
			 size_t len, unsigned flags)
{
	struct file *in, *out;
	loff_t ipos = 0, opos = 0;
	u64 ip, op;
	long r;

	if (flags)
		return -EINVAL;
	in = fget(fd_in);
	if (!in)
		return -EBADF;
	out = fget(fd_out);
	if (!out) {
		fput(in);
		return -EBADF;
	}
	r = -EBADF;
	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE) ||
	    (out->f_flags & LINUX_O_APPEND))
		goto out;
	r = -EISDIR;
	if (S_ISDIR(in->f_inode->i_mode) || S_ISDIR(out->f_inode->i_mode))
		goto out;
	r = -EINVAL;
	if (!S_ISREG(in->f_inode->i_mode) || !S_ISREG(out->f_inode->i_mode))
		goto out;
	r = -EFAULT;
	if (off_in && copy_from_user(&ipos, off_in, sizeof(ipos)))
		goto out;
	if (off_out && copy_from_user(&opos, off_out, sizeof(opos)))
		goto out;
	if (!off_in)
		ipos = in->f_pos;
	if (!off_out)
		opos = out->f_pos;
	r = -EINVAL;
	if (ipos < 0 || opos < 0)
		goto out;
	/* Overlapping ranges of one file are EINVAL. */
	if (in->f_inode == out->f_inode && (u64)ipos < (u64)opos + len &&
	    (u64)opos < (u64)ipos + len)
		goto out;
	ip = ipos;
	op = opos;
	r = copy_between(in, &ip, out, &op, len);
	if (r > 0) {
		if (off_in) {
			ipos = ip;
			if (copy_to_user(off_in, &ipos, sizeof(ipos)))
				r = -EFAULT;
		} else {
			in->f_pos = ip;
		}
		if (off_out) {
			opos = op;
			if (copy_to_user(off_out, &opos, sizeof(opos)))
				r = -EFAULT;
		} else {
			out->f_pos = op;
		}
	}
out:
	fput(out);
	fput(in);
	return r;
}

/* ---- sync, allocate, truncate ---- */

long sys_fsync(unsigned fd)
{
	struct file *f = fget((int)fd);
	long r;

	if (!f)
		return -EBADF;
	r = vfs_fsync(f, false);
	fput(f);
	return r;
}

long sys_fdatasync(unsigned fd)
{
	struct file *f = fget((int)fd);
	long r;

	if (!f)
		return -EBADF;
	r = vfs_fsync(f, true);
	fput(f);
	return r;
}

long sys_sync(void)
{
	vfs_sync_all(false);   /* start everything, then wait: as Linux's ksys_sync */
	vfs_sync_all(true);
	return 0;
}

long sys_syncfs(int fd)
{
	struct file *f = fget(fd);
	struct super_block *sb;
	int r = 0;

	if (!f)
		return -EBADF;
	sb = f->f_path.dentry->d_sb;
	if (sb->s_op && sb->s_op->sync_fs && !(sb->s_flags & SB_RDONLY))
		r = sb->s_op->sync_fs(sb, true);
	fput(f);
	return r;
}

long sys_fallocate(int fd, int mode, loff_t offset, loff_t len)
{
	struct file *f = fget(fd);
	long r;

	if (!f)
		return -EBADF;
	r = vfs_fallocate(f, mode, offset, len);
	fput(f);
	return r;
}

long sys_ftruncate(unsigned fd, loff_t length)
{
	struct file *f;
	long r;

	if (length < 0)
		return -EINVAL;
	f = fget((int)fd);
	if (!f)
		return -EBADF;
	r = vfs_ftruncate(f, length);
	fput(f);
	return r;
}

/* ---- advice and whole-file locks ---- */

long sys_flock(unsigned fd, unsigned cmd)
{
	struct file *f = fget((int)fd);
	long r;

	if (!f)
		return -EBADF;
	r = vfs_flock(f, cmd);
	fput(f);
	return r;
}

#define LINUX_POSIX_FADV_NOREUSE 5

long sys_fadvise64(int fd, loff_t offset, loff_t len, int advice)
{
	struct file *f = fget(fd);
	long r = 0;

	if (!f)
		return -EBADF;
	if (file_is_pipe(f) || S_ISFIFO(f->f_inode->i_mode))
		r = -ESPIPE;
	else if (advice < 0 || advice > LINUX_POSIX_FADV_NOREUSE || len < 0)
		r = -EINVAL;
	/* Advice only: the page cache is all in memory, nothing to read ahead
	 * or drop (Linux does the same for tmpfs). */
	fput(f);
	return r;
}

long sys_readahead(int fd, loff_t offset, size_t count)
{
	struct file *f = fget(fd);
	long r = 0;

	if (!f)
		return -EBADF;
	if (!(f->f_mode & FMODE_READ))
		r = -EBADF;
	else if (!S_ISREG(f->f_inode->i_mode))
		r = -EINVAL;
	fput(f);
	return r;
}

#define LINUX_SYNC_FILE_RANGE_ALL 7

long sys_sync_file_range(int fd, loff_t offset, loff_t nbytes, unsigned flags)
{
	struct file *f;
	long r = 0;

	if (flags & ~LINUX_SYNC_FILE_RANGE_ALL)
		return -EINVAL;
	if (offset < 0 || nbytes < 0 || offset + nbytes < offset)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	if (!S_ISREG(f->f_inode->i_mode) && !S_ISDIR(f->f_inode->i_mode) &&
	    !S_ISLNK(f->f_inode->i_mode) && !S_ISBLK(f->f_inode->i_mode))
		r = -ESPIPE;
	fput(f);
	return r;   /* nothing is ever dirty on disk */
}
