/*
 * ext4 mount and umount: the superblock and group descriptors are read and
 * checked, the journal is loaded (replayed if the last user crashed), the
 * root inode becomes the mount's root. Read-write mounts mark the file
 * system as needing recovery until umount writes everything back and
 * clears the mark, as Linux does. Also statfs, sync_fs, remount and the
 * journal wrappers the rest of ext4 uses. Registered as "ext4", "ext3" and
 * "ext2" (the same code; a file system without a journal runs without one).
 */
#include <kernel/seq_file.h>
#include <kernel/clock.h>
#include <stdio.h>

#include "ext4.h"

void ext4_error_at(struct super_block *sb, const char *func, const char *fmt, ...)
{
	char buf[192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk(KERN_ERR "EXT4-fs error (device %s): %s: %s\n", sb->s_id, func, buf);
}

/* ---- group descriptors ---- */

struct ext4_group_desc *ext4_get_group_desc(struct super_block *sb, u32 group,
					    struct buffer_head **bhp)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	u32 per = sbi->g.block_size / sbi->g.desc_size;

	if (group >= sbi->g.groups)
		return NULL;
	if (bhp)
		*bhp = sbi->gd_bh[group / per];
	return (void *)(sbi->gd_bh[group / per]->b_data + (group % per) * sbi->g.desc_size);
}

static bool is64(struct ext4_sb_info *sbi) { return sbi->g.desc_size >= EXT4_MIN_DESC_SIZE_64BIT; }

u64 ext4_block_bitmap(struct ext4_sb_info *sbi, const struct ext4_group_desc *gd)
{
	return gd->bg_block_bitmap_lo | (is64(sbi) ? (u64)gd->bg_block_bitmap_hi << 32 : 0);
}
u64 ext4_inode_bitmap(struct ext4_sb_info *sbi, const struct ext4_group_desc *gd)
{
	return gd->bg_inode_bitmap_lo | (is64(sbi) ? (u64)gd->bg_inode_bitmap_hi << 32 : 0);
}
u64 ext4_inode_table(struct ext4_sb_info *sbi, const struct ext4_group_desc *gd)
{
	return gd->bg_inode_table_lo | (is64(sbi) ? (u64)gd->bg_inode_table_hi << 32 : 0);
}
u32 ext4_gd_free_blocks(struct ext4_sb_info *sbi, const struct ext4_group_desc *gd)
{
	return gd->bg_free_blocks_count_lo | (is64(sbi) ? (u32)gd->bg_free_blocks_count_hi << 16 : 0);
}
u32 ext4_gd_free_inodes(struct ext4_sb_info *sbi, const struct ext4_group_desc *gd)
{
	return gd->bg_free_inodes_count_lo | (is64(sbi) ? (u32)gd->bg_free_inodes_count_hi << 16 : 0);
}
u32 ext4_gd_used_dirs(struct ext4_sb_info *sbi, const struct ext4_group_desc *gd)
{
	return gd->bg_used_dirs_count_lo | (is64(sbi) ? (u32)gd->bg_used_dirs_count_hi << 16 : 0);
}
void ext4_gd_set_free_blocks(struct ext4_sb_info *sbi, struct ext4_group_desc *gd, u32 n)
{
	gd->bg_free_blocks_count_lo = (u16)n;
	if (is64(sbi))
		gd->bg_free_blocks_count_hi = (u16)(n >> 16);
}
void ext4_gd_set_free_inodes(struct ext4_sb_info *sbi, struct ext4_group_desc *gd, u32 n)
{
	gd->bg_free_inodes_count_lo = (u16)n;
	if (is64(sbi))
		gd->bg_free_inodes_count_hi = (u16)(n >> 16);
}
void ext4_gd_set_used_dirs(struct ext4_sb_info *sbi, struct ext4_group_desc *gd, u32 n)
{
	gd->bg_used_dirs_count_lo = (u16)n;
	if (is64(sbi))
		gd->bg_used_dirs_count_hi = (u16)(n >> 16);
}
void ext4_gd_csum_set(struct ext4_sb_info *sbi, u32 group, struct ext4_group_desc *gd)
{
	if (sbi->g.csum || (sbi->g.ro_compat & EXT4_FEATURE_RO_COMPAT_GDT_CSUM))
		gd->bg_checksum = ext4_group_desc_csum(&sbi->g, group, gd);
}

