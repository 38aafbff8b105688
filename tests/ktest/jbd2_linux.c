/*
 * jbd2 against Linux's tools. jbd2_linux_journals replays ext4 images
 * whose journals e2fsprogs' debugfs filled (tests/jbd2/mkimages.sh:
 * checksum v3 + 64bit, no checksums with 4 KiB blocks, v1 crc32) and
 * checks the same blocks e2fsck's replay gives. jbd2_e2fsck_dump (manual)
 * writes transactions of our own into those images, "crashes" and prints
 * the crash image, so tests/jbd2/e2fsck_check.sh can have e2fsck replay
 * our journal and check the file system.
 */
#include <kernel/blkdev.h>
#include <kernel/crc32c.h>
#include <kernel/errno.h>
#include <kernel/gunzip.h>
#include <kernel/jbd2.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <string.h>
#include "kernel/fs/jbd2/internal.h"
#include "jbd2_images.h"

#define EXT4_SB_OFF            1024
#define EXT4_INCOMPAT_RECOVER  0x4
#define EXT4_RO_METADATA_CSUM  0x400

struct li_dev {
	struct block_device bdev;
	char *mem;
	size_t size;
	u32 bs;
	u32 jext[4][3];                 /* journal extents: lblk, len, pblk */
	int njext;
	u64 jblocks;
};

static void li_submit(struct block_device *bdev, struct bio *bio)
{
	struct li_dev *d = bdev->bd_private;
	char *p = d->mem + (bio->bi_sector << SECTOR_SHIFT);
	unsigned op = bio_op_of(bio->bi_opf);

	if (op == REQ_OP_READ || op == REQ_OP_WRITE) {
		for (unsigned i = 0; i < bio->bi_vcnt; i++) {
			struct bio_vec *v = &bio->bi_io_vec[i];
			char *b = (char *)page_address(v->bv_page) + v->bv_offset;

			if (op == REQ_OP_READ)
				memcpy(b, p, v->bv_len);
			else
				memcpy(p, b, v->bv_len);
			p += v->bv_len;
		}
	}
	bio_endio(bio);
}

static const struct block_device_operations li_ops = { .submit_bio = li_submit };

static u32 le32_at(const char *p) { u32 v; memcpy(&v, p, 4); return v; }
static u16 le16_at(const char *p) { u16 v; memcpy(&v, p, 2); return v; }

/* The journal inode's extents, from the ext4 superblock's backup of its
 * i_block (s_jnl_blocks): depth 0, as mke2fs makes them. */
static int li_bmap(void *fs, u64 lblk, u64 *pblk)
{
	struct li_dev *d = fs;

	for (int i = 0; i < d->njext; i++)
		if (lblk >= d->jext[i][0] && lblk < d->jext[i][0] + d->jext[i][1]) {
			*pblk = d->jext[i][2] + (lblk - d->jext[i][0]);
			return 0;
		}
	return -EIO;
}

static struct li_dev *li_make(const char *name, const unsigned char *gz, size_t gzlen)
{
	struct li_dev *d = kzalloc(sizeof(*d), GFP_KERNEL);
	const char *sb, *eh;
	void *out;
	size_t outlen;

	if (!d)
		return NULL;
	if (gunzip(gz, gzlen, &out, &outlen, 64 << 20)) {
		kfree(d);
		return NULL;
	}
	d->mem = out;
	d->size = outlen;
	sb = d->mem + EXT4_SB_OFF;
	d->bs = 1024U << le32_at(sb + 0x18);
	eh = sb + 0x10c;
	if (le16_at(eh) != 0xf30a || le16_at(eh + 6) != 0 || le16_at(eh + 2) > 4)
		goto fail;
	d->njext = le16_at(eh + 2);
	for (int i = 0; i < d->njext; i++) {
		const char *e = eh + 12 + 12 * i;

		d->jext[i][0] = le32_at(e);
		d->jext[i][1] = le16_at(e + 4);
		d->jext[i][2] = le32_at(e + 8);   /* start_hi (e + 6) is 0 in these small images */
		d->jblocks += d->jext[i][1];
	}
	strcpy(d->bdev.bd_name, name);
	d->bdev.bd_nr_sectors = d->size >> SECTOR_SHIFT;
	d->bdev.bd_logical_block_size = SECTOR_SIZE;
	d->bdev.bd_flush = true;
	d->bdev.bd_ops = &li_ops;
	d->bdev.bd_private = d;
	if (blkdev_register(&d->bdev))
		goto fail;
	if (set_blocksize(&d->bdev, d->bs)) {
		blkdev_unregister(&d->bdev);
		goto fail;
	}
	return d;
fail:
	vfree(d->mem);
	kfree(d);
	return NULL;
}

