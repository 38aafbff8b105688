/*
 * ext4 extent trees: mapping a file's logical blocks to disk blocks,
 * adding a block (growing an extent, inserting one, splitting full nodes
 * and deepening the tree when the root in the inode is full), and cutting
 * the tree at a logical block (truncate). The root lives in the inode's
 * i_data (4 entries); deeper nodes are blocks with a checksum tail.
 *
 * Invariant kept for e2fsck: an index entry's ei_block equals the first
 * logical block of its child. Caller holds the inode's i_map_lock.
 */
#include "ext4.h"

struct ext_level {
	struct ext4_extent_header *eh;
	struct buffer_head *bh;   /* NULL at the root (the inode) */
	int pos;                  /* chosen entry at this level, -1: none */
};

static void *ext_first(struct ext4_extent_header *eh) { return eh + 1; }

static int ext_check_block(struct inode *inode, struct buffer_head *bh, int depth)
{
	struct ext4_sb_info *sbi = EXT4_SB(inode->i_sb);
	struct ext4_inode_info *ei = EXT4_I(inode);
	struct ext4_extent_header *eh = (void *)bh->b_data;

	if (ext4_ext_check(eh, sbi->g.block_size - sizeof(struct ext4_extent_tail), depth)) {
		ext4_error(inode->i_sb, "inode %llu: bad extent block %llu",
			   (unsigned long long)inode->i_ino, (unsigned long long)bh->b_blocknr);
		return -EFSCORRUPTED;
	}
	if (sbi->g.csum &&
	    ext4_ext_tail(eh)->et_checksum != ext4_ext_block_csum(eh, sbi->g.block_size, ei->i_csum_seed)) {
		ext4_error(inode->i_sb, "inode %llu: extent block %llu checksum",
			   (unsigned long long)inode->i_ino, (unsigned long long)bh->b_blocknr);
		return -EFSCORRUPTED;
	}
	return 0;
}

static void ext_csum_set(struct inode *inode, struct buffer_head *bh)
{
	struct ext4_sb_info *sbi = EXT4_SB(inode->i_sb);

	if (sbi->g.csum)
		ext4_ext_tail(bh->b_data)->et_checksum =
			ext4_ext_block_csum(bh->b_data, sbi->g.block_size, EXT4_I(inode)->i_csum_seed);
}

static void path_release(struct ext_level *p, int n)
{
	for (int i = 0; i < n; i++)
		brelse(p[i].bh);
}

/* Walk from the root towards lblk; p[0..depth] filled. Returns depth or -errno. */
static int ext_find(struct inode *inode, u32 lblk, struct ext_level *p)
{
	struct ext4_inode_info *ei = EXT4_I(inode);
	struct ext4_extent_header *eh = (void *)ei->i_data;
	int depth, lvl = 0;

	if (ext4_ext_check(eh, sizeof(ei->i_data), -1))
		return -EFSCORRUPTED;
	depth = eh->eh_depth;
	memset(p, 0, sizeof(*p) * (EXT4_EXT_MAX_DEPTH + 1));
	p[0].eh = eh;
	for (;;) {
		int n = eh->eh_entries, pos = -1;

		if (lvl == depth) {
			struct ext4_extent *e = ext_first(eh);

			for (int i = 0; i < n && e[i].ee_block <= lblk; i++)
				pos = i;
			p[lvl].pos = pos;
			return depth;
		}
		struct ext4_extent_idx *x = ext_first(eh);

		for (int i = 0; i < n && x[i].ei_block <= lblk; i++)
			pos = i;
		if (pos < 0 && n)
			pos = 0;
		p[lvl].pos = pos;
		if (pos < 0) {
			ext4_error(inode->i_sb, "inode %llu: empty extent index",
				   (unsigned long long)inode->i_ino);
			path_release(p, lvl + 1);
			return -EFSCORRUPTED;
		}
		struct buffer_head *bh = ext4_bread(inode->i_sb, ext4_idx_pblk(&x[pos]));

		if (IS_ERR(bh)) {
			path_release(p, lvl + 1);
			return PTR_ERR(bh);
		}
		lvl++;
		p[lvl].bh = bh;
		if (ext_check_block(inode, bh, depth - lvl)) {
			path_release(p, lvl + 1);
			return -EFSCORRUPTED;
		}
		eh = (void *)bh->b_data;
		p[lvl].eh = eh;
	}
}

