/*
 * Overlay regular files: opening one opens the real file below (copied up
 * first when opened for writing), and reads, writes, seeks, syncs and
 * mappings go to it. A file opened for reading before a copy-up keeps
 * reading the lower copy (as Linux before 4.19).
 */
#include <linuxabi/uapi/fcntl.h>

#include "internal.h"

static int ovl_open(struct inode *inode, struct file *f)
{
	struct file *real;

	if ((f->f_mode & FMODE_WRITE) || (f->f_flags & LINUX_O_TRUNC)) {
		int err = ovl_copy_up(f->f_path.dentry);

		if (err)
			return err;
	}
	real = vfs_open_path(ovl_real(inode), f->f_flags & ~(LINUX_O_CREAT | LINUX_O_EXCL | LINUX_O_TRUNC));
	if (IS_ERR(real))
		return PTR_ERR(real);
	f->private_data = real;
	return 0;
}

static int ovl_release(struct inode *inode, struct file *f)
{
	if (f->private_data)
		fput(f->private_data);
	return 0;
}

static ssize_t ovl_read_iter(struct file *f, struct iov_iter *to, u64 *pos)
{
	struct file *real = f->private_data;

	return vfs_read(real, to, pos);
}

static ssize_t ovl_write_iter(struct file *f, struct iov_iter *from, u64 *pos)
{
	struct file *real = f->private_data;
	ssize_t n;

	if (f->f_flags & LINUX_O_APPEND)
		*pos = file_size(real);
	n = vfs_write(real, from, pos);
	if (n > 0)
		ovl_refresh_attr(f->f_inode);
	return n;
}

static int ovl_fsync(struct file *f, bool datasync)
{
	return vfs_fsync(f->private_data, datasync);
}

static struct page *ovl_get_page(struct file *f, u64 index)
{
	return file_get_page(f->private_data, index);
}

static s64 ovl_llseek(struct file *f, s64 off, int whence)
{
	f->f_inode->i_size = file_size(f->private_data);
	return generic_file_llseek(f, off, whence);
}

const struct file_operations ovl_file_fops = {
	.open = ovl_open,
	.release = ovl_release,
	.read_iter = ovl_read_iter,
	.write_iter = ovl_write_iter,
	.fsync = ovl_fsync,
	.llseek = ovl_llseek,
	.get_page = ovl_get_page,
};
