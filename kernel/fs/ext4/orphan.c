/*
 * ext4's orphan list, in Linux's on-disk form: the superblock's
 * s_last_orphan names the newest orphan and each orphan's i_dtime names
 * the next one (0 ends the list). An inode goes on the list when its last
 * link goes while it is still open (unlink, rmdir, rename over it), and
 * while a truncate that shrinks it is under way; it comes off when it is
 * freed (the last reference went) or the truncate is done. Every change
 * is journalled in the handle of the operation that makes it, so after a
 * crash the replayed list names exactly the inodes whose deletion or
 * truncation was left half done, and the next mount finishes them
 * (ext4_orphan_cleanup, as Linux's), read-only mounts included.
 *
 * The list in memory (sbi->s_orphan, newest first, s_orphan_lock) mirrors
 * the part of the on-disk list this mount made, so removing an inode finds
 * its predecessor without reading the chain.
 *
 * XXX: the orphan_file feature (COMPAT_ORPHAN_FILE) is not used: orphans
 * always go on the superblock's list, which Linux also keeps processing on
 * such file systems. An orphan file holding entries (RO_COMPAT_ORPHAN_PRESENT)
 * is an unknown ro_compat feature here, so the mount is read-only and
 * those entries stay for Linux or e2fsck.
 */
#include "ext4.h"

/* Change s_last_orphan under h (the superblock block is journalled).
 * Caller holds s_orphan_lock. */
static int set_last_orphan(handle_t *h, struct ext4_sb_info *sbi, u32 ino)
{
	int err = ext4_get_write_access(h, sbi->sbh);

	if (err)
		return err;
	lock_buffer(sbi->sbh);
	sbi->es->s_last_orphan = ino;
	if (sbi->g.csum)
		sbi->es->s_checksum = ext4_super_csum(sbi->es);
	unlock_buffer(sbi->sbh);
	return ext4_dirty_metadata(h, sbi->sbh);
}

int ext4_orphan_add(handle_t *h, struct inode *inode)
{
	struct ext4_sb_info *sbi = EXT4_SB(inode->i_sb);
	struct ext4_inode_info *ei = EXT4_I(inode);
	u32 old;
	int err;

	if (!sbi->journal)
		return 0;   /* XXX: Linux keeps the list without a journal too */
	mutex_lock(&sbi->s_orphan_lock);
	if (!list_empty(&ei->i_orphan)) {
		mutex_unlock(&sbi->s_orphan_lock);
		return 0;
	}
	old = sbi->es->s_last_orphan;
	ei->i_dtime = old;   /* NEXT_ORPHAN */
	err = ext4_write_inode(h, inode);
	if (!err)
		err = set_last_orphan(h, sbi, (u32)inode->i_ino);
	if (!err)
		list_add(&ei->i_orphan, &sbi->s_orphan);
	else
		ei->i_dtime = 0;
	mutex_unlock(&sbi->s_orphan_lock);
	if (err)
		ext4_error(inode->i_sb, "inode %llu: cannot add to the orphan list (%d)",
			   (unsigned long long)inode->i_ino, err);
	return err;
}

int ext4_orphan_del(handle_t *h, struct inode *inode)
{
	struct ext4_sb_info *sbi = EXT4_SB(inode->i_sb);
	struct ext4_inode_info *ei = EXT4_I(inode);
	u32 next;
	int err;

	mutex_lock(&sbi->s_orphan_lock);
	if (list_empty(&ei->i_orphan)) {
		mutex_unlock(&sbi->s_orphan_lock);
		return 0;
	}
	next = ei->i_dtime;
	if (ei->i_orphan.prev == &sbi->s_orphan) {
		/* The newest: the superblock pointed at it, unless the list
		 * on disk has been cut meanwhile (an error). */
		err = sbi->es->s_last_orphan == inode->i_ino ? set_last_orphan(h, sbi, next) : 0;
	} else {
		struct ext4_inode_info *prev = list_entry(ei->i_orphan.prev, struct ext4_inode_info,
							  i_orphan);

		prev->i_dtime = next;
		err = ext4_write_inode(h, &prev->vfs);
	}
	list_del_init(&ei->i_orphan);
	ei->i_dtime = 0;
	mutex_unlock(&sbi->s_orphan_lock);
	if (!err && inode->i_nlink)
		err = ext4_write_inode(h, inode);   /* the freeing path writes it itself */
	if (err)
		ext4_error(inode->i_sb, "inode %llu: cannot remove from the orphan list (%d)",
			   (unsigned long long)inode->i_ino, err);
	return err;
}

