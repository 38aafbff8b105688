/*
 * kernel/fs/ext4/disk.c on the host: htree hashes against values debugfs
 * (e2fsprogs 1.47) prints, and, when mke2fs is installed, a real image made
 * with `mke2fs -t ext4 -d` and indexed by `e2fsck -D`: superblock, every group descriptor, every used
 * inode's checksum, and a 400-entry htree directory whose dx nodes, leaf
 * blocks and hash ranges must all check out. Corrupted copies must fail.
 */
#include "unit.h"
#include "klib.h"

#include "../../kernel/fs/ext4/disk.c"

static const u32 seed[4] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476 };

static void check_hash(const char *name, int ver, const u32 *s, u32 want, u32 want_minor)
{
	u32 h = 0, m = 0;

	CHECK(ext4_dx_hash(name, strlen(name), ver, s, &h, &m) == 0, "hash %s", name);
	CHECK(h == want && m == want_minor, "hash v%d of '%s': %#x/%#x, want %#x/%#x", ver, name,
	      h, m, want, want_minor);
}

static void test_hashes(void)
{
	/* debugfs dx_hash -s 01234567-89ab-cdef-0123-456789abcdef: its bytes
	 * read as little-endian words. */
	static const u8 uuid[16] = { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
				     0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef };
	u32 s[4];
	const char *longname = "this_is_a_rather_long_file_name_over_32_bytes_long_x_0123456789";

	memcpy(s, uuid, 16);
	check_hash("hello", DX_HASH_LEGACY, s, 0x32252546, 0);
	check_hash("a", DX_HASH_LEGACY, s, 0xe74b53e2, 0);
	check_hash(longname, DX_HASH_LEGACY, s, 0xf635e962, 0);
	check_hash("\xe4\xf6\xfc", DX_HASH_LEGACY, s, 0x4a584932, 0);
	check_hash("hello", DX_HASH_HALF_MD4, s, 0xa26e4a80, 0x97e5b7f7);
	check_hash("a", DX_HASH_HALF_MD4, s, 0x35dc0cc4, 0x3f1dacef);
	check_hash(longname, DX_HASH_HALF_MD4, s, 0xa9074d5e, 0xe6d3602b);
	check_hash("\xe4\xf6\xfc", DX_HASH_HALF_MD4, s, 0x489fddb8, 0xba124651);
	check_hash("hello", DX_HASH_TEA, s, 0x6f5bb1a8, 0x231917c2);
	check_hash("a", DX_HASH_TEA, s, 0x6d0ea4c0, 0xc18922df);
	check_hash(longname, DX_HASH_TEA, s, 0x6352779c, 0x5b73016c);
	check_hash("\xe4\xf6\xfc", DX_HASH_TEA, s, 0xc3b20c5e, 0x811b2934);
	u32 h;
	CHECK(ext4_dx_hash("x", 1, 9, seed, &h, NULL) == -EINVAL, "unknown version");
}

static void test_dev_and_times(void)
{
	u32 b[EXT4_N_BLOCKS] = { 0 };
	unsigned ma, mi;

	ext4_encode_dev(b, 8, 1);
	ext4_decode_dev(b, &ma, &mi);
	CHECK(b[0] == 0x801 && ma == 8 && mi == 1, "old encoding");
	ext4_encode_dev(b, 259, 70000);
	ext4_decode_dev(b, &ma, &mi);
	CHECK(b[0] == 0 && ma == 259 && mi == 70000, "new encoding %u:%u", ma, mi);
	CHECK(ext4_decode_sec(0xffffffff, 0) == -1, "pre-1970");
	CHECK(ext4_decode_sec(0x80000000u, 1) == 0x80000000ll, "2038");
	CHECK(ext4_encode_extra(0x80000000ll, 5) == (1 | (5 << 2)), "extra encode");
	CHECK(ext4_decode_nsec(ext4_encode_extra(-5, 999999999)) == 999999999, "nsec");
}

static void test_xattr_names(void)
{
	int idx;
	const char *suf;

	CHECK(ext4_xattr_split("user.foo", &idx, &suf) == 0 && idx == 1 && !strcmp(suf, "foo"),
	      "user");
	CHECK(ext4_xattr_split("system.posix_acl_access", &idx, &suf) == 0 && idx == 2 && !*suf,
	      "acl");
	CHECK(ext4_xattr_split("system.data", &idx, &suf) == 0 && idx == 7, "system");
	CHECK(ext4_xattr_split("os2.x", &idx, &suf) == -EOPNOTSUPP, "unknown ns");
}

/* ---- a real image ---- */

static u8 *img;
static size_t img_len;
static struct ext4_geom geom;

static u8 *blk(u64 nr)
{
	if ((nr + 1) * geom.block_size > img_len)
		return NULL;
	return img + nr * geom.block_size;
}

static struct ext4_group_desc *gd(u32 g)
{
	u64 first = geom.first_data_block + 1;

