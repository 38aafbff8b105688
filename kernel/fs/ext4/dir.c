/*
 * ext4 directories: leaf blocks of ext4_dir_entry_2 records (checked and
 * checksummed), readdir over all leaf blocks in order (positions are byte
 * offsets, stable across inserts and removals), lookups through the hash
 * tree when the directory is indexed (falling back to a linear scan if the
 * index looks damaged), and changes: entries are added to the first block
 * with room or a new block; removal merges the entry into its predecessor.
 *
 * Adding to an indexed directory puts the entry into the leaf its hash
 * leads to; when that leaf is full, the directory becomes linear (index
 * blocks turn into empty leaf blocks, EXT4_INDEX_FL is cleared), which
 * e2fsck accepts. Removals and in-place changes keep the index.
 * XXX: Linux splits leaves and keeps the index (and indexes a directory
 * when it outgrows one block).
 */
#include "ext4.h"

static u32 dir_bs(struct inode *dir) { return EXT4_SB(dir->i_sb)->g.block_size; }
static bool dir_csum(struct inode *dir) { return EXT4_SB(dir->i_sb)->g.csum; }
static u32 tail_size(struct inode *dir) { return dir_csum(dir) ? sizeof(struct ext4_dir_entry_tail) : 0; }

static bool is_indexed(struct inode *dir)
{
	return (EXT4_I(dir)->i_flags & EXT4_INDEX_FL) &&
	       (EXT4_SB(dir->i_sb)->g.compat & EXT4_FEATURE_COMPAT_DIR_INDEX);
}

unsigned ext4_ftype(umode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG: return EXT4_FT_REG_FILE;
	case S_IFDIR: return EXT4_FT_DIR;
	case S_IFCHR: return EXT4_FT_CHRDEV;
	case S_IFBLK: return EXT4_FT_BLKDEV;
	case S_IFIFO: return EXT4_FT_FIFO;
	case S_IFSOCK: return EXT4_FT_SOCK;
	case S_IFLNK: return EXT4_FT_SYMLINK;
	}
	return EXT4_FT_UNKNOWN;
}

static unsigned ft_to_dt(u8 ft)
{
	static const u8 map[] = { DT_UNKNOWN, DT_REG, DT_DIR, DT_CHR, DT_BLK, DT_FIFO, DT_SOCK, DT_LNK };

	return ft < sizeof(map) ? map[ft] : DT_UNKNOWN;
}

void ext4_dirblock_csum_set(struct inode *dir, struct buffer_head *bh)
{
	struct ext4_dir_entry_tail *t;

	if (!dir_csum(dir))
		return;
	t = ext4_dirblock_tail(bh->b_data, dir_bs(dir));
	if (t)
		t->det_checksum = ext4_dirblock_csum(bh->b_data, dir_bs(dir), EXT4_I(dir)->i_csum_seed);
}

/* Is this block of dir an htree index block (not a leaf)? */
static bool is_dx_block(struct inode *dir, u32 lblk, const void *data)
{
	const struct ext4_dir_entry_2 *de = data;

	if (!is_indexed(dir))
		return false;
	if (lblk == 0)
		return true;
	return de->inode == 0 && ext4_rec_len(de->rec_len, dir_bs(dir)) == dir_bs(dir);
}

/* Read and check a leaf block. */
static struct buffer_head *leaf_bread(struct inode *dir, u32 lblk)
{
	struct buffer_head *bh = ext4_inode_bread(dir, lblk);
	u32 bs = dir_bs(dir);
	bool tail;

	if (IS_ERR(bh))
		return bh;
	tail = dir_csum(dir) && ext4_dirblock_tail(bh->b_data, bs);
	if (dir_csum(dir) && !tail && !is_dx_block(dir, lblk, bh->b_data)) {
		ext4_error(dir->i_sb, "dir %llu block %u: no checksum tail",
			   (unsigned long long)dir->i_ino, lblk);
		brelse(bh);
		return ERR_PTR(-EFSCORRUPTED);
	}
	if (tail && ext4_dirblock_tail(bh->b_data, bs)->det_checksum !=
			    ext4_dirblock_csum(bh->b_data, bs, EXT4_I(dir)->i_csum_seed)) {
		ext4_error(dir->i_sb, "dir %llu block %u: checksum does not match",
			   (unsigned long long)dir->i_ino, lblk);
		brelse(bh);
		return ERR_PTR(-EFSCORRUPTED);
	}
	if (ext4_dirblock_check(bh->b_data, bs, tail)) {
		ext4_error(dir->i_sb, "dir %llu block %u: bad entry", (unsigned long long)dir->i_ino,
			   lblk);
		brelse(bh);
		return ERR_PTR(-EFSCORRUPTED);
	}
	return bh;
}

