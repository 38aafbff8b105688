/*
 * ext4 block and inode allocation: the per-group bitmaps, the group
 * descriptors' free counts, flags and bitmap checksums. Groups that mke2fs
 * left uninitialized (BLOCK_UNINIT / INODE_UNINIT) get their bitmaps built
 * in memory the first time they are used, as Linux does. The allocator is
 * simple: first free bit from a goal (the previous block of the file, or
 * the inode's group), then the following groups. No reservations, no
 * preallocation, no orlov spreading of directories.
 */
#include "ext4.h"

#define BH_Verified BH_PrivateStart   /* bitmap checksum checked */

static inline bool bit_test(const u8 *map, u32 i) { return map[i / 8] & (1u << (i % 8)); }
static inline void bit_set(u8 *map, u32 i) { map[i / 8] |= (u8)(1u << (i % 8)); }
static inline void bit_clear(u8 *map, u32 i) { map[i / 8] &= (u8)~(1u << (i % 8)); }

static bool has_group_csum(struct ext4_sb_info *sbi)
{
	return sbi->g.csum || (sbi->g.ro_compat & EXT4_FEATURE_RO_COMPAT_GDT_CSUM);
}

static u32 group_blocks(struct ext4_sb_info *sbi, u32 g)
{
	if (g + 1 < sbi->g.groups)
		return sbi->g.blocks_per_group;
	return (u32)(sbi->g.blocks_count - sbi->g.first_data_block -
		     (u64)g * sbi->g.blocks_per_group);
}

static void mark_range(u8 *map, u64 start, u64 gstart, u32 n, u64 blk, u64 count)
{
	(void)start;
	for (u64 b = blk; b < blk + count; b++)
		if (b >= gstart && b < gstart + n)
			bit_set(map, (u32)(b - gstart));
}

/* Build the block bitmap of a BLOCK_UNINIT group: its superblock backup
 * and descriptor blocks, and any group's bitmaps and inode table placed
 * in it (flex_bg). */
static void init_block_bitmap(struct super_block *sb, u32 g, u8 *map)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	u64 gstart = sbi->g.first_data_block + (u64)g * sbi->g.blocks_per_group;
	u32 n = group_blocks(sbi, g);
	u32 itb = DIV_ROUND_UP(sbi->g.inodes_per_group * sbi->g.inode_size, sbi->g.block_size);

	memset(map, 0, sbi->g.block_size);
	if (ext4_group_has_super(sbi, g)) {
		u32 meta = 1;

		if (!(sbi->g.incompat & EXT4_FEATURE_INCOMPAT_META_BG))
			meta += sbi->gd_blocks + sbi->es->s_reserved_gdt_blocks;
		mark_range(map, 0, gstart, n, gstart, meta);
	}
	for (u32 i = 0; i < sbi->g.groups; i++) {
		struct ext4_group_desc *gd = ext4_get_group_desc(sb, i, NULL);

		mark_range(map, 0, gstart, n, ext4_block_bitmap(sbi, gd), 1);
		mark_range(map, 0, gstart, n, ext4_inode_bitmap(sbi, gd), 1);
		mark_range(map, 0, gstart, n, ext4_inode_table(sbi, gd), itb);
	}
	for (u32 i = n; i < sbi->g.block_size * 8; i++)
		bit_set(map, i);
}