/* Drop the list on disk (a broken chain): e2fsck will find what it held. */
static void orphan_list_clear(struct super_block *sb)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	handle_t *h = ext4_journal_start(sb, 2);

	if (IS_ERR(h))
		return;
	mutex_lock(&sbi->s_orphan_lock);
	set_last_orphan(h, sbi, 0);
	mutex_unlock(&sbi->s_orphan_lock);
	ext4_journal_stop(h);
}

/* Finish the deletions and truncations a crash interrupted, newest first,
 * as Linux's ext4_orphan_cleanup: an orphan without links is freed (its
 * last iput), one with links is truncated to its size on disk. Runs after
 * journal recovery; on a read-only mount the file system is writable for
 * the duration and the log is emptied afterwards. */
void ext4_orphan_cleanup(struct super_block *sb)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	struct ext4_super_block *es = sbi->es;
	bool was_ro = sbi->ro;
	u32 freed = 0, truncated = 0, budget = sbi->g.inodes_count;

	if (!es->s_last_orphan)
		return;
	if (sbi->bdev->bd_read_only) {
		ext4_msg(sb, KERN_INFO, "write access unavailable, skipping orphan cleanup");
		return;
	}
	if (sbi->ro_only) {
		ext4_msg(sb, KERN_INFO, "Skipping orphan cleanup due to unknown ROCOMPAT features");
		return;
	}
	if (!sbi->journal) {
		/* XXX: Linux cleans up without a journal too. */
		ext4_msg(sb, KERN_INFO, "no journal: skipping orphan cleanup");
		return;
	}
	if (es->s_state & EXT4_ERROR_FS) {
		if (!was_ro) {
			ext4_msg(sb, KERN_INFO, "Errors on filesystem, clearing orphan list.");
			orphan_list_clear(sb);
		}
		return;
	}
	if (was_ro) {
		ext4_msg(sb, KERN_INFO, "orphan cleanup on readonly fs");
		sbi->ro = false;
	}
	while (es->s_last_orphan) {
		u32 ino = es->s_last_orphan;
		struct ext4_inode_info *ei;
		struct inode *inode;

		if (budget-- == 0) {
			ext4_error(sb, "orphan list has a loop: clearing it");
			orphan_list_clear(sb);
			break;
		}
		inode = ext4_iget(sb, ino);
		if (IS_ERR(inode)) {
			ext4_error(sb, "bad orphan inode %u: clearing the orphan list", ino);
			orphan_list_clear(sb);
			break;
		}
		ei = EXT4_I(inode);
		mutex_lock(&sbi->s_orphan_lock);
		if (list_empty(&ei->i_orphan))
			list_add(&ei->i_orphan, &sbi->s_orphan);
		mutex_unlock(&sbi->s_orphan_lock);
		if (inode->i_nlink) {
			mutex_lock(&inode->i_mutex);
			ext4_truncate_orphan(inode);
			mutex_unlock(&inode->i_mutex);
			truncated++;
		} else {
			freed++;
		}
		iput(inode);   /* frees it when it has no links */
		if (es->s_last_orphan == ino) {
			ext4_error(sb, "orphan inode %u stayed on the list: clearing it", ino);
			orphan_list_clear(sb);
			break;
		}
	}
	if (freed)
		ext4_msg(sb, KERN_INFO, "%u orphan inode%s deleted", freed, freed == 1 ? "" : "s");
	if (truncated)
		ext4_msg(sb, KERN_INFO, "%u truncate%s cleaned up", truncated,
			 truncated == 1 ? "" : "s");
	if (was_ro) {
		int err = ext4_quiesce(sb);

		if (err)
			ext4_msg(sb, KERN_ERR, "orphan cleanup: write-back failed (%d)", err);
		sbi->ro = true;
	}
}