static u32 dir_blocks(struct inode *dir)
{
	return (u32)MIN(READ_ONCE(dir->i_size) / dir_bs(dir), 0xffffffffull);
}

/* ---- readdir ---- */

static int ext4_readdir(struct file *f, struct dir_context *ctx)
{
	struct inode *dir = f->f_inode;
	u32 bs = dir_bs(dir);

	if (ctx->pos < 0)
		return 0;
	while ((u64)ctx->pos < READ_ONCE(dir->i_size)) {
		u32 lblk = (u32)(ctx->pos / bs), off = (u32)(ctx->pos % bs), o = 0;
		struct buffer_head *bh = leaf_bread(dir, lblk);

		if (IS_ERR(bh))
			return PTR_ERR(bh);
		if (lblk != 0 && is_dx_block(dir, lblk, bh->b_data)) {
			brelse(bh);
			ctx->pos = (s64)(lblk + 1) * bs;
			continue;
		}
		while (o < bs) {
			struct ext4_dir_entry_2 *de = (void *)(bh->b_data + o);
			u32 rl = ext4_rec_len(de->rec_len, bs);

			if (o >= off && de->inode && de->name_len) {
				u32 ino = de->inode;

				if (ino > EXT4_SB(dir->i_sb)->g.inodes_count) {
					brelse(bh);
					ext4_error(dir->i_sb, "dir %llu: entry with inode %u",
						   (unsigned long long)dir->i_ino, ino);
					return -EFSCORRUPTED;
				}
				ctx->pos = (s64)lblk * bs + o;
				if (!ctx->actor(ctx, de->name, de->name_len, ctx->pos, ino,
						ft_to_dt(de->file_type))) {
					brelse(bh);
					return 0;
				}
			}
			o += rl;
		}
		brelse(bh);
		ctx->pos = (s64)(lblk + 1) * bs;
	}
	return 0;
}

/* ---- lookup ---- */

/* Search one leaf block for name; offset of the entry or -1. */
static int leaf_search(struct inode *dir, struct buffer_head *bh, const char *name, u32 len, u32 *ino)
{
	u32 bs = dir_bs(dir), o = 0;

	while (o < bs) {
		struct ext4_dir_entry_2 *de = (void *)(bh->b_data + o);

		if (de->inode && de->name_len == len && !memcmp(de->name, name, len)) {
			*ino = de->inode;
			return (int)o;
		}
		o += ext4_rec_len(de->rec_len, bs);
	}
	return -1;
}

/* Read an index block and find its entries (checksum checked). */
static struct buffer_head *dx_bread(struct inode *dir, u32 lblk, bool root, struct dx_countlimit **cl)
{
	struct buffer_head *bh = ext4_inode_bread(dir, lblk);
	u32 bs = dir_bs(dir);

	if (IS_ERR(bh))
		return bh;
	*cl = ext4_dx_countlimit(bh->b_data, bs, root);
	if (!*cl || (*cl)->count == 0) {
		brelse(bh);
		return ERR_PTR(-EFSCORRUPTED);
	}
	if (dir_csum(dir)) {
		u32 off = (u8 *)*cl - (u8 *)bh->b_data;
		struct dx_tail *t = (void *)((u8 *)*cl + (*cl)->limit * 8u);

		if (off + (*cl)->limit * 8u + sizeof(*t) > bs ||
		    t->dt_checksum != ext4_dx_csum(bh->b_data, *cl, EXT4_I(dir)->i_csum_seed)) {
			brelse(bh);
			return ERR_PTR(-EFSCORRUPTED);
		}
	}
	return bh;
}

/* The leaf for name through the index: 0 and *leaf, *next (the following
 * leaf if its hash continues this one's, else ~0), or -errno. */
