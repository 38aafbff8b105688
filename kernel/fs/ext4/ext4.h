/*
 * ext4's private interfaces between super.c (mount, group descriptors,
 * counters), inode.c (inodes, file data, extents), alloc.c (block and inode
 * bitmaps), dir.c (directory blocks, htree lookups, entries, create/remove/
 * rename), orphan.c (the orphan list) and xattr.c.
 *
 * Every metadata change runs under a jbd2 handle: ext4_journal_start, then
 * ext4_get_write_access before changing a buffer read with bread and
 * ext4_dirty_metadata after (they also keep the block's checksum right,
 * the caller sets it before dirtying). File data goes through the page
 * cache; blocks are allocated when write(2) copies into a page (no delayed
 * allocation), so writing a page back never needs a handle, except for
 * holes filled through mmap.
 *
 * Locks (outer first): i_mutex (VFS) -> ei->i_map_lock (the extent tree
 * and i_size on disk) -> sbi->s_alloc_lock (bitmaps, group descriptors,
 * superblock counters) -> buffer locks. sbi->s_icache_lock (spinlock)
 * guards the inode hash only.
 */
#ifndef EXT4_H
#define EXT4_H

#include <kernel/blkdev.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/jbd2.h>
#include <kernel/list.h>
#include <kernel/mm.h>
#include <kernel/mutex.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <string.h>

#include "../internal.h"   /* page cache and inode helpers of kernel/fs */
#include "ext4_disk.h"

#ifndef ERR_CAST
#define ERR_CAST(p) ((void *)(p))
#endif

#define EXT4_ICACHE_BUCKETS 256

struct ext4_sb_info {
	struct super_block *sb;
	struct block_device *bdev;
	struct ext4_geom g;
	struct buffer_head *sbh;             /* the block holding the superblock */
	struct ext4_super_block *es;         /* inside sbh */
	struct buffer_head **gd_bh;          /* group descriptor blocks */
	u32 gd_blocks;
	journal_t *journal;                  /* NULL: no journal (ext2) */
	struct mutex s_alloc_lock;           /* bitmaps, descriptors, counters */
	spinlock_t s_icache_lock;
	struct list_head icache[EXT4_ICACHE_BUCKETS];
	bool ro;                             /* mounted read-only */
	bool ro_only;                        /* unknown ro_compat features: never rw */
	u32 last_group;                      /* allocation hint */
	bool in_commit;                      /* jbd2's pre_commit is writing pages */
	struct mutex s_orphan_lock;          /* s_orphan, es->s_last_orphan, orphans' i_dtime */
	struct list_head s_orphan;           /* orphans this mount listed, newest first */
	char errors[16];
};

struct ext4_inode_info {
	struct inode vfs;
	struct list_head hash;               /* in sbi->icache (s_icache_lock) */
	struct mutex i_map_lock;             /* i_data (extent tree), on-disk size */
	u32 i_flags;                         /* EXT4_*_FL */
	u32 i_data[EXT4_N_BLOCKS];
	u64 i_file_acl;
	u32 i_csum_seed;
	u32 i_generation;
	u16 i_extra_isize;
	u64 i_disksize;                      /* size recorded on disk */
	u32 i_dtime;                         /* on the orphan list: the next orphan */
	struct list_head i_orphan;           /* in sbi->s_orphan (s_orphan_lock) */
	u32 i_projid;
	bool i_new;                          /* being set up by iget: others wait */
};

static inline struct ext4_inode_info *EXT4_I(struct inode *inode)
{
	return container_of(inode, struct ext4_inode_info, vfs);
}
static inline struct ext4_sb_info *EXT4_SB(struct super_block *sb)
{
	return sb->s_fs_info;
}