int ext4_map_block(struct inode *inode, u32 lblk, u32 max, u64 *pblk, u32 *count)
{
	struct ext4_inode_info *ei = EXT4_I(inode);
	struct ext_level p[EXT4_EXT_MAX_DEPTH + 1];
	struct ext4_extent *e;
	int depth, pos;

	*pblk = 0;
	*count = max;
	if (!(ei->i_flags & EXT4_EXTENTS_FL)) {
		/* XXX: indirect-block (ext2/ext3) files are not supported */
		ext4_error(inode->i_sb, "inode %llu uses block maps, not extents",
			   (unsigned long long)inode->i_ino);
		return -EOPNOTSUPP;
	}
	depth = ext_find(inode, lblk, p);
	if (depth < 0)
		return depth;
	e = ext_first(p[depth].eh);
	pos = p[depth].pos;
	if (pos >= 0 && lblk < e[pos].ee_block + ext4_ext_len(&e[pos])) {
		u32 off = lblk - e[pos].ee_block;
		u64 start = ext4_ext_pblk(&e[pos]) + off;
		u32 n = ext4_ext_len(&e[pos]) - off;

		if (!ext4_block_valid(EXT4_SB(inode->i_sb), start, n)) {
			ext4_error(inode->i_sb, "inode %llu: extent points outside the fs",
				   (unsigned long long)inode->i_ino);
			path_release(p, depth + 1);
			return -EFSCORRUPTED;
		}
		/* Unwritten extents read as zeros: report a hole. */
		if (!ext4_ext_unwritten(&e[pos]))
			*pblk = start;
		*count = MIN(n, max);
	} else if (pos + 1 < p[depth].eh->eh_entries) {
		*count = MIN(max, e[pos + 1].ee_block - lblk);
	}
	path_release(p, depth + 1);
	return 0;
}

/* ---- growing ---- */

static int level_access(handle_t *h, struct inode *inode, struct ext_level *l)
{
	return l->bh ? ext4_get_write_access(h, l->bh) : 0;
}

static int level_dirty(handle_t *h, struct inode *inode, struct ext_level *l)
{
	if (!l->bh)
		return ext4_write_inode(h, inode);
	ext_csum_set(inode, l->bh);
	return ext4_dirty_metadata(h, l->bh);
}

static int new_tree_block(handle_t *h, struct inode *inode, u64 goal, struct buffer_head **out)
{
	struct buffer_head *bh;
	u64 blk;
	int err = ext4_new_block(h, inode, goal, &blk);

	if (err)
		return err;
	bh = getblk(EXT4_SB(inode->i_sb)->bdev, blk);
	if (IS_ERR(bh)) {
		ext4_free_blocks(h, inode, blk, 1);
		return PTR_ERR(bh);
	}
	lock_buffer(bh);
	memset(bh->b_data, 0, bh->b_size);
	set_buffer_uptodate(bh);
	unlock_buffer(bh);
	err = ext4_get_create_access(h, bh);
	if (err) {
		brelse(bh);
		ext4_free_blocks(h, inode, blk, 1);
		return err;
	}
	/* Tree blocks count in i_blocks as data blocks do. */
	inode->i_blocks += EXT4_SB(inode->i_sb)->g.block_size / 512;
	*out = bh;
	return 0;
}

static u32 node_max(struct inode *inode)
{
	return (EXT4_SB(inode->i_sb)->g.block_size - sizeof(struct ext4_extent_header) -
		sizeof(struct ext4_extent_tail)) / sizeof(struct ext4_extent);
}

