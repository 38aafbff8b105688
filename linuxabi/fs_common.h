/*
 * Helpers shared by the file syscall handlers (linuxabi/fs*.c): copying
 * path names in from user space with Linux's limits, and the prototypes of
 * every handler (so each is checked against its definition).
 */
#ifndef LINUXABI_FS_COMMON_H
#define LINUXABI_FS_COMMON_H

#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/proc.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/uaccess.h>
#include <linuxabi/uapi/dirent.h>
#include <linuxabi/uapi/fcntl.h>
#include <linuxabi/uapi/stat.h>
#include <linuxabi/uapi/statfs.h>
#include <string.h>

#include "kernel/fs/internal.h"

/*
 * Copy a user path into a new kernel buffer (kfree it). Linux's errors:
 * EFAULT for a bad pointer, ENAMETOOLONG at PATH_MAX, ENOENT for "" unless
 * empty_ok (AT_EMPTY_PATH). A NULL pointer with empty_ok reads as "".
 */
static inline char *getname_flags(const char __user *u, bool empty_ok, long *err)
{
	char *k;
	long n;

	if (!u && empty_ok) {
		k = kzalloc(1, GFP_KERNEL);
		*err = k ? 0 : -ENOMEM;
		return k;
	}
	k = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!k) {
		*err = -ENOMEM;
		return NULL;
	}
	n = strncpy_from_user(k, u, PATH_MAX);
	if (n < 0) {
		kfree(k);
		*err = -EFAULT;
		return NULL;
	}
	if (n >= PATH_MAX) {
		kfree(k);
		*err = -ENAMETOOLONG;
		return NULL;
	}
	if (n == 0 && !empty_ok) {
		kfree(k);
		*err = -ENOENT;
		return NULL;
	}
	*err = 0;
	return k;
}

static inline char *getname(const char __user *u, long *err)
{
	return getname_flags(u, false, err);
}

/* Kernel ids for the ABI's device numbers */
static inline dev_t linux_to_kdev(u64 d)
{
	return MKDEV(linux_decode_major(d), linux_decode_minor(d));
}

static inline u64 kdev_to_linux(dev_t d)
{
	return linux_encode_dev(MAJOR(d), MINOR(d));
}

typedef s64 loff_t;

/* linuxabi/fs.c */
long sys_read(int fd, char __user *buf, size_t count);
long sys_write(int fd, const char __user *buf, size_t count);
long sys_open(const char __user *path, int flags, umode_t mode);
long sys_openat(int dfd, const char __user *path, int flags, umode_t mode);
long sys_openat2(int dfd, const char __user *path, struct linux_open_how __user *how, size_t size);
long sys_creat(const char __user *path, umode_t mode);
long sys_close(unsigned fd);
long sys_close_range(unsigned fd, unsigned max_fd, unsigned flags);
long sys_lseek(int fd, s64 offset, unsigned whence);
long sys_pread64(int fd, char __user *buf, size_t count, loff_t pos);
long sys_pwrite64(int fd, const char __user *buf, size_t count, loff_t pos);
long sys_readv(int fd, const struct uvec __user *vec, unsigned long vlen);
long sys_writev(int fd, const struct uvec __user *vec, unsigned long vlen);
long sys_preadv(int fd, const struct uvec __user *vec, unsigned long vlen, unsigned long pos_l,
		unsigned long pos_h);
long sys_pwritev(int fd, const struct uvec __user *vec, unsigned long vlen, unsigned long pos_l,
		 unsigned long pos_h);
long sys_preadv2(int fd, const struct uvec __user *vec, unsigned long vlen, unsigned long pos_l,
		 unsigned long pos_h, int flags);
long sys_pwritev2(int fd, const struct uvec __user *vec, unsigned long vlen, unsigned long pos_l,
		  unsigned long pos_h, int flags);
long sys_dup(unsigned fildes);
long sys_dup2(unsigned oldfd, unsigned newfd);
long sys_dup3(unsigned oldfd, unsigned newfd, int flags);
long sys_fcntl(unsigned fd, unsigned cmd, unsigned long arg);
long sys_ioctl(unsigned fd, unsigned cmd, unsigned long arg);
long sys_pipe(int __user *fds);
long sys_pipe2(int __user *fds, int flags);
long sys_sendfile(int out_fd, int in_fd, loff_t __user *offset, size_t count);
long sys_copy_file_range(int fd_in, loff_t __user *off_in, int fd_out, loff_t __user *off_out,
			 size_t len, unsigned flags);
