/*
 * Block devices: registration (a number, a /dev node, a place in the list
 * sysfs and /proc/partitions walk), opening by path or number for file
 * systems, and the bio path from submitters to drivers. See kernel/blkdev.h.
 *
 * bdev_list_lock (mutex) guards the list and minor allocation; each device's
 * bd_mutex guards its openers and holder.
 */
#include <kernel/proc.h>
#include <kernel/sched.h>

#include "internal.h"

static DEFINE_MUTEX(bdev_list_lock);
static LIST_HEAD(bdev_list);              /* bdev_list_lock */
static unsigned next_virtblk_minor;       /* bdev_list_lock; steps of 16 as Linux (partitions) */

int blkdev_register(struct block_device *bdev)
{
	struct block_device *b;
	int err;

	if (!bdev->bd_ops || !bdev->bd_ops->submit_bio || !bdev->bd_name[0])
		return -EINVAL;
	if (!bdev->bd_logical_block_size)
		bdev->bd_logical_block_size = SECTOR_SIZE;
	if (bdev->bd_logical_block_size < SECTOR_SIZE || bdev->bd_logical_block_size > PAGE_SIZE ||
	    (bdev->bd_logical_block_size & (bdev->bd_logical_block_size - 1)))
		return -EINVAL;
	mutex_init(&bdev->bd_mutex, "bdev.bd_mutex");
	INIT_LIST_HEAD(&bdev->bd_dirty);
	bdev->bd_openers = 0;
	bdev->bd_holder = NULL;
	bdev->bd_nr_buffers = 0;
	/* The buffer cache starts with 4 KiB blocks when the device allows them. */
	bdev->bd_block_size = bdev->bd_logical_block_size > 1024 ? bdev->bd_logical_block_size : 1024;
	if (!(bdev->bd_nr_sectors & 7))
		bdev->bd_block_size = PAGE_SIZE;
	mutex_lock(&bdev_list_lock);
	list_for_each_entry(b, &bdev_list, bd_list) {
		if (!strcmp(b->bd_name, bdev->bd_name) || (bdev->bd_dev && b->bd_dev == bdev->bd_dev)) {
			mutex_unlock(&bdev_list_lock);
			return -EEXIST;
		}
	}
	if (!bdev->bd_dev) {
		bdev->bd_dev = MKDEV(BLK_MAJOR_VIRTBLK, next_virtblk_minor);
		next_virtblk_minor += 16;
	}
	list_add_tail(&bdev->bd_list, &bdev_list);
	mutex_unlock(&bdev_list_lock);
	err = devtmpfs_mknode(bdev->bd_name, S_IFBLK | 0660, bdev->bd_dev);
	if (err && err != -EEXIST)
		printk(KERN_WARNING "block: %s: no /dev node (%d)\n", bdev->bd_name, err);
	if (bdev->bd_nr_sectors)   /* empty devices (unbound loops) are not news */
		printk(KERN_INFO "block: %s (%u:%u) %llu sectors of %u bytes%s\n", bdev->bd_name,
	       MAJOR(bdev->bd_dev), MINOR(bdev->bd_dev), (unsigned long long)bdev->bd_nr_sectors,
	       bdev->bd_logical_block_size, bdev->bd_read_only ? ", read-only" : "");
	return 0;
}

int blkdev_unregister(struct block_device *bdev)
{
	mutex_lock(&bdev_list_lock);
	mutex_lock(&bdev->bd_mutex);
	if (bdev->bd_openers) {
		mutex_unlock(&bdev->bd_mutex);
		mutex_unlock(&bdev_list_lock);
		return -EBUSY;
	}
	list_del(&bdev->bd_list);
	mutex_unlock(&bdev->bd_mutex);
	mutex_unlock(&bdev_list_lock);
	devtmpfs_rmnode(bdev->bd_name);
	invalidate_bdev(bdev);
	return 0;
}

int blkdev_for_each(int (*fn)(struct block_device *bdev, void *arg), void *arg)
{
	struct block_device *b;
	int ret = 0;

	/* Devices are not freed while registered, and unregistering takes this
	 * lock: holding it across fn keeps them alive. fn must not register. */
	mutex_lock(&bdev_list_lock);
	list_for_each_entry(b, &bdev_list, bd_list) {
		ret = fn(b, arg);
		if (ret)
			break;
	}
	mutex_unlock(&bdev_list_lock);
	return ret;
}

struct block_device *blkdev_get_by_dev(dev_t dev, unsigned fmode, void *holder)
{
	struct block_device *b, *found = NULL;

