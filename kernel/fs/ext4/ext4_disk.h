/*
 * ext4's on-disk format (little-endian; this kernel and its host tests run
 * on x86_64, so the structures are read in place) and the pure functions
 * over it in disk.c: superblock checks, checksums, directory hashes,
 * directory-block, extent-node and xattr validation. Nothing here touches
 * a device or a kernel object, so tests/unit builds disk.c for the host.
 * Layout facts from the kernel.org "ext4 Data Structures and Algorithms".
 */
#ifndef EXT4_DISK_H
#define EXT4_DISK_H

#include <kernel/types.h>

#ifndef EUCLEAN
#define EUCLEAN 117
#endif
#define EFSCORRUPTED EUCLEAN     /* as Linux: corrupt metadata */
#define EFSBADCRC EBADMSG        /* bad checksum */

#define EXT4_SUPER_MAGIC 0xEF53
#define EXT4_SB_OFFSET 1024
#define EXT4_ROOT_INO 2
#define EXT4_JOURNAL_INO 8
#define EXT4_GOOD_OLD_FIRST_INO 11
#define EXT4_GOOD_OLD_INODE_SIZE 128
#define EXT4_N_BLOCKS 15
#define EXT4_NAME_LEN 255
#define EXT4_MIN_BLOCK_LOG 10
#define EXT4_MAX_BLOCK_LOG 16

/* feature flags */
#define EXT4_FEATURE_COMPAT_DIR_PREALLOC 0x0001
#define EXT4_FEATURE_COMPAT_HAS_JOURNAL 0x0004
#define EXT4_FEATURE_COMPAT_EXT_ATTR 0x0008
#define EXT4_FEATURE_COMPAT_RESIZE_INODE 0x0010
#define EXT4_FEATURE_COMPAT_DIR_INDEX 0x0020
#define EXT4_FEATURE_COMPAT_SPARSE_SUPER2 0x0200
#define EXT4_FEATURE_COMPAT_FAST_COMMIT 0x0400
#define EXT4_FEATURE_COMPAT_ORPHAN_FILE 0x1000

#define EXT4_FEATURE_RO_COMPAT_SPARSE_SUPER 0x0001
#define EXT4_FEATURE_RO_COMPAT_LARGE_FILE 0x0002
#define EXT4_FEATURE_RO_COMPAT_BTREE_DIR 0x0004
#define EXT4_FEATURE_RO_COMPAT_HUGE_FILE 0x0008
#define EXT4_FEATURE_RO_COMPAT_GDT_CSUM 0x0010
#define EXT4_FEATURE_RO_COMPAT_DIR_NLINK 0x0020
#define EXT4_FEATURE_RO_COMPAT_EXTRA_ISIZE 0x0040
#define EXT4_FEATURE_RO_COMPAT_QUOTA 0x0100
#define EXT4_FEATURE_RO_COMPAT_BIGALLOC 0x0200
#define EXT4_FEATURE_RO_COMPAT_METADATA_CSUM 0x0400
#define EXT4_FEATURE_RO_COMPAT_READONLY 0x1000
#define EXT4_FEATURE_RO_COMPAT_PROJECT 0x2000
#define EXT4_FEATURE_RO_COMPAT_VERITY 0x8000
#define EXT4_FEATURE_RO_COMPAT_ORPHAN_PRESENT 0x10000

