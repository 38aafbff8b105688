/*
 * The buffer cache: a block's contents in memory, one buffer_head per
 * (device, block number) at the device's current block size, found through
 * a hash. Unreferenced clean buffers sit on an LRU list and are freed past
 * a limit (an eighth of memory, at most 64 Ki buffers); dirty buffers sit
 * on their device's dirty list until written. See kernel/blkdev.h.
 *
 * bh_lock (spinlock) guards the hash, b_count transitions to and from 0,
 * the LRU, the dirty lists and bd_nr_buffers. b_lock (a mutex per buffer)
 * is held across the buffer's I/O.
 */
#include <kernel/sched.h>

#include "internal.h"

#define BH_HASH_BITS 12
#define BH_HASH_SIZE (1u << BH_HASH_BITS)

static DEFINE_SPINLOCK(bh_lock);
static struct hlist_head bh_hash[BH_HASH_SIZE];   /* bh_lock */
static LIST_HEAD(bh_lru);                          /* bh_lock: unreferenced, clean */
static u64 bh_lru_count;                           /* bh_lock */
static u64 bh_lru_max = 4096;                      /* set at init from memory size */

static struct hlist_head *bh_bucket(struct block_device *bdev, u64 nr)
{
	u64 h = (nr * 0x9e3779b97f4a7c15ULL) ^ ((unsigned long)bdev >> 6);

	return &bh_hash[(h >> 20) & (BH_HASH_SIZE - 1)];
}

static struct buffer_head *bh_find(struct block_device *bdev, u64 nr, u32 size)
{
	struct buffer_head *bh;

	hlist_for_each_entry(bh, bh_bucket(bdev, nr), b_hash)
		if (bh->b_bdev == bdev && bh->b_blocknr == nr && bh->b_size == size)
			return bh;
	return NULL;
}

static void bh_free(struct buffer_head *bh)
{
	free_page(virt_to_page(bh->b_data));
	kfree(bh);
}

/* Unhash and free LRU buffers beyond the limit. Called with bh_lock held;
 * returns them on a list to free after dropping it. */
static void bh_lru_trim(struct list_head *out)
{
	while (bh_lru_count > bh_lru_max) {
		struct buffer_head *bh = list_first_entry(&bh_lru, struct buffer_head, b_lru);

		list_del_init(&bh->b_lru);
		bh_lru_count--;
		hlist_del_init(&bh->b_hash);
		bh->b_bdev->bd_nr_buffers--;
		list_add(&bh->b_lru, out);
	}
}

static void bh_free_list(struct list_head *l)
{
	struct buffer_head *bh, *n;

	list_for_each_entry_safe(bh, n, l, b_lru)
		bh_free(bh);
}

void get_bh(struct buffer_head *bh)
{
	spin_lock(&bh_lock);
	if (bh->b_count++ == 0 && !list_empty(&bh->b_lru)) {
		list_del_init(&bh->b_lru);
		bh_lru_count--;
	}
	spin_unlock(&bh_lock);
}

void brelse(struct buffer_head *bh)
{
	LIST_HEAD(victims);

	if (!bh || IS_ERR(bh))
		return;
	spin_lock(&bh_lock);
	if (bh->b_count <= 0)
		panic("brelse: buffer %llu of %s has no reference", (unsigned long long)bh->b_blocknr,
		      bh->b_bdev->bd_name);
	if (--bh->b_count == 0 && !buffer_dirty(bh) && !hlist_unhashed(&bh->b_hash)) {
		list_add_tail(&bh->b_lru, &bh_lru);
		bh_lru_count++;
		bh_lru_trim(&victims);
	}
	spin_unlock(&bh_lock);
	bh_free_list(&victims);
}

struct buffer_head *getblk(struct block_device *bdev, u64 nr)
{
	u32 size = READ_ONCE(bdev->bd_block_size);
	struct buffer_head *bh, *other;
	struct page *pg;