static int dx_find_leaf(struct inode *dir, const char *name, u32 len, u32 *leaf, u32 *next)
{
	struct ext4_sb_info *sbi = EXT4_SB(dir->i_sb);
	struct dx_countlimit *cl;
	struct dx_root_info *info;
	struct buffer_head *bh;
	u32 hash, nblocks = dir_blocks(dir);
	int levels, ver;

	bh = dx_bread(dir, 0, true, &cl);
	if (IS_ERR(bh))
		return PTR_ERR(bh);
	info = (void *)(bh->b_data + DX_ROOT_INFO_OFF);
	levels = info->indirect_levels;
	ver = info->hash_version;
	if (ver <= DX_HASH_TEA && (sbi->es->s_flags & EXT2_FLAGS_UNSIGNED_HASH))
		ver += 3;
	if (levels > ((sbi->g.incompat & EXT4_FEATURE_INCOMPAT_LARGEDIR) ? 2 : 1) ||
	    ext4_dx_hash(name, len, ver, sbi->g.hash_seed, &hash, NULL)) {
		brelse(bh);
		return -EFSCORRUPTED;
	}
	*next = ~0u;
	for (int lvl = 0;; lvl++) {
		struct dx_entry *e = (void *)cl;
		u32 n = cl->count, i = 0, blk;

		for (u32 k = 1; k < n; k++) {
			if (e[k].hash > hash)
				break;
			i = k;
		}
		blk = e[i].block;
		if (i + 1 < n && (e[i + 1].hash & ~1u) == hash && (e[i + 1].hash & 1))
			*next = e[i + 1].block;
		else if (i + 1 < n)
			*next = ~0u;
		brelse(bh);
		if (blk >= nblocks || blk == 0)
			return -EFSCORRUPTED;
		if (lvl == levels) {
			*leaf = blk;
			return 0;
		}
		bh = dx_bread(dir, blk, false, &cl);
		if (IS_ERR(bh))
			return PTR_ERR(bh);
	}
}

int ext4_find_entry(struct inode *dir, const char *name, u32 len, u32 *ino, u32 *where_lblk,
		    u32 *where_off)
{
	u32 n = dir_blocks(dir);

	*ino = 0;
	if (len == 0 || len > EXT4_NAME_LEN)
		return 0;
	/* "." and ".." live in block 0, which in an indexed directory is the
	 * index root, not a leaf the hash leads to. */
	if (name[0] == '.' && (len == 1 || (len == 2 && name[1] == '.')) && n) {
		struct buffer_head *bh = leaf_bread(dir, 0);
		int off;

		if (IS_ERR(bh))
			return PTR_ERR(bh);
		off = leaf_search(dir, bh, name, len, ino);
		brelse(bh);
		if (off >= 0) {
			*where_lblk = 0;
			*where_off = (u32)off;
		}
		return 0;
	}
	if (is_indexed(dir)) {
		u32 leaf = 0, next = ~0u;
		int err = dx_find_leaf(dir, name, len, &leaf, &next);

		if (!err) {
			for (int pass = 0; pass < 2 && leaf < n; pass++) {
				struct buffer_head *bh = leaf_bread(dir, leaf);
				int off;

				if (IS_ERR(bh))
					return PTR_ERR(bh);
				off = leaf_search(dir, bh, name, len, ino);
				brelse(bh);
				if (off >= 0) {
					*where_lblk = leaf;
					*where_off = (u32)off;
					return 0;
				}
				if (next == ~0u)
					break;
				leaf = next;
			}
			return 0;
		}
		if (err != -EFSCORRUPTED)
			return err;
		ext4_error(dir->i_sb, "dir %llu: damaged hash index, searching linearly",
			   (unsigned long long)dir->i_ino);
	}
	for (u32 b = 0; b < n; b++) {
		struct buffer_head *bh = leaf_bread(dir, b);
		int off;

		if (IS_ERR(bh))
			return PTR_ERR(bh);
		if (b != 0 && is_dx_block(dir, b, bh->b_data)) {
			brelse(bh);
			continue;
		}
		off = leaf_search(dir, bh, name, len, ino);
		brelse(bh);
		if (off >= 0) {
			*where_lblk = b;
			*where_off = (u32)off;
			return 0;
		}
	}
	return 0;
}

static struct dentry *ext4_lookup(struct inode *dir, struct dentry *d, unsigned flags)
{
	struct inode *inode = NULL;
	u32 ino, lb, off;
	int err;

	(void)flags;
	if (d->d_name.len > EXT4_NAME_LEN)
		return ERR_PTR(-ENAMETOOLONG);
	err = ext4_find_entry(dir, d->d_name.name, d->d_name.len, &ino, &lb, &off);
	if (err)
		return ERR_PTR(err);
	if (ino) {
		inode = ext4_iget(dir->i_sb, ino);
		if (IS_ERR(inode))
			return ERR_CAST(inode);
	}
	d_add(d, inode);
	return NULL;
}

/* ---- changing entries ---- */