u64 ext4_free_blocks_count(struct ext4_sb_info *sbi)
{
	struct ext4_super_block *es = sbi->es;

	return es->s_free_blocks_count_lo |
	       (is64(sbi) ? (u64)es->s_free_blocks_count_hi << 32 : 0);
}

void ext4_set_free_blocks_count(struct ext4_sb_info *sbi, u64 n)
{
	sbi->es->s_free_blocks_count_lo = (u32)n;
	if (is64(sbi))
		sbi->es->s_free_blocks_count_hi = (u32)(n >> 32);
}

bool ext4_block_valid(struct ext4_sb_info *sbi, u64 blk, u32 count)
{
	return blk > sbi->g.first_data_block + sbi->gd_blocks && blk < sbi->g.blocks_count &&
	       count <= sbi->g.blocks_count - blk;
}

struct buffer_head *ext4_bread(struct super_block *sb, u64 blk)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);

	if (!ext4_block_valid(sbi, blk, 1)) {
		ext4_error(sb, "block %llu out of range", (unsigned long long)blk);
		return ERR_PTR(-EFSCORRUPTED);
	}
	return bread(sbi->bdev, blk);
}

/* Groups 0, 1 and powers of 3, 5, 7 carry superblock backups (sparse_super). */
bool ext4_group_has_super(struct ext4_sb_info *sbi, u32 g)
{
	if (g <= 1 || !(sbi->g.ro_compat & EXT4_FEATURE_RO_COMPAT_SPARSE_SUPER))
		return true;
	for (u32 b = 3; b <= 7; b += 2) {
		u64 p = b;

		while (p < g)
			p *= b;
		if (p == g)
			return true;
	}
	return false;
}

static u64 group_first_block(struct ext4_sb_info *sbi, u32 g)
{
	return sbi->g.first_data_block + (u64)g * sbi->g.blocks_per_group;
}

static u64 desc_block(struct ext4_sb_info *sbi, u32 i)
{
	u32 per = sbi->g.block_size / sbi->g.desc_size;
	u32 first_meta = sbi->es->s_first_meta_bg;

	if (!(sbi->g.incompat & EXT4_FEATURE_INCOMPAT_META_BG) || i < first_meta)
		return sbi->g.first_data_block + 1 + i;
	/* meta_bg: descriptor block i lives in the first group it describes. */
	return group_first_block(sbi, i * per) + (ext4_group_has_super(sbi, i * per) ? 1 : 0);
}

static int load_group_descs(struct super_block *sb)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	u32 per = sbi->g.block_size / sbi->g.desc_size;
	u32 ipg_blocks = DIV_ROUND_UP(sbi->g.inodes_per_group * sbi->g.inode_size,
				      sbi->g.block_size);

	sbi->gd_blocks = DIV_ROUND_UP(sbi->g.groups, per);
	sbi->gd_bh = kzalloc(sizeof(*sbi->gd_bh) * sbi->gd_blocks, GFP_KERNEL);
	if (!sbi->gd_bh)
		return -ENOMEM;
	for (u32 i = 0; i < sbi->gd_blocks; i++) {
		u64 b = desc_block(sbi, i);
		struct buffer_head *bh;

		if (b >= sbi->g.blocks_count)
			return -EFSCORRUPTED;
		bh = bread(sbi->bdev, b);
		if (IS_ERR(bh))
			return PTR_ERR(bh);
		sbi->gd_bh[i] = bh;
	}
	for (u32 g = 0; g < sbi->g.groups; g++) {
		struct ext4_group_desc *gd = ext4_get_group_desc(sb, g, NULL);
		u64 bb = ext4_block_bitmap(sbi, gd), ib = ext4_inode_bitmap(sbi, gd);
		u64 it = ext4_inode_table(sbi, gd);

		if ((sbi->g.csum || (sbi->g.ro_compat & EXT4_FEATURE_RO_COMPAT_GDT_CSUM)) &&
		    ext4_group_desc_csum(&sbi->g, g, gd) != gd->bg_checksum) {
			ext4_msg(sb, KERN_ERR, "group descriptor %u: bad checksum", g);
			return -EFSBADCRC;
		}
		if (!ext4_block_valid(sbi, bb, 1) || !ext4_block_valid(sbi, ib, 1) ||
		    !ext4_block_valid(sbi, it, ipg_blocks) ||
		    ext4_gd_free_blocks(sbi, gd) > sbi->g.blocks_per_group ||
		    ext4_gd_free_inodes(sbi, gd) > sbi->g.inodes_per_group) {
			ext4_msg(sb, KERN_ERR, "group descriptor %u: bitmap or table out of range", g);
			return -EFSCORRUPTED;
		}
	}
	return 0;
}

