/*
 * The block layer over an in-memory device: bios in and out of range, the
 * buffer cache's read, dirty and write-back paths, set_blocksize, and the
 * LRU limit. The device counts the I/O it is asked for, so the tests can
 * tell a cache hit from a read.
 */
#include <kernel/blkdev.h>
#include <kernel/errno.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <string.h>

#define RAM_SECTORS 2048   /* 1 MiB */

struct ramdev {
	struct block_device bdev;
	char *mem;
	int reads, writes, flushes;
};

static void ram_submit(struct block_device *bdev, struct bio *bio)
{
	struct ramdev *rd = bdev->bd_private;
	char *p = rd->mem + (bio->bi_sector << SECTOR_SHIFT);
	unsigned op = bio_op_of(bio->bi_opf);

	if (op == REQ_OP_FLUSH) {
		rd->flushes++;
	} else {
		for (unsigned i = 0; i < bio->bi_vcnt; i++) {
			struct bio_vec *v = &bio->bi_io_vec[i];
			char *b = (char *)page_address(v->bv_page) + v->bv_offset;

			if (op == REQ_OP_READ)
				memcpy(b, p, v->bv_len);
			else
				memcpy(p, b, v->bv_len);
			p += v->bv_len;
		}
		if (op == REQ_OP_READ)
			rd->reads++;
		else
			rd->writes++;
	}
	bio_endio(bio);
}

static const struct block_device_operations ram_ops = { .submit_bio = ram_submit };

static struct ramdev *ram_make(const char *name)
{
	struct ramdev *rd = kzalloc(sizeof(*rd), GFP_KERNEL);

	if (!rd)
		return NULL;
	rd->mem = vmalloc(RAM_SECTORS * SECTOR_SIZE);
	if (!rd->mem) {
		kfree(rd);
		return NULL;
	}
	for (int i = 0; i < RAM_SECTORS * SECTOR_SIZE; i++)
		rd->mem[i] = (char)(i * 7 + i / 4096);
	strcpy(rd->bdev.bd_name, name);
	rd->bdev.bd_nr_sectors = RAM_SECTORS;
	rd->bdev.bd_logical_block_size = SECTOR_SIZE;
	rd->bdev.bd_flush = true;
	rd->bdev.bd_ops = &ram_ops;
	rd->bdev.bd_private = rd;
	if (blkdev_register(&rd->bdev)) {
		vfree(rd->mem);
		kfree(rd);
		return NULL;
	}
	return rd;
}

static void ram_free(struct ramdev *rd)
{
	blkdev_unregister(&rd->bdev);
	vfree(rd->mem);
	kfree(rd);
}

KTEST(block_bio_bounds)
{
	struct ramdev *rd = ram_make("ktram0");
	char *buf = kmalloc(4096, GFP_KERNEL);

	KT_ASSERT(rd && buf);
	KT_ASSERT_EQ(blkdev_rw_kbuf(&rd->bdev, REQ_OP_READ, 8, buf, 4096), 0);
	KT_ASSERT(!memcmp(buf, rd->mem + 4096, 4096));
	/* the last sector is fine, one past it is not */
	KT_ASSERT_EQ(blkdev_rw_kbuf(&rd->bdev, REQ_OP_READ, RAM_SECTORS - 1, buf, 512), 0);
	KT_ASSERT_EQ(blkdev_rw_kbuf(&rd->bdev, REQ_OP_READ, RAM_SECTORS, buf, 512), -EIO);
	KT_ASSERT_EQ(blkdev_rw_kbuf(&rd->bdev, REQ_OP_READ, RAM_SECTORS - 1, buf, 1024), -EIO);
	KT_ASSERT_EQ(blkdev_rw_kbuf(&rd->bdev, REQ_OP_READ, ~0ULL >> 9, buf, 512), -EIO);
	KT_ASSERT_EQ(blkdev_issue_discard(&rd->bdev, 0, 8), -EOPNOTSUPP);
	rd->bdev.bd_read_only = true;
	KT_ASSERT_EQ(blkdev_rw_kbuf(&rd->bdev, REQ_OP_WRITE, 0, buf, 512), -EIO);
	rd->bdev.bd_read_only = false;
	KT_ASSERT_EQ(blkdev_issue_flush(&rd->bdev), 0);
	KT_ASSERT_EQ(rd->flushes, 1);
	kfree(buf);
	ram_free(rd);
}

