/*
 * Overlay regular files: opening one opens the real file below, and reads,
 * seeks and mappings go to it. (Read-only for now: the mount has no upper
 * layer to write to.)
 */
#include <linuxabi/uapi/fcntl.h>

#include "internal.h"

static int ovl_open(struct inode *inode, struct file *f)
{
	struct file *real;

	if (f->f_mode & FMODE_WRITE)
		return -EROFS;
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
	.llseek = ovl_llseek,
	.get_page = ovl_get_page,
};