/* ---- journal wrappers ---- */

handle_t *ext4_journal_start(struct super_block *sb, int nblocks)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);

	if (sbi->ro)
		return ERR_PTR(-EROFS);
	if (!sbi->journal)
		return NULL;
	/* A small log (a 4 MiB journal of 4 KiB blocks) takes fewer credits
	 * per transaction than our generous estimates: ask for less. */
	for (;;) {
		handle_t *h = jbd2_journal_start(sbi->journal, nblocks);

		if (!IS_ERR(h) || PTR_ERR(h) != -ENOSPC || nblocks <= 8)
			return h;
		nblocks /= 2;
	}
}

int ext4_journal_stop(handle_t *h)
{
	return h ? jbd2_journal_stop(h) : 0;
}

int ext4_get_write_access(handle_t *h, struct buffer_head *bh)
{
	return h ? jbd2_journal_get_write_access(h, bh) : 0;
}

int ext4_get_create_access(handle_t *h, struct buffer_head *bh)
{
	return h ? jbd2_journal_get_create_access(h, bh) : 0;
}

int ext4_dirty_metadata(handle_t *h, struct buffer_head *bh)
{
	if (h)
		return jbd2_journal_dirty_metadata(h, bh);
	mark_buffer_dirty(bh);
	return 0;
}

/* A metadata block is freed: its buffer must never be written home again
 * (the block may become file data). Consumes the reference on bh. */
void ext4_forget(handle_t *h, u64 blk, struct buffer_head *bh)
{
	if (h) {
		jbd2_journal_revoke(h, blk, bh);
		brelse(bh);
	} else if (bh) {
		bforget(bh);
	}
}

/* Write the superblock in place (not through the journal, as Linux's
 * ext4_commit_super): counters summed from the descriptors, checksum.
 * Only while no handle can run (mount, umount, remount, no journal): the
 * orphan list makes the superblock block journalled metadata. */
static int ext4_commit_super(struct super_block *sb, bool wait)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	struct ext4_super_block *es = sbi->es;
	u64 fb = 0, fi = 0;

	mutex_lock(&sbi->s_alloc_lock);
	for (u32 g = 0; g < sbi->g.groups; g++) {
		struct ext4_group_desc *gd = ext4_get_group_desc(sb, g, NULL);

		fb += ext4_gd_free_blocks(sbi, gd);
		fi += ext4_gd_free_inodes(sbi, gd);
	}
	lock_buffer(sbi->sbh);
	ext4_set_free_blocks_count(sbi, fb);
	es->s_free_inodes_count = (u32)fi;
	es->s_wtime = (u32)vfs_now().tv_sec;
	if (sbi->g.csum)
		es->s_checksum = ext4_super_csum(es);
	unlock_buffer(sbi->sbh);
	mutex_unlock(&sbi->s_alloc_lock);
	mark_buffer_dirty(sbi->sbh);
	return wait ? sync_dirty_buffer(sbi->sbh) : 0;
}

/* The superblock's free counts (summed from the descriptors) under a
 * handle of their own: sync_fs on a journalled file system. */
