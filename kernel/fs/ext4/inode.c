/*
 * ext4 inodes: reading them from the inode tables (checksum and every
 * field checked), writing them back under a journal handle, the inode
 * cache (one struct inode per inode number, so hard links share it), file
 * data through the page cache (readpage/writepage map blocks through the
 * extent tree and move data with bios), write(2) allocating blocks as it
 * copies, truncate, setattr, and freeing an inode when its last link and
 * last user are gone.
 */
#include <kernel/random.h>

#include "ext4.h"

/* ---- the inode cache ---- */

struct inode *ext4_alloc_inode(struct super_block *sb)
{
	struct ext4_inode_info *ei = kzalloc(sizeof(*ei), GFP_KERNEL);

	(void)sb;
	if (!ei)
		return NULL;
	INIT_LIST_HEAD(&ei->hash);
	INIT_LIST_HEAD(&ei->i_orphan);
	mutex_init(&ei->i_map_lock, "ext4.i_map_lock");
	return &ei->vfs;
}

void ext4_free_inode(struct inode *inode)
{
	kfree(EXT4_I(inode));
}

static struct list_head *ibucket(struct ext4_sb_info *sbi, u64 ino)
{
	return &sbi->icache[ino % EXT4_ICACHE_BUCKETS];
}

/* The cached inode, referenced; NULL if none; waits out one being freed. */
static struct inode *icache_find(struct ext4_sb_info *sbi, u64 ino)
{
	for (;;) {
		struct ext4_inode_info *ei;
		bool dying = false;

		spin_lock(&sbi->s_icache_lock);
		list_for_each_entry(ei, ibucket(sbi, ino), hash) {
			int c;

			if (ei->vfs.i_ino != ino)
				continue;
			c = __atomic_load_n(&ei->vfs.i_count, __ATOMIC_ACQUIRE);
			while (c > 0 && !__atomic_compare_exchange_n(&ei->vfs.i_count, &c, c + 1, false,
								      __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
				;
			if (c > 0 && !ei->i_new) {
				spin_unlock(&sbi->s_icache_lock);
				return &ei->vfs;
			}
			if (c > 0)
				__atomic_sub_fetch(&ei->vfs.i_count, 1, __ATOMIC_ACQ_REL);
			dying = true;
			break;
		}
		spin_unlock(&sbi->s_icache_lock);
		if (!dying)
			return NULL;
		msleep(1);   /* being evicted or set up by another task */
	}
}

/* ---- reading and writing inodes ---- */

static int inode_loc(struct super_block *sb, u32 ino, u64 *blk, u32 *off)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	struct ext4_group_desc *gd;
	u32 g, idx;
	u64 byte;

	if (ino < 1 || ino > sbi->g.inodes_count)
		return -EFSCORRUPTED;
	g = (ino - 1) / sbi->g.inodes_per_group;
	idx = (ino - 1) % sbi->g.inodes_per_group;
	gd = ext4_get_group_desc(sb, g, NULL);
	if (!gd)
		return -EFSCORRUPTED;
	byte = (u64)idx * sbi->g.inode_size;
	*blk = ext4_inode_table(sbi, gd) + byte / sbi->g.block_size;
	*off = byte % sbi->g.block_size;
	return 0;
}

void ext4_set_ops(struct inode *inode)
{
	umode_t m = inode->i_mode;

	if (S_ISREG(m)) {
		inode->i_op = &ext4_file_iops;
		inode->i_fop = &ext4_file_fops;
		inode->i_mapping->a_ops = &ext4_aops;
	} else if (S_ISDIR(m)) {
		inode->i_op = &ext4_dir_iops;
		inode->i_fop = &ext4_dir_fops;
	} else if (S_ISLNK(m)) {
		inode->i_op = &ext4_symlink_iops;
	} else {
		inode->i_op = &ext4_special_iops;
		init_special_inode(inode, m, inode->i_rdev);
	}
}

static bool fast_symlink(struct inode *inode)
{
	struct ext4_inode_info *ei = EXT4_I(inode);

	return S_ISLNK(inode->i_mode) && !(ei->i_flags & EXT4_EXTENTS_FL) &&
	       inode->i_size < sizeof(ei->i_data);
}

static int inode_fill(struct inode *inode, const struct ext4_inode *raw)
{
	struct ext4_sb_info *sbi = EXT4_SB(inode->i_sb);
	struct ext4_inode_info *ei = EXT4_I(inode);
	bool big = sbi->g.inode_size > EXT4_GOOD_OLD_INODE_SIZE;
	u64 blocks;

	inode->i_mode = raw->i_mode;
	inode->i_uid = raw->i_uid | ((u32)raw->i_uid_high << 16);
	inode->i_gid = raw->i_gid | ((u32)raw->i_gid_high << 16);
	set_nlink(inode, raw->i_links_count);
	inode->i_size = raw->i_size_lo | ((u64)raw->i_size_high << 32);
	ei->i_disksize = inode->i_size;
	ei->i_flags = raw->i_flags;
	ei->i_generation = raw->i_generation;
	ei->i_file_acl = raw->i_file_acl_lo | ((u64)raw->i_file_acl_high << 32);
	ei->i_dtime = raw->i_dtime;
	memcpy(ei->i_data, raw->i_block, sizeof(ei->i_data));
	ei->i_extra_isize = big ? raw->i_extra_isize : 0;
	if (big && (ei->i_extra_isize > sbi->g.inode_size - EXT4_GOOD_OLD_INODE_SIZE ||
		    ei->i_extra_isize % 4))
		return -EFSCORRUPTED;
	blocks = raw->i_blocks_lo;
	if (sbi->g.ro_compat & EXT4_FEATURE_RO_COMPAT_HUGE_FILE) {
		blocks |= (u64)raw->i_blocks_high << 32;
		if (ei->i_flags & EXT4_HUGE_FILE_FL)
			blocks *= sbi->g.block_size / 512;
	}
	inode->i_blocks = blocks;

#define XT(f) (ei->i_extra_isize >= offsetof(struct ext4_inode, f) + 4 - EXT4_GOOD_OLD_INODE_SIZE)
	inode->i_atime.tv_sec = ext4_decode_sec(raw->i_atime, XT(i_atime_extra) ? raw->i_atime_extra : 0);
	inode->i_atime.tv_nsec = XT(i_atime_extra) ? ext4_decode_nsec(raw->i_atime_extra) : 0;
	inode->i_mtime.tv_sec = ext4_decode_sec(raw->i_mtime, XT(i_mtime_extra) ? raw->i_mtime_extra : 0);
	inode->i_mtime.tv_nsec = XT(i_mtime_extra) ? ext4_decode_nsec(raw->i_mtime_extra) : 0;
	inode->i_ctime.tv_sec = ext4_decode_sec(raw->i_ctime, XT(i_ctime_extra) ? raw->i_ctime_extra : 0);
	inode->i_ctime.tv_nsec = XT(i_ctime_extra) ? ext4_decode_nsec(raw->i_ctime_extra) : 0;
	if (XT(i_crtime_extra)) {
		inode->i_btime.tv_sec = ext4_decode_sec(raw->i_crtime, raw->i_crtime_extra);
		inode->i_btime.tv_nsec = ext4_decode_nsec(raw->i_crtime_extra);
	} else {
		inode->i_btime = inode->i_ctime;
	}
	ei->i_projid = XT(i_projid) ? raw->i_projid : 0;

	if (S_ISCHR(inode->i_mode) || S_ISBLK(inode->i_mode)) {
		unsigned ma, mi;
		u32 ib[EXT4_N_BLOCKS];

		memcpy(ib, raw->i_block, sizeof(ib));
		ext4_decode_dev(ib, &ma, &mi);
		inode->i_rdev = MKDEV(ma, mi);
	}
	switch (inode->i_mode & S_IFMT) {
	case S_IFREG: case S_IFDIR: case S_IFLNK: case S_IFCHR: case S_IFBLK: case S_IFIFO:
	case S_IFSOCK:
		break;
	default:
		return -EFSCORRUPTED;
	}
	if (ei->i_flags & (EXT4_INLINE_DATA_FL | EXT4_ENCRYPT_FL | EXT4_CASEFOLD_FL | EXT4_VERITY_FL))
		return -EOPNOTSUPP;
	if ((S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode) ||
	     (S_ISLNK(inode->i_mode) && !fast_symlink(inode))) &&
	    (ei->i_flags & EXT4_EXTENTS_FL)) {
		if (ext4_ext_check((void *)ei->i_data, sizeof(ei->i_data), -1))
			return -EFSCORRUPTED;
	}
	if (S_ISLNK(inode->i_mode) && (inode->i_size == 0 || inode->i_size >= PATH_MAX))
		return -EFSCORRUPTED;
	if (S_ISDIR(inode->i_mode) && inode->i_size % sbi->g.block_size)
		return -EFSCORRUPTED;
	if (ei->i_file_acl && !ext4_block_valid(sbi, ei->i_file_acl, 1))
		return -EFSCORRUPTED;
	return 0;
}