	mutex_lock(&bdev_list_lock);
	list_for_each_entry(b, &bdev_list, bd_list) {
		if (b->bd_dev == dev) {
			found = b;
			break;
		}
	}
	if (!found) {
		mutex_unlock(&bdev_list_lock);
		return ERR_PTR(-ENXIO);
	}
	mutex_lock(&found->bd_mutex);
	mutex_unlock(&bdev_list_lock);
	if ((fmode & FMODE_WRITE) && found->bd_read_only) {
		mutex_unlock(&found->bd_mutex);
		return ERR_PTR(-EROFS);
	}
	if (holder) {
		if (found->bd_holder && found->bd_holder != holder) {
			mutex_unlock(&found->bd_mutex);
			return ERR_PTR(-EBUSY);
		}
		found->bd_holder = holder;
	}
	found->bd_openers++;
	mutex_unlock(&found->bd_mutex);
	return found;
}

struct block_device *blkdev_get_by_path(const char *path, unsigned fmode, void *holder)
{
	struct path p;
	struct inode *inode;
	dev_t dev;
	int err;

	if (!path || !*path)
		return ERR_PTR(-ENOENT);
	err = kern_path(path, LOOKUP_FOLLOW, &p);
	if (err)
		return ERR_PTR(err);
	inode = p.dentry->d_inode;
	if (!S_ISBLK(inode->i_mode)) {
		path_put(&p);
		return ERR_PTR(-ENOTBLK);
	}
	if (p.mnt->mnt_flags & MNT_NODEV) {
		path_put(&p);
		return ERR_PTR(-EACCES);
	}
	dev = inode->i_rdev;
	path_put(&p);
	return blkdev_get_by_dev(dev, fmode, holder);
}

void blkdev_put(struct block_device *bdev, void *holder)
{
	bool last;

	if (!bdev)
		return;
	mutex_lock(&bdev->bd_mutex);
	if (holder && bdev->bd_holder == holder)
		bdev->bd_holder = NULL;
	last = --bdev->bd_openers == 0;
	mutex_unlock(&bdev->bd_mutex);
	if (last) {
		sync_blockdev(bdev);
		if (bdev->bd_ops->release)
			bdev->bd_ops->release(bdev);
	}
}

/* ---- bios ---- */

struct bio *bio_alloc(struct block_device *bdev, unsigned nr_vecs, unsigned opf, gfp_t gfp)
{
	struct bio *bio = kzalloc(sizeof(*bio), gfp);

	if (!bio)
		return NULL;
	if (nr_vecs > BIO_INLINE_VECS) {
		bio->bi_io_vec = kmalloc(nr_vecs * sizeof(struct bio_vec), gfp);
		if (!bio->bi_io_vec) {
			kfree(bio);
			return NULL;
		}
		bio->bi_max_vecs = nr_vecs;
	} else {
		bio->bi_io_vec = bio->bi_inline;
		bio->bi_max_vecs = BIO_INLINE_VECS;
	}
	bio->bi_bdev = bdev;
	bio->bi_opf = opf;
	return bio;
}

void bio_put(struct bio *bio)
{
	if (!bio)
		return;
	if (bio->bi_io_vec != bio->bi_inline)
		kfree(bio->bi_io_vec);
	kfree(bio);
}

bool bio_add_page(struct bio *bio, struct page *page, u32 len, u32 off)
{
	struct bio_vec *last;

	if (!len || off + len > PAGE_SIZE)
		return false;
	if (bio->bi_vcnt) {
		last = &bio->bi_io_vec[bio->bi_vcnt - 1];
		if (last->bv_page == page && last->bv_offset + last->bv_len == off) {
			last->bv_len += len;
			bio->bi_size += len;
			return true;
		}
	}
	if (bio->bi_vcnt >= bio->bi_max_vecs)
		return false;
	bio->bi_io_vec[bio->bi_vcnt++] = (struct bio_vec){ page, len, off };
	bio->bi_size += len;
	return true;
}

bool bio_add_kbuf(struct bio *bio, void *buf, u32 len)
{
	unsigned save_vcnt = bio->bi_vcnt;
	u32 save_size = bio->bi_size;
	char *p = buf;

	while (len) {
		u32 off = (unsigned long)p & (PAGE_SIZE - 1);
		u32 n = PAGE_SIZE - off < len ? PAGE_SIZE - off : len;

		if (!bio_add_page(bio, virt_to_page(p), n, off)) {
			bio->bi_vcnt = save_vcnt;
			bio->bi_size = save_size;
			return false;
		}
		p += n;
		len -= n;
	}
	return true;
}