	if (nr >= bdev_nr_bytes(bdev) / size)
		return ERR_PTR(-EINVAL);
	spin_lock(&bh_lock);
	bh = bh_find(bdev, nr, size);
	if (bh) {
		if (bh->b_count++ == 0 && !list_empty(&bh->b_lru)) {
			list_del_init(&bh->b_lru);
			bh_lru_count--;
		}
		spin_unlock(&bh_lock);
		return bh;
	}
	spin_unlock(&bh_lock);

	bh = kzalloc(sizeof(*bh), GFP_KERNEL);
	pg = alloc_page(GFP_KERNEL);
	if (!bh || !pg) {
		kfree(bh);
		if (pg)
			free_page(pg);
		return ERR_PTR(-ENOMEM);
	}
	bh->b_bdev = bdev;
	bh->b_blocknr = nr;
	bh->b_size = size;
	bh->b_data = page_address(pg);
	bh->b_count = 1;
	mutex_init(&bh->b_lock, "buffer_head.b_lock");
	INIT_HLIST_NODE(&bh->b_hash);
	INIT_LIST_HEAD(&bh->b_dirty);
	INIT_LIST_HEAD(&bh->b_lru);

	spin_lock(&bh_lock);
	other = bh_find(bdev, nr, size);   /* someone raced us in */
	if (other) {
		if (other->b_count++ == 0 && !list_empty(&other->b_lru)) {
			list_del_init(&other->b_lru);
			bh_lru_count--;
		}
		spin_unlock(&bh_lock);
		bh_free(bh);
		return other;
	}
	hlist_add_head(&bh->b_hash, bh_bucket(bdev, nr));
	bdev->bd_nr_buffers++;
	spin_unlock(&bh_lock);
	return bh;
}

void lock_buffer(struct buffer_head *bh)
{
	mutex_lock(&bh->b_lock);
}

void unlock_buffer(struct buffer_head *bh)
{
	mutex_unlock(&bh->b_lock);
}

/* One buffer's I/O at block nr, the buffer locked by the caller. */
static int bh_submit_wait(struct buffer_head *bh, unsigned opf, u64 nr)
{
	struct bio *bio = bio_alloc(bh->b_bdev, 1, opf, GFP_KERNEL);
	int err;

	if (!bio)
		return -ENOMEM;
	bio->bi_sector = nr * (bh->b_size >> SECTOR_SHIFT);
	bio_add_kbuf(bio, bh->b_data, bh->b_size);
	buffer_set(bh, BH_Req);
	err = submit_bio_wait(bio);
	bio_put(bio);
	return err;
}

struct buffer_head *bread(struct block_device *bdev, u64 nr)
{
	struct buffer_head *bh = getblk(bdev, nr);
	int err = 0;

	if (IS_ERR(bh) || buffer_uptodate(bh))
		return bh;
	lock_buffer(bh);
	if (!buffer_uptodate(bh)) {
		err = bh_submit_wait(bh, REQ_OP_READ | REQ_SYNC, bh->b_blocknr);
		if (!err)
			set_buffer_uptodate(bh);
	}
	unlock_buffer(bh);
	if (err) {
		brelse(bh);
		return ERR_PTR(-EIO);
	}
	return bh;
}

void breadahead(struct block_device *bdev, u64 nr, unsigned count)
{
	/* Read-ahead as one bio per run of missing blocks, synchronously but
	 * batched: cheaper than one bread per block later. */
	u32 size = READ_ONCE(bdev->bd_block_size);
	u64 end = bdev_nr_bytes(bdev) / size;

	while (count && nr < end) {
		struct buffer_head *run[16];
		unsigned n = 0;
		struct bio *bio;
		int err;

		while (n < 16 && count && nr < end) {
			struct buffer_head *bh = getblk(bdev, nr);

			if (IS_ERR(bh))
				break;
			if (buffer_uptodate(bh) || !mutex_trylock(&bh->b_lock)) {
				brelse(bh);
				nr++;
				count--;
				if (n)
					break;
				continue;
			}
			if (buffer_uptodate(bh)) {
				unlock_buffer(bh);
				brelse(bh);
				nr++;
				count--;
				if (n)
					break;
				continue;
			}
			run[n++] = bh;
			nr++;
			count--;
		}
		if (!n)
			continue;
		bio = bio_alloc(bdev, n, REQ_OP_READ, GFP_KERNEL);
		err = -ENOMEM;
		if (bio) {
			bio->bi_sector = run[0]->b_blocknr * (size >> SECTOR_SHIFT);
			for (unsigned i = 0; i < n; i++)
				bio_add_kbuf(bio, run[i]->b_data, size);
			err = submit_bio_wait(bio);
			bio_put(bio);
		}
		for (unsigned i = 0; i < n; i++) {
			if (!err)
				set_buffer_uptodate(run[i]);
			unlock_buffer(run[i]);
			brelse(run[i]);
		}
		if (err)
			return;
	}
}

