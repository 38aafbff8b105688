/*
 * jbd2 handles: starting and stopping them in the running transaction,
 * attaching metadata buffers to it (get_write_access, dirty_metadata) and
 * recording revokes. A commit (commit.c) raises j_barrier; handles then
 * wait in jbd2_journal_start until it is over.
 */
#include <kernel/clock.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include "internal.h"

/* Log blocks a transaction of this size would need besides its buffers:
 * descriptors, revoke blocks, the commit block. */
static unsigned jbd2_overhead(journal_t *j, unsigned nr_buffers, unsigned nr_revokes)
{
	unsigned tag_space = j->j_blocksize - sizeof(struct jbd2_disk_header) -
			     (jbd2_has_csum(j) ? JBD2_TAIL_SIZE : 0) - 16;
	unsigned per_desc = tag_space / j->j_tag_bytes;
	unsigned per_revoke = jbd2_revoke_per_block(j);

	return (nr_buffers + per_desc - 1) / per_desc +
	       (nr_revokes + per_revoke - 1) / per_revoke + 1;
}

/* Would the running transaction, with nblocks more credits, still fit in
 * the share of the log one transaction may take? j_state_lock held. */
static bool jbd2_txn_fits(journal_t *j, struct jbd2_transaction *t, int nblocks)
{
	unsigned want = t->t_nr_buffers + t->t_outstanding + nblocks;

	return want + jbd2_overhead(j, want, t->t_revoke.count) <= j->j_max_txn_blocks;
}

handle_t *jbd2_journal_start(journal_t *j, int nblocks)
{
	struct jbd2_transaction *t, *fresh = NULL;
	handle_t *h;

	if (nblocks <= 0)
		nblocks = 1;
	if (j->j_err)
		return ERR_PTR(-EROFS);
	if (!j->j_thread)
		return ERR_PTR(-EINVAL);          /* not loaded */
	if ((unsigned)nblocks + jbd2_overhead(j, nblocks, 0) > j->j_max_txn_blocks)
		return ERR_PTR(-ENOSPC);
	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (!h)
		return ERR_PTR(-ENOMEM);
	for (;;) {
		mutex_lock(&j->j_state_lock);
		if (j->j_err) {
			mutex_unlock(&j->j_state_lock);
			kfree(h);
			kfree(fresh);
			return ERR_PTR(-EROFS);
		}
		if (j->j_barrier) {
			mutex_unlock(&j->j_state_lock);
			wait_event(&j->j_wait, !j->j_barrier || j->j_err);
			continue;
		}
		t = j->j_running;
		if (!t && !fresh) {
			mutex_unlock(&j->j_state_lock);
			fresh = kzalloc(sizeof(*fresh), GFP_KERNEL);
			if (!fresh) {
				kfree(h);
				return ERR_PTR(-ENOMEM);
			}
			INIT_LIST_HEAD(&fresh->t_buffers);
			jbd2_revoke_init(&fresh->t_revoke);
			continue;
		}
		if (!t) {
			t = j->j_running = fresh;
			t->t_start_ns = ktime_get_ns();
			fresh = NULL;
		}
		if (!jbd2_txn_fits(j, t, nblocks)) {
			/* The transaction is full: commit it and retry in
			 * the next one (jbd2_commit waits for its handles). */
			mutex_unlock(&j->j_state_lock);
			jbd2_commit(j, false);
			continue;
		}
		t->t_updates++;
		t->t_outstanding += nblocks;
		mutex_unlock(&j->j_state_lock);
		break;
	}
	kfree(fresh);
	h->h_journal = j;
	h->h_transaction = t;
	h->h_credits = nblocks;
	return h;
}

int jbd2_journal_stop(handle_t *h)
{
	journal_t *j = h->h_journal;
	struct jbd2_transaction *t = h->h_transaction;
	bool sync = h->h_sync;
	int err = 0;

	mutex_lock(&j->j_state_lock);
	t->t_outstanding -= h->h_credits;
	if (--t->t_updates == 0)
		wake_up_all(&j->j_wait);
	mutex_unlock(&j->j_state_lock);
	kfree(h);
	if (sync && !j->j_err)
		err = jbd2_journal_force_commit(j);
	if (j->j_err)
		return -EIO;
	return err;
}

void jbd2_handle_set_sync(handle_t *h)
{
	h->h_sync = true;
}

/* Attach bh to the handle's transaction (once), so the commit logs it
 * and then releases it. create: the contents are about to be replaced
 * whole. */