struct inode *ext4_iget(struct super_block *sb, u32 ino)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	struct ext4_inode_info *ei;
	struct buffer_head *bh;
	struct inode *inode;
	struct ext4_inode *raw;
	u64 blk;
	u32 off;
	int err;

	if (ino != EXT4_ROOT_INO && ino != EXT4_JOURNAL_INO &&
	    (ino < sbi->g.first_ino || ino > sbi->g.inodes_count)) {
		ext4_error(sb, "bad inode number %u", ino);
		return ERR_PTR(-EFSCORRUPTED);
	}
	inode = icache_find(sbi, ino);
	if (inode)
		return inode;
	inode = new_inode(sb);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	ei = EXT4_I(inode);
	inode->i_ino = ino;
	ei->i_new = true;
	spin_lock(&sbi->s_icache_lock);
	{
		/* Someone may have added it meanwhile. */
		struct ext4_inode_info *o;
		bool found = false;

		list_for_each_entry(o, ibucket(sbi, ino), hash)
			if (o->vfs.i_ino == ino)
				found = true;
		if (found) {
			spin_unlock(&sbi->s_icache_lock);
			ei->i_new = false;
			iput(inode);
			return ext4_iget(sb, ino);
		}
		list_add(&ei->hash, ibucket(sbi, ino));
	}
	spin_unlock(&sbi->s_icache_lock);

	err = inode_loc(sb, ino, &blk, &off);
	if (err)
		goto bad;
	bh = ext4_bread(sb, blk);
	if (IS_ERR(bh)) {
		err = PTR_ERR(bh);
		goto bad;
	}
	raw = (void *)(bh->b_data + off);
	if (sbi->g.csum) {
		ei->i_csum_seed = ext4_inode_csum_seed(&sbi->g, ino, raw->i_generation);
		if (!ext4_inode_csum_ok(&sbi->g, raw, ei->i_csum_seed)) {
			brelse(bh);
			ext4_error(sb, "inode %u: checksum does not match", ino);
			err = -EFSCORRUPTED;
			goto bad;
		}
	}
	if (raw->i_links_count == 0 && raw->i_mode == 0) {
		brelse(bh);
		ext4_error(sb, "inode %u is not in use", ino);
		err = -EFSCORRUPTED;
		goto bad;
	}
	err = inode_fill(inode, raw);
	brelse(bh);
	if (err) {
		ext4_error(sb, "inode %u: %s", ino, err == -EOPNOTSUPP ? "unsupported inode flags" : "corrupt");
		if (err == -EOPNOTSUPP)
			err = -EFSCORRUPTED;
		goto bad;
	}
	ext4_set_ops(inode);
	__atomic_store_n(&ei->i_new, false, __ATOMIC_RELEASE);
	return inode;
