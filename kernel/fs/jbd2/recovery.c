/*
 * jbd2 recovery, Linux's three passes over the log from s_start/s_sequence:
 *   SCAN    find the end: the first transaction whose blocks do not carry
 *           its sequence number, or whose descriptor, revoke or commit
 *           block fails its checksum (crc32c for csum v2/v3, the v1
 *           crc32 of the whole transaction), is where the log ends;
 *   REVOKE  collect every revoked block with the newest tid revoking it;
 *   REPLAY  write each logged block home (unescaped) unless a transaction
 *           at or after the one that logged it revoked it.
 * Home blocks are written through the buffer cache (so a mounted file
 * system sees them), then synced; the caller empties the log.
 */
#include <kernel/crc32c.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <string.h>
#include "internal.h"

enum { PASS_SCAN, PASS_REVOKE, PASS_REPLAY };

struct jbd2_recovery {
	u32 start_tid, end_tid;         /* transactions [start, end) are complete */
	u32 crc32_sum;                  /* v1 checksum of the transaction being scanned */
	struct jbd2_revoke_table revoked;
	unsigned nr_replayed, nr_revoked;
	int err;                        /* a data block failed its checksum or write */
};

static bool jbd2_tail_csum_ok(journal_t *j, void *block)
{
	u32 *tail = (u32 *)((char *)block + j->j_blocksize - JBD2_TAIL_SIZE);
	u32 saved = *tail, csum;

	if (!jbd2_has_csum(j))
		return true;
	*tail = 0;
	csum = crc32c_le(j->j_csum_seed, block, j->j_blocksize);
	*tail = saved;
	return jbd2_be32(saved) == csum;
}

static bool jbd2_commit_csum_ok(journal_t *j, void *block)
{
	struct jbd2_disk_commit *c = block;
	u32 saved = c->h_chksum[0], csum;

	if (!jbd2_has_csum(j))
		return true;
	c->h_chksum[0] = 0;
	csum = crc32c_le(j->j_csum_seed, block, j->j_blocksize);
	c->h_chksum[0] = saved;
	return jbd2_be32(saved) == csum;
}

/* Checksum v1 (COMPAT_CHECKSUM): big-endian CRC-32 (polynomial 0x04c11db7,
 * no inversion) from ~0 over a transaction's descriptor and data blocks,
 * kept in its commit block. Only checked at recovery: we never write it. */
static u32 crc32_be_table[256];
static bool crc32_be_ready;

static u32 jbd2_crc32_be(u32 crc, const void *buf, size_t len)
{
	const u8 *p = buf;

	if (!__atomic_load_n(&crc32_be_ready, __ATOMIC_ACQUIRE)) {
		/* Two recoveries may both fill it: with the same values. */
		for (u32 i = 0; i < 256; i++) {
			u32 c = i << 24;

			for (int k = 0; k < 8; k++)
				c = (c & 0x80000000U) ? (c << 1) ^ 0x04c11db7U : c << 1;
			crc32_be_table[i] = c;
		}
		__atomic_store_n(&crc32_be_ready, true, __ATOMIC_RELEASE);
	}
	while (len--)
		crc = (crc << 8) ^ crc32_be_table[((crc >> 24) ^ *p++) & 0xff];
	return crc;
}

static bool jbd2_has_csum_v1(journal_t *j)
{
	return !jbd2_has_csum(j) &&
	       (jbd2_be32(j->j_sb->s_feature_compat) & JBD2_FEATURE_COMPAT_CHECKSUM) &&
	       jbd2_be32(j->j_sb->s_header.h_blocktype) == JBD2_SUPERBLOCK_V2;
}

/* As Linux: a commit block is good with a matching crc32 or with no
 * checksum at all. */
static bool jbd2_commit_csum_v1_ok(const void *block, u32 sum)
{
	const struct jbd2_disk_commit *c = block;
	u32 found = jbd2_be32(c->h_chksum[0]);

	return (found == sum && c->h_chksum_type == 1 && c->h_chksum_size == 4) ||
	       (c->h_chksum_type == 0 && c->h_chksum_size == 0 && found == 0);
}

struct jbd2_tag {
	u64 blocknr;
	u32 flags;
	u32 csum;
};

/* Parse the tag at p; returns the bytes it takes (with its UUID). */
static unsigned jbd2_get_tag(journal_t *j, const char *p, struct jbd2_tag *tag)
{
	const u32 *w = (const u32 *)p;

	tag->blocknr = jbd2_be32(w[0]);
	if (j->j_incompat & JBD2_FEATURE_INCOMPAT_CSUM_V3) {
		tag->flags = jbd2_be32(w[1]);
		tag->csum = jbd2_be32(w[3]);
	} else {
		tag->csum = jbd2_be16(*(const u16 *)(p + 4));
		tag->flags = jbd2_be16(*(const u16 *)(p + 6));
	}
	if (j->j_incompat & JBD2_FEATURE_INCOMPAT_64BIT)
		tag->blocknr |= (u64)jbd2_be32(w[2]) << 32;
	return j->j_tag_bytes + ((tag->flags & JBD2_FLAG_SAME_UUID) ? 0 : 16);
}

