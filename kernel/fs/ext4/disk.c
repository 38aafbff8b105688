/*
 * ext4 on-disk format, the pure part: superblock checks, every metadata
 * checksum, the htree name hashes, and validation of directory blocks,
 * extent nodes and xattr regions. Works on byte buffers only (no device,
 * no locks, no allocation), so tests/unit builds this file for the host
 * and checks it against images made by mke2fs.
 */
#include <kernel/crc32c.h>
#include <kernel/errno.h>
#include <kernel/types.h>
#include <string.h>

#include "ext4_disk.h"

static u32 csum(u32 seed, const void *p, size_t n)
{
	return crc32c_le(seed, p, n);
}

/* ---- superblock ---- */

int ext4_parse_super(const struct ext4_super_block *es, u64 devsize, struct ext4_geom *g,
		     const char **why)
{
	u64 groups;

	memset(g, 0, sizeof(*g));
	*why = NULL;
	if (es->s_magic != EXT4_SUPER_MAGIC) {
		*why = "no ext2/3/4 superblock (bad magic)";
		return -EINVAL;
	}
	g->compat = es->s_feature_compat;
	g->incompat = es->s_rev_level ? es->s_feature_incompat : 0;
	g->ro_compat = es->s_rev_level ? es->s_feature_ro_compat : 0;
	g->csum = g->ro_compat & EXT4_FEATURE_RO_COMPAT_METADATA_CSUM;
	if (g->csum && es->s_checksum_type != 1) {
		*why = "unknown checksum type";
		return -EINVAL;
	}
	if (g->csum && ext4_super_csum(es) != es->s_checksum) {
		*why = "superblock checksum does not match";
		return -EINVAL;
	}
	if (g->incompat & ~EXT4_INCOMPAT_SUPP) {
		*why = "unsupported INCOMPAT features";
		return -EINVAL;
	}
	if ((g->incompat & EXT4_FEATURE_INCOMPAT_CSUM_SEED) && !g->csum) {
		*why = "metadata_csum_seed without metadata_csum";
		return -EINVAL;
	}
	if (g->ro_compat & ~EXT4_RO_COMPAT_SUPP)
		g->read_only = true;
	if (es->s_log_block_size > EXT4_MAX_BLOCK_LOG - EXT4_MIN_BLOCK_LOG) {
		*why = "bad block size";
		return -EINVAL;
	}
	g->log_block_size = EXT4_MIN_BLOCK_LOG + es->s_log_block_size;
	g->block_size = 1u << g->log_block_size;
	if (g->block_size > 4096) {
		*why = "block size larger than the page size";
		return -EINVAL;
	}
	if (es->s_log_cluster_size != es->s_log_block_size &&
	    !(g->ro_compat & EXT4_FEATURE_RO_COMPAT_BIGALLOC)) {
		*why = "cluster size differs from block size without bigalloc";
		return -EINVAL;
	}
	g->blocks_count = es->s_blocks_count_lo;
	if (g->incompat & EXT4_FEATURE_INCOMPAT_64BIT)
		g->blocks_count |= (u64)es->s_blocks_count_hi << 32;
	g->first_data_block = es->s_first_data_block;
	g->blocks_per_group = es->s_blocks_per_group;
	g->inodes_per_group = es->s_inodes_per_group;
	g->inodes_count = es->s_inodes_count;
	if (g->blocks_per_group == 0 || g->blocks_per_group > g->block_size * 8 ||
	    g->blocks_per_group % 8) {
		*why = "bad blocks per group";
		return -EINVAL;
	}
	if (g->inodes_per_group == 0 || g->inodes_per_group > g->block_size * 8 ||
	    g->inodes_per_group % 8) {
		*why = "bad inodes per group";
		return -EINVAL;
	}
	if (g->first_data_block != (g->block_size == 1024 ? 1u : 0u) ||
	    g->blocks_count <= g->first_data_block) {
		*why = "bad first data block or block count";
		return -EINVAL;
	}
	if (devsize && g->blocks_count > devsize >> g->log_block_size) {
		*why = "filesystem larger than the device";
		return -EINVAL;
	}
	groups = (g->blocks_count - g->first_data_block + g->blocks_per_group - 1) /
		 g->blocks_per_group;
	if (groups == 0 || groups > 0xffffffffull / g->inodes_per_group ||
	    (u64)g->inodes_count != groups * g->inodes_per_group) {
		*why = "inode count does not match the groups";
		return -EINVAL;
	}
	g->groups = (u32)groups;
	if (g->incompat & EXT4_FEATURE_INCOMPAT_64BIT) {
		g->desc_size = es->s_desc_size;
		if (g->desc_size < EXT4_MIN_DESC_SIZE_64BIT || g->desc_size > 1024 ||
		    (g->desc_size & (g->desc_size - 1))) {
			*why = "bad group descriptor size";
			return -EINVAL;
		}
	} else {
		g->desc_size = EXT4_MIN_DESC_SIZE;
	}
	if (es->s_rev_level == 0) {
		g->inode_size = EXT4_GOOD_OLD_INODE_SIZE;
		g->first_ino = EXT4_GOOD_OLD_FIRST_INO;
	} else {
		g->inode_size = es->s_inode_size;
		g->first_ino = es->s_first_ino;
		if (g->inode_size < EXT4_GOOD_OLD_INODE_SIZE || g->inode_size > g->block_size ||
		    (g->inode_size & (g->inode_size - 1))) {
			*why = "bad inode size";
			return -EINVAL;
		}
		if (g->first_ino < EXT4_GOOD_OLD_FIRST_INO || g->first_ino > g->inodes_count) {
			*why = "bad first inode";
			return -EINVAL;
		}
	}
	if (g->incompat & EXT4_FEATURE_INCOMPAT_CSUM_SEED)
		g->csum_seed = es->s_checksum_seed;
	else
		g->csum_seed = csum(~0u, es->s_uuid, sizeof(es->s_uuid));
	memcpy(g->hash_seed, es->s_hash_seed, sizeof(g->hash_seed));
	memcpy(g->uuid, es->s_uuid, sizeof(g->uuid));
	g->def_hash = es->s_def_hash_version;
	if (g->def_hash <= DX_HASH_TEA && (es->s_flags & EXT2_FLAGS_UNSIGNED_HASH))
		g->def_hash += 3;
	return 0;
}