KTEST(block_buffer_cache)
{
	struct ramdev *rd = ram_make("ktram1");
	struct buffer_head *bh, *bh2;
	int reads;

	KT_ASSERT(rd);
	KT_ASSERT_EQ(set_blocksize(&rd->bdev, 4096), 0);
	bh = bread(&rd->bdev, 3);
	KT_ASSERT(!IS_ERR(bh));
	KT_ASSERT(!memcmp(bh->b_data, rd->mem + 3 * 4096, 4096));
	reads = rd->reads;
	bh2 = bread(&rd->bdev, 3);           /* a hit: the same buffer, no I/O */
	KT_ASSERT(bh2 == bh);
	KT_ASSERT_EQ(rd->reads, reads);
	brelse(bh2);
	KT_ASSERT(IS_ERR(bread(&rd->bdev, RAM_SECTORS / 8)));   /* past the end */

	lock_buffer(bh);
	memset(bh->b_data, 0xab, 4096);
	unlock_buffer(bh);
	mark_buffer_dirty(bh);
	KT_ASSERT((unsigned char)rd->mem[3 * 4096] != 0xab);   /* not yet written */
	brelse(bh);
	KT_ASSERT_EQ(sync_blockdev(&rd->bdev), 0);
	KT_ASSERT((unsigned char)rd->mem[3 * 4096] == 0xab && (unsigned char)rd->mem[4 * 4096 - 1] == 0xab);
	KT_ASSERT(rd->flushes >= 1);

	/* getblk + fill: no read */
	reads = rd->reads;
	bh = getblk(&rd->bdev, 5);
	KT_ASSERT(!IS_ERR(bh));
	lock_buffer(bh);
	memset(bh->b_data, 0x5a, 4096);
	set_buffer_uptodate(bh);
	unlock_buffer(bh);
	KT_ASSERT_EQ(sync_dirty_buffer(bh), 0);   /* not dirty: nothing */
	mark_buffer_dirty(bh);
	KT_ASSERT_EQ(sync_dirty_buffer(bh), 0);
	KT_ASSERT((unsigned char)rd->mem[5 * 4096 + 100] == 0x5a);
	KT_ASSERT_EQ(rd->reads, reads);
	/* write_buffer_at copies it elsewhere, the buffer stays where it is */
	KT_ASSERT_EQ(write_buffer_at(bh, 7, REQ_FUA), 0);
	KT_ASSERT((unsigned char)rd->mem[7 * 4096] == 0x5a);
	KT_ASSERT_EQ(bh->b_blocknr, 5);
	/* bforget drops a dirty state unwritten */
	lock_buffer(bh);
	memset(bh->b_data, 0x11, 4096);
	unlock_buffer(bh);
	mark_buffer_dirty(bh);
	bforget(bh);
	KT_ASSERT_EQ(sync_blockdev(&rd->bdev), 0);
	KT_ASSERT((unsigned char)rd->mem[5 * 4096] == 0x5a);

	/* block size changes while a buffer is held: refused */
	bh = bread(&rd->bdev, 1);
	KT_ASSERT(!IS_ERR(bh));
	KT_ASSERT_EQ(set_blocksize(&rd->bdev, 1024), -EBUSY);
	brelse(bh);
	KT_ASSERT_EQ(set_blocksize(&rd->bdev, 1024), 0);
	bh = bread(&rd->bdev, 12);   /* 1 KiB block 12 = bytes 12288.. = block 3 of 4 KiB */
	KT_ASSERT(!IS_ERR(bh) && bh->b_size == 1024);
	KT_ASSERT((unsigned char)bh->b_data[0] == 0xab);
	brelse(bh);
	KT_ASSERT_EQ(set_blocksize(&rd->bdev, 3000), -EINVAL);

	/* read-ahead fills the cache in one go */
	KT_ASSERT_EQ(set_blocksize(&rd->bdev, 4096), 0);
	reads = rd->reads;
	breadahead(&rd->bdev, 16, 16);
	KT_ASSERT_EQ(rd->reads, reads + 1);
	bh = bread(&rd->bdev, 20);
	KT_ASSERT(!IS_ERR(bh));
	KT_ASSERT_EQ(rd->reads, reads + 1);
	KT_ASSERT(!memcmp(bh->b_data, rd->mem + 20 * 4096, 4096));
	brelse(bh);
	invalidate_bdev(&rd->bdev);
	ram_free(rd);
}