bad:
	/* Not a real inode: nothing to write back or free on eviction. */
	set_nlink(inode, 1);
	inode->i_mode = 0;
	__atomic_store_n(&ei->i_new, false, __ATOMIC_RELEASE);
	iput(inode);
	return ERR_PTR(err);
}

int ext4_write_inode(handle_t *h, struct inode *inode)
{
	struct ext4_sb_info *sbi = EXT4_SB(inode->i_sb);
	struct ext4_inode_info *ei = EXT4_I(inode);
	struct buffer_head *bh;
	struct ext4_inode *raw;
	u64 blk, blocks;
	u32 off;
	int err;

	err = inode_loc(inode->i_sb, inode->i_ino, &blk, &off);
	if (err)
		return err;
	bh = ext4_bread(inode->i_sb, blk);
	if (IS_ERR(bh))
		return PTR_ERR(bh);
	err = ext4_get_write_access(h, bh);
	if (err) {
		brelse(bh);
		return err;
	}
	lock_buffer(bh);
	raw = (void *)(bh->b_data + off);
	raw->i_mode = (u16)inode->i_mode;
	raw->i_uid = (u16)inode->i_uid;
	raw->i_uid_high = (u16)(inode->i_uid >> 16);
	raw->i_gid = (u16)inode->i_gid;
	raw->i_gid_high = (u16)(inode->i_gid >> 16);
	raw->i_links_count = (u16)MIN(inode->i_nlink, 65000u);
	if (S_ISDIR(inode->i_mode) && inode->i_nlink >= 65000)
		raw->i_links_count = 1;   /* dir_nlink: "many" */
	raw->i_size_lo = (u32)ei->i_disksize;
	raw->i_size_high = (u32)(ei->i_disksize >> 32);
	raw->i_flags = ei->i_flags;
	raw->i_generation = ei->i_generation;
	raw->i_file_acl_lo = (u32)ei->i_file_acl;
	raw->i_file_acl_high = (u16)(ei->i_file_acl >> 32);
	raw->i_dtime = ei->i_dtime;
	blocks = inode->i_blocks;
	if (ei->i_flags & EXT4_HUGE_FILE_FL)
		blocks /= sbi->g.block_size / 512;
	raw->i_blocks_lo = (u32)blocks;
	raw->i_blocks_high = (sbi->g.ro_compat & EXT4_FEATURE_RO_COMPAT_HUGE_FILE) ? (u16)(blocks >> 32) : 0;
	if (S_ISCHR(inode->i_mode) || S_ISBLK(inode->i_mode)) {
		u32 ib[EXT4_N_BLOCKS] = { 0 };

		ext4_encode_dev(ib, MAJOR(inode->i_rdev), MINOR(inode->i_rdev));
		memcpy(raw->i_block, ib, sizeof(ib));
	} else {
		memcpy(raw->i_block, ei->i_data, sizeof(raw->i_block));
	}
	spin_lock(&inode->i_lock);
	raw->i_atime = (u32)inode->i_atime.tv_sec;
	raw->i_mtime = (u32)inode->i_mtime.tv_sec;
	raw->i_ctime = (u32)inode->i_ctime.tv_sec;
	if (sbi->g.inode_size > EXT4_GOOD_OLD_INODE_SIZE) {
		raw->i_extra_isize = ei->i_extra_isize;
		if (XT(i_atime_extra))
			raw->i_atime_extra = ext4_encode_extra(inode->i_atime.tv_sec, inode->i_atime.tv_nsec);
		if (XT(i_mtime_extra))
			raw->i_mtime_extra = ext4_encode_extra(inode->i_mtime.tv_sec, inode->i_mtime.tv_nsec);
		if (XT(i_ctime_extra))
			raw->i_ctime_extra = ext4_encode_extra(inode->i_ctime.tv_sec, inode->i_ctime.tv_nsec);
		if (XT(i_crtime_extra)) {
			raw->i_crtime = (u32)inode->i_btime.tv_sec;
			raw->i_crtime_extra = ext4_encode_extra(inode->i_btime.tv_sec, inode->i_btime.tv_nsec);
		}
	}
	spin_unlock(&inode->i_lock);
	if (sbi->g.csum)
		ext4_inode_csum_set(&sbi->g, raw, ei->i_csum_seed);
	unlock_buffer(bh);
	err = ext4_dirty_metadata(h, bh);
	brelse(bh);
	return err;
}

/* ---- new inodes ---- */