#define EXT4_FEATURE_INCOMPAT_COMPRESSION 0x0001
#define EXT4_FEATURE_INCOMPAT_FILETYPE 0x0002
#define EXT4_FEATURE_INCOMPAT_RECOVER 0x0004
#define EXT4_FEATURE_INCOMPAT_JOURNAL_DEV 0x0008
#define EXT4_FEATURE_INCOMPAT_META_BG 0x0010
#define EXT4_FEATURE_INCOMPAT_EXTENTS 0x0040
#define EXT4_FEATURE_INCOMPAT_64BIT 0x0080
#define EXT4_FEATURE_INCOMPAT_MMP 0x0100
#define EXT4_FEATURE_INCOMPAT_FLEX_BG 0x0200
#define EXT4_FEATURE_INCOMPAT_EA_INODE 0x0400
#define EXT4_FEATURE_INCOMPAT_DIRDATA 0x1000
#define EXT4_FEATURE_INCOMPAT_CSUM_SEED 0x2000
#define EXT4_FEATURE_INCOMPAT_LARGEDIR 0x4000
#define EXT4_FEATURE_INCOMPAT_INLINE_DATA 0x8000
#define EXT4_FEATURE_INCOMPAT_ENCRYPT 0x10000
#define EXT4_FEATURE_INCOMPAT_CASEFOLD 0x20000

/* What we can read and write. */
#define EXT4_INCOMPAT_SUPP (EXT4_FEATURE_INCOMPAT_FILETYPE | EXT4_FEATURE_INCOMPAT_RECOVER | \
			    EXT4_FEATURE_INCOMPAT_META_BG | EXT4_FEATURE_INCOMPAT_EXTENTS | \
			    EXT4_FEATURE_INCOMPAT_64BIT | EXT4_FEATURE_INCOMPAT_FLEX_BG | \
			    EXT4_FEATURE_INCOMPAT_CSUM_SEED | EXT4_FEATURE_INCOMPAT_LARGEDIR)
#define EXT4_RO_COMPAT_SUPP (EXT4_FEATURE_RO_COMPAT_SPARSE_SUPER | EXT4_FEATURE_RO_COMPAT_LARGE_FILE | \
			     EXT4_FEATURE_RO_COMPAT_HUGE_FILE | EXT4_FEATURE_RO_COMPAT_GDT_CSUM | \
			     EXT4_FEATURE_RO_COMPAT_DIR_NLINK | EXT4_FEATURE_RO_COMPAT_EXTRA_ISIZE | \
			     EXT4_FEATURE_RO_COMPAT_METADATA_CSUM | EXT4_FEATURE_RO_COMPAT_BTREE_DIR)

#define EXT4_VALID_FS 0x0001        /* s_state: cleanly unmounted */
#define EXT4_ERROR_FS 0x0002
#define EXT2_FLAGS_SIGNED_HASH 0x0001    /* s_flags */
#define EXT2_FLAGS_UNSIGNED_HASH 0x0002