	return (void *)(blk(first + g * geom.desc_size / geom.block_size) +
			g * geom.desc_size % geom.block_size);
}

static struct ext4_inode *inode_raw(u32 ino)
{
	u32 g = (ino - 1) / geom.inodes_per_group, i = (ino - 1) % geom.inodes_per_group;
	struct ext4_group_desc *d = gd(g);
	u64 t = d->bg_inode_table_lo | ((u64)d->bg_inode_table_hi << 32);

	return (void *)(img + t * geom.block_size + (u64)i * geom.inode_size);
}

/* Logical block 0..n of a depth-0 extent inode. */
static u8 *inode_block(struct ext4_inode *in, u32 lblk)
{
	struct ext4_extent_header *eh = (void *)in->i_block;
	struct ext4_extent *e = (void *)(eh + 1);

	if (ext4_ext_check(eh, 60, 0))
		return NULL;
	for (u32 i = 0; i < eh->eh_entries; i++)
		if (lblk >= e[i].ee_block && lblk < e[i].ee_block + ext4_ext_len(&e[i]))
			return blk(ext4_ext_pblk(&e[i]) + lblk - e[i].ee_block);
	return NULL;
}

static u32 find_in_root(const char *name)
{
	struct ext4_inode *root = inode_raw(EXT4_ROOT_INO);
	u8 *b = inode_block(root, 0);
	u32 off = 0;

	while (b && off < geom.block_size) {
		struct ext4_dir_entry_2 *de = (void *)(b + off);

		if (de->inode && de->name_len == strlen(name) && !memcmp(de->name, name, de->name_len))
			return de->inode;
		off += de->rec_len;
	}
	return 0;
}