struct inode *ext4_new_inode(handle_t *h, struct inode *dir, umode_t mode)
{
	struct super_block *sb = dir->i_sb;
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	struct ext4_inode_info *ei;
	struct inode *inode;
	struct buffer_head *bh;
	u64 blk;
	u32 ino, off;
	int err;

	err = ext4_new_ino(h, dir, S_ISDIR(mode), &ino);
	if (err)
		return ERR_PTR(err);
	inode = new_inode(sb);
	if (!inode) {
		ext4_free_ino(h, sb, ino, S_ISDIR(mode));
		return ERR_PTR(-ENOMEM);
	}
	ei = EXT4_I(inode);
	inode->i_ino = ino;
	inode_init_owner(inode, dir, mode);
	inode->i_blocks = 0;
	inode->i_size = 0;
	set_nlink(inode, 1);
	ei->i_disksize = 0;
	ei->i_flags = EXT4_I(dir)->i_flags & (EXT4_SYNC_FL | EXT4_NOATIME_FL);
	if (S_ISREG(mode) || S_ISDIR(mode)) {
		struct ext4_extent_header *eh = (void *)ei->i_data;

		ei->i_flags |= EXT4_EXTENTS_FL;
		eh->eh_magic = EXT4_EXT_MAGIC;
		eh->eh_max = (sizeof(ei->i_data) - sizeof(*eh)) / sizeof(struct ext4_extent);
	}
	get_random_bytes(&ei->i_generation, sizeof(ei->i_generation));
	ei->i_csum_seed = ext4_inode_csum_seed(&sbi->g, ino, ei->i_generation);
	if (sbi->g.inode_size > EXT4_GOOD_OLD_INODE_SIZE)
		ei->i_extra_isize = MAX((u16)32, sbi->es->s_want_extra_isize);
	if (ei->i_extra_isize > sbi->g.inode_size - EXT4_GOOD_OLD_INODE_SIZE)
		ei->i_extra_isize = 0;

	/* A clean slot in the table (it may hold an old inode's bytes). */
	err = inode_loc(sb, ino, &blk, &off);
	if (!err) {
		bh = ext4_bread(sb, blk);
		if (IS_ERR(bh)) {
			err = PTR_ERR(bh);
		} else {
			err = ext4_get_write_access(h, bh);
			if (!err) {
				lock_buffer(bh);
				memset(bh->b_data + off, 0, sbi->g.inode_size);
				unlock_buffer(bh);
			}
			brelse(bh);
		}
	}
	spin_lock(&sbi->s_icache_lock);
	list_add(&ei->hash, ibucket(sbi, ino));
	spin_unlock(&sbi->s_icache_lock);
	if (!err)
		err = ext4_write_inode(h, inode);
	if (err) {
		ext4_free_ino(h, sb, ino, S_ISDIR(mode));
		set_nlink(inode, 1);
		inode->i_mode = 0;
		iput(inode);
		return ERR_PTR(err);
	}
	ext4_set_ops(inode);
	return inode;
}

/* ---- eviction ---- */

void ext4_evict_inode(struct inode *inode)
{
	struct ext4_sb_info *sbi = EXT4_SB(inode->i_sb);
	struct ext4_inode_info *ei = EXT4_I(inode);
	handle_t *h;

	if (inode->i_mode && !sbi->ro) {
		if (inode->i_nlink == 0) {
			mapping_truncate(inode->i_mapping, 0);
			h = ext4_journal_start(inode->i_sb, EXT4_HANDLE_CREDITS * 4);
			if (IS_ERR(h)) {
				ext4_msg(inode->i_sb, KERN_ERR, "cannot free inode %llu: error %ld",
					 (unsigned long long)inode->i_ino, PTR_ERR(h));
			} else {
				mutex_lock(&ei->i_map_lock);
				ext4_ext_truncate(h, inode, 0);
				mutex_unlock(&ei->i_map_lock);
				ext4_xattr_delete_inode(h, inode);
				ei->i_disksize = 0;
				inode->i_size = 0;
				/* Freed in the same transaction that takes it
				 * off the orphan list. */
				ext4_orphan_del(h, inode);
				ei->i_dtime = (u32)vfs_now().tv_sec;
				ext4_write_inode(h, inode);
				ext4_free_ino(h, inode->i_sb, inode->i_ino, S_ISDIR(inode->i_mode));
				ext4_journal_stop(h);
			}
		} else if (inode->i_mapping->nrdirty) {
			mapping_writeback(inode->i_mapping);
		}
	}
	spin_lock(&sbi->s_icache_lock);
	list_del_init(&ei->hash);
	spin_unlock(&sbi->s_icache_lock);
}

int ext4_sync_inodes(struct super_block *sb)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	int first = 0;

	for (int b = 0; b < EXT4_ICACHE_BUCKETS; b++) {
		struct inode *batch[16];
		int n;

		do {
			struct ext4_inode_info *ei;

			n = 0;
			spin_lock(&sbi->s_icache_lock);
			list_for_each_entry(ei, &sbi->icache[b], hash) {
				int c = __atomic_load_n(&ei->vfs.i_count, __ATOMIC_ACQUIRE);

				/* XXX: an unlinked inode is skipped: its last iput
				 * here would free it under a handle, which must not
				 * happen inside a commit's pre_commit. */
				if (!ei->vfs.i_mapping->nrdirty || ei->i_new || !ei->vfs.i_nlink)
					continue;
				while (c > 0 && !__atomic_compare_exchange_n(&ei->vfs.i_count, &c, c + 1,
									      false, __ATOMIC_ACQ_REL,
									      __ATOMIC_ACQUIRE))
					;
				if (c <= 0)
					continue;
				batch[n++] = &ei->vfs;
				if (n == 16)
					break;
			}
			spin_unlock(&sbi->s_icache_lock);
			for (int i = 0; i < n; i++) {
				int err = mapping_writeback(batch[i]->i_mapping);

				if (err && !first)
					first = err;
				iput(batch[i]);
			}
		} while (n == 16 && !first);
	}
	return first;
}

