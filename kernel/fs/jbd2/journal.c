/*
 * jbd2 journal: setting a journal up over a device, its superblock
 * (reading, checking, writing with checksums), loading (with recovery),
 * the commit thread, abort and teardown. Handles live in transaction.c,
 * commits and checkpoints in commit.c, replay in recovery.c.
 */
#include <kernel/clock.h>
#include <kernel/crc32c.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <string.h>
#include "internal.h"

#define JBD2_COMMIT_INTERVAL_NS (5ULL * 1000000000ULL)

journal_t *jbd2_journal_init(struct block_device *bdev, u64 nr_blocks,
			     const struct jbd2_fs_hooks *hooks)
{
	journal_t *j;

	if (!bdev || !hooks || !hooks->bmap || !bdev->bd_block_size)
		return ERR_PTR(-EINVAL);
	j = kzalloc(sizeof(*j), GFP_KERNEL);
	if (!j)
		return ERR_PTR(-ENOMEM);
	j->j_dev = bdev;
	j->j_nr_blocks = nr_blocks;
	j->j_hooks = *hooks;
	j->j_blocksize = bdev->bd_block_size;
	mutex_init(&j->j_state_lock, "jbd2_state");
	mutex_init(&j->j_commit_mutex, "jbd2_commit");
	init_waitqueue_head(&j->j_wait);
	init_waitqueue_head(&j->j_wait_commit);
	return j;
}

static int jbd2_bmap(journal_t *j, u32 lblk, u64 *pblk)
{
	int err;

	if (lblk >= j->j_nr_blocks)
		return -EIO;
	err = j->j_hooks.bmap(j->j_hooks.fs, lblk, pblk);
	if (err)
		return err < 0 ? err : -EIO;
	return 0;
}

/* Read journal block lblk into buf (j_blocksize bytes, kmalloc'd) without
 * going through the buffer cache: log blocks are read once at recovery. */
int jbd2_read_block(journal_t *j, u32 lblk, void *buf)
{
	u64 pblk;
	int err = jbd2_bmap(j, lblk, &pblk);

	if (err)
		return err;
	return blkdev_rw_kbuf(j->j_dev, REQ_OP_READ, pblk * (j->j_blocksize >> SECTOR_SHIFT),
			      buf, j->j_blocksize);
}

static u32 jbd2_sb_csum(struct jbd2_disk_super *sb)
{
	u32 saved = sb->s_checksum, csum;

	sb->s_checksum = 0;
	csum = crc32c_le(~0U, sb, sizeof(*sb));
	sb->s_checksum = saved;
	return csum;
}

/* Write the superblock with the log's start and first tid, durably: a
 * flush first so that everything it points at is on the media, FUA and a
 * flush after (drivers may ignore FUA) so it is itself. Commit mutex held,
 * or the journal not yet shared. */
int jbd2_write_sb(journal_t *j, u32 start, u32 sequence)
{
	struct jbd2_disk_super *sb = j->j_sb;
	u64 pblk;
	int err;

	sb->s_start = jbd2_be32(start);
	sb->s_sequence = jbd2_be32(sequence);
	sb->s_feature_incompat = jbd2_be32(j->j_incompat);
	if (j->j_err && !sb->s_errno)
		sb->s_errno = jbd2_be32((u32)j->j_err);
	if (jbd2_has_csum(j))
		sb->s_checksum = jbd2_be32(jbd2_sb_csum(sb));
	err = jbd2_bmap(j, 0, &pblk);
	if (!err)
		err = blkdev_issue_flush(j->j_dev);
	if (!err)
		err = blkdev_rw_kbuf(j->j_dev, REQ_OP_WRITE | REQ_FUA | REQ_SYNC | REQ_META,
				     pblk * (j->j_blocksize >> SECTOR_SHIFT), sb, j->j_blocksize);
	if (!err)
		err = blkdev_issue_flush(j->j_dev);
	return err;
}

static int jbd2_tag_bytes(u32 incompat)
{
	int sz;

	if (incompat & JBD2_FEATURE_INCOMPAT_CSUM_V3)
		return sizeof(struct jbd2_disk_tag3);
	sz = 12;                  /* blocknr, be16 checksum, be16 flags, blocknr_high */
	if (incompat & JBD2_FEATURE_INCOMPAT_CSUM_V2)
		sz += 2;
	if (incompat & JBD2_FEATURE_INCOMPAT_64BIT)
		return sz;
	return sz - 4;
}

