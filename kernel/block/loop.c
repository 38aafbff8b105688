/*
 * Loop devices: /dev/loopN serves the blocks of a file (losetup, mount -o
 * loop), with Linux's ioctl interface (LOOP_SET_FD, LOOP_CONFIGURE,
 * LOOP_CLR_FD, LOOP_{SET,GET}_STATUS64, LOOP_SET_CAPACITY,
 * LOOP_SET_BLOCK_SIZE) and /dev/loop-control (LOOP_CTL_GET_FREE, ADD,
 * REMOVE). Bios are served by one kernel thread with kernel_read and
 * kernel_write on the backing file, since submit_bio may not sleep.
 *
 * loop_lock (mutex) guards the device table and each device's binding
 * (and may be held across I/O to the device: the worker never takes it;
 * it reads the binding under the device's lo_lock spinlock);
 * loop_qlock (spinlock, irqsave: bio_endio callers may be anywhere) guards
 * the queue of bios.
 */
#include <kernel/sched.h>
#include <kernel/uaccess.h>
#include <kernel/waitqueue.h>
#include <stdio.h>

#include "internal.h"

#define LOOP_SET_FD        0x4C00
#define LOOP_CLR_FD        0x4C01
#define LOOP_SET_STATUS    0x4C02
#define LOOP_GET_STATUS    0x4C03
#define LOOP_SET_STATUS64  0x4C04
#define LOOP_GET_STATUS64  0x4C05
#define LOOP_CHANGE_FD     0x4C06
#define LOOP_SET_CAPACITY  0x4C07
#define LOOP_SET_DIRECT_IO 0x4C08
#define LOOP_SET_BLOCK_SIZE 0x4C09
#define LOOP_CONFIGURE     0x4C0A
#define LOOP_CTL_ADD       0x4C80
#define LOOP_CTL_REMOVE    0x4C81
#define LOOP_CTL_GET_FREE  0x4C82

#define LO_FLAGS_READ_ONLY 1
#define LO_FLAGS_AUTOCLEAR 4
#define LO_FLAGS_PARTSCAN  8
#define LO_FLAGS_DIRECT_IO 16
#define LO_NAME_SIZE 64
#define LOOP_MAX 256
#define LOOP_INITIAL 8

struct linux_loop_info64 {
	u64 lo_device, lo_inode, lo_rdevice, lo_offset, lo_sizelimit;
	u32 lo_number, lo_encrypt_type, lo_encrypt_key_size, lo_flags;
	u8 lo_file_name[LO_NAME_SIZE];
	u8 lo_crypt_name[LO_NAME_SIZE];
	u8 lo_encrypt_key[32];
	u64 lo_init[2];
};

struct linux_loop_config {
	u32 fd;
	u32 block_size;
	struct linux_loop_info64 info;
	u64 reserved[8];
};

struct loop_device {
	struct block_device bdev;
	int number;
	spinlock_t lo_lock;            /* backing and offset for the worker (under loop_lock to change) */
	struct file *backing;          /* loop_lock + lo_lock; NULL: unbound */
	u64 offset, sizelimit;         /* loop_lock (+ lo_lock for offset) */
	u32 flags;                     /* LO_FLAGS_*; loop_lock */
	char file_name[LO_NAME_SIZE];
	bool registered;
};

static DEFINE_MUTEX(loop_lock);
static struct loop_device *loops[LOOP_MAX];   /* loop_lock */

static DEFINE_SPINLOCK(loop_qlock);
static LIST_HEAD(loop_queue);                 /* loop_qlock */
static DECLARE_WAIT_QUEUE_HEAD(loop_wq);
static struct task *loop_thread;

static void loop_submit_bio(struct block_device *bdev, struct bio *bio)
{
	unsigned long flags;

	spin_lock_irqsave(&loop_qlock, flags);
	list_add_tail(&bio->bi_queue, &loop_queue);
	spin_unlock_irqrestore(&loop_qlock, flags);
	wake_up(&loop_wq);
}

