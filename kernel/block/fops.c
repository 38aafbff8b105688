/*
 * Block device nodes (/dev/vda, /dev/loop0): open takes the device, read
 * and write go through the buffer cache at the device's block size, so
 * what `dd` sees is coherent with the metadata a mounted file system keeps
 * there; ioctls answer the BLK* queries tools make, then the driver's.
 * Linux reports st_size 0 for device nodes; lseek(SEEK_END) and BLKGETSIZE64
 * give the size.
 */
#include <kernel/uaccess.h>
#include <linuxabi/uapi/fcntl.h>

#include "internal.h"

#define BLKROSET     0x125d
#define BLKROGET     0x125e
#define BLKGETSIZE   0x1260
#define BLKFLSBUF    0x1261
#define BLKSSZGET    0x1268
#define BLKBSZGET    0x80081270
#define BLKBSZSET    0x40081271
#define BLKGETSIZE64 0x80081272
#define BLKDISCARD   0x1277
#define BLKIOMIN     0x1278
#define BLKIOOPT     0x1279
#define BLKALIGNOFF  0x127a
#define BLKPBSZGET   0x127b

static int blk_open(struct inode *inode, struct file *f)
{
	struct block_device *bdev = blkdev_get_by_dev(inode->i_rdev, f->f_mode & FMODE_WRITE, NULL);

	if (IS_ERR(bdev))
		return PTR_ERR(bdev);
	f->private_data = bdev;
	return 0;
}

static int blk_release(struct inode *inode, struct file *f)
{
	blkdev_put(f->private_data, NULL);
	return 0;
}

static s64 blk_llseek(struct file *f, s64 off, int whence)
{
	struct block_device *bdev = f->private_data;
	s64 base;

	switch (whence) {
	case LINUX_SEEK_SET: base = 0; break;
	case LINUX_SEEK_CUR: base = f->f_pos; break;
	case LINUX_SEEK_END: base = bdev_nr_bytes(bdev); break;
	default: return -EINVAL;
	}
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -EINVAL;
	f->f_pos = base + off;
	return f->f_pos;
}

static ssize_t blk_read_iter(struct file *f, struct iov_iter *to, u64 *pos)
{
	struct block_device *bdev = f->private_data;
	u64 size = bdev_nr_bytes(bdev);
	u32 bs = READ_ONCE(bdev->bd_block_size);
	size_t done = 0;

	if (*pos >= size)
		return 0;
	if (iov_iter_count(to) > size - *pos)
		iov_iter_truncate(to, size - *pos);
	if (iov_iter_count(to) > 2 * bs) {
		u64 first = *pos / bs, last = (*pos + iov_iter_count(to) - 1) / bs;

		breadahead(bdev, first, last - first + 1 < 256 ? last - first + 1 : 256);
	}
	while (iov_iter_count(to)) {
		u64 blk = *pos / bs;
		u32 off = *pos % bs;
		size_t n = bs - off, got;
		struct buffer_head *bh = bread(bdev, blk);

		if (IS_ERR(bh))
			return done ? (ssize_t)done : PTR_ERR(bh);
		if (n > iov_iter_count(to))
			n = iov_iter_count(to);
		got = copy_to_iter(bh->b_data + off, n, to);
		brelse(bh);
		done += got;
		*pos += got;
		if (got < n)
			return done ? (ssize_t)done : -EFAULT;
		if (signal_pending(current) && iov_iter_count(to))
			break;
	}
	return done;
}