void mark_buffer_dirty(struct buffer_head *bh)
{
	if (buffer_dirty(bh))
		return;
	spin_lock(&bh_lock);
	if (!buffer_dirty(bh)) {
		buffer_set(bh, BH_Dirty);
		if (!list_empty(&bh->b_lru)) {   /* unreferenced: cannot be, but keep the LRU clean */
			list_del_init(&bh->b_lru);
			bh_lru_count--;
		}
		list_add_tail(&bh->b_dirty, &bh->b_bdev->bd_dirty);
	}
	spin_unlock(&bh_lock);
}

/* Called with bh_lock held. */
static void bh_clean_locked(struct buffer_head *bh)
{
	if (!buffer_dirty(bh))
		return;
	buffer_clear(bh, BH_Dirty);
	list_del_init(&bh->b_dirty);
	if (bh->b_count == 0 && !hlist_unhashed(&bh->b_hash)) {
		list_add_tail(&bh->b_lru, &bh_lru);
		bh_lru_count++;
	}
}

void clear_buffer_dirty(struct buffer_head *bh)
{
	spin_lock(&bh_lock);
	bh_clean_locked(bh);
	spin_unlock(&bh_lock);
}

int sync_dirty_buffer(struct buffer_head *bh)
{
	int err = 0;

	lock_buffer(bh);
	if (buffer_dirty(bh)) {
		clear_buffer_dirty(bh);
		err = bh_submit_wait(bh, REQ_OP_WRITE | REQ_SYNC | REQ_META, bh->b_blocknr);
		if (err) {
			buffer_set(bh, BH_Write_EIO);
			mark_buffer_dirty(bh);   /* keep it: the data is not on disk */
		} else {
			buffer_clear(bh, BH_Write_EIO);
		}
	}
	unlock_buffer(bh);
	return err;
}

int write_buffer_at(struct buffer_head *bh, u64 nr, unsigned extra_opf)
{
	int err;

	lock_buffer(bh);
	err = bh_submit_wait(bh, REQ_OP_WRITE | extra_opf, nr);
	unlock_buffer(bh);
	return err;
}

void bforget(struct buffer_head *bh)
{
	if (!bh || IS_ERR(bh))
		return;
	clear_buffer_dirty(bh);
	brelse(bh);
}

/* Writes of a batch run in parallel: one bio per buffer, counted down. */
struct wb_batch {
	int pending;                 /* atomic */
	int error;
	struct completion done;
};

struct wb_item {
	struct buffer_head *bh;
	struct wb_batch *batch;
};

static void wb_end(struct bio *bio)
{
	struct wb_item *it = bio->bi_private;

	if (bio->bi_status)
		__atomic_store_n(&it->batch->error, bio->bi_status, __ATOMIC_RELAXED);
	if (bio->bi_status)
		buffer_set(it->bh, BH_Write_EIO);
	if (atomic_dec(&it->batch->pending) == 0)
		complete(&it->batch->done);
}

#define WB_BATCH 64