static int ext4_journal_super_counters(struct super_block *sb)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	u64 fb = 0, fi = 0;
	handle_t *h;
	int err;

	h = ext4_journal_start(sb, 1);
	if (IS_ERR(h))
		return PTR_ERR(h);
	err = ext4_get_write_access(h, sbi->sbh);
	if (err) {
		ext4_journal_stop(h);
		return err;
	}
	mutex_lock(&sbi->s_alloc_lock);
	for (u32 g = 0; g < sbi->g.groups; g++) {
		struct ext4_group_desc *gd = ext4_get_group_desc(sb, g, NULL);

		fb += ext4_gd_free_blocks(sbi, gd);
		fi += ext4_gd_free_inodes(sbi, gd);
	}
	lock_buffer(sbi->sbh);
	ext4_set_free_blocks_count(sbi, fb);
	sbi->es->s_free_inodes_count = (u32)fi;
	sbi->es->s_wtime = (u32)vfs_now().tv_sec;
	if (sbi->g.csum)
		sbi->es->s_checksum = ext4_super_csum(sbi->es);
	unlock_buffer(sbi->sbh);
	mutex_unlock(&sbi->s_alloc_lock);
	err = ext4_dirty_metadata(h, sbi->sbh);
	{
		int e = ext4_journal_stop(h);

		if (!err)
			err = e;
	}
	return err;
}

int ext4_dirty_super(handle_t *h, struct super_block *sb)
{
	(void)h;
	(void)sb;
	return 0;   /* the counters reach the disk with ext4_commit_super */
}

/* ---- journal hooks ---- */

static struct inode *journal_inode_of(struct ext4_sb_info *sbi);

static int ext4_journal_bmap(void *fs, u64 lblk, u64 *pblk)
{
	struct ext4_sb_info *sbi = fs;
	struct inode *ji = journal_inode_of(sbi);
	u32 n;
	int err;

	if (!ji || lblk >= 0xffffffffull)
		return -EIO;
	err = ext4_map_block(ji, (u32)lblk, 1, pblk, &n);
	if (err)
		return err;
	return *pblk ? 0 : -EIO;
}

/* data=ordered: the data of blocks allocated in the transaction reaches
 * the disk before the metadata that points at it commits. We write every
 * dirty page of the file system, which covers them. */
static int ext4_pre_commit(void *fs)
{
	struct ext4_sb_info *sbi = fs;
	int err;

	__atomic_store_n(&sbi->in_commit, true, __ATOMIC_RELEASE);
	err = ext4_sync_inodes(sbi->sb);
	__atomic_store_n(&sbi->in_commit, false, __ATOMIC_RELEASE);
	return err;
}

static struct inode *journal_inodes[64];   /* by sbi slot: simple, few mounts */
static struct ext4_sb_info *journal_owners[64];
static DEFINE_SPINLOCK(journal_slots_lock);

static struct inode *journal_inode_of(struct ext4_sb_info *sbi)
{
	struct inode *r = NULL;

	spin_lock(&journal_slots_lock);
	for (int i = 0; i < 64; i++)
		if (journal_owners[i] == sbi)
			r = journal_inodes[i];
	spin_unlock(&journal_slots_lock);
	return r;
}

static int set_journal_inode(struct ext4_sb_info *sbi, struct inode *ji)
{
	int ret = -ENOMEM;

	spin_lock(&journal_slots_lock);
	for (int i = 0; i < 64; i++) {
		if (ji && !journal_owners[i]) {
			journal_owners[i] = sbi;
			journal_inodes[i] = ji;
			ret = 0;
			break;
		}
		if (!ji && journal_owners[i] == sbi) {
			journal_owners[i] = NULL;
			journal_inodes[i] = NULL;
			ret = 0;
		}
	}
	spin_unlock(&journal_slots_lock);
	return ret;
}