/* Calls fn for each tag of a descriptor; returns the number of tags. */
static unsigned jbd2_count_tags(journal_t *j, const char *desc)
{
	unsigned off = sizeof(struct jbd2_disk_header), n = 0;
	unsigned limit = j->j_blocksize - (jbd2_has_csum(j) ? JBD2_TAIL_SIZE : 0);
	struct jbd2_tag tag;

	while (off + j->j_tag_bytes <= limit) {
		off += jbd2_get_tag(j, desc + off, &tag);
		n++;
		if (tag.flags & JBD2_FLAG_LAST_TAG)
			break;
	}
	return n;
}

static bool jbd2_data_csum_ok(journal_t *j, const struct jbd2_tag *tag, const void *data, u32 tid)
{
	u32 be_tid = jbd2_be32(tid), csum;

	if (!jbd2_has_csum(j))
		return true;
	csum = crc32c_le(j->j_csum_seed, &be_tid, sizeof(be_tid));
	csum = crc32c_le(csum, data, j->j_blocksize);
	if (j->j_incompat & JBD2_FEATURE_INCOMPAT_CSUM_V3)
		return csum == tag->csum;
	return (csum & 0xffff) == tag->csum;
}

/* Write one logged block home. */
static int jbd2_replay_block(journal_t *j, u64 blocknr, const char *data, bool escaped)
{
	struct buffer_head *bh;

	if (blocknr >= bdev_nr_bytes(j->j_dev) / j->j_blocksize)
		return -EIO;
	bh = getblk(j->j_dev, blocknr);
	if (IS_ERR(bh))
		return PTR_ERR(bh);
	lock_buffer(bh);
	memcpy(bh->b_data, data, j->j_blocksize);
	if (escaped)
		*(u32 *)bh->b_data = jbd2_be32(JBD2_MAGIC_NUMBER);
	set_buffer_uptodate(bh);
	unlock_buffer(bh);
	mark_buffer_dirty(bh);
	brelse(bh);
	return 0;
}

static int jbd2_revoke_records(journal_t *j, struct jbd2_recovery *info, const char *block, u32 tid)
{
	bool big = j->j_incompat & JBD2_FEATURE_INCOMPAT_64BIT;
	unsigned rsize = big ? 8 : 4;
	unsigned limit = j->j_blocksize - (jbd2_has_csum(j) ? JBD2_TAIL_SIZE : 0);
	unsigned count = jbd2_be32(((const struct jbd2_disk_revoke_header *)block)->r_count);
	int err;

	if (count > limit)
		return -EINVAL;
	for (unsigned off = sizeof(struct jbd2_disk_revoke_header); off + rsize <= count; off += rsize) {
		u64 nr = big ? jbd2_be64(*(const u64 *)(block + off))
			     : jbd2_be32(*(const u32 *)(block + off));

		err = jbd2_revoke_add(&info->revoked, nr, tid);
		if (err)
			return err;
		info->nr_revoked++;
	}
	return 0;
}