/* Read the superblock and check it once; later calls return the result. */
static int jbd2_load_sb(journal_t *j)
{
	struct jbd2_disk_super *sb;
	u32 type, maxlen, first, incompat, rocompat;
	int err;

	if (j->j_sb_read)
		return 0;
	if (j->j_blocksize < 1024 || j->j_blocksize > PAGE_SIZE) {
		pr_err("jbd2: block size %u not supported\n", j->j_blocksize);
		return -EINVAL;
	}
	if (!j->j_sb) {
		j->j_sb = kzalloc(j->j_blocksize, GFP_KERNEL);
		if (!j->j_sb)
			return -ENOMEM;
	}
	sb = j->j_sb;
	err = jbd2_read_block(j, 0, sb);
	if (err) {
		pr_err("jbd2: cannot read the journal superblock (error %d)\n", err);
		return -EIO;
	}
	type = jbd2_be32(sb->s_header.h_blocktype);
	if (jbd2_be32(sb->s_header.h_magic) != JBD2_MAGIC_NUMBER ||
	    (type != JBD2_SUPERBLOCK_V1 && type != JBD2_SUPERBLOCK_V2)) {
		pr_err("jbd2: no journal superblock (bad magic or block type)\n");
		return -EINVAL;
	}
	if (jbd2_be32(sb->s_blocksize) != j->j_blocksize) {
		pr_err("jbd2: journal block size %u differs from the file system's %u\n",
		       jbd2_be32(sb->s_blocksize), j->j_blocksize);
		return -EINVAL;
	}
	maxlen = jbd2_be32(sb->s_maxlen);
	first = jbd2_be32(sb->s_first);
	if (maxlen > j->j_nr_blocks || maxlen < JBD2_MIN_JOURNAL_BLOCKS) {
		pr_err("jbd2: journal length %u blocks is invalid (file holds %llu, minimum %u)\n",
		       maxlen, (unsigned long long)j->j_nr_blocks, JBD2_MIN_JOURNAL_BLOCKS);
		return -EINVAL;
	}
	if (first == 0 || first >= maxlen) {
		pr_err("jbd2: invalid first log block %u (journal of %u blocks)\n", first, maxlen);
		return -EINVAL;
	}
	incompat = rocompat = 0;
	if (type == JBD2_SUPERBLOCK_V2) {
		incompat = jbd2_be32(sb->s_feature_incompat);
		rocompat = jbd2_be32(sb->s_feature_ro_compat);
	}
	if (incompat & ~JBD2_KNOWN_INCOMPAT) {
		pr_err("jbd2: journal has unknown incompatible features 0x%x, refusing it\n",
		       incompat & ~JBD2_KNOWN_INCOMPAT);
		return -EINVAL;
	}
	if (rocompat & ~JBD2_KNOWN_ROCOMPAT) {
		pr_err("jbd2: journal has unknown read-only features 0x%x, refusing it\n",
		       rocompat & ~JBD2_KNOWN_ROCOMPAT);
		return -EINVAL;
	}
	if ((incompat & JBD2_FEATURE_INCOMPAT_CSUM_V2) && (incompat & JBD2_FEATURE_INCOMPAT_CSUM_V3)) {
		pr_err("jbd2: journal claims both checksum v2 and v3\n");
		return -EINVAL;
	}
	j->j_incompat = incompat;
	if (jbd2_has_csum(j)) {
		if (sb->s_checksum_type != JBD2_CRC32C_CHKSUM) {
			pr_err("jbd2: unknown journal checksum type %u\n", sb->s_checksum_type);
			return -EINVAL;
		}
		if (jbd2_be32(sb->s_checksum) != jbd2_sb_csum(sb)) {
			pr_err("jbd2: journal superblock checksum is wrong\n");
			return -EINVAL;
		}
		j->j_csum_seed = crc32c_le(~0U, sb->s_uuid, sizeof(sb->s_uuid));
	}
	j->j_first = first;
	j->j_last = maxlen;
	j->j_tag_bytes = jbd2_tag_bytes(incompat);
	/* As Linux: one transaction takes at most a quarter of the log, so a
	 * commit always finds room after the checkpoint that follows the
	 * previous one (commit.c keeps half the log free). */
	j->j_max_txn_blocks = (maxlen - first) / 4;
	if (jbd2_be32(sb->s_start) &&
	    (jbd2_be32(sb->s_start) < first || jbd2_be32(sb->s_start) >= maxlen)) {
		pr_err("jbd2: log start %u outside the log [%u, %u)\n",
		       jbd2_be32(sb->s_start), first, maxlen);
		return -EINVAL;
	}
	j->j_sb_read = true;
	return 0;
}

bool jbd2_journal_needs_recovery(journal_t *j)
{
	if (jbd2_load_sb(j))
		return false;
	return jbd2_be32(j->j_sb->s_start) != 0;
}