u32 ext4_super_csum(const struct ext4_super_block *es)
{
	return csum(~0u, es, offsetof(struct ext4_super_block, s_checksum));
}

/* CRC-16 (polynomial 0x8005, reflected), the older gdt_csum feature. */
static u16 crc16(u16 crc, const void *buf, size_t n)
{
	const u8 *p = buf;

	while (n--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ ((crc & 1) ? 0xA001 : 0);
	}
	return crc;
}

u16 ext4_group_desc_csum(const struct ext4_geom *g, u32 group, const void *desc)
{
	const u32 off = offsetof(struct ext4_group_desc, bg_checksum);
	const u16 zero = 0;
	u32 c;

	if (g->csum) {
		c = csum(g->csum_seed, &group, 4);
		c = csum(c, desc, off);
		c = csum(c, &zero, 2);
		if (g->desc_size > off + 2)
			c = csum(c, (const u8 *)desc + off + 2, g->desc_size - off - 2);
		return (u16)c;
	}
	if (g->ro_compat & EXT4_FEATURE_RO_COMPAT_GDT_CSUM) {
		u16 c16 = crc16(0xffff, g->uuid, 16);

		c16 = crc16(c16, &group, 4);
		c16 = crc16(c16, desc, off);
		if (g->desc_size > off + 2)
			c16 = crc16(c16, (const u8 *)desc + off + 2, g->desc_size - off - 2);
		return c16;
	}
	return 0;
}

u32 ext4_bitmap_csum(const struct ext4_geom *g, const void *bitmap, u32 size)
{
	return csum(g->csum_seed, bitmap, size);
}

/* ---- inodes ---- */

u32 ext4_inode_csum_seed(const struct ext4_geom *g, u32 ino, u32 gen)
{
	u32 c = csum(g->csum_seed, &ino, 4);

	return csum(c, &gen, 4);
}

static bool inode_has_csum_hi(const struct ext4_geom *g, const struct ext4_inode *raw)
{
	return g->inode_size > EXT4_GOOD_OLD_INODE_SIZE &&
	       raw->i_extra_isize >= EXT4_INODE_CSUM_HI_END;
}