static void li_free(struct li_dev *d)
{
	invalidate_bdev(&d->bdev);
	blkdev_unregister(&d->bdev);
	vfree(d->mem);
	kfree(d);
}

static journal_t *li_open(struct li_dev *d, bool *recovered, int *err)
{
	struct jbd2_fs_hooks hooks = { .bmap = li_bmap, .fs = d };
	journal_t *j = jbd2_journal_init(&d->bdev, d->jblocks, &hooks);

	if (IS_ERR(j)) {
		*err = PTR_ERR(j);
		return NULL;
	}
	*err = jbd2_journal_load(j, recovered);
	if (*err) {
		jbd2_journal_destroy(j);
		return NULL;
	}
	return j;
}

/* Block nr holds c repeated (after an optional 4-byte prefix). */
static bool li_block_is(struct li_dev *d, u64 nr, char c, bool magic)
{
	const char *p = d->mem + nr * d->bs;
	unsigned i = 0;

	if (magic) {
		if (jbd2_be32(*(const u32 *)p) != JBD2_MAGIC_NUMBER)
			return false;
		i = 4;
	}
	for (; i < d->bs; i++)
		if (p[i] != c)
			return false;
	return true;
}

static u32 li_jsb_start(struct li_dev *d)
{
	u64 p = 0;

	li_bmap(d, 0, &p);
	return jbd2_be32(((struct jbd2_disk_super *)(d->mem + p * d->bs))->s_start);
}

static void li_replay(const char *name, const unsigned char *gz, size_t gzlen, bool v1)
{
	struct li_dev *d = li_make(name, gz, gzlen);
	journal_t *j;
	bool rec = false;
	int err;

	KT_ASSERT(d);
	KT_ASSERT(li_jsb_start(d) != 0);
	j = li_open(d, &rec, &err);
	KT_ASSERT_MSG(j, "load: %d", err);
	KT_ASSERT(rec);
	KT_ASSERT_EQ(li_jsb_start(d), 0);
	KT_ASSERT(li_block_is(d, 3000, 'A', false));
	KT_ASSERT(li_block_is(d, 3002, 'C', false));
	KT_ASSERT(li_block_is(d, 3004, 0, false));        /* never committed */
	if (v1) {
		/* debugfs's crc32 of the revoke-only transaction 2 counts
		 * the revoke block, Linux's and e2fsck's recovery do not: the
		 * log ends after transaction 1 for all of them. */
		KT_ASSERT(li_block_is(d, 3001, 'B', false));
		KT_ASSERT(li_block_is(d, 3003, 0, false));
	} else {
		KT_ASSERT(li_block_is(d, 3001, 0, false));      /* revoked by T2 */
		KT_ASSERT(li_block_is(d, 3003, 'D', true));     /* unescaped */
	}
	KT_ASSERT_EQ(jbd2_journal_destroy(j), 0);
	li_free(d);
}

KTEST(jbd2_linux_journals)
{
	li_replay("li0", jbd2_img_csum3_1k, sizeof(jbd2_img_csum3_1k), false);
	if (ktest_failed())
		return;
	li_replay("li1", jbd2_img_plain_4k, sizeof(jbd2_img_plain_4k), false);
	if (ktest_failed())
		return;
	li_replay("li2", jbd2_img_csum2_1k, sizeof(jbd2_img_csum2_1k), true);
}

/* ---- our journal, replayed by e2fsck on the host ---- */

/* The ext4 superblock's buffer and its offset in it. */
static struct buffer_head *li_sb_bh(struct li_dev *d, unsigned *off)
{
	*off = d->bs == 1024 ? 0 : EXT4_SB_OFF;
	return bread(&d->bdev, d->bs == 1024 ? 1 : 0);
}

static void li_sb_csum(char *sb)
{
	u32 c;

	if (!(le32_at(sb + 0x64) & EXT4_RO_METADATA_CSUM))
		return;
	c = crc32c_le(~0U, sb, 0x3fc);
	memcpy(sb + 0x3fc, &c, 4);
}

static int li_fill(journal_t *j, struct li_dev *d, handle_t *h, u64 nr, char c, bool magic)
{
	struct buffer_head *bh = getblk(&d->bdev, nr);
	int err;

	(void)j;
	if (IS_ERR(bh))
		return PTR_ERR(bh);
	err = jbd2_journal_get_create_access(h, bh);
	if (!err) {
		lock_buffer(bh);
		memset(bh->b_data, c, d->bs);
		if (magic)
			*(u32 *)bh->b_data = jbd2_be32(JBD2_MAGIC_NUMBER);
		set_buffer_uptodate(bh);
		unlock_buffer(bh);
		err = jbd2_journal_dirty_metadata(h, bh);
	}
	brelse(bh);
	return err;
}