/* The root is full: move its entries into a new block and point the root at it. */
static int ext_grow_depth(handle_t *h, struct inode *inode)
{
	struct ext4_inode_info *ei = EXT4_I(inode);
	struct ext4_extent_header *root = (void *)ei->i_data, *nh;
	struct ext4_extent_idx *x;
	struct buffer_head *bh;
	int err;

	if (root->eh_depth >= EXT4_EXT_MAX_DEPTH)
		return -EFBIG;
	err = new_tree_block(h, inode, 0, &bh);
	if (err)
		return err;
	nh = (void *)bh->b_data;
	memcpy(nh, root, sizeof(*root) + root->eh_entries * sizeof(struct ext4_extent));
	nh->eh_max = node_max(inode);
	ext_csum_set(inode, bh);
	err = ext4_dirty_metadata(h, bh);
	if (!err) {
		x = ext_first(root);
		x->ei_block = root->eh_entries ? ((struct ext4_extent_idx *)ext_first(nh))->ei_block : 0;
		x->ei_leaf_lo = (u32)bh->b_blocknr;
		x->ei_leaf_hi = (u16)(bh->b_blocknr >> 32);
		x->ei_unused = 0;
		root->eh_entries = 1;
		root->eh_depth++;
		err = ext4_write_inode(h, inode);
	}
	brelse(bh);
	return err;
}

/* Split the full node at level lvl (not the root) of the path; its parent
 * has room. The upper half moves to a new block. */
static int ext_split(handle_t *h, struct inode *inode, struct ext_level *p, int lvl)
{
	struct ext4_extent_header *eh = p[lvl].eh, *nh, *ph = p[lvl - 1].eh;
	struct ext4_extent_idx *px = ext_first(ph);
	struct buffer_head *bh;
	int n = eh->eh_entries, keep = n / 2, ppos = p[lvl - 1].pos, err;

	err = new_tree_block(h, inode, p[lvl].bh->b_blocknr, &bh);
	if (err)
		return err;
	err = ext4_get_write_access(h, p[lvl].bh);
	if (!err)
		err = level_access(h, inode, &p[lvl - 1]);
	if (err) {
		brelse(bh);
		return err;
	}
	nh = (void *)bh->b_data;
	nh->eh_magic = EXT4_EXT_MAGIC;
	nh->eh_depth = eh->eh_depth;
	nh->eh_max = node_max(inode);
	nh->eh_entries = n - keep;
	memcpy(ext_first(nh), (struct ext4_extent *)ext_first(eh) + keep,
	       (n - keep) * sizeof(struct ext4_extent));
	eh->eh_entries = keep;
	/* the new index entry in the parent, after ppos */
	memmove(&px[ppos + 2], &px[ppos + 1], (ph->eh_entries - ppos - 1) * sizeof(*px));
	px[ppos + 1].ei_block = ((struct ext4_extent *)ext_first(nh))->ee_block;
	px[ppos + 1].ei_leaf_lo = (u32)bh->b_blocknr;
	px[ppos + 1].ei_leaf_hi = (u16)(bh->b_blocknr >> 32);
	px[ppos + 1].ei_unused = 0;
	ph->eh_entries++;
	ext_csum_set(inode, bh);
	err = ext4_dirty_metadata(h, bh);
	if (!err)
		err = level_dirty(h, inode, &p[lvl]);
	if (!err)
		err = level_dirty(h, inode, &p[lvl - 1]);
	brelse(bh);
	return err;
}

/* The first block of node lvl changed to lblk: fix the index entries above. */
static int ext_fix_index(handle_t *h, struct inode *inode, struct ext_level *p, int lvl, u32 lblk)
{
	while (lvl > 0) {
		struct ext_level *up = &p[lvl - 1];
		struct ext4_extent_idx *x = ext_first(up->eh);
		int err;

		if (x[up->pos].ei_block == lblk)
			return 0;
		err = level_access(h, inode, up);
		if (err)
			return err;
		x[up->pos].ei_block = lblk;
		err = level_dirty(h, inode, up);
		if (err || up->pos != 0)
			return err;
		lvl--;
	}
	return 0;
}