u32 ext4_inode_csum(const struct ext4_geom *g, const struct ext4_inode *raw, u32 iseed)
{
	const u8 *p = (const u8 *)raw;
	const u16 zero = 0;
	u32 lo = offsetof(struct ext4_inode, i_checksum_lo);
	u32 hi = offsetof(struct ext4_inode, i_checksum_hi);
	u32 c;

	c = csum(iseed, p, lo);
	c = csum(c, &zero, 2);
	c = csum(c, p + lo + 2, EXT4_GOOD_OLD_INODE_SIZE - lo - 2);
	if (g->inode_size > EXT4_GOOD_OLD_INODE_SIZE) {
		c = csum(c, p + EXT4_GOOD_OLD_INODE_SIZE, hi - EXT4_GOOD_OLD_INODE_SIZE);
		if (inode_has_csum_hi(g, raw)) {
			c = csum(c, &zero, 2);
			c = csum(c, p + hi + 2, g->inode_size - hi - 2);
		} else {
			c = csum(c, p + hi, g->inode_size - hi);
		}
	}
	return c;
}

bool ext4_inode_csum_ok(const struct ext4_geom *g, const struct ext4_inode *raw, u32 iseed)
{
	u32 c = ext4_inode_csum(g, raw, iseed);
	u32 stored = raw->i_checksum_lo;

	if (inode_has_csum_hi(g, raw))
		stored |= (u32)raw->i_checksum_hi << 16;
	else
		c &= 0xffff;
	return c == stored;
}

void ext4_inode_csum_set(const struct ext4_geom *g, struct ext4_inode *raw, u32 iseed)
{
	u32 c = ext4_inode_csum(g, raw, iseed);

	raw->i_checksum_lo = (u16)c;
	if (inode_has_csum_hi(g, raw))
		raw->i_checksum_hi = (u16)(c >> 16);
}

void ext4_decode_dev(const u32 *i_block, unsigned *major, unsigned *minor)
{
	if (i_block[0]) {
		*major = (i_block[0] >> 8) & 0xff;
		*minor = i_block[0] & 0xff;
	} else {
		u32 v = i_block[1];

		*major = (v >> 8) & 0xfff;
		*minor = (v & 0xff) | ((v >> 12) & 0xfff00);
	}
}

