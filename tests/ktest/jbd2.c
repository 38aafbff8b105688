/*
 * jbd2 over an in-memory block device: transactions committed and then
 * "crashed" (the device memory copied at that moment, the copy replayed by
 * a fresh journal), with and without checksums (v2, v3 + 64bit), escaped
 * blocks, revokes (later revokes win, a re-logged block survives an
 * earlier revoke), a corrupt commit block ending the replay, enough
 * transactions to wrap and checkpoint the log, bad superblocks refused,
 * and an I/O error aborting the journal.
 */
#include <kernel/blkdev.h>
#include <kernel/crc32c.h>
#include <kernel/errno.h>
#include <kernel/jbd2.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/sched.h>
#include <string.h>
#include "kernel/fs/jbd2/internal.h"

#define JT_BS      1024
#define JT_BLOCKS  4096                  /* 4 MiB device */
#define JT_JSTART  64                    /* journal at device blocks 64.. */
#define JT_JLEN    1024
#define JT_HOME    2048                  /* home blocks the tests change */
#define JT_SIZE    ((size_t)JT_BLOCKS * JT_BS)

struct jt_dev {
	struct block_device bdev;
	char *mem;
	bool fail_writes;
};

static void jt_submit(struct block_device *bdev, struct bio *bio)
{
	struct jt_dev *d = bdev->bd_private;
	char *p = d->mem + (bio->bi_sector << SECTOR_SHIFT);
	unsigned op = bio_op_of(bio->bi_opf);

	if (op == REQ_OP_WRITE && d->fail_writes) {
		bio->bi_status = -EIO;
	} else if (op == REQ_OP_READ || op == REQ_OP_WRITE) {
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

static const struct block_device_operations jt_ops = { .submit_bio = jt_submit };

static int jt_bmap(void *fs, u64 lblk, u64 *pblk)
{
	(void)fs;
	*pblk = JT_JSTART + lblk;
	return 0;
}

static const struct jbd2_fs_hooks jt_hooks = { .bmap = jt_bmap };

static u8 jt_pattern(u64 blocknr, unsigned gen)
{
	return (u8)(blocknr * 13 + gen * 7 + 1);
}

static bool jt_home_is(struct jt_dev *d, u64 blocknr, unsigned gen)
{
	const u8 *p = (const u8 *)d->mem + blocknr * JT_BS;

	for (unsigned i = 4; i < JT_BS; i++)
		if (p[i] != jt_pattern(blocknr, gen))
			return false;
	return true;
}

/* A device whose home blocks hold generation 0 and an mke2fs-like
 * journal (zeroed, superblock v2 with these incompat features). */
static struct jt_dev *jt_make(const char *name, u32 incompat)
{
	struct jt_dev *d = kzalloc(sizeof(*d), GFP_KERNEL);
	struct jbd2_disk_super *sb;

	if (!d)
		return NULL;
	d->mem = vmalloc(JT_SIZE);
	if (!d->mem) {
		kfree(d);
		return NULL;
	}
	memset(d->mem, 0, JT_SIZE);
	for (u64 b = JT_HOME; b < JT_BLOCKS; b++)
		memset(d->mem + b * JT_BS, jt_pattern(b, 0), JT_BS);
	sb = (struct jbd2_disk_super *)(d->mem + JT_JSTART * JT_BS);
	sb->s_header.h_magic = jbd2_be32(JBD2_MAGIC_NUMBER);
	sb->s_header.h_blocktype = jbd2_be32(JBD2_SUPERBLOCK_V2);
	sb->s_blocksize = jbd2_be32(JT_BS);
	sb->s_maxlen = jbd2_be32(JT_JLEN);
	sb->s_first = jbd2_be32(1);
	sb->s_sequence = jbd2_be32(1);
	sb->s_feature_incompat = jbd2_be32(incompat);
	for (int i = 0; i < 16; i++)
		sb->s_uuid[i] = (u8)(0x40 + i * 3);
	sb->s_nr_users = jbd2_be32(1);
	if (incompat & (JBD2_FEATURE_INCOMPAT_CSUM_V2 | JBD2_FEATURE_INCOMPAT_CSUM_V3)) {
		sb->s_checksum_type = JBD2_CRC32C_CHKSUM;
		sb->s_checksum = jbd2_be32(crc32c_le(~0U, sb, sizeof(*sb)));
	}
	strcpy(d->bdev.bd_name, name);
	d->bdev.bd_nr_sectors = JT_SIZE >> SECTOR_SHIFT;
	d->bdev.bd_logical_block_size = SECTOR_SIZE;
	d->bdev.bd_flush = true;
	d->bdev.bd_ops = &jt_ops;
	d->bdev.bd_private = d;
	if (blkdev_register(&d->bdev) || set_blocksize(&d->bdev, JT_BS)) {
		vfree(d->mem);
		kfree(d);
		return NULL;
	}
	return d;
}

static void jt_free(struct jt_dev *d)
{
	invalidate_bdev(&d->bdev);
	blkdev_unregister(&d->bdev);
	vfree(d->mem);
	kfree(d);
}

static void jt_resign_sb(struct jt_dev *d)
{
	struct jbd2_disk_super *sb = (struct jbd2_disk_super *)(d->mem + JT_JSTART * JT_BS);

	sb->s_checksum = 0;
	sb->s_checksum = jbd2_be32(crc32c_le(~0U, sb, sizeof(*sb)));
}

static journal_t *jt_open(struct jt_dev *d, bool *recovered, int *err)
{
	journal_t *j = jbd2_journal_init(&d->bdev, JT_JLEN, &jt_hooks);

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

/* One handle setting each block to generation gen. */
static int jt_txn(journal_t *j, struct jt_dev *d, const u64 *blocks, int n, unsigned gen)
{
	handle_t *h = jbd2_journal_start(j, n);
	int err = 0;

	if (IS_ERR(h))
		return PTR_ERR(h);
	for (int i = 0; i < n && !err; i++) {
		struct buffer_head *bh = bread(&d->bdev, blocks[i]);

		if (IS_ERR(bh)) {
			err = PTR_ERR(bh);
			break;
		}
		err = jbd2_journal_get_write_access(h, bh);
		if (!err) {
			lock_buffer(bh);
			memset(bh->b_data, jt_pattern(blocks[i], gen), JT_BS);
			unlock_buffer(bh);
			err = jbd2_journal_dirty_metadata(h, bh);
		}
		brelse(bh);
	}
	if (!err)
		return jbd2_journal_stop(h);
	jbd2_journal_stop(h);
	return err;
}

static int jt_revoke(journal_t *j, u64 blocknr)
{
	handle_t *h = jbd2_journal_start(j, 1);
	int err;

	if (IS_ERR(h))
		return PTR_ERR(h);
	err = jbd2_journal_revoke(h, blocknr, NULL);
	jbd2_journal_stop(h);
	return err;
}

/* The device contents now, as a crash would leave them. */
static char *jt_snapshot(struct jt_dev *d)
{
	char *s = vmalloc(JT_SIZE);

	if (s)
		memcpy(s, d->mem, JT_SIZE);
	return s;
}

/* Tear the live journal down and put the crash image back in place. */
static void jt_crash(struct jt_dev *d, journal_t *j, char *snap)
{
	jbd2_journal_destroy(j);
	sync_blockdev(&d->bdev);
	invalidate_bdev(&d->bdev);
	memcpy(d->mem, snap, JT_SIZE);
	vfree(snap);
}

static u32 jt_sb_start(struct jt_dev *d)
{
	return jbd2_be32(((struct jbd2_disk_super *)(d->mem + JT_JSTART * JT_BS))->s_start);
}

static void jt_commit_replay(u32 incompat, const char *name)
{
	struct jt_dev *d = jt_make(name, incompat);
	journal_t *j;
	bool rec = true;
	int err;
	char *snap;
	u64 blocks[6];

	KT_ASSERT(d);
	j = jt_open(d, &rec, &err);
	KT_ASSERT_MSG(j, "load: %d", err);
	KT_ASSERT(!rec);
	for (unsigned t = 1; t <= 5; t++) {
		for (int i = 0; i < 6; i++)
			blocks[i] = JT_HOME + t * 10 + i;
		KT_ASSERT_EQ(jt_txn(j, d, blocks, 6, t), 0);
		blocks[0] = JT_HOME + 100;            /* rewritten in every transaction */
		KT_ASSERT_EQ(jt_txn(j, d, blocks, 1, t), 0);
		KT_ASSERT_EQ(jbd2_journal_force_commit(j), 0);
	}
	/* A block that starts with the journal magic must be escaped. */
	{
		handle_t *h = jbd2_journal_start(j, 1);
		struct buffer_head *bh = bread(&d->bdev, JT_HOME + 200);

		KT_ASSERT(!IS_ERR(h) && !IS_ERR(bh));
		KT_ASSERT_EQ(jbd2_journal_get_write_access(h, bh), 0);
		lock_buffer(bh);
		memset(bh->b_data, jt_pattern(JT_HOME + 200, 9), JT_BS);
		*(u32 *)bh->b_data = jbd2_be32(JBD2_MAGIC_NUMBER);
		unlock_buffer(bh);
		KT_ASSERT_EQ(jbd2_journal_dirty_metadata(h, bh), 0);
		brelse(bh);
		jbd2_handle_set_sync(h);
		KT_ASSERT_EQ(jbd2_journal_stop(h), 0);
	}
	/* An uncommitted transaction: lost in the crash. */
	blocks[0] = JT_HOME + 300;
	KT_ASSERT_EQ(jt_txn(j, d, blocks, 1, 4), 0);

	KT_ASSERT(jt_sb_start(d) != 0);
	KT_ASSERT(jt_home_is(d, JT_HOME + 10, 0));   /* committed, not yet home */
	snap = jt_snapshot(d);
	KT_ASSERT(snap);
	jt_crash(d, j, snap);

	j = jt_open(d, &rec, &err);
	KT_ASSERT_MSG(j, "recovery: %d", err);
	KT_ASSERT(rec);
	KT_ASSERT_EQ(jt_sb_start(d), 0);
	for (unsigned t = 1; t <= 5; t++)
		for (int i = 0; i < 6; i++)
			KT_ASSERT_MSG(jt_home_is(d, JT_HOME + t * 10 + i, t), "block %u gen %u",
				      (unsigned)(JT_HOME + t * 10 + i), t);
	KT_ASSERT(jt_home_is(d, JT_HOME + 100, 5));
	KT_ASSERT(jt_home_is(d, JT_HOME + 200, 9));
	KT_ASSERT_EQ(jbd2_be32(*(u32 *)(d->mem + (JT_HOME + 200) * JT_BS)), JBD2_MAGIC_NUMBER);
	KT_ASSERT(jt_home_is(d, JT_HOME + 300, 0));
	/* The recovered journal works: one more transaction, clean unmount. */
	blocks[0] = JT_HOME + 300;
	KT_ASSERT_EQ(jt_txn(j, d, blocks, 1, 6), 0);
	KT_ASSERT_EQ(jbd2_journal_destroy(j), 0);
	KT_ASSERT_EQ(jt_sb_start(d), 0);
	KT_ASSERT(jt_home_is(d, JT_HOME + 300, 6));
	j = jt_open(d, &rec, &err);
	KT_ASSERT_MSG(j, "reload: %d", err);
	KT_ASSERT(!rec);
	jbd2_journal_destroy(j);
	jt_free(d);
}

KTEST(jbd2_replay_plain)
{
	jt_commit_replay(JBD2_FEATURE_INCOMPAT_REVOKE, "jt0");
}

KTEST(jbd2_replay_csum_v3)
{
	jt_commit_replay(JBD2_FEATURE_INCOMPAT_REVOKE | JBD2_FEATURE_INCOMPAT_64BIT |
			 JBD2_FEATURE_INCOMPAT_CSUM_V3, "jt1");
}

KTEST(jbd2_replay_csum_v2)
{
	jt_commit_replay(JBD2_FEATURE_INCOMPAT_REVOKE | JBD2_FEATURE_INCOMPAT_CSUM_V2, "jt2");
}

KTEST(jbd2_revoke)
{
	struct jt_dev *d = jt_make("jt3", JBD2_FEATURE_INCOMPAT_REVOKE | JBD2_FEATURE_INCOMPAT_CSUM_V3);
	u64 a = JT_HOME + 1, b = JT_HOME + 2, c = JT_HOME + 3, e = JT_HOME + 4;
	journal_t *j;
	bool rec;
	int err;
	char *snap;

	KT_ASSERT(d);
	j = jt_open(d, &rec, &err);
	KT_ASSERT_MSG(j, "load: %d", err);
	/* T1 logs a, b, c */
	KT_ASSERT_EQ(jt_txn(j, d, (u64[]){ a, b, c }, 3, 1), 0);
	KT_ASSERT_EQ(jbd2_journal_force_commit(j), 0);
	/* T2 revokes a and b (freed) */
	KT_ASSERT_EQ(jt_revoke(j, a), 0);
	KT_ASSERT_EQ(jt_revoke(j, b), 0);
	KT_ASSERT_EQ(jbd2_journal_force_commit(j), 0);
	/* T3 logs b again (reused as metadata): it must be replayed */
	KT_ASSERT_EQ(jt_txn(j, d, (u64[]){ b }, 1, 3), 0);
	/* and in the same transaction e is revoked then logged again: the
	 * revoke is cancelled */
	KT_ASSERT_EQ(jt_revoke(j, e), 0);
	KT_ASSERT_EQ(jt_txn(j, d, (u64[]){ e }, 1, 3), 0);
	KT_ASSERT_EQ(jbd2_journal_force_commit(j), 0);
	/* Pretend the fs wrote a's and b's new contents home as data meanwhile. */
	memset(d->mem + a * JT_BS, jt_pattern(a, 7), JT_BS);
	snap = jt_snapshot(d);
	KT_ASSERT(snap);
	jt_crash(d, j, snap);

	j = jt_open(d, &rec, &err);
	KT_ASSERT_MSG(j, "recovery: %d", err);
	KT_ASSERT(rec);
	KT_ASSERT(jt_home_is(d, a, 7));          /* T1's copy not replayed over it */
	KT_ASSERT(jt_home_is(d, b, 3));
	KT_ASSERT(jt_home_is(d, c, 1));
	KT_ASSERT(jt_home_is(d, e, 3));
	jbd2_journal_destroy(j);
	jt_free(d);
}

/* Log block number of the commit block of transaction tid in d's journal. */
static int jt_find_commit(struct jt_dev *d, u32 tid)
{
	for (int b = 1; b < JT_JLEN; b++) {
		struct jbd2_disk_header *h =
			(struct jbd2_disk_header *)(d->mem + (JT_JSTART + b) * JT_BS);

		if (jbd2_be32(h->h_magic) == JBD2_MAGIC_NUMBER &&
		    jbd2_be32(h->h_blocktype) == JBD2_COMMIT_BLOCK && jbd2_be32(h->h_sequence) == tid)
			return b;
	}
	return -1;
}

KTEST(jbd2_bad_commit_csum)
{
	struct jt_dev *d = jt_make("jt4", JBD2_FEATURE_INCOMPAT_REVOKE | JBD2_FEATURE_INCOMPAT_CSUM_V3);
	struct jbd2_disk_super *sb;
	journal_t *j;
	bool rec;
	int err, cb;
	char *snap;
	u32 tid0;

	KT_ASSERT(d);
	j = jt_open(d, &rec, &err);
	KT_ASSERT_MSG(j, "load: %d", err);
	sb = (struct jbd2_disk_super *)(d->mem + JT_JSTART * JT_BS);
	tid0 = jbd2_be32(sb->s_sequence);
	for (unsigned t = 1; t <= 3; t++) {
		KT_ASSERT_EQ(jt_txn(j, d, (u64[]){ JT_HOME + t }, 1, t), 0);
		KT_ASSERT_EQ(jbd2_journal_force_commit(j), 0);
	}
	snap = jt_snapshot(d);
	KT_ASSERT(snap);
	jt_crash(d, j, snap);
	cb = jt_find_commit(d, tid0 + 1);         /* the second transaction's */
	KT_ASSERT(cb > 0);
	d->mem[(JT_JSTART + cb) * JT_BS + 60] ^= 1;   /* in h_commit_nsec */

	j = jt_open(d, &rec, &err);
	KT_ASSERT_MSG(j, "recovery: %d", err);
	KT_ASSERT(rec);
	KT_ASSERT(jt_home_is(d, JT_HOME + 1, 1));
	KT_ASSERT(jt_home_is(d, JT_HOME + 2, 0));
	KT_ASSERT(jt_home_is(d, JT_HOME + 3, 0));
	jbd2_journal_destroy(j);
	jt_free(d);
}

KTEST(jbd2_bad_superblock)
{
	struct jt_dev *d = jt_make("jt5", JBD2_FEATURE_INCOMPAT_REVOKE | JBD2_FEATURE_INCOMPAT_CSUM_V3);
	struct jbd2_disk_super *sb;
	journal_t *j;
	bool rec;
	int err;

	KT_ASSERT(d);
	sb = (struct jbd2_disk_super *)(d->mem + JT_JSTART * JT_BS);
	/* an unknown incompat feature (fast commit) */
	sb->s_feature_incompat |= jbd2_be32(JBD2_FEATURE_INCOMPAT_FAST_COMMIT);
	jt_resign_sb(d);
	j = jt_open(d, &rec, &err);
	KT_ASSERT(!j);
	KT_ASSERT_EQ(err, -EINVAL);
	sb->s_feature_incompat &= ~jbd2_be32(JBD2_FEATURE_INCOMPAT_FAST_COMMIT);
	/* a wrong checksum */
	sb->s_max_transaction = jbd2_be32(5);
	j = jt_open(d, &rec, &err);
	KT_ASSERT(!j);
	KT_ASSERT_EQ(err, -EINVAL);
	jt_resign_sb(d);
	/* another block size */
	sb->s_blocksize = jbd2_be32(4096);
	jt_resign_sb(d);
	j = jt_open(d, &rec, &err);
	KT_ASSERT(!j);
	KT_ASSERT_EQ(err, -EINVAL);
	sb->s_blocksize = jbd2_be32(JT_BS);
	/* longer than the space it has */
	sb->s_maxlen = jbd2_be32(JT_JLEN + 1);
	jt_resign_sb(d);
	j = jt_open(d, &rec, &err);
	KT_ASSERT(!j);
	KT_ASSERT_EQ(err, -EINVAL);
	sb->s_maxlen = jbd2_be32(JT_JLEN);
	/* log start outside the log */
	sb->s_start = jbd2_be32(JT_JLEN + 5);
	jt_resign_sb(d);
	j = jt_open(d, &rec, &err);
	KT_ASSERT(!j);
	KT_ASSERT_EQ(err, -EINVAL);
	sb->s_start = 0;
	/* no magic */
	sb->s_header.h_magic = 0;
	j = jt_open(d, &rec, &err);
	KT_ASSERT(!j);
	KT_ASSERT_EQ(err, -EINVAL);
	sb->s_header.h_magic = jbd2_be32(JBD2_MAGIC_NUMBER);
	jt_resign_sb(d);
	/* repaired: loads */
	j = jt_open(d, &rec, &err);
	KT_ASSERT_MSG(j, "load: %d", err);
	/* a handle larger than a transaction may be */
	KT_ASSERT_EQ(PTR_ERR(jbd2_journal_start(j, JT_JLEN)), -ENOSPC);
	jbd2_journal_destroy(j);
	jt_free(d);
}

KTEST(jbd2_wrap_checkpoint)
{
	struct jt_dev *d = jt_make("jt6", JBD2_FEATURE_INCOMPAT_REVOKE | JBD2_FEATURE_INCOMPAT_CSUM_V3);
	journal_t *j;
	bool rec;
	int err;
	char *snap;
	u64 blocks[40];

	KT_ASSERT(d);
	j = jt_open(d, &rec, &err);
	KT_ASSERT_MSG(j, "load: %d", err);
	/* 300 transactions of up to 40 blocks: many times the log. */
	for (unsigned t = 1; t <= 300; t++) {
		int n = 1 + (t * 7) % 40;

		for (int i = 0; i < n; i++)
			blocks[i] = JT_HOME + ((t * 31 + i * 17) % 1500);
		KT_ASSERT_EQ(jt_txn(j, d, blocks, n, t), 0);
		if (t % 3 == 0)
			KT_ASSERT_EQ(jbd2_journal_force_commit(j), 0);
	}
	KT_ASSERT_EQ(jbd2_journal_force_commit(j), 0);
	snap = jt_snapshot(d);
	KT_ASSERT(snap);
	jt_crash(d, j, snap);
	j = jt_open(d, &rec, &err);
	KT_ASSERT_MSG(j, "recovery: %d", err);
	/* Every block holds the generation of the last transaction that
	 * wrote it. */
	for (u64 b = JT_HOME; b < JT_HOME + 1500; b++) {
		unsigned gen = 0;

		for (unsigned t = 1; t <= 300; t++) {
			int n = 1 + (t * 7) % 40;

			for (int i = 0; i < n; i++)
				if (JT_HOME + ((t * 31 + i * 17) % 1500) == b)
					gen = t;
		}
		KT_ASSERT_MSG(jt_home_is(d, b, gen), "block %llu gen %u", (unsigned long long)b, gen);
	}
	jbd2_journal_destroy(j);
	jt_free(d);
}

KTEST(jbd2_abort_on_eio)
{
	struct jt_dev *d = jt_make("jt7", JBD2_FEATURE_INCOMPAT_REVOKE);
	journal_t *j;
	handle_t *h;
	bool rec;
	int err;

	KT_ASSERT(d);
	j = jt_open(d, &rec, &err);
	KT_ASSERT_MSG(j, "load: %d", err);
	KT_ASSERT_EQ(jt_txn(j, d, (u64[]){ JT_HOME + 1 }, 1, 1), 0);
	d->fail_writes = true;
	KT_ASSERT_EQ(jbd2_journal_force_commit(j), -EIO);
	KT_ASSERT_EQ(jbd2_journal_errno(j), -EIO);
	h = jbd2_journal_start(j, 1);
	KT_ASSERT_EQ(PTR_ERR(h), -EROFS);
	KT_ASSERT(jt_home_is(d, JT_HOME + 1, 0));
	KT_ASSERT_EQ(jbd2_journal_destroy(j), -EIO);
	d->fail_writes = false;
	invalidate_bdev(&d->bdev);
	jt_free(d);
}

/* Handles from several threads while the commit thread and forced
 * commits run. */
struct jt_worker {
	journal_t *j;
	struct jt_dev *d;
	int id, err;
};

static int jt_worker_fn(void *arg)
{
	struct jt_worker *w = arg;

	for (unsigned t = 1; t <= 60 && !w->err; t++) {
		u64 blocks[3] = { JT_HOME + w->id * 100 + t % 50, JT_HOME + w->id * 100 + 50 + t % 7,
				  JT_HOME + 1000 + t % 5 };

		/* the shared blocks get the worker's generation pattern
		 * only in the private blocks' check below */
		w->err = jt_txn(w->j, w->d, blocks, 2, t);
		if (!w->err && t % 10 == 0)
			w->err = jbd2_journal_force_commit(w->j);
	}
	return 0;
}

KTEST(jbd2_concurrent_handles)
{
	struct jt_dev *d = jt_make("jt8", JBD2_FEATURE_INCOMPAT_REVOKE | JBD2_FEATURE_INCOMPAT_CSUM_V3);
	struct jt_worker w[3];
	struct task *tk[3];
	journal_t *j;
	bool rec;
	int err;
	char *snap;

	KT_ASSERT(d);
	j = jt_open(d, &rec, &err);
	KT_ASSERT_MSG(j, "load: %d", err);
	for (int i = 0; i < 3; i++) {
		w[i] = (struct jt_worker){ j, d, i, 0 };
		tk[i] = kthread_run(jt_worker_fn, &w[i], "jt_worker");
		KT_ASSERT(tk[i]);
	}
	for (int i = 0; i < 3; i++)
		kthread_join(tk[i]);
	for (int i = 0; i < 3; i++)
		KT_ASSERT_EQ(w[i].err, 0);
	KT_ASSERT_EQ(jbd2_journal_force_commit(j), 0);
	snap = jt_snapshot(d);
	KT_ASSERT(snap);
	jt_crash(d, j, snap);
	j = jt_open(d, &rec, &err);
	KT_ASSERT_MSG(j, "recovery: %d", err);
	for (int i = 0; i < 3; i++)
		for (unsigned t = 11; t <= 60; t++)     /* the last write of each private block */
			if (t + 50 > 60)
				KT_ASSERT_MSG(jt_home_is(d, JT_HOME + i * 100 + t % 50, t),
					      "worker %d block %u", i, t % 50);
	jbd2_journal_destroy(j);
	jt_free(d);
}