static struct buffer_head *read_bitmap(struct super_block *sb, u32 g, bool inodes)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	struct ext4_group_desc *gd = ext4_get_group_desc(sb, g, NULL);
	u64 blk = inodes ? ext4_inode_bitmap(sbi, gd) : ext4_block_bitmap(sbi, gd);
	u16 uninit = inodes ? EXT4_BG_INODE_UNINIT : EXT4_BG_BLOCK_UNINIT;
	struct buffer_head *bh = ext4_bread(sb, blk);

	if (IS_ERR(bh))
		return bh;
	if (has_group_csum(sbi) && (gd->bg_flags & uninit)) {
		lock_buffer(bh);
		if (inodes) {
			memset(bh->b_data, 0, sbi->g.block_size);
			for (u32 i = sbi->g.inodes_per_group; i < sbi->g.block_size * 8; i++)
				bit_set((u8 *)bh->b_data, i);
		} else {
			init_block_bitmap(sb, g, (u8 *)bh->b_data);
		}
		unlock_buffer(bh);
		buffer_set(bh, BH_Verified);
		return bh;
	}
	if (sbi->g.csum && !buffer_test(bh, BH_Verified)) {
		u32 size = (inodes ? sbi->g.inodes_per_group : sbi->g.blocks_per_group) / 8;
		u32 c = ext4_bitmap_csum(&sbi->g, bh->b_data, size);
		u32 want = inodes ? gd->bg_inode_bitmap_csum_lo : gd->bg_block_bitmap_csum_lo;
		bool hi = sbi->g.desc_size >= EXT4_MIN_DESC_SIZE_64BIT;

		if (hi)
			want |= (u32)(inodes ? gd->bg_inode_bitmap_csum_hi : gd->bg_block_bitmap_csum_hi) << 16;
		else
			c &= 0xffff;
		if (c != want) {
			ext4_error(sb, "group %u: %s bitmap checksum does not match", g,
				   inodes ? "inode" : "block");
			brelse(bh);
			return ERR_PTR(-EFSCORRUPTED);
		}
		buffer_set(bh, BH_Verified);
	}
	return bh;
}

static void bitmap_csum_set(struct ext4_sb_info *sbi, struct ext4_group_desc *gd,
			    struct buffer_head *bh, bool inodes)
{
	u32 c;

	if (!sbi->g.csum)
		return;
	c = ext4_bitmap_csum(&sbi->g, bh->b_data,
			     (inodes ? sbi->g.inodes_per_group : sbi->g.blocks_per_group) / 8);
	if (inodes) {
		gd->bg_inode_bitmap_csum_lo = (u16)c;
		if (sbi->g.desc_size >= EXT4_MIN_DESC_SIZE_64BIT)
			gd->bg_inode_bitmap_csum_hi = (u16)(c >> 16);
	} else {
		gd->bg_block_bitmap_csum_lo = (u16)c;
		if (sbi->g.desc_size >= EXT4_MIN_DESC_SIZE_64BIT)
			gd->bg_block_bitmap_csum_hi = (u16)(c >> 16);
	}
}

/* Journal the bitmap and descriptor changes made by fn. */
static int commit_group(handle_t *h, struct super_block *sb, u32 g, struct buffer_head *bmp,
			bool inodes)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	struct buffer_head *gbh;
	struct ext4_group_desc *gd = ext4_get_group_desc(sb, g, &gbh);
	int err;

	bitmap_csum_set(sbi, gd, bmp, inodes);
	ext4_gd_csum_set(sbi, g, gd);
	err = ext4_dirty_metadata(h, bmp);
	if (!err)
		err = ext4_dirty_metadata(h, gbh);
	return err;
}

static int access_group(handle_t *h, struct super_block *sb, u32 g, struct buffer_head *bmp)
{
	struct buffer_head *gbh;
	int err = ext4_get_write_access(h, bmp);

	ext4_get_group_desc(sb, g, &gbh);
	if (!err)
		err = ext4_get_write_access(h, gbh);
	return err;
}