int sync_blockdev(struct block_device *bdev)
{
	int first_err = 0;

	if (!bdev)
		return 0;
	for (;;) {
		struct buffer_head *bhs[WB_BATCH];
		struct wb_item items[WB_BATCH];
		struct bio *bios[WB_BATCH];
		struct wb_batch batch;
		unsigned n = 0;

		spin_lock(&bh_lock);
		while (n < WB_BATCH && !list_empty(&bdev->bd_dirty)) {
			struct buffer_head *bh = list_first_entry(&bdev->bd_dirty, struct buffer_head, b_dirty);

			list_del_init(&bh->b_dirty);
			if (bh->b_count++ == 0 && !list_empty(&bh->b_lru)) {
				list_del_init(&bh->b_lru);
				bh_lru_count--;
			}
			/* Stays BH_Dirty (so brelse will not LRU it) until written below. */
			bhs[n++] = bh;
		}
		spin_unlock(&bh_lock);
		if (!n)
			break;

		batch.pending = 1;
		batch.error = 0;
		init_completion(&batch.done);
		for (unsigned i = 0; i < n; i++) {
			struct buffer_head *bh = bhs[i];

			bios[i] = NULL;
			lock_buffer(bh);
			spin_lock(&bh_lock);
			if (!buffer_dirty(bh) || !list_empty(&bh->b_dirty)) {
				/* cleaned meanwhile, or dirtied again and requeued */
				spin_unlock(&bh_lock);
				continue;
			}
			buffer_clear(bh, BH_Dirty);
			spin_unlock(&bh_lock);
			bios[i] = bio_alloc(bdev, 1, REQ_OP_WRITE | REQ_META, GFP_KERNEL);
			if (!bios[i]) {
				mark_buffer_dirty(bh);
				if (!first_err)
					first_err = -ENOMEM;
				continue;
			}
			items[i] = (struct wb_item){ bh, &batch };
			bios[i]->bi_sector = bh->b_blocknr * (bh->b_size >> SECTOR_SHIFT);
			bio_add_kbuf(bios[i], bh->b_data, bh->b_size);
			bios[i]->bi_private = &items[i];
			bios[i]->bi_end_io = wb_end;
			atomic_inc(&batch.pending);
			buffer_set(bh, BH_Req);
			submit_bio(bios[i]);
		}
		if (atomic_dec(&batch.pending) != 0)
			wait_for_completion(&batch.done);
		for (unsigned i = 0; i < n; i++) {
			struct buffer_head *bh = bhs[i];

			if (bios[i]) {
				if (bios[i]->bi_status) {
					mark_buffer_dirty(bh);   /* still not on disk */
					if (!first_err)
						first_err = -EIO;
				} else {
					buffer_clear(bh, BH_Write_EIO);
				}
				bio_put(bios[i]);
			}
			unlock_buffer(bh);
			brelse(bh);
		}
		if (first_err)
			break;   /* do not spin on a failing device */
	}
	if (!first_err)
		first_err = blkdev_issue_flush(bdev);
	return first_err;
}

void invalidate_bdev(struct block_device *bdev)
{
	LIST_HEAD(victims);
	struct buffer_head *bh, *n;

	spin_lock(&bh_lock);
	list_for_each_entry_safe(bh, n, &bh_lru, b_lru) {
		if (bh->b_bdev != bdev)
			continue;
		list_del_init(&bh->b_lru);
		bh_lru_count--;
		hlist_del_init(&bh->b_hash);
		bdev->bd_nr_buffers--;
		list_add(&bh->b_lru, &victims);
	}
	spin_unlock(&bh_lock);
	bh_free_list(&victims);
}

int set_blocksize(struct block_device *bdev, u32 size)
{
	if (size < SECTOR_SIZE || size > PAGE_SIZE || (size & (size - 1)) ||
	    size < bdev->bd_logical_block_size)
		return -EINVAL;
	mutex_lock(&bdev->bd_mutex);
	if (bdev->bd_block_size != size) {
		sync_blockdev(bdev);
		invalidate_bdev(bdev);
		spin_lock(&bh_lock);
		if (bdev->bd_nr_buffers) {
			spin_unlock(&bh_lock);
			mutex_unlock(&bdev->bd_mutex);
			return -EBUSY;
		}
		bdev->bd_block_size = size;
		spin_unlock(&bh_lock);
	}
	mutex_unlock(&bdev->bd_mutex);
	return 0;
}

void buffer_init(void)
{
	u64 pages = pmm_total_pages() / 8;

	bh_lru_max = pages < 256 ? 256 : pages > 65536 ? 65536 : pages;
}