static int load_journal(struct super_block *sb)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	struct jbd2_fs_hooks hooks = { .bmap = ext4_journal_bmap, .pre_commit = ext4_pre_commit,
				       .fs = sbi };
	struct inode *ji;
	bool recovered = false;
	journal_t *j;
	int err;

	if (sbi->es->s_journal_dev || sbi->es->s_journal_inum != EXT4_JOURNAL_INO) {
		ext4_msg(sb, KERN_ERR, "external journals are not supported");
		return -EINVAL;
	}
	ji = ext4_iget(sb, EXT4_JOURNAL_INO);
	if (IS_ERR(ji)) {
		ext4_msg(sb, KERN_ERR, "cannot read the journal inode");
		return PTR_ERR(ji);
	}
	if (!S_ISREG(ji->i_mode) || ji->i_size < 1024 * sbi->g.block_size / 1024 ||
	    ji->i_size / sbi->g.block_size < 1024) {
		ext4_msg(sb, KERN_ERR, "journal inode is not a usable journal");
		iput(ji);
		return -EFSCORRUPTED;
	}
	if (set_journal_inode(sbi, ji)) {
		iput(ji);
		return -ENOMEM;
	}
	j = jbd2_journal_init(sbi->bdev, ji->i_size / sbi->g.block_size, &hooks);
	if (IS_ERR(j)) {
		err = PTR_ERR(j);
		goto fail;
	}
	err = jbd2_journal_load(j, &recovered);
	if (err) {
		ext4_msg(sb, KERN_ERR, "journal load failed (%d)", err);
		jbd2_journal_destroy(j);
		goto fail;
	}
	if (recovered)
		ext4_msg(sb, KERN_INFO, "recovery complete");
	sbi->journal = j;
	return 0;
fail:
	set_journal_inode(sbi, NULL);
	iput(ji);
	return err;
}

static void drop_journal(struct ext4_sb_info *sbi)
{
	struct inode *ji = journal_inode_of(sbi);

	if (sbi->journal)
		jbd2_journal_destroy(sbi->journal);
	sbi->journal = NULL;
	set_journal_inode(sbi, NULL);
	if (ji)
		iput(ji);
}

/* ---- super operations ---- */

static int ext4_statfs(struct dentry *d, struct linux_statfs_k *st)
{
	struct ext4_sb_info *sbi = EXT4_SB(d->d_sb);
	struct ext4_super_block *es = sbi->es;
	u64 free = 0, ifree = 0, resv, overhead;
	u64 itb = DIV_ROUND_UP((u64)sbi->g.inodes_per_group * sbi->g.inode_size, sbi->g.block_size);
	u32 ov;

	memcpy(&ov, (u8 *)es + 0x248, 4);   /* s_overhead_clusters */
	if (ov) {
		overhead = ov;
	} else {
		overhead = sbi->g.first_data_block;
		for (u32 g = 0; g < sbi->g.groups; g++) {
			if (ext4_group_has_super(sbi, g))
				overhead += 1 + sbi->gd_blocks + es->s_reserved_gdt_blocks;
			overhead += 2 + itb;
		}
		if (sbi->journal) {
			struct inode *ji = journal_inode_of(sbi);

			if (ji)
				overhead += ji->i_size / sbi->g.block_size;
		}
	}
	mutex_lock(&sbi->s_alloc_lock);
	for (u32 g = 0; g < sbi->g.groups; g++) {
		struct ext4_group_desc *gd = ext4_get_group_desc(d->d_sb, g, NULL);

		free += ext4_gd_free_blocks(sbi, gd);
		ifree += ext4_gd_free_inodes(sbi, gd);
	}
	mutex_unlock(&sbi->s_alloc_lock);
	resv = es->s_r_blocks_count_lo | (is64(sbi) ? (u64)es->s_r_blocks_count_hi << 32 : 0);
	memset(st, 0, sizeof(*st));
	st->f_type = EXT4_SUPER_MAGIC;
	st->f_bsize = sbi->g.block_size;
	st->f_frsize = sbi->g.block_size;
	st->f_blocks = sbi->g.blocks_count > overhead ? sbi->g.blocks_count - overhead : 0;
	st->f_bfree = free;
	st->f_bavail = free > resv ? free - resv : 0;
	st->f_files = sbi->g.inodes_count;
	st->f_ffree = ifree;
	st->f_namelen = EXT4_NAME_LEN;
	{
		u32 u[4];

		memcpy(u, es->s_uuid, 16);
		st->f_fsid = ((u64)(u[0] ^ u[1]) << 32) | (u[2] ^ u[3]);
	}
	return 0;
}