int ext4_new_block(handle_t *h, struct inode *inode, u64 goal, u64 *out)
{
	struct super_block *sb = inode->i_sb;
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	u32 g0, start;
	int err = -ENOSPC;

	if (goal <= sbi->g.first_data_block || goal >= sbi->g.blocks_count) {
		u32 ig = (u32)((inode->i_ino - 1) / sbi->g.inodes_per_group);

		goal = sbi->g.first_data_block + (u64)ig * sbi->g.blocks_per_group;
	}
	g0 = (u32)((goal - sbi->g.first_data_block) / sbi->g.blocks_per_group);
	start = (u32)((goal - sbi->g.first_data_block) % sbi->g.blocks_per_group);
	mutex_lock(&sbi->s_alloc_lock);
	for (u32 i = 0; i <= sbi->g.groups; i++) {
		u32 g = (g0 + i) % sbi->g.groups, n = group_blocks(sbi, g), bit;
		struct ext4_group_desc *gd = ext4_get_group_desc(sb, g, NULL);
		struct buffer_head *bmp;
		bool found = false;

		if (ext4_gd_free_blocks(sbi, gd) == 0)
			continue;
		bmp = read_bitmap(sb, g, false);
		if (IS_ERR(bmp)) {
			err = PTR_ERR(bmp);
			continue;
		}
		for (u32 k = 0; k < n; k++) {
			bit = (i == 0 ? start + k : k) % n;
			if (!bit_test((u8 *)bmp->b_data, bit)) {
				found = true;
				break;
			}
		}
		if (!found) {
			brelse(bmp);
			continue;
		}
		err = access_group(h, sb, g, bmp);
		if (!err) {
			u64 blk = sbi->g.first_data_block + (u64)g * sbi->g.blocks_per_group + bit;

			if (!ext4_block_valid(sbi, blk, 1)) {
				ext4_error(sb, "group %u: bitmap offers metadata block %llu", g,
					   (unsigned long long)blk);
				err = -EFSCORRUPTED;
			} else {
				lock_buffer(bmp);
				bit_set((u8 *)bmp->b_data, bit);
				unlock_buffer(bmp);
				ext4_gd_set_free_blocks(sbi, gd, ext4_gd_free_blocks(sbi, gd) - 1);
				gd->bg_flags &= ~EXT4_BG_BLOCK_UNINIT;
				err = commit_group(h, sb, g, bmp, false);
				*out = blk;
			}
		}
		brelse(bmp);
		break;
	}
	mutex_unlock(&sbi->s_alloc_lock);
	return err;
}

int ext4_free_blocks(handle_t *h, struct inode *inode, u64 blk, u32 count)
{
	struct super_block *sb = inode->i_sb;
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	int err = 0;

	if (!ext4_block_valid(sbi, blk, count)) {
		ext4_error(sb, "freeing blocks %llu+%u outside the fs", (unsigned long long)blk, count);
		return -EFSCORRUPTED;
	}
	mutex_lock(&sbi->s_alloc_lock);
	while (count && !err) {
		u32 g = (u32)((blk - sbi->g.first_data_block) / sbi->g.blocks_per_group);
		u32 bit = (u32)((blk - sbi->g.first_data_block) % sbi->g.blocks_per_group);
		u32 n = MIN(count, sbi->g.blocks_per_group - bit), freed = 0;
		struct ext4_group_desc *gd = ext4_get_group_desc(sb, g, NULL);
		struct buffer_head *bmp = read_bitmap(sb, g, false);

		if (IS_ERR(bmp)) {
			err = PTR_ERR(bmp);
			break;
		}
		err = access_group(h, sb, g, bmp);
		if (!err) {
			lock_buffer(bmp);
			for (u32 k = 0; k < n; k++) {
				if (bit_test((u8 *)bmp->b_data, bit + k)) {
					bit_clear((u8 *)bmp->b_data, bit + k);
					freed++;
				}
			}
			unlock_buffer(bmp);
			if (freed != n)
				ext4_error(sb, "group %u: freeing %u free blocks", g, n - freed);
			ext4_gd_set_free_blocks(sbi, gd, ext4_gd_free_blocks(sbi, gd) + freed);
			err = commit_group(h, sb, g, bmp, false);
		}
		brelse(bmp);
		blk += n;
		count -= n;
	}
	mutex_unlock(&sbi->s_alloc_lock);
	return err;
}