static void li_dump(struct li_dev *d, const char *name, const char *mem)
{
	static const char hex[] = "0123456789abcdef";
	char *line = kmalloc(600, GFP_KERNEL);

	if (!line)
		return;
	printk("JBD2DUMP %s size %llu\n", name, (unsigned long long)d->size);
	for (size_t off = 0; off < d->size; off += 256) {
		bool zero = true;

		for (int i = 0; i < 256 && zero; i++)
			zero = !mem[off + i];
		if (zero)
			continue;
		for (int i = 0; i < 256; i++) {
			line[2 * i] = hex[(u8)mem[off + i] >> 4];
			line[2 * i + 1] = hex[(u8)mem[off + i] & 15];
		}
		line[512] = 0;
		printk("JBD2DUMP %s %llu %s\n", name, (unsigned long long)off, line);
	}
	printk("JBD2DUMP %s end\n", name);
	kfree(line);
}

static void li_ours(const char *name, const unsigned char *gz, size_t gzlen)
{
	struct li_dev *d = li_make(name, gz, gzlen);
	struct buffer_head *sbh;
	journal_t *j;
	handle_t *h;
	unsigned off;
	bool rec;
	int err;
	char *snap;

	KT_ASSERT(d);
	j = li_open(d, &rec, &err);
	KT_ASSERT_MSG(j, "load: %d", err);
	/* As ext4 at mount: needs_recovery set on disk while mounted. */
	sbh = li_sb_bh(d, &off);
	KT_ASSERT(!IS_ERR(sbh));
	lock_buffer(sbh);
	sbh->b_data[off + 0x60] |= EXT4_INCOMPAT_RECOVER;
	li_sb_csum(sbh->b_data + off);
	unlock_buffer(sbh);
	mark_buffer_dirty(sbh);
	KT_ASSERT_EQ(sync_dirty_buffer(sbh), 0);

	/* T1: a volume label through the journal, and two new blocks. */
	h = jbd2_journal_start(j, 4);
	KT_ASSERT(!IS_ERR(h));
	KT_ASSERT_EQ(jbd2_journal_get_write_access(h, sbh), 0);
	lock_buffer(sbh);
	memset(sbh->b_data + off + 0x78, 0, 16);
	memcpy(sbh->b_data + off + 0x78, "jbd2-ktest", 10);
	li_sb_csum(sbh->b_data + off);
	unlock_buffer(sbh);
	KT_ASSERT_EQ(jbd2_journal_dirty_metadata(h, sbh), 0);
	KT_ASSERT_EQ(li_fill(j, d, h, 3005, 'X', false), 0);
	KT_ASSERT_EQ(li_fill(j, d, h, 3006, 'Y', false), 0);
	KT_ASSERT_EQ(jbd2_journal_stop(h), 0);
	KT_ASSERT_EQ(jbd2_journal_force_commit(j), 0);
	/* T2: 3005 freed (revoked), 3006 rewritten, 3007 escaped. */
	h = jbd2_journal_start(j, 4);
	KT_ASSERT(!IS_ERR(h));
	KT_ASSERT_EQ(jbd2_journal_revoke(h, 3005, NULL), 0);
	KT_ASSERT_EQ(li_fill(j, d, h, 3006, 'Z', false), 0);
	KT_ASSERT_EQ(li_fill(j, d, h, 3007, 'W', true), 0);
	KT_ASSERT_EQ(jbd2_journal_stop(h), 0);
	KT_ASSERT_EQ(jbd2_journal_force_commit(j), 0);
	brelse(sbh);

	snap = vmalloc(d->size);
	KT_ASSERT(snap);
	memcpy(snap, d->mem, d->size);
	li_dump(d, name, snap);
	vfree(snap);
	jbd2_journal_destroy(j);
	li_free(d);
}

KTEST_FLAGS(jbd2_e2fsck_dump, KTEST_MANUAL)
{
	li_ours("csum3_1k", jbd2_img_csum3_1k, sizeof(jbd2_img_csum3_1k));
	if (ktest_failed())
		return;
	li_ours("plain_4k", jbd2_img_plain_4k, sizeof(jbd2_img_plain_4k));
	if (ktest_failed())
		return;
	li_ours("csum2_1k", jbd2_img_csum2_1k, sizeof(jbd2_img_csum2_1k));
}