/* ---- file data ---- */

#define RA_BIO_VECS 256   /* segments of one read-ahead bio (1 MiB of 4 KiB blocks) */

struct buffer_head *ext4_inode_bread(struct inode *inode, u32 lblk)
{
	u64 pblk;
	u32 n;
	int err = ext4_map_block(inode, lblk, 1, &pblk, &n);

	if (err)
		return ERR_PTR(err);
	if (!pblk) {
		ext4_error(inode->i_sb, "inode %llu: hole at block %u",
			   (unsigned long long)inode->i_ino, lblk);
		return ERR_PTR(-EFSCORRUPTED);
	}
	return ext4_bread(inode->i_sb, pblk);
}

static int ext4_readpage(struct address_space *m, struct page *page, u64 index)
{
	struct inode *inode = m->host;
	struct ext4_sb_info *sbi = EXT4_SB(inode->i_sb);
	struct ext4_inode_info *ei = EXT4_I(inode);
	u32 bs = sbi->g.block_size, per = PAGE_SIZE / bs;
	u64 size = READ_ONCE(inode->i_size);
	char *addr = page_address(page);
	int err = 0;

	if (index * PAGE_SIZE >= size || index * per > 0xffffffffull)
		return 0;   /* zeros */
	mutex_lock(&ei->i_map_lock);
	for (u32 i = 0; i < per && !err;) {
		u64 pblk;
		u32 n;

		if ((index * per + i) * bs >= size)
			break;
		err = ext4_map_block(inode, (u32)(index * per + i), per - i, &pblk, &n);
		if (err)
			break;
		if (n == 0)
			n = 1;
		if (pblk)
			err = blkdev_rw_kbuf(sbi->bdev, REQ_OP_READ, pblk * (bs / 512), addr + i * bs,
					     (size_t)n * bs);
		i += n;
	}
	mutex_unlock(&ei->i_map_lock);
	if (err)
		ext4_error(inode->i_sb, "inode %llu: read error %d at page %llu",
			   (unsigned long long)inode->i_ino, err, (unsigned long long)index);
	return err ? -EIO : 0;
}

/* Read-ahead I/O in flight: the bios of one window. */
struct ext4_ra_io {
	int pending;                         /* bios in flight + 1 while submitting (atomic) */
	int err;                             /* first error (atomic) */
	struct completion done;
};

static void ext4_ra_end_io(struct bio *bio)
{
	struct ext4_ra_io *io = bio->bi_private;
	int zero = 0;

	if (bio->bi_status)
		__atomic_compare_exchange_n(&io->err, &zero, bio->bi_status, false, __ATOMIC_ACQ_REL,
					    __ATOMIC_ACQUIRE);
	bio_put(bio);
	if (__atomic_sub_fetch(&io->pending, 1, __ATOMIC_ACQ_REL) == 0)
		complete(&io->done);
}

static void ext4_ra_submit(struct ext4_ra_io *io, struct bio *bio)
{
	bio->bi_end_io = ext4_ra_end_io;
	bio->bi_private = io;
	__atomic_add_fetch(&io->pending, 1, __ATOMIC_ACQ_REL);
	submit_bio(bio);
}

/* The blocks under pages[] (file blocks [first, last), first the first
 * page's), each run contiguous on disk in one bio (one virtio request of
 * many segments), all bios in flight at once; holes are passed over.
 * Caller holds i_map_lock. 0, or -errno (-EIO for a failed bio). */
static int ext4_pages_io(struct inode *inode, struct page **pages, u64 first, u64 last, unsigned op)
{
	struct ext4_sb_info *sbi = EXT4_SB(inode->i_sb);
	u32 bs = sbi->g.block_size, per = PAGE_SIZE / bs, spb = bs / 512;
	struct ext4_ra_io io = { .pending = 1 };
	struct bio *bio = NULL;
	u64 next_sector = 0;
	int err = 0;

	init_completion(&io.done);
	for (u64 b = first; b < last && !err;) {
		u64 pblk;
		u32 cnt;

		err = ext4_map_block(inode, (u32)b, (u32)(last - b), &pblk, &cnt);
		if (err)
			break;
		if (cnt == 0)
			cnt = 1;
		if (!pblk) {
			b += cnt;
			continue;
		}
		for (u32 i = 0; i < cnt; i++, b++) {
			struct page *pg = pages[(b - first) / per];
			u32 off = (u32)(b % per) * bs;
			u64 sector = (pblk + i) * spb;

			if (bio && (sector != next_sector || !bio_add_page(bio, pg, bs, off))) {
				ext4_ra_submit(&io, bio);
				bio = NULL;
			}
			if (!bio) {
				bio = bio_alloc(sbi->bdev, (u32)MIN(last - b, (u64)RA_BIO_VECS), op,
						GFP_KERNEL);
				if (!bio) {
					err = -ENOMEM;
					break;
				}
				bio->bi_sector = sector;
				bio_add_page(bio, pg, bs, off);
			}
			next_sector = sector + spb;
		}
	}
	if (bio) {
		if (err)
			bio_put(bio);
		else
			ext4_ra_submit(&io, bio);
	}
	if (__atomic_sub_fetch(&io.pending, 1, __ATOMIC_ACQ_REL) != 0)
		wait_for_completion(&io.done);
	if (!err && __atomic_load_n(&io.err, __ATOMIC_ACQUIRE))
		err = -EIO;
	return err;
}