int ext4_new_ino(handle_t *h, struct inode *dir, bool is_dir, u32 *ino)
{
	struct super_block *sb = dir->i_sb;
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	u32 ipg = sbi->g.inodes_per_group;
	u32 g0 = (u32)((dir->i_ino - 1) / ipg);
	int err = -ENOSPC;

	mutex_lock(&sbi->s_alloc_lock);
	for (u32 i = 0; i < sbi->g.groups; i++) {
		u32 g = (g0 + i) % sbi->g.groups, bit = 0;
		struct ext4_group_desc *gd = ext4_get_group_desc(sb, g, NULL);
		struct buffer_head *bmp;
		bool found = false;

		if (ext4_gd_free_inodes(sbi, gd) == 0)
			continue;
		bmp = read_bitmap(sb, g, true);
		if (IS_ERR(bmp)) {
			err = PTR_ERR(bmp);
			continue;
		}
		for (bit = (g == 0 ? sbi->g.first_ino - 1 : 0); bit < ipg; bit++)
			if (!bit_test((u8 *)bmp->b_data, bit)) {
				found = true;
				break;
			}
		if (!found) {
			brelse(bmp);
			continue;
		}
		err = access_group(h, sb, g, bmp);
		if (!err) {
			lock_buffer(bmp);
			bit_set((u8 *)bmp->b_data, bit);
			unlock_buffer(bmp);
			ext4_gd_set_free_inodes(sbi, gd, ext4_gd_free_inodes(sbi, gd) - 1);
			if (is_dir)
				ext4_gd_set_used_dirs(sbi, gd, ext4_gd_used_dirs(sbi, gd) + 1);
			gd->bg_flags &= ~EXT4_BG_INODE_UNINIT;
			if (has_group_csum(sbi)) {
				u32 unused = gd->bg_itable_unused_lo |
					     (sbi->g.desc_size >= EXT4_MIN_DESC_SIZE_64BIT ?
					      (u32)gd->bg_itable_unused_hi << 16 : 0);

				if (bit >= ipg - MIN(unused, ipg)) {
					unused = ipg - bit - 1;
					gd->bg_itable_unused_lo = (u16)unused;
					if (sbi->g.desc_size >= EXT4_MIN_DESC_SIZE_64BIT)
						gd->bg_itable_unused_hi = (u16)(unused >> 16);
				}
			}
			err = commit_group(h, sb, g, bmp, true);
			*ino = g * ipg + bit + 1;
		}
		brelse(bmp);
		break;
	}
	mutex_unlock(&sbi->s_alloc_lock);
	return err;
}

int ext4_free_ino(handle_t *h, struct super_block *sb, u32 ino, bool is_dir)
{
	struct ext4_sb_info *sbi = EXT4_SB(sb);
	u32 ipg = sbi->g.inodes_per_group, g = (ino - 1) / ipg, bit = (ino - 1) % ipg;
	struct ext4_group_desc *gd;
	struct buffer_head *bmp;
	int err;

	if (ino < sbi->g.first_ino || ino > sbi->g.inodes_count)
		return -EFSCORRUPTED;
	mutex_lock(&sbi->s_alloc_lock);
	gd = ext4_get_group_desc(sb, g, NULL);
	bmp = read_bitmap(sb, g, true);
	if (IS_ERR(bmp)) {
		mutex_unlock(&sbi->s_alloc_lock);
		return PTR_ERR(bmp);
	}
	err = access_group(h, sb, g, bmp);
	if (!err) {
		if (!bit_test((u8 *)bmp->b_data, bit)) {
			ext4_error(sb, "freeing free inode %u", ino);
		} else {
			lock_buffer(bmp);
			bit_clear((u8 *)bmp->b_data, bit);
			unlock_buffer(bmp);
			ext4_gd_set_free_inodes(sbi, gd, ext4_gd_free_inodes(sbi, gd) + 1);
			if (is_dir && ext4_gd_used_dirs(sbi, gd))
				ext4_gd_set_used_dirs(sbi, gd, ext4_gd_used_dirs(sbi, gd) - 1);
		}
		err = commit_group(h, sb, g, bmp, true);
	}
	brelse(bmp);
	mutex_unlock(&sbi->s_alloc_lock);
	return err;
}