/* Turn an indexed directory into a linear one: index blocks become empty
 * leaves, block 0 keeps "." and "..". */
static int dx_clear(handle_t *h, struct inode *dir)
{
	u32 bs = dir_bs(dir), ts = tail_size(dir), n = dir_blocks(dir);
	int err = 0;

	for (u32 b = 0; b < n && !err; b++) {
		struct buffer_head *bh = ext4_inode_bread(dir, b);
		struct ext4_dir_entry_2 *de;

		if (IS_ERR(bh))
			return PTR_ERR(bh);
		if (!is_dx_block(dir, b, bh->b_data)) {
			brelse(bh);
			continue;
		}
		err = ext4_get_write_access(h, bh);
		if (err) {
			brelse(bh);
			break;
		}
		lock_buffer(bh);
		de = (void *)bh->b_data;
		if (b == 0) {
			struct ext4_dir_entry_2 *dd = (void *)(bh->b_data + 12);

			de->rec_len = 12;
			dd->rec_len = (u16)(bs - 12 - ts);
			memset(bh->b_data + 24, 0, bs - 24);
		} else {
			memset(bh->b_data, 0, bs);
			de->rec_len = (u16)(bs - ts);
		}
		if (ts) {
			struct ext4_dir_entry_tail *t = (void *)(bh->b_data + bs - ts);

			t->det_rec_len = sizeof(*t);
			t->det_reserved_ft = EXT4_FT_DIR_CSUM;
		}
		ext4_dirblock_csum_set(dir, bh);
		unlock_buffer(bh);
		err = ext4_dirty_metadata(h, bh);
		brelse(bh);
	}
	if (!err) {
		EXT4_I(dir)->i_flags &= ~EXT4_INDEX_FL;
		err = ext4_write_inode(h, dir);
	}
	return err;
}

static void put_entry(struct ext4_dir_entry_2 *de, const char *name, u32 len, u32 ino, umode_t mode,
		      struct inode *dir)
{
	de->inode = ino;
	de->name_len = (u8)len;
	de->file_type = (EXT4_SB(dir->i_sb)->g.incompat & EXT4_FEATURE_INCOMPAT_FILETYPE)
				? (u8)ext4_ftype(mode) : 0;
	memcpy(de->name, name, len);
}

/* Put the entry into leaf block b if it has room: 1 done, 0 no room, -errno. */
static int insert_in_block(handle_t *h, struct inode *dir, u32 b, const char *name, u32 len,
			   u32 ino, umode_t mode)
{
	u32 bs = dir_bs(dir), ts = tail_size(dir), need = EXT4_DIR_REC_LEN(len), o = 0;
	struct buffer_head *bh = leaf_bread(dir, b);
	int err;

	if (IS_ERR(bh))
		return PTR_ERR(bh);
	while (o < bs - ts) {
		struct ext4_dir_entry_2 *de = (void *)(bh->b_data + o);
		u32 rl = ext4_rec_len(de->rec_len, bs);
		u32 used = de->inode ? EXT4_DIR_REC_LEN(de->name_len) : 0;

		if (rl >= used && rl - used >= need) {
			err = ext4_get_write_access(h, bh);
			if (!err) {
				lock_buffer(bh);
				if (used) {
					struct ext4_dir_entry_2 *nd = (void *)(bh->b_data + o + used);

					de->rec_len = (u16)used;
					nd->rec_len = (u16)(rl - used);
					de = nd;
				}
				put_entry(de, name, len, ino, mode, dir);
				ext4_dirblock_csum_set(dir, bh);
				unlock_buffer(bh);
				err = ext4_dirty_metadata(h, bh);
			}
			brelse(bh);
			return err ? err : 1;
		}
		o += rl;
	}
	brelse(bh);
	return 0;
}