struct ext4_super_block {
	u32 s_inodes_count;
	u32 s_blocks_count_lo;
	u32 s_r_blocks_count_lo;
	u32 s_free_blocks_count_lo;
	u32 s_free_inodes_count;          /* 0x10 */
	u32 s_first_data_block;
	u32 s_log_block_size;
	u32 s_log_cluster_size;
	u32 s_blocks_per_group;           /* 0x20 */
	u32 s_clusters_per_group;
	u32 s_inodes_per_group;
	u32 s_mtime;
	u32 s_wtime;                      /* 0x30 */
	u16 s_mnt_count;
	s16 s_max_mnt_count;
	u16 s_magic;
	u16 s_state;
	u16 s_errors;
	u16 s_minor_rev_level;
	u32 s_lastcheck;                  /* 0x40 */
	u32 s_checkinterval;
	u32 s_creator_os;
	u32 s_rev_level;
	u16 s_def_resuid;                 /* 0x50 */
	u16 s_def_resgid;
	u32 s_first_ino;
	u16 s_inode_size;
	u16 s_block_group_nr;
	u32 s_feature_compat;
	u32 s_feature_incompat;           /* 0x60 */
	u32 s_feature_ro_compat;
	u8 s_uuid[16];                    /* 0x68 */
	char s_volume_name[16];           /* 0x78 */
	char s_last_mounted[64];          /* 0x88 */
	u32 s_algorithm_usage_bitmap;     /* 0xc8 */
	u8 s_prealloc_blocks;
	u8 s_prealloc_dir_blocks;
	u16 s_reserved_gdt_blocks;
	u8 s_journal_uuid[16];            /* 0xd0 */
	u32 s_journal_inum;               /* 0xe0 */
	u32 s_journal_dev;
	u32 s_last_orphan;
	u32 s_hash_seed[4];               /* 0xec */
	u8 s_def_hash_version;            /* 0xfc */
	u8 s_jnl_backup_type;
	u16 s_desc_size;
	u32 s_default_mount_opts;         /* 0x100 */
	u32 s_first_meta_bg;
	u32 s_mkfs_time;
	u32 s_jnl_blocks[17];             /* 0x10c */
	u32 s_blocks_count_hi;            /* 0x150 */
	u32 s_r_blocks_count_hi;
	u32 s_free_blocks_count_hi;
	u16 s_min_extra_isize;
	u16 s_want_extra_isize;
	u32 s_flags;                      /* 0x160 */
	u16 s_raid_stride;
	u16 s_mmp_update_interval;
	u64 s_mmp_block;
	u32 s_raid_stripe_width;          /* 0x170 */
	u8 s_log_groups_per_flex;
	u8 s_checksum_type;
	u16 s_reserved_pad;
	u64 s_kbytes_written;             /* 0x178 */
	u8 s_pad1[0x270 - 0x180];         /* snapshots, error records, mount opts, quota inodes */
	u32 s_checksum_seed;              /* 0x270 */
	u8 s_wtime_hi;
	u8 s_mtime_hi;
	u8 s_mkfs_time_hi;
	u8 s_lastcheck_hi;
	u8 s_pad2[0x3fc - 0x278];
	u32 s_checksum;                   /* 0x3fc */
} __attribute__((packed));

struct ext4_group_desc {
	u32 bg_block_bitmap_lo;
	u32 bg_inode_bitmap_lo;
	u32 bg_inode_table_lo;
	u16 bg_free_blocks_count_lo;
	u16 bg_free_inodes_count_lo;
	u16 bg_used_dirs_count_lo;        /* 0x10 */
	u16 bg_flags;
	u32 bg_exclude_bitmap_lo;
	u16 bg_block_bitmap_csum_lo;      /* 0x18 */
	u16 bg_inode_bitmap_csum_lo;
	u16 bg_itable_unused_lo;
	u16 bg_checksum;
	/* 64bit (s_desc_size >= 64): */
	u32 bg_block_bitmap_hi;           /* 0x20 */
	u32 bg_inode_bitmap_hi;
	u32 bg_inode_table_hi;
	u16 bg_free_blocks_count_hi;
	u16 bg_free_inodes_count_hi;
	u16 bg_used_dirs_count_hi;        /* 0x30 */
	u16 bg_itable_unused_hi;
	u32 bg_exclude_bitmap_hi;
	u16 bg_block_bitmap_csum_hi;      /* 0x38 */
	u16 bg_inode_bitmap_csum_hi;
	u32 bg_reserved;
} __attribute__((packed));

#define EXT4_BG_INODE_UNINIT 0x0001
#define EXT4_BG_BLOCK_UNINIT 0x0002
#define EXT4_BG_INODE_ZEROED 0x0004
#define EXT4_MIN_DESC_SIZE 32
#define EXT4_MIN_DESC_SIZE_64BIT 64

struct ext4_inode {
	u16 i_mode;
	u16 i_uid;
	u32 i_size_lo;
	u32 i_atime;
	u32 i_ctime;
	u32 i_mtime;                      /* 0x10 */
	u32 i_dtime;
	u16 i_gid;
	u16 i_links_count;
	u32 i_blocks_lo;
	u32 i_flags;                      /* 0x20 */
	u32 i_version;
	u32 i_block[EXT4_N_BLOCKS];       /* 0x28 */
	u32 i_generation;                 /* 0x64 */
	u32 i_file_acl_lo;
	u32 i_size_high;
	u32 i_obso_faddr;
	u16 i_blocks_high;                /* 0x74 */
	u16 i_file_acl_high;
	u16 i_uid_high;
	u16 i_gid_high;
	u16 i_checksum_lo;                /* 0x7c */
	u16 i_reserved;
	/* large inodes (i_extra_isize covers what follows) */
	u16 i_extra_isize;                /* 0x80 */
	u16 i_checksum_hi;
	u32 i_ctime_extra;
	u32 i_mtime_extra;
	u32 i_atime_extra;
	u32 i_crtime;                     /* 0x90 */
	u32 i_crtime_extra;
	u32 i_version_hi;
	u32 i_projid;
} __attribute__((packed));