static int make_image(void)
{
	char cmd[512];
	FILE *f;

	if (system("command -v mke2fs >/dev/null 2>&1 || test -x /sbin/mke2fs") != 0)
		return -1;
	system("rm -rf /tmp/unit_ext4 && mkdir -p /tmp/unit_ext4/d/big");
	for (int i = 0; i < 400; i++) {
		snprintf(cmd, sizeof(cmd), "/tmp/unit_ext4/d/big/entry_number_%d", i);
		f = fopen(cmd, "w");
		if (!f)
			return -1;
		fprintf(f, "%d\n", i);
		fclose(f);
	}
	if (system("PATH=$PATH:/sbin:/usr/sbin mke2fs -q -F -t ext4 -b 4096 -d /tmp/unit_ext4/d "
		   "/tmp/unit_ext4/img 8M >/dev/null 2>&1") != 0)
		return -1;
	/* mke2fs -d makes linear directories; e2fsck -D indexes them. */
	system("PATH=$PATH:/sbin:/usr/sbin e2fsck -fyD /tmp/unit_ext4/img >/dev/null 2>&1");
	f = fopen("/tmp/unit_ext4/img", "rb");
	if (!f)
		return -1;
	img_len = 8 << 20;
	img = malloc(img_len);
	if (fread(img, 1, img_len, f) != img_len) {
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

static void test_image(void)
{
	struct ext4_super_block *es, copy;
	const char *why;
	u32 used = 0;

	if (make_image()) {
		printf("# mke2fs not available: image checks skipped\n");
		return;
	}
	es = (void *)(img + 1024);
	CHECK(ext4_parse_super(es, img_len, &geom, &why) == 0, "superblock: %s", why);
	CHECK(geom.csum && geom.block_size == 4096 && geom.desc_size == 64, "features");
	CHECK(!geom.read_only, "all ro_compat features known");

	copy = *es;
	copy.s_inodes_count++;
	CHECK(ext4_parse_super(&copy, img_len, &geom, &why) == -EINVAL, "bad csum refused");
	copy = *es;
	copy.s_feature_incompat |= 0x80000;
	copy.s_checksum = ext4_super_csum(&copy);
	CHECK(ext4_parse_super(&copy, img_len, &geom, &why) == -EINVAL && why, "unknown incompat");
	copy = *es;
	copy.s_log_block_size = 40;
	copy.s_checksum = ext4_super_csum(&copy);
	CHECK(ext4_parse_super(&copy, img_len, &geom, &why) == -EINVAL, "bad block size");
	CHECK(ext4_parse_super(es, img_len / 2, &geom, &why) == -EINVAL, "device too small");
	CHECK(ext4_parse_super(es, img_len, &geom, &why) == 0, "again");

	for (u32 g = 0; g < geom.groups; g++)
		CHECK(ext4_group_desc_csum(&geom, g, gd(g)) == gd(g)->bg_checksum, "gd %u", g);

	for (u32 ino = 1; ino <= geom.inodes_per_group; ino++) {
		struct ext4_inode *in = inode_raw(ino);
		u32 is;

		if (!in->i_mode && !in->i_links_count)
			continue;
		used++;
		is = ext4_inode_csum_seed(&geom, ino, in->i_generation);
		CHECK(ext4_inode_csum_ok(&geom, in, is), "inode %u csum", ino);
	}
	CHECK(used > 400, "%u inodes used", used);

	/* The htree directory. */
	u32 dino = find_in_root("big");
	CHECK(dino != 0, "big found");
	if (!dino)
		return;
	struct ext4_inode *din = inode_raw(dino);
	u32 iseed = ext4_inode_csum_seed(&geom, dino, din->i_generation);
	CHECK(din->i_flags & EXT4_INDEX_FL, "big is indexed");
	u8 *root = inode_block(din, 0);
	struct dx_root_info *info = (void *)(root + DX_ROOT_INFO_OFF);
	struct dx_countlimit *cl = ext4_dx_countlimit(root, geom.block_size, true);
	CHECK(cl != NULL && info->indirect_levels == 0, "dx root");
	if (!cl)
		return;
	struct dx_tail *t = (void *)((u8 *)cl + cl->limit * 8);
	CHECK(ext4_dx_csum(root, cl, iseed) == t->dt_checksum, "dx root csum");
	int ver = info->hash_version;
	if (ver <= DX_HASH_TEA && (es->s_flags & EXT2_FLAGS_UNSIGNED_HASH))
		ver += 3;
	struct dx_entry *ent = (void *)cl;   /* entry 0's hash field is the countlimit */
	u32 names = 0;
	for (u32 i = 0; i < cl->count; i++) {
		u32 lo = i ? ent[i].hash : 0;
		u32 hi = i + 1 < cl->count ? ent[i + 1].hash : 0xffffffff;
		u8 *leaf = inode_block(din, ent[i].block);

		CHECK(leaf != NULL, "leaf %u", ent[i].block);
		if (!leaf)
			continue;
		CHECK(ext4_dirblock_check(leaf, geom.block_size, true) == 0, "leaf valid");
		struct ext4_dir_entry_tail *dt = ext4_dirblock_tail(leaf, geom.block_size);
		CHECK(dt && dt->det_checksum == ext4_dirblock_csum(leaf, geom.block_size, iseed),
		      "leaf csum");
		for (u32 off = 0; off < geom.block_size - 12;) {
			struct ext4_dir_entry_2 *de = (void *)(leaf + off);
			u32 h;

			if (de->inode) {
				ext4_dx_hash(de->name, de->name_len, ver, geom.hash_seed, &h, NULL);
				CHECK(h >= (lo & ~1u) && h <= hi, "name hash in range");
				names++;
			}
			off += de->rec_len;
		}
		/* A flipped byte breaks the checksum. */
		leaf[20] ^= 1;
		CHECK(dt->det_checksum != ext4_dirblock_csum(leaf, geom.block_size, iseed),
		      "corrupt leaf");
		leaf[20] ^= 1;
	}
	CHECK(names == 400, "%u names under the htree", names);
	/* A broken rec_len is caught. */
	u8 *leaf = inode_block(din, ent[0].block);
	struct ext4_dir_entry_2 *de = (void *)leaf;
	u16 rl = de->rec_len;
	de->rec_len = 6;
	CHECK(ext4_dirblock_check(leaf, geom.block_size, true) == -EFSCORRUPTED, "rec_len 6");
	de->rec_len = 0xfff0;
	CHECK(ext4_dirblock_check(leaf, geom.block_size, true) == -EFSCORRUPTED, "rec_len huge");
	de->rec_len = rl;
	free(img);
}

static void test_extent_check(void)
{
	u32 ib[EXT4_N_BLOCKS] = { 0 };
	struct ext4_extent_header *eh = (void *)ib;
	struct ext4_extent *e = (void *)(eh + 1);

	eh->eh_magic = EXT4_EXT_MAGIC;
	eh->eh_max = 4;
	eh->eh_entries = 2;
	e[0].ee_block = 0;
	e[0].ee_len = 10;
	e[1].ee_block = 10;
	e[1].ee_len = 5;
	CHECK(ext4_ext_check(eh, 60, 0) == 0, "good");
	e[1].ee_block = 5;
	CHECK(ext4_ext_check(eh, 60, 0) == -EFSCORRUPTED, "overlap");
	e[1].ee_block = 10;
	eh->eh_max = 5;
	CHECK(ext4_ext_check(eh, 60, 0) == -EFSCORRUPTED, "max too big");
	eh->eh_max = 4;
	eh->eh_entries = 5;
	CHECK(ext4_ext_check(eh, 60, 0) == -EFSCORRUPTED, "entries > max");
	eh->eh_entries = 2;
	eh->eh_depth = 1;
	CHECK(ext4_ext_check(eh, 60, 0) == -EFSCORRUPTED, "depth mismatch");
}

int main(void)
{
	unit_run("ext4.hashes", test_hashes);
	unit_run("ext4.dev_times", test_dev_and_times);
	unit_run("ext4.xattr_names", test_xattr_names);
	unit_run("ext4.extent_check", test_extent_check);
	unit_run("ext4.image", test_image);
	return unit_exit();
}