int ext4_add_entry(handle_t *h, struct inode *dir, const char *name, u32 len, u32 ino, umode_t mode)
{
	struct ext4_inode_info *ei = EXT4_I(dir);
	u32 bs = dir_bs(dir), ts = tail_size(dir), n;
	struct buffer_head *bh;
	u64 pblk;
	bool isnew;
	int err;

	if (len == 0 || len > EXT4_NAME_LEN)
		return -ENAMETOOLONG;
	if (is_indexed(dir)) {
		/* The leaf the hash leads to, if it has room: the index stays. */
		u32 leaf = 0, next;

		err = dx_find_leaf(dir, name, len, &leaf, &next);
		if (!err && leaf != 0) {
			err = insert_in_block(h, dir, leaf, name, len, ino, mode);
			if (err)
				return err < 0 ? err : 0;
		}
		err = dx_clear(h, dir);
		if (err)
			return err;
	}
	n = dir_blocks(dir);
	for (u32 b = 0; b < n; b++) {
		err = insert_in_block(h, dir, b, name, len, ino, mode);
		if (err)
			return err < 0 ? err : 0;
	}
	/* A new block at the end. */
	mutex_lock(&ei->i_map_lock);
	err = ext4_map_create(h, dir, n, &pblk, &isnew);
	mutex_unlock(&ei->i_map_lock);
	if (err)
		return err;
	bh = getblk(EXT4_SB(dir->i_sb)->bdev, pblk);
	if (IS_ERR(bh))
		return PTR_ERR(bh);
	err = ext4_get_create_access(h, bh);
	if (err) {
		brelse(bh);
		return err;
	}
	lock_buffer(bh);
	memset(bh->b_data, 0, bs);
	((struct ext4_dir_entry_2 *)bh->b_data)->rec_len = (u16)(bs - ts);
	put_entry((void *)bh->b_data, name, len, ino, mode, dir);
	if (ts) {
		struct ext4_dir_entry_tail *t = (void *)(bh->b_data + bs - ts);

		t->det_rec_len = sizeof(*t);
		t->det_reserved_ft = EXT4_FT_DIR_CSUM;
	}
	ext4_dirblock_csum_set(dir, bh);
	set_buffer_uptodate(bh);
	unlock_buffer(bh);
	err = ext4_dirty_metadata(h, bh);
	if (!err) {
		WRITE_ONCE(dir->i_size, dir->i_size + bs);
		ei->i_disksize = dir->i_size;
		err = ext4_write_inode(h, dir);
	}
	brelse(bh);
	return err;
}

int ext4_delete_entry(handle_t *h, struct inode *dir, const char *name, u32 len)
{
	u32 ino, lb, off, bs = dir_bs(dir), o = 0;
	struct ext4_dir_entry_2 *prev = NULL;
	struct buffer_head *bh;
	int err = ext4_find_entry(dir, name, len, &ino, &lb, &off);

	if (err)
		return err;
	if (!ino)
		return -ENOENT;
	bh = leaf_bread(dir, lb);
	if (IS_ERR(bh))
		return PTR_ERR(bh);
	err = ext4_get_write_access(h, bh);
	if (err)
		goto out;
	lock_buffer(bh);
	while (o < off) {
		prev = (void *)(bh->b_data + o);
		o += ext4_rec_len(prev->rec_len, bs);
	}
	{
		struct ext4_dir_entry_2 *de = (void *)(bh->b_data + off);

		if (prev)
			prev->rec_len = (u16)(ext4_rec_len(prev->rec_len, bs) + ext4_rec_len(de->rec_len, bs));
		else
			de->inode = 0;
	}
	ext4_dirblock_csum_set(dir, bh);
	unlock_buffer(bh);
	err = ext4_dirty_metadata(h, bh);
out:
	brelse(bh);
	return err;
}

int ext4_set_entry(handle_t *h, struct inode *dir, const char *name, u32 len, u32 ino, umode_t mode)
{
	u32 old, lb, off;
	struct buffer_head *bh;
	int err = ext4_find_entry(dir, name, len, &old, &lb, &off);

	if (err)
		return err;
	if (!old)
		return -ENOENT;
	bh = leaf_bread(dir, lb);
	if (IS_ERR(bh))
		return PTR_ERR(bh);
	err = ext4_get_write_access(h, bh);
	if (!err) {
		lock_buffer(bh);
		put_entry((void *)(bh->b_data + off), name, len, ino, mode, dir);
		ext4_dirblock_csum_set(dir, bh);
		unlock_buffer(bh);
		err = ext4_dirty_metadata(h, bh);
	}
	brelse(bh);
	return err;
}

bool ext4_dir_empty(struct inode *dir)
{
	u32 n = dir_blocks(dir), bs = dir_bs(dir);

	for (u32 b = 0; b < n; b++) {
		struct buffer_head *bh = leaf_bread(dir, b);
		u32 o = 0;

		if (IS_ERR(bh))
			return false;   /* cannot tell: refuse the removal */
		if (b != 0 && is_dx_block(dir, b, bh->b_data)) {
			brelse(bh);
			continue;
		}
		while (o < bs) {
			struct ext4_dir_entry_2 *de = (void *)(bh->b_data + o);

			if (de->inode && !(de->name_len == 1 && de->name[0] == '.') &&
			    !(de->name_len == 2 && de->name[0] == '.' && de->name[1] == '.')) {
				brelse(bh);
				return false;
			}
			o += ext4_rec_len(de->rec_len, bs);
		}
		brelse(bh);
	}
	return true;
}