/* A read-ahead window: the blocks under n consecutive pages, read by
 * ext4_pages_io. Holes stay zero. */
static int ext4_readpages(struct address_space *m, struct page **pages, u64 index, unsigned n)
{
	struct inode *inode = m->host;
	struct ext4_inode_info *ei = EXT4_I(inode);
	u32 bs = EXT4_SB(inode->i_sb)->g.block_size, per = PAGE_SIZE / bs;
	u64 size = READ_ONCE(inode->i_size);
	u64 first = index * per, last = (index + n) * per;   /* blocks [first, last) */
	int err;

	if (last > 0xffffffffull)
		return -EFBIG;
	last = MIN(last, DIV_ROUND_UP(size, bs));
	mutex_lock(&ei->i_map_lock);
	err = ext4_pages_io(inode, pages, first, last, REQ_OP_READ);
	mutex_unlock(&ei->i_map_lock);
	return err ? -EIO : 0;
}

static int ext4_writepage(struct address_space *m, struct page *page, u64 index)
{
	struct inode *inode = m->host;
	struct ext4_sb_info *sbi = EXT4_SB(inode->i_sb);
	struct ext4_inode_info *ei = EXT4_I(inode);
	u32 bs = sbi->g.block_size, per = PAGE_SIZE / bs;
	u64 size = READ_ONCE(inode->i_size);
	char *addr = page_address(page);
	handle_t *h = NULL;
	int err = 0;

	if (sbi->ro)
		return 0;
	if (index * PAGE_SIZE >= size)
		return 0;   /* truncated meanwhile */
retry:
	mutex_lock(&ei->i_map_lock);
	for (u32 i = 0; i < per && !err; i++) {
		u64 lblk = index * per + i, pblk;
		bool isnew;
		u32 n;

		if (lblk * bs >= size)
			break;
		err = ext4_map_block(inode, (u32)lblk, 1, &pblk, &n);
		if (!err && !pblk) {
			/* A hole written through a shared mapping: blocks need a
			 * handle, taken before i_map_lock (handles may wait for
			 * a commit, whose pre_commit writes pages). Inside the
			 * commit itself, leave the page for later. */
			if (!h) {
				mutex_unlock(&ei->i_map_lock);
				if (__atomic_load_n(&sbi->in_commit, __ATOMIC_ACQUIRE)) {
					mapping_set_page_dirty(m, page);
					return 0;
				}
				h = ext4_journal_start(inode->i_sb, EXT4_HANDLE_CREDITS);
				if (IS_ERR(h))
					return PTR_ERR(h);
				goto retry;
			}
			err = ext4_map_create(h, inode, (u32)lblk, &pblk, &isnew);
		}
		if (!err)
			err = blkdev_rw_kbuf(sbi->bdev, REQ_OP_WRITE, pblk * (bs / 512), addr + i * bs, bs);
	}
	mutex_unlock(&ei->i_map_lock);
	if (h) {
		ext4_write_inode(h, inode);
		ext4_journal_stop(h);
	}
	return err;
}

/* Write-back of consecutive dirty pages: the blocks under them, runs
 * contiguous on disk in one bio each, all in flight at once. A page over a
 * hole (written through mmap) needs blocks, so such a run is written page
 * by page by ext4_writepage instead. */
static int ext4_writepages(struct address_space *m, struct page **pages, u64 index, unsigned n)
{
	struct inode *inode = m->host;
	struct ext4_sb_info *sbi = EXT4_SB(inode->i_sb);
	struct ext4_inode_info *ei = EXT4_I(inode);
	u32 bs = sbi->g.block_size, per = PAGE_SIZE / bs;
	u64 size = READ_ONCE(inode->i_size);
	u64 first = index * per, last = (index + n) * per;
	bool hole = false;
	int err = 0;

	if (sbi->ro)
		return 0;
	if (last > 0xffffffffull)
		return -EFBIG;
	last = MIN(last, DIV_ROUND_UP(size, bs));
	mutex_lock(&ei->i_map_lock);
	/* Holes first: then nothing is submitted. */
	for (u64 b = first; b < last && !err && !hole;) {
		u64 pblk;
		u32 cnt;

		err = ext4_map_block(inode, (u32)b, (u32)(last - b), &pblk, &cnt);
		hole = !err && !pblk;
		b += cnt ? cnt : 1;
	}
	if (!err && !hole)
		err = ext4_pages_io(inode, pages, first, last, REQ_OP_WRITE);
	mutex_unlock(&ei->i_map_lock);
	if (!err && hole) {
		for (unsigned i = 0; i < n; i++) {
			int e = ext4_writepage(m, pages[i], index + i);

			if (e && !err)
				err = e;
		}
	}
	return err;
}

const struct address_space_operations ext4_aops = {
	.readpage = ext4_readpage,
	.writepage = ext4_writepage,
	.readpages = ext4_readpages,
	.writepages = ext4_writepages,
};