void ext4_encode_dev(u32 *i_block, unsigned major, unsigned minor)
{
	if (major < 256 && minor < 256) {
		i_block[0] = (major << 8) | minor;
		i_block[1] = 0;
	} else {
		i_block[0] = 0;
		i_block[1] = (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
	}
	i_block[2] = 0;
}

/* ---- extents ---- */

int ext4_ext_check(const struct ext4_extent_header *eh, u32 size, int depth)
{
	u32 max = (size - sizeof(*eh)) / sizeof(struct ext4_extent);

	if (eh->eh_magic != EXT4_EXT_MAGIC)
		return -EFSCORRUPTED;
	if (eh->eh_depth > EXT4_EXT_MAX_DEPTH || (depth >= 0 && eh->eh_depth != depth))
		return -EFSCORRUPTED;
	if (eh->eh_max == 0 || eh->eh_max > max || eh->eh_entries > eh->eh_max)
		return -EFSCORRUPTED;
	/* Entries sorted by logical block, extents not overlapping. */
	if (eh->eh_depth == 0) {
		const struct ext4_extent *e = (const void *)(eh + 1);
		u64 next = 0;

		for (u32 i = 0; i < eh->eh_entries; i++) {
			u32 len = ext4_ext_len(&e[i]);

			if (len == 0 || e[i].ee_block < next ||
			    (u64)e[i].ee_block + len > 0x100000000ull)
				return -EFSCORRUPTED;
			next = (u64)e[i].ee_block + len;
		}
	} else {
		const struct ext4_extent_idx *x = (const void *)(eh + 1);

		for (u32 i = 1; i < eh->eh_entries; i++)
			if (x[i].ei_block <= x[i - 1].ei_block)
				return -EFSCORRUPTED;
	}
	return 0;
}

struct ext4_extent_tail *ext4_ext_tail(void *block)
{
	struct ext4_extent_header *eh = block;

	return (struct ext4_extent_tail *)((u8 *)block + sizeof(*eh) +
					   eh->eh_max * sizeof(struct ext4_extent));
}

u32 ext4_ext_block_csum(const void *block, u32 block_size, u32 iseed)
{
	const struct ext4_extent_header *eh = block;
	u32 n = sizeof(*eh) + eh->eh_max * sizeof(struct ext4_extent);

	if (n > block_size - sizeof(struct ext4_extent_tail))
		n = block_size - sizeof(struct ext4_extent_tail);
	return csum(iseed, block, n);
}

/* ---- directories ---- */

struct ext4_dir_entry_tail *ext4_dirblock_tail(void *block, u32 size)
{
	struct ext4_dir_entry_tail *t = (void *)((u8 *)block + size - sizeof(*t));

	if (t->det_reserved_zero1 || t->det_rec_len != sizeof(*t) || t->det_reserved_zero2 ||
	    t->det_reserved_ft != EXT4_FT_DIR_CSUM)
		return NULL;
	return t;
}

int ext4_dirblock_check(const void *block, u32 size, bool has_tail)
{
	u32 end = has_tail ? size - sizeof(struct ext4_dir_entry_tail) : size;
	u32 off = 0;

	while (off < end) {
		const struct ext4_dir_entry_2 *de = (const void *)((const u8 *)block + off);
		u32 rl;

		if (end - off < 12)
			return -EFSCORRUPTED;
		rl = ext4_rec_len(de->rec_len, size);
		if (rl < 12 || rl % 4 || rl > end - off)
			return -EFSCORRUPTED;
		if (de->inode && EXT4_DIR_REC_LEN(de->name_len) > rl)
			return -EFSCORRUPTED;
		off += rl;
	}
	return 0;
}

u32 ext4_dirblock_csum(const void *block, u32 size, u32 iseed)
{
	return csum(iseed, block, size - sizeof(struct ext4_dir_entry_tail));
}

struct dx_countlimit *ext4_dx_countlimit(void *block, u32 size, bool root)
{
	u8 *p = block;
	struct dx_countlimit *cl;
	u32 off;

	if (root) {
		struct dx_root_info *info = (void *)(p + DX_ROOT_INFO_OFF);

		if (info->reserved_zero || info->info_length != 8)
			return NULL;
		off = DX_ROOT_INFO_OFF + info->info_length;
	} else {
		const struct ext4_dir_entry_2 *de = block;

		if (de->inode || ext4_rec_len(de->rec_len, size) != size)
			return NULL;
		off = DX_NODE_ENTRIES_OFF;
	}
	cl = (void *)(p + off);
	if (cl->limit == 0 || cl->count > cl->limit || off + cl->limit * 8u > size)
		return NULL;
	return cl;
}

u32 ext4_dx_csum(const void *block, const struct dx_countlimit *cl, u32 iseed)
{
	u32 off = (const u8 *)cl - (const u8 *)block;
	const struct dx_tail *t = (const void *)((const u8 *)cl + cl->limit * 8u);
	const u32 zero = 0;
	u32 c = csum(iseed, block, off + cl->count * 8u);

	c = csum(c, &t->dt_reserved, 4);
	return csum(c, &zero, 4);   /* the checksum field itself, as zero */
}

/* ---- htree hashes (the algorithms e2fsprogs and Linux use) ---- */

static inline u32 rol32(u32 v, unsigned s) { return (v << s) | (v >> (32 - s)); }

/* The legacy hash: a multiplicative mix of each byte. */
static u32 hash_legacy(const char *name, u32 len, bool sign)
{
	u32 h0 = 0x12a3fe2d, h1 = 0x37abe8f9;

	for (u32 i = 0; i < len; i++) {
		int c = sign ? (int)(signed char)name[i] : (int)(unsigned char)name[i];
		u32 h = h1 + (h0 ^ (u32)(c * 7152373));

		if (h & 0x80000000u)
			h -= 0x7fffffff;
		h1 = h0;
		h0 = h;
	}
	return h0 << 1;
}

/* Pack up to 4*num bytes of name into num words, big-end first, padding
 * with a word made of the length. */
static void str2words(const char *name, u32 len, u32 *out, int num, bool sign)
{
	u32 pad = len | (len << 8), val;
	u32 n = len;

	pad |= pad << 16;
	val = pad;
	if (n > (u32)num * 4)
		n = num * 4;
	for (u32 i = 0; i < n; i++) {
		int c = sign ? (int)(signed char)name[i] : (int)(unsigned char)name[i];

		val = (u32)c + (val << 8);
		if (i % 4 == 3) {
			*out++ = val;
			val = pad;
			num--;
		}
	}
	if (--num >= 0)
		*out++ = val;
	while (--num >= 0)
		*out++ = pad;
}

#define MD4_F(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))
#define MD4_G(x, y, z) (((x) & (y)) + (((x) ^ (y)) & (z)))
#define MD4_H(x, y, z) ((x) ^ (y) ^ (z))
#define MD4_STEP(f, a, b, c, d, x, s) ((a) = rol32((a) + f(b, c, d) + (x), (s)))

static void half_md4(u32 buf[4], const u32 in[8])
{
	const u32 k2 = 013240474631u, k3 = 015666365641u;
	u32 a = buf[0], b = buf[1], c = buf[2], d = buf[3];

	MD4_STEP(MD4_F, a, b, c, d, in[0], 3);
	MD4_STEP(MD4_F, d, a, b, c, in[1], 7);
	MD4_STEP(MD4_F, c, d, a, b, in[2], 11);
	MD4_STEP(MD4_F, b, c, d, a, in[3], 19);
	MD4_STEP(MD4_F, a, b, c, d, in[4], 3);
	MD4_STEP(MD4_F, d, a, b, c, in[5], 7);
	MD4_STEP(MD4_F, c, d, a, b, in[6], 11);
	MD4_STEP(MD4_F, b, c, d, a, in[7], 19);

	MD4_STEP(MD4_G, a, b, c, d, in[1] + k2, 3);
	MD4_STEP(MD4_G, d, a, b, c, in[3] + k2, 5);
	MD4_STEP(MD4_G, c, d, a, b, in[5] + k2, 9);
	MD4_STEP(MD4_G, b, c, d, a, in[7] + k2, 13);
	MD4_STEP(MD4_G, a, b, c, d, in[0] + k2, 3);
	MD4_STEP(MD4_G, d, a, b, c, in[2] + k2, 5);
	MD4_STEP(MD4_G, c, d, a, b, in[4] + k2, 9);
	MD4_STEP(MD4_G, b, c, d, a, in[6] + k2, 13);

	MD4_STEP(MD4_H, a, b, c, d, in[3] + k3, 3);
	MD4_STEP(MD4_H, d, a, b, c, in[7] + k3, 9);
	MD4_STEP(MD4_H, c, d, a, b, in[2] + k3, 11);
	MD4_STEP(MD4_H, b, c, d, a, in[6] + k3, 15);
	MD4_STEP(MD4_H, a, b, c, d, in[1] + k3, 3);
	MD4_STEP(MD4_H, d, a, b, c, in[5] + k3, 9);
	MD4_STEP(MD4_H, c, d, a, b, in[0] + k3, 11);
	MD4_STEP(MD4_H, b, c, d, a, in[4] + k3, 15);

	buf[0] += a;
	buf[1] += b;
	buf[2] += c;
	buf[3] += d;
}

static void tea(u32 buf[4], const u32 in[4])
{
	u32 sum = 0, b0 = buf[0], b1 = buf[1];

	for (int n = 0; n < 16; n++) {
		sum += 0x9E3779B9u;
		b0 += ((b1 << 4) + in[0]) ^ (b1 + sum) ^ ((b1 >> 5) + in[1]);
		b1 += ((b0 << 4) + in[2]) ^ (b0 + sum) ^ ((b0 >> 5) + in[3]);
	}
	buf[0] += b0;
	buf[1] += b1;
}

int ext4_dx_hash(const char *name, u32 len, int version, const u32 seed[4], u32 *hash,
		 u32 *minor)
{
	u32 buf[4] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476 };
	u32 in[8];
	u32 h, m = 0;
	bool sign = version < DX_HASH_LEGACY_UNSIGNED;

	if (seed && (seed[0] | seed[1] | seed[2] | seed[3]))
		memcpy(buf, seed, sizeof(buf));
	switch (version) {
	case DX_HASH_LEGACY:
	case DX_HASH_LEGACY_UNSIGNED:
		h = hash_legacy(name, len, sign);
		break;
	case DX_HASH_HALF_MD4:
	case DX_HASH_HALF_MD4_UNSIGNED:
		for (u32 off = 0; off < len || (off == 0 && len == 0); off += 32) {
			str2words(name + off, len - off, in, 8, sign);
			half_md4(buf, in);
			if (len == 0)
				break;
		}
		h = buf[1];
		m = buf[2];
		break;
	case DX_HASH_TEA:
	case DX_HASH_TEA_UNSIGNED:
		for (u32 off = 0; off < len || (off == 0 && len == 0); off += 16) {
			str2words(name + off, len - off, in, 4, sign);
			tea(buf, in);
			if (len == 0)
				break;
		}
		h = buf[0];
		m = buf[1];
		break;
	default:
		return -EINVAL;
	}
	h &= ~1u;
	if (h == EXT4_HTREE_EOF_32BIT << 1)
		h = (EXT4_HTREE_EOF_32BIT - 1) << 1;
	*hash = h;
	if (minor)
		*minor = m;
	return 0;
}