static int jbd2_commit_thread(void *arg)
{
	journal_t *j = arg;

	for (;;) {
		wait_event_timeout(&j->j_wait_commit, j->j_stop || j->j_commit_request,
				   JBD2_COMMIT_INTERVAL_NS);
		if (j->j_stop)
			break;
		j->j_commit_request = false;
		if (!j->j_err)
			jbd2_commit(j, false);
	}
	return 0;
}

int jbd2_journal_load(journal_t *j, bool *recovered)
{
	struct jbd2_disk_super *sb, before;
	bool did_recover = false;
	int err;

	if (recovered)
		*recovered = false;
	if (j->j_thread)
		return -EBUSY;
	err = jbd2_load_sb(j);
	if (err)
		return err;
	sb = j->j_sb;
	memcpy(&before, sb, sizeof(before));
	if (sb->s_errno)
		pr_warn("jbd2: journal recorded error %d from an earlier mount\n",
			(int)jbd2_be32(sb->s_errno));
	j->j_next_tid = jbd2_be32(sb->s_sequence);
	if (sb->s_start) {
		if (j->j_dev->bd_read_only) {
			pr_err("jbd2: journal needs recovery but the device is read-only\n");
			return -EROFS;
		}
		err = jbd2_recover(j);
		if (err)
			return err;
		did_recover = true;
		if (recovered)
			*recovered = true;
	}

	/* From here on the journal is written the way we write it: a v2
	 * superblock (a v1 one is upgraded as Linux does), revoke records,
	 * and no v1 commit checksums (Linux's ext4 clears that feature too
	 * unless asked for journal_checksum). */
	if (jbd2_be32(sb->s_header.h_blocktype) == JBD2_SUPERBLOCK_V1) {
		sb->s_header.h_blocktype = jbd2_be32(JBD2_SUPERBLOCK_V2);
		sb->s_feature_compat = 0;
		sb->s_feature_ro_compat = 0;
		sb->s_nr_users = jbd2_be32(1);
	}
	sb->s_feature_compat &= ~jbd2_be32(JBD2_FEATURE_COMPAT_CHECKSUM);
	j->j_incompat |= JBD2_FEATURE_INCOMPAT_REVOKE;
	j->j_incompat &= ~JBD2_FEATURE_INCOMPAT_ASYNC_COMMIT;
	j->j_head = j->j_first;
	j->j_tail = 0;
	j->j_tail_tid = j->j_next_tid;
	/* Written only when something changed: a clean journal mounted
	 * read-only stays untouched. */
	if (!j->j_dev->bd_read_only &&
	    (did_recover || memcmp(&before, sb, sizeof(before)) ||
	     jbd2_be32(sb->s_feature_incompat) != j->j_incompat)) {
		err = jbd2_write_sb(j, 0, j->j_next_tid);
		if (err) {
			pr_err("jbd2: cannot write the journal superblock (error %d)\n", err);
			return -EIO;
		}
	}
	j->j_thread = kthread_run(jbd2_commit_thread, j, "jbd2");
	if (!j->j_thread)
		return -ENOMEM;
	return 0;
}

/* j_state_lock held. */
void jbd2_abort_locked(journal_t *j, int err)
{
	if (j->j_err)
		return;
	j->j_err = err ? err : -EIO;
	pr_err("jbd2: journal on %s aborted (error %d): the file system is now read-only\n",
	       j->j_dev->bd_name, j->j_err);
	wake_up_all(&j->j_wait);
}

void jbd2_journal_abort(journal_t *j, int err)
{
	mutex_lock(&j->j_state_lock);
	jbd2_abort_locked(j, err);
	mutex_unlock(&j->j_state_lock);
}

int jbd2_journal_errno(journal_t *j)
{
	return j->j_err;
}

int jbd2_journal_destroy(journal_t *j)
{
	int err = 0;

	if (j->j_thread) {
		if (!j->j_err)
			err = jbd2_journal_flush(j);
		j->j_stop = true;
		wake_up_all(&j->j_wait_commit);
		kthread_join(j->j_thread);
		j->j_thread = NULL;
		/* A journal that aborted leaves its log for the next mount's
		 * recovery; still record the error there as Linux does. */
		if (j->j_err) {
			mutex_lock(&j->j_commit_mutex);
			jbd2_write_sb(j, j->j_tail, j->j_tail ? j->j_tail_tid : j->j_next_tid);
			mutex_unlock(&j->j_commit_mutex);
			err = -EIO;
		}
	}
	if (j->j_running) {
		jbd2_release_buffers(j, j->j_running, false);
		jbd2_revoke_clear(&j->j_running->t_revoke);
		kfree(j->j_running);
	}
	kfree(j->j_sb);
	kfree(j);
	return err;
}