void bio_endio(struct bio *bio)
{
	if (bio->bi_end_io)
		bio->bi_end_io(bio);
}

static int bad_bio_reports;   /* the first few bad bios are logged */

void submit_bio(struct bio *bio)
{
	struct block_device *bdev = bio->bi_bdev;
	unsigned op = bio_op_of(bio->bi_opf);
	u64 lbs_sectors = bdev->bd_logical_block_size >> SECTOR_SHIFT;
	u64 nsect = bio->bi_size >> SECTOR_SHIFT;
	unsigned stat;

	bio->bi_status = 0;
	if (op == REQ_OP_FLUSH) {
		if (!bdev->bd_flush) {
			bio_endio(bio);
			return;
		}
		bdev->bd_ops->submit_bio(bdev, bio);
		return;
	}
	if (op > REQ_OP_DISCARD || (bio->bi_size & (bdev->bd_logical_block_size - 1)) ||
	    (bio->bi_sector & (lbs_sectors - 1)) || bio->bi_sector > bdev->bd_nr_sectors ||
	    nsect > bdev->bd_nr_sectors - bio->bi_sector ||
	    (op != REQ_OP_READ && bdev->bd_read_only) ||
	    (op == REQ_OP_DISCARD && !bdev->bd_discard)) {
		if (op != REQ_OP_DISCARD || bdev->bd_discard)
			if (atomic_inc(&bad_bio_reports) <= 10)
				printk(KERN_WARNING "block: %s: bad bio op %u sector %llu size %u\n",
					   bdev->bd_name, op, (unsigned long long)bio->bi_sector,
					   bio->bi_size);
		bio->bi_status = op == REQ_OP_DISCARD && !bdev->bd_discard ? -EOPNOTSUPP : -EIO;
		bio_endio(bio);
		return;
	}
	if (!bio->bi_size) {
		bio_endio(bio);
		return;
	}
	stat = op == REQ_OP_READ ? 0 : op == REQ_OP_WRITE ? 2 : 4;
	if (stat < 4) {
		atomic_add(&bdev->bd_stats[stat], 1);
		atomic_add(&bdev->bd_stats[stat + 1], nsect);
	}
	bdev->bd_ops->submit_bio(bdev, bio);
}

static void bio_wait_end(struct bio *bio)
{
	complete(bio->bi_private);
}

int submit_bio_wait(struct bio *bio)
{
	struct completion done;

	init_completion(&done);
	bio->bi_private = &done;
	bio->bi_end_io = bio_wait_end;
	submit_bio(bio);
	wait_for_completion(&done);
	return bio->bi_status;
}

int blkdev_rw_kbuf(struct block_device *bdev, unsigned op, u64 sector, void *buf, size_t len)
{
	char *p = buf;

	while (len) {
		size_t chunk = len < (64u << 10) ? len : (64u << 10);
		struct bio *bio = bio_alloc(bdev, chunk / PAGE_SIZE + 2, op, GFP_KERNEL);
		int err;

		if (!bio)
			return -ENOMEM;
		bio->bi_sector = sector;
		if (!bio_add_kbuf(bio, p, chunk)) {
			bio_put(bio);
			return -EINVAL;
		}
		err = submit_bio_wait(bio);
		bio_put(bio);
		if (err)
			return err;
		p += chunk;
		len -= chunk;
		sector += chunk >> SECTOR_SHIFT;
	}
	return 0;
}

int blkdev_issue_flush(struct block_device *bdev)
{
	struct bio *bio;
	int err;

	if (!bdev->bd_flush)
		return 0;
	bio = bio_alloc(bdev, 0, REQ_OP_FLUSH | REQ_SYNC, GFP_KERNEL);
	if (!bio)
		return -ENOMEM;
	err = submit_bio_wait(bio);
	bio_put(bio);
	return err;
}

int blkdev_issue_discard(struct block_device *bdev, u64 sector, u64 nr_sectors)
{
	if (!bdev->bd_discard)
		return -EOPNOTSUPP;
	while (nr_sectors) {
		u64 n = nr_sectors < (1u << 22) ? nr_sectors : (1u << 22);   /* 2 GiB per bio */
		struct bio *bio = bio_alloc(bdev, 0, REQ_OP_DISCARD, GFP_KERNEL);
		int err;

		if (!bio)
			return -ENOMEM;
		bio->bi_sector = sector;
		bio->bi_size = n << SECTOR_SHIFT;
		err = submit_bio_wait(bio);
		bio_put(bio);
		if (err)
			return err;
		sector += n;
		nr_sectors -= n;
	}
	return 0;
}

void blk_init(void)
{
	buffer_init();
}