/* Map lblk to pblk (one block) in the tree. */
static int ext_insert(handle_t *h, struct inode *inode, u32 lblk, u64 pblk)
{
	struct ext_level p[EXT4_EXT_MAX_DEPTH + 1];

	for (int tries = 0; tries < 16; tries++) {
		int depth = ext_find(inode, lblk, p), err, k;
		struct ext4_extent_header *eh;
		struct ext4_extent *e;
		int pos;

		if (depth < 0)
			return depth;
		eh = p[depth].eh;
		e = ext_first(eh);
		pos = p[depth].pos;
		/* Grow the extent just before, if it ends here on disk too. */
		if (pos >= 0 && !ext4_ext_unwritten(&e[pos]) &&
		    e[pos].ee_block + e[pos].ee_len == lblk &&
		    ext4_ext_pblk(&e[pos]) + e[pos].ee_len == pblk &&
		    e[pos].ee_len < EXT4_EXT_INIT_MAX_LEN) {
			err = level_access(h, inode, &p[depth]);
			if (!err) {
				e[pos].ee_len++;
				err = level_dirty(h, inode, &p[depth]);
			}
			path_release(p, depth + 1);
			return err;
		}
		if (eh->eh_entries < eh->eh_max) {
			err = level_access(h, inode, &p[depth]);
			if (!err) {
				int at = pos + 1;

				memmove(&e[at + 1], &e[at], (eh->eh_entries - at) * sizeof(*e));
				e[at].ee_block = lblk;
				e[at].ee_len = 1;
				e[at].ee_start_lo = (u32)pblk;
				e[at].ee_start_hi = (u16)(pblk >> 32);
				eh->eh_entries++;
				err = level_dirty(h, inode, &p[depth]);
				if (!err && at == 0)
					err = ext_fix_index(h, inode, p, depth, lblk);
			}
			path_release(p, depth + 1);
			return err;
		}
		/* Full: split the lowest node whose parent has room, or deepen. */
		for (k = depth; k > 0 && p[k - 1].eh->eh_entries >= p[k - 1].eh->eh_max; k--)
			;
		if (k == 0)
			err = ext_grow_depth(h, inode);
		else
			err = ext_split(h, inode, p, k);
		path_release(p, depth + 1);
		if (err)
			return err;
	}
	return -EFSCORRUPTED;
}

int ext4_map_create(handle_t *h, struct inode *inode, u32 lblk, u64 *pblk, bool *new)
{
	struct ext4_inode_info *ei = EXT4_I(inode);
	u64 goal = 0, blk;
	u32 n;
	int err;

	*new = false;
	err = ext4_map_block(inode, lblk, 1, pblk, &n);
	if (err || *pblk)
		return err;
	/* Goal: right after the previous block of the file. */
	if (lblk) {
		u64 prev;

		if (!ext4_map_block(inode, lblk - 1, 1, &prev, &n) && prev)
			goal = prev + 1;
	}
	(void)ei;
	err = ext4_new_block(h, inode, goal, &blk);
	if (err)
		return err;
	err = ext_insert(h, inode, lblk, blk);
	if (err) {
		ext4_free_blocks(h, inode, blk, 1);
		return err;
	}
	inode->i_blocks += EXT4_SB(inode->i_sb)->g.block_size / 512;
	*pblk = blk;
	*new = true;
	return 0;
}

/* ---- truncating ---- */

/* Blocks of directories and symlinks are metadata: journalled, maybe still
 * dirty in the buffer cache. Revoke them before they are freed, so neither
 * write-back nor a journal replay puts old contents over whatever the
 * block holds next. */
static void forget_data(handle_t *h, struct inode *inode, u64 start, u32 len)
{
	struct ext4_sb_info *sbi = EXT4_SB(inode->i_sb);

	if (S_ISREG(inode->i_mode))
		return;
	for (u32 i = 0; i < len; i++) {
		struct buffer_head *bh = getblk(sbi->bdev, start + i);

		ext4_forget(h, start + i, IS_ERR(bh) ? NULL : bh);
	}
}

