/*
 * jbd2 commit and checkpoint.
 *
 * A commit raises j_barrier (new handles wait), waits for the running
 * handles to stop, calls the file system's pre_commit hook (data=ordered),
 * then writes the transaction to the log as Linux does: descriptor blocks
 * whose tags name the home blocks (escaping copies that start with the
 * journal magic), the copies, revoke blocks, and after all of those are on
 * the device the commit block, between cache flushes and with FUA. Only
 * then are the buffers marked dirty for write-back to their homes and released.
 *
 * Checkpointing is whole-log: right after a commit, when less than half
 * the log is free (or on flush), sync_blockdev writes every committed
 * buffer home, the device cache is flushed and the superblock records an
 * empty log. At that moment no transaction holds buffers (the barrier is
 * still up), so no committed change is only in the log.
 */
#include <kernel/clock.h>
#include <kernel/crc32c.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <string.h>
#include "internal.h"

/* Asynchronous writes of one commit's log blocks. */
struct jbd2_log_io {
	journal_t *j;
	int pending;                    /* bios in flight + 1 while submitting (atomic) */
	int err;                        /* first error (atomic) */
	struct completion done;
	struct bio **bios;              /* to put once all completed */
	unsigned nr_bios, max_bios;
	void **bufs;                    /* kmalloc'd blocks to free afterwards */
	unsigned nr_bufs;
};