/* Allocate the blocks under bytes [pos, pos+n) of one page. */
static int alloc_range(struct inode *inode, u64 pos, size_t n)
{
	struct ext4_inode_info *ei = EXT4_I(inode);
	u32 bs = EXT4_SB(inode->i_sb)->g.block_size;
	u64 first = pos / bs, last = (pos + n - 1) / bs;
	handle_t *h;
	int err = 0;

	h = ext4_journal_start(inode->i_sb, EXT4_HANDLE_CREDITS);
	if (IS_ERR(h))
		return PTR_ERR(h);
	mutex_lock(&ei->i_map_lock);
	for (u64 b = first; b <= last && !err; b++) {
		u64 pblk;
		bool isnew;

		if (b > 0xfffffffeull) {
			err = -EFBIG;
			break;
		}
		err = ext4_map_create(h, inode, (u32)b, &pblk, &isnew);
	}
	if (pos + n > ei->i_disksize && !err)
		ei->i_disksize = pos + n;
	mutex_unlock(&ei->i_map_lock);
	{
		int e = ext4_write_inode(h, inode);

		if (!err)
			err = e;
	}
	{
		int e = ext4_journal_stop(h);

		if (!err)
			err = e;
	}
	return err;
}

static ssize_t ext4_file_write_iter(struct file *f, struct iov_iter *from, u64 *pos)
{
	struct inode *inode = f->f_inode;
	ssize_t done = 0;
	int err = 0;

	if (EXT4_SB(inode->i_sb)->ro)
		return -EROFS;
	mutex_lock(&inode->i_mutex);
	if (f->f_flags & LINUX_O_APPEND)
		*pos = inode->i_size;
	err = file_write_limits(inode, *pos, from);
	if (err) {
		mutex_unlock(&inode->i_mutex);
		return err;
	}
	if (iov_iter_count(from))
		file_remove_privs(inode);
	while (iov_iter_count(from)) {
		u64 off = *pos;
		size_t in_page = off % PAGE_SIZE;
		size_t n = MIN((size_t)(PAGE_SIZE - in_page), iov_iter_count(from));
		struct page *p;
		size_t got;

		/* The page first (holes read as zeros), then its blocks. */
		p = mapping_read_page(inode->i_mapping, off / PAGE_SIZE);
		if (IS_ERR(p)) {
			err = PTR_ERR(p);
			break;
		}
		err = alloc_range(inode, off, n);
		if (err) {
			page_put(p);
			break;
		}
		got = copy_from_iter((char *)page_address(p) + in_page, n, from);
		mapping_set_page_dirty(inode->i_mapping, p);
		page_put(p);
		done += got;
		*pos += got;
		if (*pos > inode->i_size)
			WRITE_ONCE(inode->i_size, *pos);
		if (got < n) {
			err = -EFAULT;
			break;
		}
	}
	if (done > 0) {
		handle_t *h;

		inode_touch(inode, false, true, true);
		h = ext4_journal_start(inode->i_sb, 4);
		if (!IS_ERR(h)) {
			EXT4_I(inode)->i_disksize = inode->i_size;
			ext4_write_inode(h, inode);
			ext4_journal_stop(h);
		}
	}
	mutex_unlock(&inode->i_mutex);
	if (done > 0 && (f->f_flags & (LINUX_O_SYNC | LINUX_O_DSYNC)))
		vfs_fsync(f, false);
	return done ? done : err;
}

static int ext4_fsync(struct file *f, bool datasync)
{
	struct inode *inode = f->f_inode;
	struct ext4_sb_info *sbi = EXT4_SB(inode->i_sb);
	int err;

	(void)datasync;
	if (sbi->ro)
		return 0;
	err = mapping_writeback(inode->i_mapping);
	if (!err && sbi->journal)
		err = jbd2_journal_force_commit(sbi->journal);
	else if (!err)
		err = sync_blockdev(sbi->bdev);
	return err;
}

/* Truncate to size (caller holds i_mutex). */
static int ext4_truncate(struct inode *inode, u64 size)
{
	struct ext4_inode_info *ei = EXT4_I(inode);
	u32 bs = EXT4_SB(inode->i_sb)->g.block_size;
	u64 old = inode->i_size;
	handle_t *h;
	int err;

	if (size < old && size % PAGE_SIZE) {
		/* The page holding the new end: its tail becomes zeros on disk too. */
		struct page *p = mapping_read_page(inode->i_mapping, size / PAGE_SIZE);

		if (IS_ERR(p))
			return PTR_ERR(p);
		memset((char *)page_address(p) + size % PAGE_SIZE, 0, PAGE_SIZE - size % PAGE_SIZE);
		mapping_set_page_dirty(inode->i_mapping, p);
		page_put(p);
	}
	if (size < old) {
		/* The new size and the orphan list first, in a transaction
		 * of their own (Linux's ext4_setattr): a crash while the
		 * blocks are freed leaves an orphan the next mount truncates
		 * to that size. */
		h = ext4_journal_start(inode->i_sb, 8);
		if (IS_ERR(h))
			return PTR_ERR(h);
		mutex_lock(&ei->i_map_lock);
		WRITE_ONCE(inode->i_size, size);
		ei->i_disksize = size;
		mutex_unlock(&ei->i_map_lock);
		if (inode->i_nlink)
			err = ext4_orphan_add(h, inode);   /* writes the inode */
		else
			err = ext4_write_inode(h, inode);
		ext4_journal_stop(h);
		if (err)
			return err;
		mapping_truncate(inode->i_mapping, size);
		return ext4_truncate_orphan(inode);
	}
	h = ext4_journal_start(inode->i_sb, EXT4_HANDLE_CREDITS);
	if (IS_ERR(h))
		return PTR_ERR(h);
	mutex_lock(&ei->i_map_lock);
	WRITE_ONCE(inode->i_size, size);
	ei->i_disksize = size;
	mutex_unlock(&ei->i_map_lock);
	(void)bs;
	err = ext4_write_inode(h, inode);
	ext4_journal_stop(h);
	return err;
}