int ext4_init_dir(handle_t *h, struct inode *dir, struct inode *parent)
{
	struct ext4_inode_info *ei = EXT4_I(dir);
	u32 bs = dir_bs(dir), ts = tail_size(dir);
	struct ext4_dir_entry_2 *de;
	struct buffer_head *bh;
	u64 pblk;
	bool isnew;
	int err;

	mutex_lock(&ei->i_map_lock);
	err = ext4_map_create(h, dir, 0, &pblk, &isnew);
	mutex_unlock(&ei->i_map_lock);
	if (err)
		return err;
	bh = getblk(EXT4_SB(dir->i_sb)->bdev, pblk);
	if (IS_ERR(bh))
		return PTR_ERR(bh);
	err = ext4_get_create_access(h, bh);
	if (!err) {
		lock_buffer(bh);
		memset(bh->b_data, 0, bs);
		de = (void *)bh->b_data;
		put_entry(de, ".", 1, (u32)dir->i_ino, S_IFDIR, dir);
		de->rec_len = 12;
		de = (void *)(bh->b_data + 12);
		put_entry(de, "..", 2, (u32)parent->i_ino, S_IFDIR, dir);
		de->rec_len = (u16)(bs - 12 - ts);
		if (ts) {
			struct ext4_dir_entry_tail *t = (void *)(bh->b_data + bs - ts);

			t->det_rec_len = sizeof(*t);
			t->det_reserved_ft = EXT4_FT_DIR_CSUM;
		}
		ext4_dirblock_csum_set(dir, bh);
		set_buffer_uptodate(bh);
		unlock_buffer(bh);
		err = ext4_dirty_metadata(h, bh);
	}
	brelse(bh);
	if (!err) {
		dir->i_size = bs;
		ei->i_disksize = bs;
	}
	return err;
}

/* ---- namespace operations ---- */

#define CREATE_CREDITS (EXT4_HANDLE_CREDITS)

static void touch_dir(handle_t *h, struct inode *dir)
{
	inode_touch(dir, false, true, true);
	ext4_write_inode(h, dir);
}

/* Undo a half-made inode: it has no name, so the last iput frees it. */
static void discard_new(struct inode *inode)
{
	set_nlink(inode, 0);
	iput(inode);
}

static int make_node(struct inode *dir, struct dentry *d, umode_t mode, dev_t rdev, const char *target)
{
	struct inode *inode;
	handle_t *h;
	int err;

	if (d->d_name.len > EXT4_NAME_LEN)
		return -ENAMETOOLONG;
	h = ext4_journal_start(dir->i_sb, CREATE_CREDITS);
	if (IS_ERR(h))
		return PTR_ERR(h);
	inode = ext4_new_inode(h, dir, mode);
	if (IS_ERR(inode)) {
		ext4_journal_stop(h);
		return PTR_ERR(inode);
	}
	err = 0;
	if (S_ISCHR(mode) || S_ISBLK(mode) || S_ISFIFO(mode) || S_ISSOCK(mode)) {
		inode->i_rdev = rdev;
		init_special_inode(inode, inode->i_mode, rdev);
	} else if (S_ISLNK(mode)) {
		struct ext4_inode_info *ei = EXT4_I(inode);
		size_t len = strlen(target);

		if (len < sizeof(ei->i_data)) {
			memcpy(ei->i_data, target, len);
		} else {
			struct ext4_extent_header *eh = (void *)ei->i_data;
			struct buffer_head *bh;
			u64 pblk;
			bool isnew;

			if (len >= EXT4_SB(dir->i_sb)->g.block_size) {
				err = -ENAMETOOLONG;
				goto fail;
			}
			ei->i_flags |= EXT4_EXTENTS_FL;
			eh->eh_magic = EXT4_EXT_MAGIC;
			eh->eh_max = 4;
			mutex_lock(&ei->i_map_lock);
			err = ext4_map_create(h, inode, 0, &pblk, &isnew);
			mutex_unlock(&ei->i_map_lock);
			if (err)
				goto fail;
			bh = getblk(EXT4_SB(dir->i_sb)->bdev, pblk);
			if (IS_ERR(bh)) {
				err = PTR_ERR(bh);
				goto fail;
			}
			err = ext4_get_create_access(h, bh);
			if (!err) {
				lock_buffer(bh);
				memset(bh->b_data, 0, bh->b_size);
				memcpy(bh->b_data, target, len);
				set_buffer_uptodate(bh);
				unlock_buffer(bh);
				err = ext4_dirty_metadata(h, bh);
			}
			brelse(bh);
			if (err)
				goto fail;
		}
		inode->i_size = len;
		ei->i_disksize = len;
	} else if (S_ISDIR(mode)) {
		set_nlink(inode, 2);
		err = ext4_init_dir(h, inode, dir);
		if (err)
			goto fail;
	}
	err = ext4_write_inode(h, inode);
	if (err)
		goto fail;
	err = ext4_add_entry(h, dir, d->d_name.name, d->d_name.len, (u32)inode->i_ino, inode->i_mode);
	if (err)
		goto fail;
	if (S_ISDIR(mode))
		inc_nlink(dir);
	touch_dir(h, dir);
	ext4_set_ops(inode);
	if (S_ISCHR(mode) || S_ISBLK(mode) || S_ISFIFO(mode) || S_ISSOCK(mode))
		init_special_inode(inode, inode->i_mode, rdev);
	d_instantiate(d, inode);
	return ext4_journal_stop(h);
fail:
	/* Freeing it takes a handle of its own: handles do not nest. */
	ext4_journal_stop(h);
	discard_new(inode);
	return err;
}