static void jbd2_log_end_io(struct bio *bio)
{
	struct jbd2_log_io *io = bio->bi_private;
	int zero = 0;

	if (bio->bi_status)
		__atomic_compare_exchange_n(&io->err, &zero, bio->bi_status, false,
					    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
	if (__atomic_sub_fetch(&io->pending, 1, __ATOMIC_ACQ_REL) == 0)
		complete(&io->done);
}

/* Start writing buf (j_blocksize bytes) to log block lblk. */
static int jbd2_log_submit(struct jbd2_log_io *io, u32 lblk, void *buf, unsigned extra)
{
	journal_t *j = io->j;
	struct bio *bio;
	u64 pblk;
	int err;

	if (lblk >= j->j_nr_blocks)
		return -EIO;
	err = j->j_hooks.bmap(j->j_hooks.fs, lblk, &pblk);
	if (err)
		return err < 0 ? err : -EIO;
	if (io->nr_bios >= io->max_bios)
		return -EIO;                    /* the size estimate was wrong */
	bio = bio_alloc(j->j_dev, 2, REQ_OP_WRITE | REQ_SYNC | REQ_META | extra, GFP_KERNEL);
	if (!bio)
		return -ENOMEM;
	bio->bi_sector = pblk * (j->j_blocksize >> SECTOR_SHIFT);
	if (!bio_add_kbuf(bio, buf, j->j_blocksize)) {
		bio_put(bio);
		return -EIO;
	}
	bio->bi_end_io = jbd2_log_end_io;
	bio->bi_private = io;
	io->bios[io->nr_bios++] = bio;
	__atomic_add_fetch(&io->pending, 1, __ATOMIC_ACQ_REL);
	submit_bio(bio);
	return 0;
}

/* Wait for everything submitted; 0 or the first error. */
static int jbd2_log_wait(struct jbd2_log_io *io)
{
	if (__atomic_sub_fetch(&io->pending, 1, __ATOMIC_ACQ_REL) != 0)
		wait_for_completion(&io->done);
	for (unsigned i = 0; i < io->nr_bios; i++)
		bio_put(io->bios[i]);
	io->nr_bios = 0;
	__atomic_store_n(&io->pending, 1, __ATOMIC_RELEASE);
	reinit_completion(&io->done);
	return __atomic_load_n(&io->err, __ATOMIC_ACQUIRE);
}

static void *jbd2_log_buf(struct jbd2_log_io *io)
{
	void *b = kzalloc(io->j->j_blocksize, GFP_KERNEL);

	if (b)
		io->bufs[io->nr_bufs++] = b;
	return b;
}

static void jbd2_block_tail_csum(journal_t *j, void *block)
{
	u32 *tail = (u32 *)((char *)block + j->j_blocksize - JBD2_TAIL_SIZE);

	if (!jbd2_has_csum(j))
		return;
	*tail = 0;
	*tail = jbd2_be32(crc32c_le(j->j_csum_seed, block, j->j_blocksize));
}

static void jbd2_header(void *block, u32 type, u32 tid)
{
	struct jbd2_disk_header *h = block;

	h->h_magic = jbd2_be32(JBD2_MAGIC_NUMBER);
	h->h_blocktype = jbd2_be32(type);
	h->h_sequence = jbd2_be32(tid);
}

static unsigned jbd2_tags_per_desc(journal_t *j)
{
	unsigned space = j->j_blocksize - sizeof(struct jbd2_disk_header) -
			 (jbd2_has_csum(j) ? JBD2_TAIL_SIZE : 0) - 16;

	return space / j->j_tag_bytes;
}

/* Fill one tag (Linux's journal_block_tag_t or tag3 layout). */
static void jbd2_put_tag(journal_t *j, char *p, u64 blocknr, u32 flags, u32 csum)
{
	u32 *w = (u32 *)p;

	w[0] = jbd2_be32((u32)blocknr);
	if (j->j_incompat & JBD2_FEATURE_INCOMPAT_CSUM_V3) {
		w[1] = jbd2_be32(flags);
		w[3] = jbd2_be32(csum);
		if (j->j_incompat & JBD2_FEATURE_INCOMPAT_64BIT)
			w[2] = jbd2_be32((u32)(blocknr >> 32));
		return;
	}
	*(u16 *)(p + 4) = jbd2_be16((u16)csum);
	*(u16 *)(p + 6) = jbd2_be16((u16)flags);
	if (j->j_incompat & JBD2_FEATURE_INCOMPAT_64BIT)
		w[2] = jbd2_be32((u32)(blocknr >> 32));
}

/* Write t (no handle runs in it) to the log and commit it. Commit mutex
 * held. 0 or -errno (the caller aborts). */
static int jbd2_write_transaction(journal_t *j, struct jbd2_transaction *t)
{
	unsigned per_desc = jbd2_tags_per_desc(j);
	unsigned per_revoke = jbd2_revoke_per_block(j);
	unsigned nbuf = t->t_nr_buffers, nrev = t->t_revoke.count;
	unsigned need = nbuf + (nbuf + per_desc - 1) / per_desc +
			(nrev + per_revoke - 1) / per_revoke + 1;
	u32 tid = j->j_next_tid, be_tid = jbd2_be32(tid);
	bool big = j->j_incompat & JBD2_FEATURE_INCOMPAT_64BIT;
	unsigned rsize = big ? 8 : 4;
	unsigned limit = j->j_blocksize - (jbd2_has_csum(j) ? JBD2_TAIL_SIZE : 0);
	struct jbd2_log_io io = { .j = j, .pending = 1 };
	struct journal_head *jh;
	char *desc = NULL, *last_tag = NULL, *rb = NULL;
	unsigned ntags = 0, off = 0;
	u32 blk = j->j_head, desc_blk = 0;
	struct jbd2_disk_commit *cb;
	u64 now;
	int err = 0;

	if (j->j_hooks.pre_commit) {
		err = j->j_hooks.pre_commit(j->j_hooks.fs);
		if (err) {
			pr_err("jbd2: writing ordered data before commit %u failed (error %d)\n",
			       tid, err);
			return err;
		}
	}
	if (need > jbd2_log_free(j)) {
		pr_err("jbd2: transaction %u needs %u log blocks, only %u free\n",
		       tid, need, jbd2_log_free(j));
		return -ENOSPC;
	}
	init_completion(&io.done);
	io.max_bios = need;
	io.bios = kmalloc(sizeof(*io.bios) * need, GFP_KERNEL);
	io.bufs = kmalloc(sizeof(*io.bufs) * need, GFP_KERNEL);
	if (!io.bios || !io.bufs) {
		err = -ENOMEM;
		goto out;
	}

	/* The first transaction after an empty log: the superblock must
	 * point at it before it can matter. */
	if (!j->j_tail) {
		err = jbd2_write_sb(j, j->j_head, tid);
		if (err)
			goto out;
		j->j_tail = j->j_head;
		j->j_tail_tid = tid;
	}

	list_for_each_entry(jh, &t->t_buffers, jh_list) {
		struct buffer_head *bh = jh->jh_bh;
		char *src = bh->b_data;
		u32 flags = 0, csum = 0;

		if (!jh->jh_logged)
			continue;
		if (!big && (bh->b_blocknr >> 32)) {
			pr_err("jbd2: block %llu needs the 64bit journal feature\n",
			       (unsigned long long)bh->b_blocknr);
			err = -EINVAL;
			goto wait;
		}
		if (!desc) {
			desc = jbd2_log_buf(&io);
			if (!desc) {
				err = -ENOMEM;
				goto wait;
			}
			jbd2_header(desc, JBD2_DESCRIPTOR_BLOCK, tid);
			desc_blk = blk;
			blk = jbd2_log_next(j, blk);
			off = sizeof(struct jbd2_disk_header);
			ntags = 0;
		}
		if (*(u32 *)src == jbd2_be32(JBD2_MAGIC_NUMBER)) {
			/* Would look like a journal block at replay. */
			char *copy = jbd2_log_buf(&io);

			if (!copy) {
				err = -ENOMEM;
				goto wait;
			}
			memcpy(copy, src, j->j_blocksize);
			*(u32 *)copy = 0;
			src = copy;
			flags |= JBD2_FLAG_ESCAPE;
		}
		if (jbd2_has_csum(j)) {
			csum = crc32c_le(j->j_csum_seed, &be_tid, sizeof(be_tid));
			csum = crc32c_le(csum, src, j->j_blocksize);
		}
		if (ntags)
			flags |= JBD2_FLAG_SAME_UUID;
		last_tag = desc + off;
		jbd2_put_tag(j, last_tag, bh->b_blocknr, flags, csum);
		off += j->j_tag_bytes;
		if (!ntags) {
			memcpy(desc + off, j->j_sb->s_uuid, 16);
			off += 16;
		}
		ntags++;
		err = jbd2_log_submit(&io, blk, src, 0);
		if (err)
			goto wait;
		blk = jbd2_log_next(j, blk);
		if (ntags == per_desc || (jh->jh_list.next == &t->t_buffers) || off + j->j_tag_bytes > limit) {
			/* Close this descriptor (also at the last buffer;
			 * unlogged buffers after it do not matter). */
			u32 *fl = (u32 *)(last_tag + 4);

			if (j->j_incompat & JBD2_FEATURE_INCOMPAT_CSUM_V3)
				*fl |= jbd2_be32(JBD2_FLAG_LAST_TAG);
			else
				*(u16 *)(last_tag + 6) |= jbd2_be16(JBD2_FLAG_LAST_TAG);
			jbd2_block_tail_csum(j, desc);
			err = jbd2_log_submit(&io, desc_blk, desc, 0);
			desc = NULL;
			if (err)
				goto wait;
		}
	}
	if (desc) {
		/* The last logged buffer was followed by unlogged ones. */
		if (j->j_incompat & JBD2_FEATURE_INCOMPAT_CSUM_V3)
			*(u32 *)(last_tag + 4) |= jbd2_be32(JBD2_FLAG_LAST_TAG);
		else
			*(u16 *)(last_tag + 6) |= jbd2_be16(JBD2_FLAG_LAST_TAG);
		jbd2_block_tail_csum(j, desc);
		err = jbd2_log_submit(&io, desc_blk, desc, 0);
		desc = NULL;
		if (err)
			goto wait;
	}

	for (unsigned b = 0; b < JBD2_REVOKE_HASH; b++) {
		struct jbd2_revoke_record *r;

		list_for_each_entry(r, &t->t_revoke.buckets[b], list) {
			if (!rb) {
				rb = jbd2_log_buf(&io);
				if (!rb) {
					err = -ENOMEM;
					goto wait;
				}
				jbd2_header(rb, JBD2_REVOKE_BLOCK, tid);
				off = sizeof(struct jbd2_disk_revoke_header);
			}
			if (big)
				*(u64 *)(rb + off) = jbd2_be64(r->blocknr);
			else
				*(u32 *)(rb + off) = jbd2_be32((u32)r->blocknr);
			off += rsize;
			if (off + rsize > limit) {
				((struct jbd2_disk_revoke_header *)rb)->r_count = jbd2_be32(off);
				jbd2_block_tail_csum(j, rb);
				err = jbd2_log_submit(&io, blk, rb, 0);
				blk = jbd2_log_next(j, blk);
				rb = NULL;
				if (err)
					goto wait;
			}
		}
	}
	if (rb) {
		((struct jbd2_disk_revoke_header *)rb)->r_count = jbd2_be32(off);
		jbd2_block_tail_csum(j, rb);
		err = jbd2_log_submit(&io, blk, rb, 0);
		blk = jbd2_log_next(j, blk);
		if (err)
			goto wait;
	}

wait:
	{
		int ioerr = jbd2_log_wait(&io);

		if (!err)
			err = ioerr;
	}
	if (err)
		goto out;

	/* Everything above is on the device; now the commit block, durable
	 * itself and ordered after the rest by the preflush. */
	cb = jbd2_log_buf(&io);
	if (!cb) {
		err = -ENOMEM;
		goto out;
	}
	jbd2_header(cb, JBD2_COMMIT_BLOCK, tid);
	now = ktime_get_real_ns();
	cb->h_commit_sec = jbd2_be64(now / 1000000000ULL);
	cb->h_commit_nsec = jbd2_be32((u32)(now % 1000000000ULL));
	if (jbd2_has_csum(j))
		cb->h_chksum[0] = jbd2_be32(crc32c_le(j->j_csum_seed, cb, j->j_blocksize));
	/* Flush, FUA, flush: drivers may ignore REQ_PREFLUSH and REQ_FUA,
	 * explicit flushes they do not. */
	err = blkdev_issue_flush(j->j_dev);
	if (err)
		goto out;
	err = jbd2_log_submit(&io, blk, cb, REQ_FUA);
	if (!err)
		err = jbd2_log_wait(&io);
	else
		jbd2_log_wait(&io);
	if (!err)
		err = blkdev_issue_flush(j->j_dev);
	if (err)
		goto out;
	blk = jbd2_log_next(j, blk);
	j->j_head = blk;
	j->j_next_tid = tid + 1;
out:
	if (io.bufs)
		for (unsigned i = 0; i < io.nr_bufs; i++)
			kfree(io.bufs[i]);
	kfree(io.bufs);
	kfree(io.bios);
	return err;
}

/* Write everything committed home and empty the log. Commit mutex held,
 * barrier up, no transaction holding buffers. */
int jbd2_checkpoint(journal_t *j)
{
	int err;

	if (!j->j_tail)
		return 0;
	err = sync_blockdev(j->j_dev);          /* flushes the cache too */
	if (err)
		return err;
	err = jbd2_write_sb(j, 0, j->j_next_tid);
	if (err)
		return err;
	j->j_tail = 0;
	j->j_tail_tid = j->j_next_tid;
	j->j_head = j->j_first;
	return 0;
}

int jbd2_commit(journal_t *j, bool checkpoint)
{
	struct jbd2_transaction *t;
	int err = 0;

	mutex_lock(&j->j_commit_mutex);
	if (j->j_err) {
		mutex_unlock(&j->j_commit_mutex);
		return -EIO;
	}
	mutex_lock(&j->j_state_lock);
	t = j->j_running;
	if (!t && !(checkpoint && j->j_tail)) {
		mutex_unlock(&j->j_state_lock);
		mutex_unlock(&j->j_commit_mutex);
		return 0;
	}
	j->j_barrier = true;
	mutex_unlock(&j->j_state_lock);

	if (t) {
		wait_event(&j->j_wait, __atomic_load_n(&t->t_updates, __ATOMIC_ACQUIRE) == 0);
		if (t->t_nr_buffers || t->t_revoke.count)
			err = jbd2_write_transaction(j, t);
		/* Released whatever happened: on error nothing goes home,
		 * the journal aborts and the next mount replays the log. */
		jbd2_release_buffers(j, t, !err);
		jbd2_revoke_clear(&t->t_revoke);
		mutex_lock(&j->j_state_lock);
		j->j_running = NULL;
		mutex_unlock(&j->j_state_lock);
		kfree(t);
	}
	if (!err && j->j_tail &&
	    (checkpoint || jbd2_log_free(j) < (j->j_last - j->j_first) / 2))
		err = jbd2_checkpoint(j);

	mutex_lock(&j->j_state_lock);
	if (err)
		jbd2_abort_locked(j, err == -ENOSPC || err == -ENOMEM ? err : -EIO);
	j->j_barrier = false;
	wake_up_all(&j->j_wait);
	mutex_unlock(&j->j_state_lock);
	mutex_unlock(&j->j_commit_mutex);
	return err;
}

int jbd2_journal_force_commit(journal_t *j)
{
	int err;

	if (j->j_err)
		return -EIO;
	err = jbd2_commit(j, false);
	return j->j_err ? -EIO : err;
}

int jbd2_journal_flush(journal_t *j)
{
	int err;

	if (j->j_err)
		return -EIO;
	if (!j->j_thread)
		return 0;
	err = jbd2_commit(j, true);
	return j->j_err ? -EIO : err;
}