static int ext4_sync_fs(struct super_block *sb, bool wait)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	int err, err2 = 0;

	if (sbi->ro)
		return 0;
	err = ext4_sync_inodes(sb);
	if (sbi->journal && wait) {
		/* The superblock block is journalled (the orphan list lives
		 * in it): its counters go through the log as well, never
		 * written in place under a running transaction. */
		err2 = ext4_journal_super_counters(sb);
		if (!err)
			err = err2;
		err2 = jbd2_journal_force_commit(sbi->journal);
		if (!err)
			err = err2;
		/* As Linux's sync(2) does with the block device: what the
		 * commit left dirty goes home too, so the file system on the
		 * disk is whole without a replay (the log stays until the
		 * next checkpoint). */
		err2 = sync_blockdev(sbi->bdev);
		if (!err)
			err = err2;
	} else if (wait) {
		err2 = ext4_commit_super(sb, true);
		if (!err)
			err = err2;
		err2 = sync_blockdev(sbi->bdev);
		if (!err)
			err = err2;
	}
	return err;
}

/* Mark the fs in use (rw) or cleanly left (ro/umount), as Linux does. */
static int ext4_setup_super(struct super_block *sb, bool rw)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	struct ext4_super_block *es = sbi->es;

	lock_buffer(sbi->sbh);
	if (rw) {
		if (!(es->s_state & EXT4_VALID_FS))
			ext4_msg(sb, KERN_WARNING, "mounting unchecked fs, running e2fsck is recommended");
		if (!sbi->journal)
			es->s_state &= ~EXT4_VALID_FS;
		if (es->s_max_mnt_count == 0)
			es->s_max_mnt_count = -1;
		es->s_mnt_count++;
		es->s_mtime = (u32)vfs_now().tv_sec;
		if (sbi->journal)
			es->s_feature_incompat |= EXT4_FEATURE_INCOMPAT_RECOVER;
	} else {
		es->s_feature_incompat &= ~EXT4_FEATURE_INCOMPAT_RECOVER;
		if (!sbi->journal)
			es->s_state |= EXT4_VALID_FS;
	}
	unlock_buffer(sbi->sbh);
	return ext4_commit_super(sb, true);
}

/* Everything to disk and the log empty: umount, remount read-only. */
int ext4_quiesce(struct super_block *sb)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	int err = ext4_sync_inodes(sb);

	if (sbi->journal) {
		int e = jbd2_journal_flush(sbi->journal);

		if (!err)
			err = e;
	}
	if (!err)
		err = sync_blockdev(sbi->bdev);
	return err;
}

static void ext4_put_super(struct super_block *sb)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);

	if (!sbi->ro) {
		int err = ext4_quiesce(sb);

		if (!err)
			ext4_setup_super(sb, false);
		else
			ext4_msg(sb, KERN_ERR, "write-back failed at umount (%d): fs left marked in use", err);
	}
	drop_journal(sbi);
	sync_blockdev(sbi->bdev);
	for (u32 i = 0; i < sbi->gd_blocks; i++)
		brelse(sbi->gd_bh[i]);
	kfree(sbi->gd_bh);
	brelse(sbi->sbh);
	invalidate_bdev(sbi->bdev);
	blkdev_put(sbi->bdev, sbi);
	sb->s_fs_info = NULL;
	kfree(sbi);
}

static int ext4_remount(struct super_block *sb, unsigned *flags, void *data)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	bool want_ro = *flags & SB_RDONLY;
	int err;

	(void)data;
	if (want_ro == sbi->ro)
		return 0;
	if (want_ro) {
		err = ext4_quiesce(sb);
		if (err)
			return err;
		err = ext4_setup_super(sb, false);
		if (err)
			return err;
		sbi->ro = true;
		return 0;
	}
	if (sbi->ro_only || sbi->bdev->bd_read_only) {
		ext4_msg(sb, KERN_ERR, "cannot remount read-write: %s",
			 sbi->ro_only ? "unsupported ro_compat features" : "device is read-only");
		return -EROFS;
	}
	sbi->ro = false;
	return ext4_setup_super(sb, true);
}

static int ext4_show_options(struct seq_file *m, struct super_block *sb)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);

	if (!sbi->journal && (sbi->g.compat & EXT4_FEATURE_COMPAT_HAS_JOURNAL))
		seq_puts(m, ",norecovery");
	return 0;
}

static const struct super_operations ext4_sops = {
	.alloc_inode = ext4_alloc_inode,
	.free_inode = ext4_free_inode,
	.evict_inode = ext4_evict_inode,
	.statfs = ext4_statfs,
	.put_super = ext4_put_super,
	.sync_fs = ext4_sync_fs,
	.remount_fs = ext4_remount,
	.show_options = ext4_show_options,
};

