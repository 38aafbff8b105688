/*
 * jbd2 journal: skeleton so that ext4 links while the real journal is
 * written. Handles only count; metadata goes straight to write-back.
 * XXX: no logging, no recovery yet.
 */
#include <kernel/mm.h>     /* gfp_t, before blkdev.h */
#include <kernel/blkdev.h>
#include <kernel/errno.h>
#include <kernel/jbd2.h>
#include <kernel/printk.h>

struct journal {
	struct block_device *bdev;
	u64 nr_blocks;
	struct jbd2_fs_hooks hooks;
	int err;
};

struct jbd2_handle {
	journal_t *journal;
	int credits;
	bool sync;
};

journal_t *jbd2_journal_init(struct block_device *bdev, u64 nr_blocks,
			     const struct jbd2_fs_hooks *hooks)
{
	journal_t *j = kzalloc(sizeof(*j), GFP_KERNEL);

	if (!j)
		return ERR_PTR(-ENOMEM);
	j->bdev = bdev;
	j->nr_blocks = nr_blocks;
	j->hooks = *hooks;
	return j;
}

int jbd2_journal_load(journal_t *j, bool *recovered)
{
	(void)j;
	if (recovered)
		*recovered = false;
	return 0;
}

bool jbd2_journal_needs_recovery(journal_t *j)
{
	(void)j;
	return false;
}

int jbd2_journal_destroy(journal_t *j)
{
	int err = sync_blockdev(j->bdev);

	kfree(j);
	return err;
}

handle_t *jbd2_journal_start(journal_t *j, int nblocks)
{
	handle_t *h;

	if (j->err)
		return ERR_PTR(-EROFS);
	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (!h)
		return ERR_PTR(-ENOMEM);
	h->journal = j;
	h->credits = nblocks;
	return h;
}

int jbd2_journal_stop(handle_t *h)
{
	journal_t *j = h->journal;
	int err = j->err;

	if (h->sync && !err)
		err = sync_blockdev(j->bdev);
	kfree(h);
	return err;
}

void jbd2_handle_set_sync(handle_t *h)
{
	h->sync = true;
}

int jbd2_journal_get_write_access(handle_t *h, struct buffer_head *bh)
{
	(void)bh;
	return h->journal->err ? -EROFS : 0;
}

int jbd2_journal_get_create_access(handle_t *h, struct buffer_head *bh)
{
	(void)bh;
	return h->journal->err ? -EROFS : 0;
}

int jbd2_journal_dirty_metadata(handle_t *h, struct buffer_head *bh)
{
	if (h->journal->err)
		return -EROFS;
	mark_buffer_dirty(bh);
	return 0;
}

int jbd2_journal_revoke(handle_t *h, u64 blocknr, struct buffer_head *bh)
{
	(void)blocknr;
	(void)bh;
	return h->journal->err ? -EROFS : 0;
}

int jbd2_journal_force_commit(journal_t *j)
{
	return sync_blockdev(j->bdev);
}

int jbd2_journal_flush(journal_t *j)
{
	return sync_blockdev(j->bdev);
}

void jbd2_journal_abort(journal_t *j, int err)
{
	if (!j->err) {
		pr_err("jbd2: journal aborted (error %d)\n", err);
		j->err = err ? err : -EIO;
	}
}

int jbd2_journal_errno(journal_t *j)
{
	return j->err;
}