static ssize_t blk_write_iter(struct file *f, struct iov_iter *from, u64 *pos)
{
	struct block_device *bdev = f->private_data;
	u64 size = bdev_nr_bytes(bdev);
	u32 bs = READ_ONCE(bdev->bd_block_size);
	size_t done = 0;

	if (bdev->bd_read_only)
		return -EPERM;
	if (*pos >= size)
		return iov_iter_count(from) ? -ENOSPC : 0;
	if (iov_iter_count(from) > size - *pos)
		iov_iter_truncate(from, size - *pos);
	while (iov_iter_count(from)) {
		u64 blk = *pos / bs;
		u32 off = *pos % bs;
		size_t n = bs - off, got;
		struct buffer_head *bh;

		if (n > iov_iter_count(from))
			n = iov_iter_count(from);
		bh = (off == 0 && n == bs) ? getblk(bdev, blk) : bread(bdev, blk);
		if (IS_ERR(bh))
			return done ? (ssize_t)done : PTR_ERR(bh);
		lock_buffer(bh);
		got = copy_from_iter(bh->b_data + off, n, from);
		if (got == n || buffer_uptodate(bh)) {
			if (got == n)
				set_buffer_uptodate(bh);
			unlock_buffer(bh);
			if (got)
				mark_buffer_dirty(bh);
		} else {
			unlock_buffer(bh);   /* a partial fill of a block never read: drop it */
		}
		brelse(bh);
		done += got;
		*pos += got;
		if (got < n)
			return done ? (ssize_t)done : -EFAULT;
	}
	if (f->f_flags & (LINUX_O_SYNC | LINUX_O_DSYNC)) {
		int err = sync_blockdev(bdev);

		if (err)
			return err;
	}
	return done;
}

static int blk_fsync(struct file *f, bool datasync)
{
	return sync_blockdev(f->private_data);
}

static long put_u64(unsigned long arg, u64 v)
{
	return copy_to_user((void __user *)arg, &v, sizeof(v)) ? -EFAULT : 0;
}

static long put_int(unsigned long arg, int v)
{
	return copy_to_user((void __user *)arg, &v, sizeof(v)) ? -EFAULT : 0;
}

static long blk_ioctl(struct file *f, unsigned cmd, unsigned long arg)
{
	struct block_device *bdev = f->private_data;

	switch (cmd) {
	case BLKGETSIZE64:
		return put_u64(arg, bdev_nr_bytes(bdev));
	case BLKGETSIZE: {
		unsigned long v = bdev->bd_nr_sectors;

		return copy_to_user((void __user *)arg, &v, sizeof(v)) ? -EFAULT : 0;
	}
	case BLKSSZGET:
	case BLKPBSZGET:
	case BLKIOMIN:
		return put_int(arg, bdev->bd_logical_block_size);
	case BLKIOOPT:
	case BLKALIGNOFF:
		return put_int(arg, 0);
	case BLKBSZGET:
		return put_int(arg, bdev->bd_block_size);
	case BLKROGET:
		return put_int(arg, bdev->bd_read_only);
	case BLKFLSBUF:
		if (!capable_root())
			return -EACCES;
		sync_blockdev(bdev);
		invalidate_bdev(bdev);
		return 0;
	case BLKDISCARD: {
		u64 range[2];

		if (!(f->f_mode & FMODE_WRITE))
			return -EBADF;
		if (copy_from_user(range, (void __user *)arg, sizeof(range)))
			return -EFAULT;
		if ((range[0] | range[1]) & (bdev->bd_logical_block_size - 1))
			return -EINVAL;
		if (range[0] > bdev_nr_bytes(bdev) || range[1] > bdev_nr_bytes(bdev) - range[0])
			return -EINVAL;
		return blkdev_issue_discard(bdev, range[0] >> SECTOR_SHIFT, range[1] >> SECTOR_SHIFT);
	}
	}
	if (bdev->bd_ops->ioctl)
		return bdev->bd_ops->ioctl(bdev, cmd, arg);
	return -ENOTTY;
}

static int blk_open_dispatch(struct inode *inode, struct file *f);

const struct file_operations def_blk_fops = {
	.open = blk_open_dispatch,
};

static const struct file_operations blk_fops = {
	.open = blk_open,
	.release = blk_release,
	.llseek = blk_llseek,
	.read_iter = blk_read_iter,
	.write_iter = blk_write_iter,
	.fsync = blk_fsync,
	.ioctl = blk_ioctl,
};

/* The node's default fops only switch to the real ones (as chrdev_open). */
static int blk_open_dispatch(struct inode *inode, struct file *f)
{
	f->f_op = &blk_fops;
	return blk_open(inode, f);
}