#define EXT4_INODE_CSUM_HI_END 4     /* i_extra_isize that covers i_checksum_hi */

/* i_flags */
#define EXT4_SECRM_FL 0x00000001
#define EXT4_SYNC_FL 0x00000008
#define EXT4_IMMUTABLE_FL 0x00000010
#define EXT4_APPEND_FL 0x00000020
#define EXT4_NOATIME_FL 0x00000080
#define EXT4_ENCRYPT_FL 0x00000800
#define EXT4_INDEX_FL 0x00001000
#define EXT4_HUGE_FILE_FL 0x00040000
#define EXT4_EXTENTS_FL 0x00080000
#define EXT4_VERITY_FL 0x00100000
#define EXT4_EA_INODE_FL 0x00200000
#define EXT4_INLINE_DATA_FL 0x10000000
#define EXT4_CASEFOLD_FL 0x40000000

/* extents */
#define EXT4_EXT_MAGIC 0xF30A
#define EXT4_EXT_MAX_DEPTH 5
#define EXT4_EXT_INIT_MAX_LEN 32768u
struct ext4_extent_header {
	u16 eh_magic;
	u16 eh_entries;
	u16 eh_max;
	u16 eh_depth;
	u32 eh_generation;
} __attribute__((packed));
struct ext4_extent {
	u32 ee_block;
	u16 ee_len;                       /* > 32768: unwritten, len - 32768 */
	u16 ee_start_hi;
	u32 ee_start_lo;
} __attribute__((packed));
struct ext4_extent_idx {
	u32 ei_block;
	u32 ei_leaf_lo;
	u16 ei_leaf_hi;
	u16 ei_unused;
} __attribute__((packed));
struct ext4_extent_tail {
	u32 et_checksum;
} __attribute__((packed));

static inline u64 ext4_ext_pblk(const struct ext4_extent *e)
{
	return ((u64)e->ee_start_hi << 32) | e->ee_start_lo;
}
static inline unsigned ext4_ext_len(const struct ext4_extent *e)
{
	return e->ee_len > EXT4_EXT_INIT_MAX_LEN ? e->ee_len - EXT4_EXT_INIT_MAX_LEN : e->ee_len;
}
static inline bool ext4_ext_unwritten(const struct ext4_extent *e)
{
	return e->ee_len > EXT4_EXT_INIT_MAX_LEN;
}
static inline u64 ext4_idx_pblk(const struct ext4_extent_idx *i)
{
	return ((u64)i->ei_leaf_hi << 32) | i->ei_leaf_lo;
}

/* directories */
#define EXT4_FT_UNKNOWN 0
#define EXT4_FT_REG_FILE 1
#define EXT4_FT_DIR 2
#define EXT4_FT_CHRDEV 3
#define EXT4_FT_BLKDEV 4
#define EXT4_FT_FIFO 5
#define EXT4_FT_SOCK 6
#define EXT4_FT_SYMLINK 7
#define EXT4_FT_DIR_CSUM 0xDE

struct ext4_dir_entry_2 {
	u32 inode;
	u16 rec_len;
	u8 name_len;
	u8 file_type;
	char name[];
} __attribute__((packed));
#define EXT4_DIR_REC_LEN(n) (((n) + 8 + 3) & ~3u)