/* Messages name the device, as Linux's "EXT4-fs (vda): ..." do. */
#define ext4_msg(sb, lvl, fmt, ...) \
	printk(lvl "EXT4-fs (%s): " fmt "\n", (sb)->s_id, ##__VA_ARGS__)
#define ext4_error(sb, fmt, ...) ext4_error_at(sb, __func__, fmt, ##__VA_ARGS__)
void ext4_error_at(struct super_block *sb, const char *func, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* super.c */
struct ext4_group_desc *ext4_get_group_desc(struct super_block *sb, u32 group,
					    struct buffer_head **bhp);
u64 ext4_block_bitmap(struct ext4_sb_info *sbi, const struct ext4_group_desc *gd);
u64 ext4_inode_bitmap(struct ext4_sb_info *sbi, const struct ext4_group_desc *gd);
u64 ext4_inode_table(struct ext4_sb_info *sbi, const struct ext4_group_desc *gd);
u32 ext4_gd_free_blocks(struct ext4_sb_info *sbi, const struct ext4_group_desc *gd);
u32 ext4_gd_free_inodes(struct ext4_sb_info *sbi, const struct ext4_group_desc *gd);
void ext4_gd_set_free_blocks(struct ext4_sb_info *sbi, struct ext4_group_desc *gd, u32 n);
void ext4_gd_set_free_inodes(struct ext4_sb_info *sbi, struct ext4_group_desc *gd, u32 n);
u32 ext4_gd_used_dirs(struct ext4_sb_info *sbi, const struct ext4_group_desc *gd);
void ext4_gd_set_used_dirs(struct ext4_sb_info *sbi, struct ext4_group_desc *gd, u32 n);
void ext4_gd_csum_set(struct ext4_sb_info *sbi, u32 group, struct ext4_group_desc *gd);
u64 ext4_free_blocks_count(struct ext4_sb_info *sbi);
void ext4_set_free_blocks_count(struct ext4_sb_info *sbi, u64 n);
/* A block number a metadata pointer may hold (inside the fs, not a
 * superblock/descriptor area of group 0). */
bool ext4_block_valid(struct ext4_sb_info *sbi, u64 blk, u32 count);
bool ext4_group_has_super(struct ext4_sb_info *sbi, u32 g);
/* Read a metadata block (with range check): ERR_PTR(-EFSCORRUPTED/-EIO). */
struct buffer_head *ext4_bread(struct super_block *sb, u64 blk);

/* journalling wrappers (no-ops without a journal) */
handle_t *ext4_journal_start(struct super_block *sb, int nblocks);
int ext4_journal_stop(handle_t *h);
int ext4_get_write_access(handle_t *h, struct buffer_head *bh);
int ext4_get_create_access(handle_t *h, struct buffer_head *bh);
int ext4_dirty_metadata(handle_t *h, struct buffer_head *bh);
void ext4_forget(handle_t *h, u64 blk, struct buffer_head *bh);
/* Write the superblock's counters and checksum under h. */
int ext4_dirty_super(handle_t *h, struct super_block *sb);
/* Everything written home and the log empty (umount, remount ro). */
int ext4_quiesce(struct super_block *sb);

/* orphan.c: the on-disk orphan list (s_last_orphan, chained by i_dtime).
 * add: the inode lost its last link while in use, or a shrinking truncate
 * starts; del: it is freed or the truncate is done. Both under h. */
int ext4_orphan_add(handle_t *h, struct inode *inode);
int ext4_orphan_del(handle_t *h, struct inode *inode);
/* At mount, after journal recovery: finish what the listed orphans left. */
void ext4_orphan_cleanup(struct super_block *sb);
#define EXT4_HANDLE_CREDITS 64

/* inode.c */
struct inode *ext4_iget(struct super_block *sb, u32 ino);
int ext4_write_inode(handle_t *h, struct inode *inode);
/* Logical block -> physical (0: a hole); *count: blocks mapped from there
 * contiguously (or of the hole, at most max). */
int ext4_map_block(struct inode *inode, u32 lblk, u32 max, u64 *pblk, u32 *count);
/* Map, allocating if it is a hole (caller holds i_map_lock). *new: allocated now. */
int ext4_map_create(handle_t *h, struct inode *inode, u32 lblk, u64 *pblk, bool *new);
/* Drop all blocks from lblk on (truncate). Caller holds i_map_lock. */
int ext4_ext_truncate(handle_t *h, struct inode *inode, u32 from);
/* A block of a directory or symlink (read with checks). */
struct buffer_head *ext4_inode_bread(struct inode *inode, u32 lblk);
int ext4_setattr(struct dentry *d, struct iattr *attr);
int ext4_getattr(struct dentry *d, struct kstat *st);
void ext4_set_ops(struct inode *inode);
struct inode *ext4_new_inode(handle_t *h, struct inode *dir, umode_t mode);
void ext4_evict_inode(struct inode *inode);
struct inode *ext4_alloc_inode(struct super_block *sb);
void ext4_free_inode(struct inode *inode);
int ext4_sync_inodes(struct super_block *sb);
/* Free the blocks of a listed orphan past its size and take it off the
 * list (caller holds i_mutex). */
int ext4_truncate_orphan(struct inode *inode);
extern const struct file_operations ext4_file_fops;
extern const struct inode_operations ext4_file_iops;
extern const struct inode_operations ext4_symlink_iops;
extern const struct inode_operations ext4_special_iops;
extern const struct address_space_operations ext4_aops;

/* alloc.c */
int ext4_new_block(handle_t *h, struct inode *inode, u64 goal, u64 *out);
int ext4_free_blocks(handle_t *h, struct inode *inode, u64 blk, u32 count);
int ext4_new_ino(handle_t *h, struct inode *dir, bool is_dir, u32 *ino);
int ext4_free_ino(handle_t *h, struct super_block *sb, u32 ino, bool is_dir);

/* dir.c */
extern const struct file_operations ext4_dir_fops;
extern const struct inode_operations ext4_dir_iops;
/* Find name in dir: its inode number (0 if absent) or -errno; where: the
 * block and offset of the entry (for removal). */
int ext4_find_entry(struct inode *dir, const char *name, u32 len, u32 *ino, u32 *where_lblk,
		    u32 *where_off);
int ext4_add_entry(handle_t *h, struct inode *dir, const char *name, u32 len, u32 ino,
		   umode_t mode);
int ext4_delete_entry(handle_t *h, struct inode *dir, const char *name, u32 len);
/* Point an existing entry at another inode (rename over, ".." moves). */
int ext4_set_entry(handle_t *h, struct inode *dir, const char *name, u32 len, u32 ino,
		   umode_t mode);
bool ext4_dir_empty(struct inode *dir);
int ext4_init_dir(handle_t *h, struct inode *dir, struct inode *parent);
/* Set a leaf block's checksum tail (when the fs has one). */
void ext4_dirblock_csum_set(struct inode *dir, struct buffer_head *bh);
unsigned ext4_ftype(umode_t mode);

/* xattr.c */
ssize_t ext4_getxattr(struct dentry *d, const char *name, void *buf, size_t size);
ssize_t ext4_listxattr(struct dentry *d, char *buf, size_t size);
int ext4_setxattr(struct dentry *d, const char *name, const void *value, size_t size,
		  int flags);
int ext4_removexattr(struct dentry *d, const char *name);
int ext4_xattr_delete_inode(handle_t *h, struct inode *inode);

#endif