/* Drop everything at or after `from` below node eh (at depth d). *empty:
 * the node has no entries left. */
static int trunc_node(handle_t *h, struct inode *inode, struct ext4_extent_header *eh,
		      struct buffer_head *bh, u32 from, bool *empty)
{
	struct ext4_sb_info *sbi = EXT4_SB(inode->i_sb);
	u32 bpb = sbi->g.block_size / 512;
	bool changed = false;
	int err = 0;

	if (bh) {
		err = ext4_get_write_access(h, bh);
		if (err)
			return err;
	}
	if (eh->eh_depth == 0) {
		struct ext4_extent *e = ext_first(eh);

		while (eh->eh_entries) {
			struct ext4_extent *l = &e[eh->eh_entries - 1];
			u32 len = ext4_ext_len(l);
			u64 start = ext4_ext_pblk(l);

			if (l->ee_block + len <= from)
				break;
			if (l->ee_block >= from) {
				if (ext4_block_valid(sbi, start, len)) {
					forget_data(h, inode, start, len);
					ext4_free_blocks(h, inode, start, len);
				}
				inode->i_blocks -= MIN(inode->i_blocks, (u64)len * bpb);
				eh->eh_entries--;
			} else {
				u32 keep = from - l->ee_block;

				if (ext4_block_valid(sbi, start + keep, len - keep)) {
					forget_data(h, inode, start + keep, len - keep);
					ext4_free_blocks(h, inode, start + keep, len - keep);
				}
				inode->i_blocks -= MIN(inode->i_blocks, (u64)(len - keep) * bpb);
				l->ee_len = ext4_ext_unwritten(l) ? keep + EXT4_EXT_INIT_MAX_LEN : keep;
			}
			changed = true;
		}
	} else {
		struct ext4_extent_idx *x = ext_first(eh);

		while (eh->eh_entries) {
			struct ext4_extent_idx *l = &x[eh->eh_entries - 1];
			u64 cb = ext4_idx_pblk(l);
			struct buffer_head *cbh = ext4_bread(inode->i_sb, cb);
			bool cempty = false;

			if (IS_ERR(cbh)) {
				err = PTR_ERR(cbh);
				break;
			}
			err = ext_check_block(inode, cbh, eh->eh_depth - 1);
			if (!err)
				err = trunc_node(h, inode, (void *)cbh->b_data, cbh, from, &cempty);
			if (err) {
				brelse(cbh);
				break;
			}
			if (cempty) {
				ext4_forget(h, cb, cbh);
				cbh = NULL;
				ext4_free_blocks(h, inode, cb, 1);
				inode->i_blocks -= MIN(inode->i_blocks, (u64)bpb);
				eh->eh_entries--;
				changed = true;
			}
			brelse(cbh);
			if (!cempty || l->ei_block < from)
				break;
		}
	}
	*empty = eh->eh_entries == 0;
	if (changed && bh && !*empty) {
		ext_csum_set(inode, bh);
		err = ext4_dirty_metadata(h, bh);
	}
	return err;
}

int ext4_ext_truncate(handle_t *h, struct inode *inode, u32 from)
{
	struct ext4_inode_info *ei = EXT4_I(inode);
	struct ext4_extent_header *root = (void *)ei->i_data;
	bool empty;
	int err;

	if (!(ei->i_flags & EXT4_EXTENTS_FL))
		return 0;
	if (ext4_ext_check(root, sizeof(ei->i_data), -1))
		return -EFSCORRUPTED;
	err = trunc_node(h, inode, root, NULL, from, &empty);
	if (empty && root->eh_depth) {
		root->eh_depth = 0;
		root->eh_max = (sizeof(ei->i_data) - sizeof(*root)) / sizeof(struct ext4_extent);
	}
	return err;
}