/* Serve one bio from the backing file (loop thread only). */
static int loop_do_bio(struct loop_device *lo, struct bio *bio)
{
	unsigned op = bio_op_of(bio->bi_opf);
	struct file *f;
	u64 pos;
	int err = 0;

	spin_lock(&lo->lo_lock);
	f = lo->backing ? file_get(lo->backing) : NULL;
	pos = lo->offset + (bio->bi_sector << SECTOR_SHIFT);
	spin_unlock(&lo->lo_lock);
	if (!f)
		return -EIO;
	if (op == REQ_OP_FLUSH) {
		err = vfs_fsync(f, false);
		goto out;
	}
	for (unsigned i = 0; i < bio->bi_vcnt && !err; i++) {
		struct bio_vec *v = &bio->bi_io_vec[i];
		char *p = (char *)page_address(v->bv_page) + v->bv_offset;
		ssize_t n;

		if (op == REQ_OP_READ) {
			n = kernel_read(f, p, v->bv_len, &pos);
			if (n >= 0 && (u32)n < v->bv_len)   /* past the file's end: zeros */
				memset(p + n, 0, v->bv_len - n);
			if (n < 0)
				err = -EIO;
			pos += n >= 0 && (u32)n < v->bv_len ? v->bv_len - n : 0;
		} else if (op == REQ_OP_WRITE) {
			n = kernel_write(f, p, v->bv_len, &pos);
			if (n != (ssize_t)v->bv_len)
				err = -EIO;
		} else {
			err = -EOPNOTSUPP;
		}
	}
	if (!err && op == REQ_OP_WRITE && (bio->bi_opf & REQ_FUA))
		err = vfs_fsync(f, true);
out:
	fput(f);
	return err ? -EIO : 0;
}

static int loop_thread_fn(void *arg)
{
	for (;;) {
		struct bio *bio = NULL;
		unsigned long flags;

		wait_event_idle(&loop_wq, !list_empty(&loop_queue));
		spin_lock_irqsave(&loop_qlock, flags);
		if (!list_empty(&loop_queue)) {
			bio = list_first_entry(&loop_queue, struct bio, bi_queue);
			list_del_init(&bio->bi_queue);
		}
		spin_unlock_irqrestore(&loop_qlock, flags);
		if (!bio)
			continue;
		bio->bi_status = loop_do_bio(bio->bi_bdev->bd_private, bio);
		bio_endio(bio);
	}
	return 0;
}

/* Size in sectors from the backing file, offset and limit. loop_lock held. */
static u64 loop_size(struct loop_device *lo)
{
	u64 size = lo->backing ? file_size(lo->backing) : 0;

	size = size > lo->offset ? size - lo->offset : 0;
	if (lo->sizelimit && size > lo->sizelimit)
		size = lo->sizelimit;
	return size >> SECTOR_SHIFT;
}

static void loop_detach_locked(struct loop_device *lo)
{
	struct file *f = lo->backing;

	spin_lock(&lo->lo_lock);
	lo->backing = NULL;
	spin_unlock(&lo->lo_lock);
	lo->bdev.bd_nr_sectors = 0;
	lo->offset = lo->sizelimit = 0;
	lo->flags = 0;
	lo->file_name[0] = 0;
	invalidate_bdev(&lo->bdev);
	if (f)
		fput(f);
}

static int loop_set_status(struct loop_device *lo, const struct linux_loop_info64 *info)
{
	if (!lo->backing)
		return -ENXIO;
	if ((info->lo_offset | info->lo_sizelimit) & (SECTOR_SIZE - 1))
		return -EINVAL;
	if (info->lo_encrypt_type)
		return -EINVAL;
	if (lo->offset != info->lo_offset || lo->sizelimit != info->lo_sizelimit) {
		sync_blockdev(&lo->bdev);
		invalidate_bdev(&lo->bdev);
	}
	spin_lock(&lo->lo_lock);
	lo->offset = info->lo_offset;
	spin_unlock(&lo->lo_lock);
	lo->sizelimit = info->lo_sizelimit;
	/* Only AUTOCLEAR and PARTSCAN may be changed, as Linux. */
	lo->flags = (lo->flags & ~(LO_FLAGS_AUTOCLEAR | LO_FLAGS_PARTSCAN)) |
		    (info->lo_flags & (LO_FLAGS_AUTOCLEAR | LO_FLAGS_PARTSCAN));
	memcpy(lo->file_name, info->lo_file_name, LO_NAME_SIZE);
	lo->file_name[LO_NAME_SIZE - 1] = 0;
	lo->bdev.bd_nr_sectors = loop_size(lo);
	return 0;
}