int ext4_truncate_orphan(struct inode *inode)
{
	struct ext4_inode_info *ei = EXT4_I(inode);
	u32 bs = EXT4_SB(inode->i_sb)->g.block_size;
	handle_t *h;
	int err, e;

	h = ext4_journal_start(inode->i_sb, EXT4_HANDLE_CREDITS * 4);
	if (IS_ERR(h))
		return PTR_ERR(h);
	mutex_lock(&ei->i_map_lock);
	err = ext4_ext_truncate(h, inode, (u32)DIV_ROUND_UP(ei->i_disksize, bs));
	mutex_unlock(&ei->i_map_lock);
	/* An unlinked inode stays listed until it is freed. */
	if (!err && inode->i_nlink)
		err = ext4_orphan_del(h, inode);
	e = ext4_write_inode(h, inode);
	if (!err)
		err = e;
	e = ext4_journal_stop(h);
	return err ? err : e;
}

int ext4_setattr(struct dentry *d, struct iattr *attr)
{
	struct inode *inode = d->d_inode;
	handle_t *h;
	int err;

	if (EXT4_SB(inode->i_sb)->ro)
		return -EROFS;
	if (attr->ia_valid & ATTR_SIZE) {
		if (!S_ISREG(inode->i_mode))
			return -EINVAL;
		if (attr->ia_size > inode->i_sb->s_maxbytes)
			return -EFBIG;
		if (attr->ia_size != inode->i_size) {
			err = ext4_truncate(inode, attr->ia_size);
			if (err)
				return err;
			if (!(attr->ia_valid & (ATTR_MTIME | ATTR_CTIME)))
				attr->ia_valid |= ATTR_MTIME | ATTR_CTIME;
			attr->ia_mtime = attr->ia_ctime = vfs_now();
		}
		attr->ia_valid &= ~ATTR_SIZE;
	}
	err = simple_setattr(d, attr);
	if (err)
		return err;
	h = ext4_journal_start(inode->i_sb, 4);
	if (IS_ERR(h))
		return PTR_ERR(h);
	err = ext4_write_inode(h, inode);
	ext4_journal_stop(h);
	return err;
}

int ext4_getattr(struct dentry *d, struct kstat *st)
{
	struct inode *inode = d->d_inode;

	generic_fillattr(inode, st);
	st->blksize = EXT4_SB(inode->i_sb)->g.block_size;
	return 0;
}

static const char *ext4_get_link(struct dentry *d, struct inode *inode, void **to_free)
{
	struct ext4_inode_info *ei = EXT4_I(inode);
	u64 size = inode->i_size;
	char *buf;

	if (size == 0 || size >= PATH_MAX)
		return ERR_PTR(-EFSCORRUPTED);
	buf = kmalloc(size + 1, GFP_KERNEL);
	if (!buf)
		return ERR_PTR(-ENOMEM);
	if (fast_symlink(inode)) {
		memcpy(buf, ei->i_data, size);
	} else {
		u32 bs = EXT4_SB(inode->i_sb)->g.block_size;

		for (u64 off = 0; off < size; off += bs) {
			struct buffer_head *bh = ext4_inode_bread(inode, (u32)(off / bs));

			if (IS_ERR(bh)) {
				kfree(buf);
				return ERR_CAST(bh);
			}
			memcpy(buf + off, bh->b_data, MIN((u64)bs, size - off));
			brelse(bh);
		}
	}
	buf[size] = 0;
	if (strlen(buf) != size) {
		kfree(buf);
		return ERR_PTR(-EFSCORRUPTED);
	}
	*to_free = buf;
	return buf;
}

const struct file_operations ext4_file_fops = {
	.llseek = generic_file_llseek,
	.read_iter = generic_file_read_iter,
	.write_iter = ext4_file_write_iter,
	.fsync = ext4_fsync,
};

const struct inode_operations ext4_file_iops = {
	.setattr = ext4_setattr,
	.getattr = ext4_getattr,
	.getxattr = ext4_getxattr,
	.setxattr = ext4_setxattr,
	.listxattr = ext4_listxattr,
	.removexattr = ext4_removexattr,
};

const struct inode_operations ext4_symlink_iops = {
	.get_link = ext4_get_link,
	.setattr = ext4_setattr,
	.getattr = ext4_getattr,
	.getxattr = ext4_getxattr,
	.setxattr = ext4_setxattr,
	.listxattr = ext4_listxattr,
	.removexattr = ext4_removexattr,
};

const struct inode_operations ext4_special_iops = {
	.setattr = ext4_setattr,
	.getattr = ext4_getattr,
	.getxattr = ext4_getxattr,
	.setxattr = ext4_setxattr,
	.listxattr = ext4_listxattr,
	.removexattr = ext4_removexattr,
};