static int ext4_create(struct inode *dir, struct dentry *d, umode_t mode, bool excl)
{
	(void)excl;
	return make_node(dir, d, S_IFREG | (mode & S_IALLUGO), 0, NULL);
}

static int ext4_mknod(struct inode *dir, struct dentry *d, umode_t mode, dev_t rdev)
{
	return make_node(dir, d, mode, rdev, NULL);
}

static int ext4_symlink(struct inode *dir, struct dentry *d, const char *target)
{
	return make_node(dir, d, S_IFLNK | 0777, 0, target);
}

static int ext4_mkdir(struct inode *dir, struct dentry *d, umode_t mode)
{
	return make_node(dir, d, S_IFDIR | (mode & S_IALLUGO), 0, NULL);
}

static int ext4_link(struct dentry *old, struct inode *dir, struct dentry *d)
{
	struct inode *inode = old->d_inode;
	handle_t *h;
	int err;

	if (inode->i_nlink >= 65000)
		return -EMLINK;
	if (d->d_name.len > EXT4_NAME_LEN)
		return -ENAMETOOLONG;
	h = ext4_journal_start(dir->i_sb, CREATE_CREDITS);
	if (IS_ERR(h))
		return PTR_ERR(h);
	err = ext4_add_entry(h, dir, d->d_name.name, d->d_name.len, (u32)inode->i_ino, inode->i_mode);
	if (!err) {
		/* An O_TMPFILE or unlinked-open inode gets a name again. */
		if (!inode->i_nlink)
			ext4_orphan_del(h, inode);
		inc_nlink(inode);
		inode_set_ctime_now(inode);
		ext4_write_inode(h, inode);
		touch_dir(h, dir);
		ihold(inode);
		d_instantiate(d, inode);
	}
	ext4_journal_stop(h);
	return err;
}

static int ext4_unlink(struct inode *dir, struct dentry *d)
{
	struct inode *inode = d->d_inode;
	handle_t *h = ext4_journal_start(dir->i_sb, CREATE_CREDITS);
	int err;

	if (IS_ERR(h))
		return PTR_ERR(h);
	err = ext4_delete_entry(h, dir, d->d_name.name, d->d_name.len);
	if (!err) {
		drop_nlink(inode);
		inode_set_ctime_now(inode);
		if (!inode->i_nlink)
			ext4_orphan_add(h, inode);   /* freed at its last iput */
		ext4_write_inode(h, inode);
		touch_dir(h, dir);
	}
	ext4_journal_stop(h);
	return err;
}

static int ext4_rmdir(struct inode *dir, struct dentry *d)
{
	struct inode *inode = d->d_inode;
	handle_t *h;
	int err;

	if (!ext4_dir_empty(inode))
		return -ENOTEMPTY;
	h = ext4_journal_start(dir->i_sb, CREATE_CREDITS);
	if (IS_ERR(h))
		return PTR_ERR(h);
	err = ext4_delete_entry(h, dir, d->d_name.name, d->d_name.len);
	if (!err) {
		set_nlink(inode, 0);
		inode_set_ctime_now(inode);
		ext4_orphan_add(h, inode);
		ext4_write_inode(h, inode);
		drop_nlink(dir);
		touch_dir(h, dir);
	}
	ext4_journal_stop(h);
	return err;
}