static int loop_bind(struct loop_device *lo, int fd, u32 block_size,
		     const struct linux_loop_info64 *info)
{
	struct file *f = fget(fd);
	struct inode *inode;
	int err;

	if (!f)
		return -EBADF;
	inode = f->f_inode;
	if (!S_ISREG(inode->i_mode) && !S_ISBLK(inode->i_mode)) {
		fput(f);
		return -EINVAL;
	}
	if (block_size && (block_size < SECTOR_SIZE || block_size > PAGE_SIZE ||
			   (block_size & (block_size - 1)))) {
		fput(f);
		return -EINVAL;
	}
	mutex_lock(&loop_lock);
	if (lo->backing) {
		mutex_unlock(&loop_lock);
		fput(f);
		return -EBUSY;
	}
	spin_lock(&lo->lo_lock);
	lo->backing = f;
	lo->offset = 0;
	spin_unlock(&lo->lo_lock);
	lo->flags = (f->f_mode & FMODE_WRITE) ? 0 : LO_FLAGS_READ_ONLY;
	lo->bdev.bd_read_only = !(f->f_mode & FMODE_WRITE);
	lo->bdev.bd_logical_block_size = block_size ? block_size : SECTOR_SIZE;
	lo->bdev.bd_block_size = lo->bdev.bd_logical_block_size > 1024 ? lo->bdev.bd_logical_block_size : 1024;
	lo->offset = lo->sizelimit = 0;
	snprintf(lo->file_name, sizeof(lo->file_name), "%s", f->f_path.dentry->d_name.name);
	lo->bdev.bd_nr_sectors = loop_size(lo);
	err = 0;
	if (info) {
		err = loop_set_status(lo, info);
		if (info->lo_flags & LO_FLAGS_READ_ONLY) {
			lo->flags |= LO_FLAGS_READ_ONLY;
			lo->bdev.bd_read_only = true;
		}
		if (err)
			loop_detach_locked(lo);
	}
	mutex_unlock(&loop_lock);
	return err;
}

static long loop_ioctl(struct block_device *bdev, unsigned cmd, unsigned long arg)
{
	struct loop_device *lo = bdev->bd_private;
	struct linux_loop_info64 info;
	long err = 0;

	switch (cmd) {
	case LOOP_SET_FD:
		return loop_bind(lo, (int)arg, 0, NULL);
	case LOOP_CONFIGURE: {
		struct linux_loop_config cfg;

		if (copy_from_user(&cfg, (void __user *)arg, sizeof(cfg)))
			return -EFAULT;
		return loop_bind(lo, cfg.fd, cfg.block_size, &cfg.info);
	}
	case LOOP_CLR_FD:
		mutex_lock(&loop_lock);
		if (!lo->backing)
			err = -ENXIO;
		else if (bdev->bd_openers > 1 || bdev->bd_holder)
			lo->flags |= LO_FLAGS_AUTOCLEAR;   /* detach at the last close, as Linux */
		else {
			sync_blockdev(bdev);
			loop_detach_locked(lo);
		}
		mutex_unlock(&loop_lock);
		return err;
	case LOOP_SET_STATUS64:
		if (copy_from_user(&info, (void __user *)arg, sizeof(info)))
			return -EFAULT;
		mutex_lock(&loop_lock);
		err = loop_set_status(lo, &info);
		mutex_unlock(&loop_lock);
		return err;
	case LOOP_GET_STATUS64:
		memset(&info, 0, sizeof(info));
		mutex_lock(&loop_lock);
		if (!lo->backing) {
			mutex_unlock(&loop_lock);
			return -ENXIO;
		}
		info.lo_number = lo->number;
		info.lo_offset = lo->offset;
		info.lo_sizelimit = lo->sizelimit;
		info.lo_flags = lo->flags;
		info.lo_device = lo->backing->f_inode->i_sb->s_dev;
		info.lo_inode = lo->backing->f_inode->i_ino;
		memcpy(info.lo_file_name, lo->file_name, LO_NAME_SIZE);
		mutex_unlock(&loop_lock);
		return copy_to_user((void __user *)arg, &info, sizeof(info)) ? -EFAULT : 0;
	case LOOP_SET_CAPACITY:
		mutex_lock(&loop_lock);
		if (!lo->backing)
			err = -ENXIO;
		else
			lo->bdev.bd_nr_sectors = loop_size(lo);
		mutex_unlock(&loop_lock);
		return err;
	case LOOP_SET_BLOCK_SIZE:
		if (arg < SECTOR_SIZE || arg > PAGE_SIZE || (arg & (arg - 1)))
			return -EINVAL;
		mutex_lock(&loop_lock);
		if (!lo->backing) {
			err = -ENXIO;
		} else {
			sync_blockdev(bdev);
			invalidate_bdev(bdev);
			lo->bdev.bd_logical_block_size = arg;
			if (lo->bdev.bd_block_size < arg)
				lo->bdev.bd_block_size = arg;
		}
		mutex_unlock(&loop_lock);
		return err;
	case LOOP_SET_DIRECT_IO:
		/* XXX: no direct I/O to the backing file: refused as Linux does
		 * when the backing file system cannot. */
		return arg ? -EINVAL : 0;
	case LOOP_SET_STATUS:
	case LOOP_GET_STATUS:
	case LOOP_CHANGE_FD:
		return -EINVAL;   /* XXX: the old 32-bit loop_info and CHANGE_FD */
	}
	return -ENOTTY;
}