/* ---- mount ---- */

static int ext4_fill_super(struct super_block *sb, const char *source, bool want_ro)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	struct buffer_head *bh;
	const char *why;
	struct inode *root;
	u32 off;
	int err;

	err = set_blocksize(sbi->bdev, 1024);
	if (err)
		return err;
	bh = bread(sbi->bdev, 1);
	if (IS_ERR(bh)) {
		ext4_msg(sb, KERN_ERR, "cannot read the superblock");
		return PTR_ERR(bh);
	}
	err = ext4_parse_super((void *)bh->b_data, bdev_nr_bytes(sbi->bdev), &sbi->g, &why);
	if (!err && (sbi->g.incompat & EXT4_FEATURE_INCOMPAT_INLINE_DATA)) {
		why = "inline_data is not supported";
		err = -EINVAL;
	}
	brelse(bh);
	if (err) {
		ext4_msg(sb, KERN_ERR, "cannot mount %s: %s", source, why);
		return err;
	}
	if (sbi->g.incompat & ~EXT4_INCOMPAT_SUPP)
		return -EINVAL;
	sbi->ro_only = sbi->g.read_only;
	if (sbi->ro_only && !want_ro)
		ext4_msg(sb, KERN_WARNING, "unsupported ro_compat features %#x: mounting read-only",
			 sbi->g.ro_compat & ~EXT4_RO_COMPAT_SUPP);
	sbi->ro = want_ro || sbi->ro_only || sbi->bdev->bd_read_only;
	if (sbi->g.block_size != 1024) {
		err = set_blocksize(sbi->bdev, sbi->g.block_size);
		if (err)
			return err;
	}
	sb->s_blocksize = sbi->g.block_size;
	sb->s_maxbytes = (u64)0xffffffff * sbi->g.block_size;   /* 2^32 blocks per file */
	sb->s_magic = EXT4_SUPER_MAGIC;
	sb->s_op = &ext4_sops;
	off = sbi->g.block_size == 1024 ? 0 : 1024;
	sbi->sbh = bread(sbi->bdev, sbi->g.block_size == 1024 ? 1 : 0);
	if (IS_ERR(sbi->sbh)) {
		err = PTR_ERR(sbi->sbh);
		sbi->sbh = NULL;
		return err;
	}
	sbi->es = (void *)(sbi->sbh->b_data + off);
	err = load_group_descs(sb);
	if (err)
		return err;
	if (sbi->g.compat & EXT4_FEATURE_COMPAT_HAS_JOURNAL) {
		err = load_journal(sb);
		if (err)
			return err;
	} else if (sbi->g.incompat & EXT4_FEATURE_INCOMPAT_RECOVER) {
		ext4_msg(sb, KERN_ERR, "needs recovery but has no journal");
		return -EINVAL;
	}
	root = ext4_iget(sb, EXT4_ROOT_INO);
	if (IS_ERR(root)) {
		ext4_msg(sb, KERN_ERR, "cannot read the root inode");
		return PTR_ERR(root);
	}
	if (!S_ISDIR(root->i_mode) || !root->i_size) {
		ext4_msg(sb, KERN_ERR, "root inode is not a directory");
		iput(root);
		return -EFSCORRUPTED;
	}
	sb->s_root = d_make_root(root);
	if (!sb->s_root)
		return -ENOMEM;
	if (!sbi->ro) {
		err = ext4_setup_super(sb, true);
		if (err)
			return err;
	}
	ext4_orphan_cleanup(sb);
	if (sbi->ro && sbi->journal && !sbi->bdev->bd_read_only &&
	    (sbi->es->s_feature_incompat & EXT4_FEATURE_INCOMPAT_RECOVER)) {
		/* Replayed (and cleaned up) for a read-only mount: the log
		 * is empty, so the mark goes, as Linux's
		 * ext4_mark_recovery_complete does. */
		lock_buffer(sbi->sbh);
		sbi->es->s_feature_incompat &= ~EXT4_FEATURE_INCOMPAT_RECOVER;
		unlock_buffer(sbi->sbh);
		ext4_commit_super(sb, true);
	}
	ext4_msg(sb, KERN_INFO, "mounted %s filesystem %s, %u-byte blocks, %u groups%s",
		 sbi->journal ? "journalled" : "unjournalled", sbi->ro ? "read-only" : "read-write",
		 sbi->g.block_size, sbi->g.groups, sbi->g.csum ? ", metadata_csum" : "");
	return 0;
}