/* ---- extended attributes ---- */

u32 ext4_xattr_entry_hash(const struct ext4_xattr_entry *e, const void *value)
{
	u32 h = 0;

	for (u32 i = 0; i < e->e_name_len; i++)
		h = (h << 5) ^ (h >> 27) ^ (u8)e->e_name[i];
	if (!e->e_value_inum && e->e_value_size) {
		const u8 *v = value;

		for (u32 n = 0; n < (e->e_value_size + 3) / 4; n++) {
			u32 w;

			memcpy(&w, v + 4 * n, 4);
			h = (h << 16) ^ (h >> 16) ^ w;
		}
	}
	return h;
}

u32 ext4_xattr_block_csum(const void *block, u32 size, u64 blocknr, u32 fs_seed)
{
	const u32 off = offsetof(struct ext4_xattr_header, h_checksum);
	const u32 zero = 0;
	u32 c = csum(fs_seed, &blocknr, 8);

	c = csum(c, block, off);
	c = csum(c, &zero, 4);
	return csum(c, (const u8 *)block + off + 4, size - off - 4);
}

int ext4_xattr_check_entries(const void *start, const void *end, const void *value_base)
{
	const u8 *p = start, *e = end, *vb = value_base;

	while (p + 4 <= e && *(const u32 *)p) {
		const struct ext4_xattr_entry *x = (const void *)p;
		u32 l;

		if (p + sizeof(*x) > e)
			return -EFSCORRUPTED;
		l = EXT4_XATTR_ENTRY_LEN(x->e_name_len);
		if (x->e_name_len == 0 || p + l > e)
			return -EFSCORRUPTED;
		if (x->e_value_inum)
			return -EFSCORRUPTED;   /* XXX: ea_inode values (an INCOMPAT we refuse) */
		if (x->e_value_size) {
			const u8 *v = vb + x->e_value_offs;

			if (x->e_value_offs % 4 || x->e_value_size > (u32)(e - vb) ||
			    v < vb || v + x->e_value_size > e)
				return -EFSCORRUPTED;
		}
		p += l;
	}
	if (p + 4 > e)
		return -EFSCORRUPTED;   /* no terminating zero word */
	return 0;
}