static int ext4_rename(struct inode *odir, struct dentry *od, struct inode *ndir, struct dentry *nd,
		       unsigned flags)
{
	struct inode *oi = od->d_inode, *ni = nd->d_inode;
	bool odirp = S_ISDIR(oi->i_mode);
	handle_t *h;
	int err;

	if (nd->d_name.len > EXT4_NAME_LEN)
		return -ENAMETOOLONG;
	if ((flags & LINUX_RENAME_NOREPLACE) && ni)
		return -EEXIST;
	if (ni && !(flags & LINUX_RENAME_EXCHANGE) && S_ISDIR(ni->i_mode) && !ext4_dir_empty(ni))
		return -ENOTEMPTY;
	h = ext4_journal_start(odir->i_sb, CREATE_CREDITS * 2);
	if (IS_ERR(h))
		return PTR_ERR(h);
	if (flags & LINUX_RENAME_EXCHANGE) {
		bool ndirp = S_ISDIR(ni->i_mode);

		err = ext4_set_entry(h, odir, od->d_name.name, od->d_name.len, (u32)ni->i_ino, ni->i_mode);
		if (!err)
			err = ext4_set_entry(h, ndir, nd->d_name.name, nd->d_name.len, (u32)oi->i_ino,
					     oi->i_mode);
		if (!err && odir != ndir) {
			if (odirp)
				err = ext4_set_entry(h, oi, "..", 2, (u32)ndir->i_ino, S_IFDIR);
			if (!err && ndirp)
				err = ext4_set_entry(h, ni, "..", 2, (u32)odir->i_ino, S_IFDIR);
			if (odirp && !ndirp) {
				drop_nlink(odir);
				inc_nlink(ndir);
			} else if (ndirp && !odirp) {
				drop_nlink(ndir);
				inc_nlink(odir);
			}
		}
		inode_set_ctime_now(oi);
		inode_set_ctime_now(ni);
		ext4_write_inode(h, oi);
		ext4_write_inode(h, ni);
		touch_dir(h, odir);
		if (ndir != odir)
			touch_dir(h, ndir);
		ext4_journal_stop(h);
		return err;
	}
	if (ni) {
		err = ext4_set_entry(h, ndir, nd->d_name.name, nd->d_name.len, (u32)oi->i_ino, oi->i_mode);
		if (!err) {
			if (S_ISDIR(ni->i_mode)) {
				set_nlink(ni, 0);
				drop_nlink(ndir);
			} else {
				drop_nlink(ni);
			}
			inode_set_ctime_now(ni);
			if (!ni->i_nlink)
				ext4_orphan_add(h, ni);
			ext4_write_inode(h, ni);
		}
	} else {
		err = ext4_add_entry(h, ndir, nd->d_name.name, nd->d_name.len, (u32)oi->i_ino, oi->i_mode);
	}
	if (err)
		goto out;
	err = ext4_delete_entry(h, odir, od->d_name.name, od->d_name.len);
	if (err)
		goto out;
	if (odirp && odir != ndir) {
		err = ext4_set_entry(h, oi, "..", 2, (u32)ndir->i_ino, S_IFDIR);
		drop_nlink(odir);
		inc_nlink(ndir);
	}
	inode_set_ctime_now(oi);
	ext4_write_inode(h, oi);
	touch_dir(h, odir);
	if (ndir != odir)
		touch_dir(h, ndir);
out:
	ext4_journal_stop(h);
	return err;
}

static s64 ext4_dir_llseek(struct file *f, s64 off, int whence)
{
	return generic_file_llseek(f, off, whence);
}

const struct file_operations ext4_dir_fops = {
	.llseek = ext4_dir_llseek,
	.iterate = ext4_readdir,
};

const struct inode_operations ext4_dir_iops = {
	.lookup = ext4_lookup,
	.create = ext4_create,
	.link = ext4_link,
	.unlink = ext4_unlink,
	.symlink = ext4_symlink,
	.mkdir = ext4_mkdir,
	.rmdir = ext4_rmdir,
	.mknod = ext4_mknod,
	.rename = ext4_rename,
	.setattr = ext4_setattr,
	.getattr = ext4_getattr,
	.getxattr = ext4_getxattr,
	.setxattr = ext4_setxattr,
	.listxattr = ext4_listxattr,
	.removexattr = ext4_removexattr,
};