static struct super_block *ext4_mount(struct file_system_type *t, int flags, const char *source,
				      void *data)
{
	bool want_ro = flags & MNT_RDONLY;
	struct ext4_sb_info *sbi;
	struct super_block *sb;
	int err;

	(void)data;   /* XXX: mount options (data=, errors=, noload) are ignored */
	sb = kzalloc(sizeof(*sb), GFP_KERNEL);
	sbi = kzalloc(sizeof(*sbi), GFP_KERNEL);
	if (!sb || !sbi) {
		kfree(sb);
		kfree(sbi);
		return ERR_PTR(-ENOMEM);
	}
	sb->s_type = t;
	sb->s_active = 1;
	spin_lock_init(&sb->s_lock, "super_block.s_lock");
	INIT_LIST_HEAD(&sb->s_inodes);
	sb->s_fs_info = sbi;
	sbi->sb = sb;
	mutex_init(&sbi->s_alloc_lock, "ext4.s_alloc_lock");
	mutex_init(&sbi->s_orphan_lock, "ext4.s_orphan_lock");
	INIT_LIST_HEAD(&sbi->s_orphan);
	spin_lock_init(&sbi->s_icache_lock, "ext4.s_icache_lock");
	for (int i = 0; i < EXT4_ICACHE_BUCKETS; i++)
		INIT_LIST_HEAD(&sbi->icache[i]);

	/* The journal may need replaying even for a read-only mount: ask
	 * for write access, settle for read. */
	sbi->bdev = blkdev_get_by_path(source, FMODE_READ | FMODE_WRITE, sbi);
	if (IS_ERR(sbi->bdev) && PTR_ERR(sbi->bdev) == -EROFS)
		sbi->bdev = blkdev_get_by_path(source, FMODE_READ, sbi);
	if (IS_ERR(sbi->bdev)) {
		err = PTR_ERR(sbi->bdev);
		kfree(sbi);
		kfree(sb);
		return ERR_PTR(err);
	}
	sb->s_bdev = sbi->bdev;
	sb->s_dev = sbi->bdev->bd_dev;
	strncpy(sb->s_id, sbi->bdev->bd_name, sizeof(sb->s_id) - 1);
	err = ext4_fill_super(sb, source, want_ro);
	if (err) {
		if (sb->s_root)
			dput(sb->s_root);
		sb->s_root = NULL;
		sbi->ro = true;   /* nothing to write back */
		drop_journal(sbi);
		for (u32 i = 0; sbi->gd_bh && i < sbi->gd_blocks; i++)
			brelse(sbi->gd_bh[i]);
		kfree(sbi->gd_bh);
		brelse(sbi->sbh);
		invalidate_bdev(sbi->bdev);
		blkdev_put(sbi->bdev, sbi);
		kfree(sbi);
		kfree(sb);   /* XXX: an inode that failed iget half-way may still point here */
		return ERR_PTR(err == -EFSBADCRC ? -EFSCORRUPTED : err);
	}
	if (sbi->ro)
		sb->s_flags |= SB_RDONLY;
	return sb;
}

static void ext4_kill_sb(struct super_block *sb)
{
	kill_litter_super(sb);
}

static struct file_system_type ext4_fs_type = {
	.name = "ext4",
	.mount = ext4_mount,
	.kill_sb = ext4_kill_sb,
};
static struct file_system_type ext3_fs_type = {
	.name = "ext3",
	.mount = ext4_mount,
	.kill_sb = ext4_kill_sb,
};
static struct file_system_type ext2_fs_type = {
	.name = "ext2",
	.mount = ext4_mount,
	.kill_sb = ext4_kill_sb,
};

void ext4_init(void)
{
	register_filesystem(&ext4_fs_type);
	register_filesystem(&ext3_fs_type);
	register_filesystem(&ext2_fs_type);
}