static const char *const xattr_prefixes[] = {
	[EXT4_XATTR_INDEX_USER] = "user.",
	[EXT4_XATTR_INDEX_POSIX_ACL_ACCESS] = "system.posix_acl_access",
	[EXT4_XATTR_INDEX_POSIX_ACL_DEFAULT] = "system.posix_acl_default",
	[EXT4_XATTR_INDEX_TRUSTED] = "trusted.",
	[EXT4_XATTR_INDEX_SECURITY] = "security.",
	[EXT4_XATTR_INDEX_SYSTEM] = "system.",
};

const char *ext4_xattr_prefix(int index)
{
	if (index <= 0 || index >= (int)(sizeof(xattr_prefixes) / sizeof(xattr_prefixes[0])))
		return NULL;
	return xattr_prefixes[index];
}

int ext4_xattr_split(const char *name, int *index, const char **suffix)
{
	/* The ACL names are whole names with an empty suffix. */
	static const int order[] = {
		EXT4_XATTR_INDEX_POSIX_ACL_ACCESS, EXT4_XATTR_INDEX_POSIX_ACL_DEFAULT,
		EXT4_XATTR_INDEX_USER, EXT4_XATTR_INDEX_TRUSTED, EXT4_XATTR_INDEX_SECURITY,
		EXT4_XATTR_INDEX_SYSTEM,
	};

	for (unsigned i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		const char *p = xattr_prefixes[order[i]];
		size_t n = strlen(p);

		if (!strncmp(name, p, n)) {
			if ((order[i] == EXT4_XATTR_INDEX_POSIX_ACL_ACCESS ||
			     order[i] == EXT4_XATTR_INDEX_POSIX_ACL_DEFAULT) && name[n])
				continue;
			*index = order[i];
			*suffix = name + n;
			return 0;
		}
	}
	return -EOPNOTSUPP;
}