static int jbd2_get_access(handle_t *h, struct buffer_head *bh, bool create)
{
	journal_t *j = h->h_journal;
	struct jbd2_transaction *t = h->h_transaction;
	struct journal_head *jh = NULL;

	if (j->j_err)
		return -EROFS;
	if (!buffer_test(bh, BH_JBD)) {
		jh = kzalloc(sizeof(*jh), GFP_KERNEL);
		if (!jh)
			return -ENOMEM;
	}
	mutex_lock(&j->j_state_lock);
	if (buffer_test(bh, BH_JBD)) {
		struct journal_head *cur = bh->b_private;

		if (cur->jh_transaction != t) {
			/* Buffers leave the journal when their commit ends,
			 * and no handle runs during a commit. */
			mutex_unlock(&j->j_state_lock);
			kfree(jh);
			pr_err("jbd2: buffer %llu belongs to another transaction\n",
			       (unsigned long long)bh->b_blocknr);
			return -EIO;
		}
		jbd2_revoke_cancel(&t->t_revoke, bh->b_blocknr);
		mutex_unlock(&j->j_state_lock);
		kfree(jh);
		return 0;
	}
	/* Still dirty from an earlier commit: its new contents must not go
	 * home before this transaction commits. The earlier log copy stays
	 * valid meanwhile: checkpoints only run when no transaction holds
	 * buffers (commit.c), and this buffer is dirty again by then. */
	lock_buffer(bh);
	clear_buffer_dirty(bh);
	unlock_buffer(bh);
	(void)create;
	get_bh(bh);
	jh->jh_bh = bh;
	jh->jh_transaction = t;
	bh->b_private = jh;
	buffer_set(bh, BH_JBD);
	list_add_tail(&jh->jh_list, &t->t_buffers);
	/* A block freed and reused in the same transaction: the revoke would
	 * hide the new contents from a replay. */
	jbd2_revoke_cancel(&t->t_revoke, bh->b_blocknr);
	mutex_unlock(&j->j_state_lock);
	return 0;
}

int jbd2_journal_get_write_access(handle_t *h, struct buffer_head *bh)
{
	return jbd2_get_access(h, bh, false);
}

int jbd2_journal_get_create_access(handle_t *h, struct buffer_head *bh)
{
	return jbd2_get_access(h, bh, true);
}

int jbd2_journal_dirty_metadata(handle_t *h, struct buffer_head *bh)
{
	journal_t *j = h->h_journal;
	struct journal_head *jh;
	int err;

	if (j->j_err)
		return -EROFS;
	if (!buffer_test(bh, BH_JBD)) {
		/* XXX: Linux warns (a file system bug); attach it anyway. */
		err = jbd2_get_access(h, bh, false);
		if (err)
			return err;
	}
	mutex_lock(&j->j_state_lock);
	jh = bh->b_private;
	if (!jh->jh_logged) {
		jh->jh_logged = true;
		h->h_transaction->t_nr_buffers++;
	}
	mutex_unlock(&j->j_state_lock);
	/* A file system that marked it dirty itself would let write-back
	 * put it home before the commit. */
	if (buffer_dirty(bh))
		clear_buffer_dirty(bh);
	return 0;
}

int jbd2_journal_revoke(handle_t *h, u64 blocknr, struct buffer_head *bh)
{
	journal_t *j = h->h_journal;
	struct jbd2_transaction *t = h->h_transaction;
	int err;

	if (j->j_err)
		return -EROFS;
	if (!(j->j_incompat & JBD2_FEATURE_INCOMPAT_64BIT) && blocknr >> 32) {
		pr_err("jbd2: block %llu needs the 64bit journal feature\n",
		       (unsigned long long)blocknr);
		return -EINVAL;
	}
	mutex_lock(&j->j_state_lock);
	err = jbd2_revoke_add(&t->t_revoke, blocknr, 0);
	if (!err && bh && buffer_test(bh, BH_JBD)) {
		struct journal_head *jh = bh->b_private;

		/* Freed in the transaction that changed it: nothing of it
		 * needs logging or writing home. */
		if (jh->jh_transaction == t && jh->jh_logged) {
			jh->jh_logged = false;
			t->t_nr_buffers--;
		}
	} else if (!err && bh) {
		/* Dirty from an earlier commit: the block is free now and
		 * may become file data; its old contents must not be written
		 * over that. Safe for the same reason as in get_access: the
		 * earlier log copy stays until this transaction commits. */
		lock_buffer(bh);
		clear_buffer_dirty(bh);
		unlock_buffer(bh);
	}
	mutex_unlock(&j->j_state_lock);
	return err;
}

/* Detach every buffer of t; dirty: they were committed, write them home.
 * No handle runs (barrier up, or teardown). */
void jbd2_release_buffers(journal_t *j, struct jbd2_transaction *t, bool dirty)
{
	struct journal_head *jh, *n;

	(void)j;
	list_for_each_entry_safe(jh, n, &t->t_buffers, jh_list) {
		struct buffer_head *bh = jh->jh_bh;

		list_del(&jh->jh_list);
		bh->b_private = NULL;
		buffer_clear(bh, BH_JBD);
		if (dirty && jh->jh_logged)
			mark_buffer_dirty(bh);
		brelse(bh);
		kfree(jh);
	}
	t->t_nr_buffers = 0;
}