long sys_splice(int fd_in, loff_t __user *off_in, int fd_out, loff_t __user *off_out,
		size_t len, unsigned flags);
long sys_tee(int fd_in, int fd_out, size_t len, unsigned flags);
long sys_vmsplice(int fd, const struct uvec __user *iov, unsigned long nr_segs, unsigned flags);
long sys_fsync(unsigned fd);
long sys_fdatasync(unsigned fd);
long sys_sync(void);
long sys_syncfs(int fd);
long sys_fallocate(int fd, int mode, loff_t offset, loff_t len);
long sys_ftruncate(unsigned fd, loff_t length);
long sys_flock(unsigned fd, unsigned cmd);
long sys_fadvise64(int fd, loff_t offset, loff_t len, int advice);
long sys_readahead(int fd, loff_t offset, size_t count);
long sys_sync_file_range(int fd, loff_t offset, loff_t nbytes, unsigned flags);

/* linuxabi/fs_namei.c */
long sys_mkdir(const char __user *path, umode_t mode);
long sys_mkdirat(int dfd, const char __user *path, umode_t mode);
long sys_rmdir(const char __user *path);
long sys_unlink(const char __user *path);
long sys_unlinkat(int dfd, const char __user *path, int flag);
long sys_rename(const char __user *oldname, const char __user *newname);
long sys_renameat(int olddfd, const char __user *oldname, int newdfd, const char __user *newname);
long sys_renameat2(int olddfd, const char __user *oldname, int newdfd, const char __user *newname,
		   unsigned flags);
long sys_link(const char __user *oldname, const char __user *newname);
long sys_linkat(int olddfd, const char __user *oldname, int newdfd, const char __user *newname,
		int flags);
long sys_symlink(const char __user *target, const char __user *linkpath);
long sys_symlinkat(const char __user *target, int newdfd, const char __user *linkpath);
long sys_readlink(const char __user *path, char __user *buf, int bufsiz);
long sys_readlinkat(int dfd, const char __user *path, char __user *buf, int bufsiz);
long sys_chmod(const char __user *path, umode_t mode);
long sys_fchmod(unsigned fd, umode_t mode);
long sys_fchmodat(int dfd, const char __user *path, umode_t mode);
long sys_fchmodat2(int dfd, const char __user *path, umode_t mode, unsigned flags);
long sys_chown(const char __user *path, uid_t user, gid_t group);
long sys_lchown(const char __user *path, uid_t user, gid_t group);
long sys_fchown(unsigned fd, uid_t user, gid_t group);
long sys_fchownat(int dfd, const char __user *path, uid_t user, gid_t group, int flag);
long sys_access(const char __user *path, int mode);
long sys_faccessat(int dfd, const char __user *path, int mode);
long sys_faccessat2(int dfd, const char __user *path, int mode, int flags);
long sys_truncate(const char __user *path, loff_t length);
long sys_utimensat(int dfd, const char __user *path, struct linux_fs_timespec __user *times,
		   int flags);
long sys_utimes(const char __user *path, struct linux_fs_timeval __user *times);
long sys_futimesat(int dfd, const char __user *path, struct linux_fs_timeval __user *times);
long sys_utime(const char __user *path, struct linux_utimbuf __user *times);
long sys_chdir(const char __user *path);
long sys_fchdir(unsigned fd);
long sys_getcwd(char __user *buf, unsigned long size);
long sys_chroot(const char __user *path);
long sys_umask(int mask);
long sys_mknod(const char __user *path, umode_t mode, unsigned dev);
long sys_mknodat(int dfd, const char __user *path, umode_t mode, unsigned dev);
long sys_mount(const char __user *dev_name, const char __user *dir_name,
	       const char __user *type, unsigned long flags, void __user *data);
long sys_umount2(const char __user *name, int flags);

/* linuxabi/fs_stat.c */
long sys_stat(const char __user *path, struct linux_stat __user *st);
long sys_lstat(const char __user *path, struct linux_stat __user *st);
long sys_fstat(unsigned fd, struct linux_stat __user *st);
long sys_newfstatat(int dfd, const char __user *path, struct linux_stat __user *st, int flag);
long sys_statx(int dfd, const char __user *path, unsigned flags, unsigned mask,
	       struct linux_statx __user *buf);
long sys_statfs(const char __user *path, struct linux_statfs __user *buf);
long sys_fstatfs(unsigned fd, struct linux_statfs __user *buf);
long sys_getdents64(unsigned fd, struct linux_dirent64 __user *dirent, unsigned count);
long sys_getdents(unsigned fd, struct linux_dirent __user *dirent, unsigned count);

#endif