static int jbd2_do_pass(journal_t *j, struct jbd2_recovery *info, int pass, char *buf, char *data)
{
	u32 tid = info->start_tid;
	u32 blk = jbd2_be32(j->j_sb->s_start);
	u32 log_size = j->j_last - j->j_first;
	u32 seen = 0;
	int err;

	for (;;) {
		struct jbd2_disk_header *h = (struct jbd2_disk_header *)buf;
		u32 type;

		if (pass != PASS_SCAN && !jbd2_tid_gt(info->end_tid, tid))
			break;
		if (++seen > log_size)
			break;                  /* went round the whole log */
		err = jbd2_read_block(j, blk, buf);
		if (err) {
			pr_err("jbd2: cannot read log block %u during recovery (error %d)\n", blk, err);
			return -EIO;
		}
		blk = jbd2_log_next(j, blk);
		if (jbd2_be32(h->h_magic) != JBD2_MAGIC_NUMBER || jbd2_be32(h->h_sequence) != tid)
			break;
		type = jbd2_be32(h->h_blocktype);
		if (type == JBD2_DESCRIPTOR_BLOCK) {
			unsigned off = sizeof(*h), limit, n;
			struct jbd2_tag tag;

			if (!jbd2_tail_csum_ok(j, buf)) {
				if (pass == PASS_SCAN) {
					pr_warn("jbd2: descriptor block of transaction %u fails its checksum: log ends there\n",
						tid);
					break;
				}
				return -EIO;
			}
			if (pass != PASS_REPLAY) {
				bool v1 = pass == PASS_SCAN && jbd2_has_csum_v1(j);

				if (v1)
					info->crc32_sum = jbd2_crc32_be(info->crc32_sum, buf, j->j_blocksize);
				n = jbd2_count_tags(j, buf);
				seen += n;
				while (n--) {
					if (v1) {
						err = jbd2_read_block(j, blk, data);
						if (err) {
							pr_err("jbd2: cannot read log block %u during recovery (error %d)\n",
							       blk, err);
							return -EIO;
						}
						info->crc32_sum = jbd2_crc32_be(info->crc32_sum, data,
										j->j_blocksize);
					}
					blk = jbd2_log_next(j, blk);
				}
				continue;
			}
			limit = j->j_blocksize - (jbd2_has_csum(j) ? JBD2_TAIL_SIZE : 0);
			while (off + j->j_tag_bytes <= limit) {
				struct jbd2_revoke_record *r;

				off += jbd2_get_tag(j, buf + off, &tag);
				err = jbd2_read_block(j, blk, data);
				blk = jbd2_log_next(j, blk);
				seen++;
				if (err) {
					pr_err("jbd2: cannot read log block during recovery (error %d)\n", err);
					info->err = -EIO;
				} else if ((r = jbd2_revoke_find(&info->revoked, tag.blocknr)) &&
					   jbd2_tid_geq(r->tid, tid)) {
					/* Freed by this or a later transaction. */
				} else if (!jbd2_data_csum_ok(j, &tag, data, tid)) {
					pr_err("jbd2: logged copy of block %llu in transaction %u fails its checksum, not replayed\n",
					       (unsigned long long)tag.blocknr, tid);
					info->err = -EIO;
				} else if (jbd2_replay_block(j, tag.blocknr, data,
							     tag.flags & JBD2_FLAG_ESCAPE)) {
					pr_err("jbd2: cannot replay block %llu\n",
					       (unsigned long long)tag.blocknr);
					info->err = -EIO;
				} else {
					info->nr_replayed++;
				}
				if (tag.flags & JBD2_FLAG_LAST_TAG)
					break;
			}
			continue;
		}
		if (type == JBD2_COMMIT_BLOCK) {
			if (pass == PASS_SCAN && !jbd2_commit_csum_ok(j, buf)) {
				pr_warn("jbd2: commit block of transaction %u fails its checksum: log ends there\n",
					tid);
				break;
			}
			if (pass == PASS_SCAN && jbd2_has_csum_v1(j)) {
				if (!jbd2_commit_csum_v1_ok(buf, info->crc32_sum)) {
					pr_warn("jbd2: transaction %u fails its crc32 checksum: log ends there\n",
						tid);
					break;
				}
				info->crc32_sum = ~0U;
			}
			tid++;
			continue;
		}
		if (type == JBD2_REVOKE_BLOCK) {
			if (!jbd2_tail_csum_ok(j, buf)) {
				if (pass == PASS_SCAN) {
					pr_warn("jbd2: revoke block of transaction %u fails its checksum: log ends there\n",
						tid);
					break;
				}
				return -EIO;
			}
			if (pass == PASS_REVOKE) {
				err = jbd2_revoke_records(j, info, buf, tid);
				if (err) {
					pr_err("jbd2: bad revoke block in transaction %u\n", tid);
					return err == -ENOMEM ? err : -EIO;
				}
			}
			continue;
		}
		/* Anything else (a fast-commit block, garbage with the magic)
		 * ends the log. */
		break;
	}
	if (pass == PASS_SCAN)
		info->end_tid = tid;
	return 0;
}

int jbd2_recover(journal_t *j)
{
	struct jbd2_recovery info = { .start_tid = jbd2_be32(j->j_sb->s_sequence),
				      .crc32_sum = ~0U };
	char *buf = kmalloc(j->j_blocksize, GFP_KERNEL);
	char *data = kmalloc(j->j_blocksize, GFP_KERNEL);
	int err;

	jbd2_revoke_init(&info.revoked);
	if (!buf || !data) {
		err = -ENOMEM;
		goto out;
	}
	err = jbd2_do_pass(j, &info, PASS_SCAN, buf, data);
	if (!err)
		err = jbd2_do_pass(j, &info, PASS_REVOKE, buf, data);
	if (!err)
		err = jbd2_do_pass(j, &info, PASS_REPLAY, buf, data);
	if (!err)
		err = info.err;
	if (!err) {
		err = sync_blockdev(j->j_dev);
		if (!err)
			err = blkdev_issue_flush(j->j_dev);
		if (err)
			pr_err("jbd2: writing replayed blocks failed (error %d)\n", err);
	}
	pr_info("jbd2: recovery on %s: transactions %u-%u, %u blocks replayed, %u revoked%s\n",
		j->j_dev->bd_name, info.start_tid, info.end_tid - 1, info.nr_replayed,
		info.nr_revoked, err ? ", FAILED" : "");
	/* As Linux: skip one tid after the end, in case a transaction with
	 * the end's tid was partly written. */
	j->j_next_tid = info.end_tid + 1;
out:
	jbd2_revoke_clear(&info.revoked);
	kfree(buf);
	kfree(data);
	return err ? (err == -ENOMEM ? err : -EIO) : 0;
}