static void loop_release(struct block_device *bdev)
{
	struct loop_device *lo = bdev->bd_private;

	mutex_lock(&loop_lock);
	if (lo->backing && (lo->flags & LO_FLAGS_AUTOCLEAR))
		loop_detach_locked(lo);
	mutex_unlock(&loop_lock);
}

static const struct block_device_operations loop_ops = {
	.submit_bio = loop_submit_bio,
	.ioctl = loop_ioctl,
	.release = loop_release,
};

/* Make loop device n. loop_lock held. */
static int loop_add_locked(int n)
{
	struct loop_device *lo;
	int err;

	if (n < 0 || n >= LOOP_MAX)
		return -EINVAL;
	if (loops[n])
		return -EEXIST;
	lo = kzalloc(sizeof(*lo), GFP_KERNEL);
	if (!lo)
		return -ENOMEM;
	lo->number = n;
	spin_lock_init(&lo->lo_lock, "loop.lo_lock");
	snprintf(lo->bdev.bd_name, sizeof(lo->bdev.bd_name), "loop%d", n);
	lo->bdev.bd_dev = MKDEV(BLK_MAJOR_LOOP, n);
	lo->bdev.bd_logical_block_size = SECTOR_SIZE;
	lo->bdev.bd_flush = true;
	lo->bdev.bd_ops = &loop_ops;
	lo->bdev.bd_private = lo;
	err = blkdev_register(&lo->bdev);
	if (err) {
		kfree(lo);
		return err;
	}
	lo->bdev.bd_block_size = 1024;
	loops[n] = lo;
	return n;
}

static long loop_ctl_ioctl(struct file *f, unsigned cmd, unsigned long arg)
{
	long ret = -ENOTTY;

	if (cmd != LOOP_CTL_GET_FREE && cmd != LOOP_CTL_ADD && cmd != LOOP_CTL_REMOVE)
		return -ENOTTY;
	if (!capable_root())
		return -EPERM;
	mutex_lock(&loop_lock);
	switch (cmd) {
	case LOOP_CTL_GET_FREE:
		ret = -ENOSPC;
		for (int i = 0; i < LOOP_MAX; i++) {
			if (loops[i] && !loops[i]->backing && !loops[i]->bdev.bd_openers) {
				ret = i;
				break;
			}
			if (!loops[i]) {
				ret = loop_add_locked(i);
				break;
			}
		}
		break;
	case LOOP_CTL_ADD:
		ret = loop_add_locked((int)arg);
		break;
	case LOOP_CTL_REMOVE:
		if (arg >= LOOP_MAX || !loops[arg]) {
			ret = -ENODEV;
		} else if (loops[arg]->backing || loops[arg]->bdev.bd_openers) {
			ret = -EBUSY;
		} else {
			ret = blkdev_unregister(&loops[arg]->bdev);
			if (!ret) {
				kfree(loops[arg]);
				loops[arg] = NULL;
				ret = 0;
			}
		}
		break;
	}
	mutex_unlock(&loop_lock);
	return ret;
}

static int loop_ctl_open(struct inode *inode, struct file *f)
{
	return 0;
}

static const struct file_operations loop_ctl_fops = {
	.open = loop_ctl_open,
	.ioctl = loop_ctl_ioctl,
};

void loop_init(void)
{
	loop_thread = kthread_run(loop_thread_fn, NULL, "kloopd");
	if (!loop_thread) {
		printk(KERN_ERR "loop: no worker thread: loop devices disabled\n");
		return;
	}
	chrdev_register(10, 237, "loop-control", 0600, &loop_ctl_fops);
	mutex_lock(&loop_lock);
	for (int i = 0; i < LOOP_INITIAL; i++)
		loop_add_locked(i);
	mutex_unlock(&loop_lock);
}