struct ext4_dir_entry_tail {
	u32 det_reserved_zero1;
	u16 det_rec_len;                  /* 12 */
	u8 det_reserved_zero2;
	u8 det_reserved_ft;               /* 0xDE */
	u32 det_checksum;
} __attribute__((packed));

/* htree */
struct dx_root_info {
	u32 reserved_zero;
	u8 hash_version;
	u8 info_length;                   /* 8 */
	u8 indirect_levels;
	u8 unused_flags;
} __attribute__((packed));
struct dx_countlimit {
	u16 limit;
	u16 count;
} __attribute__((packed));
struct dx_entry {
	u32 hash;
	u32 block;
} __attribute__((packed));
struct dx_tail {
	u32 dt_reserved;
	u32 dt_checksum;
} __attribute__((packed));
#define DX_ROOT_INFO_OFF 24               /* after the "." (12) and ".." (12) entries */
#define DX_ROOT_ENTRIES_OFF 32
#define DX_NODE_ENTRIES_OFF 8             /* after a fake empty entry */

#define DX_HASH_LEGACY 0
#define DX_HASH_HALF_MD4 1
#define DX_HASH_TEA 2
#define DX_HASH_LEGACY_UNSIGNED 3
#define DX_HASH_HALF_MD4_UNSIGNED 4
#define DX_HASH_TEA_UNSIGNED 5
#define EXT4_HTREE_EOF_32BIT 0x7fffffffu

/* extended attributes */
#define EXT4_XATTR_MAGIC 0xEA020000u
#define EXT4_XATTR_INDEX_USER 1
#define EXT4_XATTR_INDEX_POSIX_ACL_ACCESS 2
#define EXT4_XATTR_INDEX_POSIX_ACL_DEFAULT 3
#define EXT4_XATTR_INDEX_TRUSTED 4
#define EXT4_XATTR_INDEX_SECURITY 6
#define EXT4_XATTR_INDEX_SYSTEM 7
struct ext4_xattr_header {
	u32 h_magic;
	u32 h_refcount;
	u32 h_blocks;
	u32 h_hash;
	u32 h_checksum;
	u32 h_reserved[3];
} __attribute__((packed));
struct ext4_xattr_entry {
	u8 e_name_len;
	u8 e_name_index;
	u16 e_value_offs;
	u32 e_value_inum;
	u32 e_value_size;
	u32 e_hash;
	char e_name[];
} __attribute__((packed));
#define EXT4_XATTR_ENTRY_LEN(n) (((n) + (u32)sizeof(struct ext4_xattr_entry) + 3) & ~3u)
#define EXT4_XATTR_PAD(n) (((n) + 3) & ~3u)

/* ---- disk.c ---- */

/* The filesystem's geometry and checksum state, derived from the superblock. */
struct ext4_geom {
	u32 block_size;
	u32 log_block_size;               /* 10..16 */
	u64 blocks_count;
	u32 first_data_block;
	u32 blocks_per_group;
	u32 inodes_per_group;
	u32 inodes_count;
	u32 groups;
	u32 desc_size;
	u32 inode_size;
	u32 first_ino;
	u32 incompat, ro_compat, compat;
	bool csum;                        /* metadata_csum */
	u32 csum_seed;                    /* crc32c(~0, uuid) or s_checksum_seed */
	u32 hash_seed[4];
	u8 uuid[16];
	int def_hash;                     /* DX_HASH_* with the unsigned variant applied */
	bool read_only;                   /* unknown RO_COMPAT features */
};

/*
 * Check a superblock (1024 bytes) and fill g. devsize: the device's size in
 * bytes (0: unknown). Returns 0, or -EINVAL with why in *why (a constant
 * string) for a superblock we must not mount.
 */
int ext4_parse_super(const struct ext4_super_block *es, u64 devsize, struct ext4_geom *g,
		     const char **why);
u32 ext4_super_csum(const struct ext4_super_block *es);
/* metadata_csum's crc32c or gdt_csum's crc16; 0 when neither feature is on. */
u16 ext4_group_desc_csum(const struct ext4_geom *g, u32 group, const void *desc);
/* Per-inode checksum seed: crc over the inode number and generation. */
u32 ext4_inode_csum_seed(const struct ext4_geom *g, u32 ino, u32 gen);
/* Checksum of an inode (inode_size bytes, checksum fields taken as 0). */
u32 ext4_inode_csum(const struct ext4_geom *g, const struct ext4_inode *raw, u32 iseed);
bool ext4_inode_csum_ok(const struct ext4_geom *g, const struct ext4_inode *raw, u32 iseed);
void ext4_inode_csum_set(const struct ext4_geom *g, struct ext4_inode *raw, u32 iseed);
u32 ext4_bitmap_csum(const struct ext4_geom *g, const void *bitmap, u32 size);

/* Extent nodes (the inode's i_block or a tree block of size bytes):
 * 0 or -EFSCORRUPTED. depth: the depth the parent expects (-1: any). */
int ext4_ext_check(const struct ext4_extent_header *eh, u32 size, int depth);
u32 ext4_ext_block_csum(const void *block, u32 block_size, u32 iseed);
struct ext4_extent_tail *ext4_ext_tail(void *block);

/* Directory leaf blocks: walk and validate. Returns 0 or -EFSCORRUPTED.
 * has_tail: the block ends with a checksum tail (not counted as an entry). */
int ext4_dirblock_check(const void *block, u32 size, bool has_tail);
u32 ext4_dirblock_csum(const void *block, u32 size, u32 iseed);
/* Where the checksum tail of a leaf block is, or NULL if it has none. */
struct ext4_dir_entry_tail *ext4_dirblock_tail(void *block, u32 size);
static inline u32 ext4_rec_len(u16 v, u32 block_size)
{
	return (v == 65535 || v == 0) && block_size == 65536 ? 65536 : v;
}

/* dx (htree) nodes: the countlimit of a root (block 0) or interior node;
 * NULL if it does not look like one. */
struct dx_countlimit *ext4_dx_countlimit(void *block, u32 size, bool root);
u32 ext4_dx_csum(const void *block, const struct dx_countlimit *cl, u32 iseed);

/* The htree hash of a name: *hash (with bit 0 clear) and *minor. -EINVAL
 * for an unknown version. */
int ext4_dx_hash(const char *name, u32 len, int version, const u32 seed[4], u32 *hash,
		 u32 *minor);

/* xattrs */
u32 ext4_xattr_entry_hash(const struct ext4_xattr_entry *e, const void *value);
u32 ext4_xattr_block_csum(const void *block, u32 size, u64 blocknr, u32 fs_seed);
/* Check a run of entries in region [start, end) whose values are at
 * value_base + e_value_offs, within [value_base, end). 0 or -EFSCORRUPTED. */
int ext4_xattr_check_entries(const void *start, const void *end, const void *value_base);
/* The prefix of a name index ("user."), NULL for unknown ones. */
const char *ext4_xattr_prefix(int index);
/* Split a full name into index and suffix; -EOPNOTSUPP for a namespace
 * ext4 does not store. */
int ext4_xattr_split(const char *name, int *index, const char **suffix);

/* Times: seconds (32 signed bits plus the extra's epoch bits) and ns. */
static inline s64 ext4_decode_sec(u32 lo, u32 extra)
{
	return (s64)(s32)lo + ((s64)(extra & 3) << 32);
}
static inline long ext4_decode_nsec(u32 extra) { return extra >> 2; }
static inline u32 ext4_encode_extra(s64 sec, long nsec)
{
	return (u32)(((sec - (s64)(s32)sec) >> 32) & 3) | ((u32)nsec << 2);
}
/* Device numbers in i_block: old 16-bit form in [0] or new in [1]. */
void ext4_decode_dev(const u32 *i_block, unsigned *major, unsigned *minor);
void ext4_encode_dev(u32 *i_block, unsigned major, unsigned minor);

#endif
