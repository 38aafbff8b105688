/*
 * overlayfs: one tree merged from several directory trees ("layers"),
 * the top one first, as Linux's overlay file system does it.
 *
 * Lower layers (`lowerdir=a:b:c`) and optionally an upper one (`upperdir=`,
 * with `workdir=` beside it): lookup across the layers, whiteouts (0/0
 * character devices) and opaque directories (trusted.overlay.opaque=y)
 * hide what lies below, directories merge in readdir without duplicates or
 * whited-out names, every other object is the topmost layer's, and changes
 * go to the upper layer after a copy-up (copy_up.c, dir.c).
 *
 * Each overlay inode carries the real paths under it (struct ovl_inode,
 * in i_private): its upper object once it has one, and for a directory
 * every lower layer's directory of that name down to an opaque one, for
 * anything else the one lower object. Lower paths stay referenced after a
 * copy-up, so a reader that fetched one keeps a valid object. Its attributes
 * are the topmost real object's; st_dev is the overlay's for directories
 * and the real file system's for the rest, st_ino the real inode's (what
 * Linux shows with xino=off when the layers are on one file system).
 */
#ifndef OVERLAYFS_INTERNAL_H
#define OVERLAYFS_INTERNAL_H

#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <string.h>

#define OVL_MAGIC 0x794c7630
#define OVL_MAX_LAYERS 128

struct ovl_fs {
	bool has_upper;
	struct path upper, work;              /* upperdir and workdir (referenced) when has_upper */
	struct mutex copy_lock;               /* serializes copy-ups and work-directory names */
	u64 tmp_seq;                          /* copy_lock */
	int nr_layers;
	struct path layers[OVL_MAX_LAYERS];   /* lower layers, top first (referenced) */
	char *lowerdir;                       /* the options as given, for /proc/mounts */
	char *upperdir, *workdir;
};

struct ovl_inode {
	bool has_upper;                       /* upper is set (release/acquire: set once) */
	struct path upper;                    /* the object in the upper layer (referenced) */
	int nr;                               /* lower objects: all of a directory's, else 0 or 1 */
	struct path real[];                   /* the lower ones, top first (referenced) */
};

static inline struct ovl_inode *OVL_I(const struct inode *inode)
{
	return inode->i_private;
}

static inline bool ovl_has_upper(const struct inode *inode)
{
	return __atomic_load_n(&OVL_I(inode)->has_upper, __ATOMIC_ACQUIRE);
}

/* The object whose contents and attributes the overlay shows. */
static inline const struct path *ovl_real(const struct inode *inode)
{
	return ovl_has_upper(inode) ? &OVL_I(inode)->upper : &OVL_I(inode)->real[0];
}

static inline struct ovl_fs *OVL_FS(const struct super_block *sb)
{
	return sb->s_fs_info;
}

/* copy_up.c */
int ovl_copy_up(struct dentry *d);
void ovl_refresh_attr(struct inode *inode);
/* A fresh name in the work directory (copy_lock held). */
void ovl_tmp_name(struct ovl_fs *ofs, char buf[32]);

/* inode.c */
/* A new overlay inode: upper (may be NULL) and nr lower paths (references move in). */
struct inode *ovl_new_inode(struct super_block *sb, struct path *upper, struct path *real, int nr);
extern const struct inode_operations ovl_dir_iops;
extern const struct inode_operations ovl_file_iops;
extern const struct inode_operations ovl_symlink_iops;
extern const struct inode_operations ovl_special_iops;

/* namei.c */
struct dentry *ovl_lookup(struct inode *dir, struct dentry *d, unsigned flags);
/* A real object is a whiteout: a character device 0/0. */
static inline bool ovl_is_whiteout(const struct inode *inode)
{
	return inode && S_ISCHR(inode->i_mode) && inode->i_rdev == 0;
}
bool ovl_is_opaque(struct dentry *real);

/* readdir.c: -ENOTEMPTY unless the merged directory shows nothing; remove
 * the whiteouts left in an upper directory about to go. */
int ovl_dir_empty(struct inode *dir);
int ovl_clear_dir(const struct path *upper_dir);

/* file.c, readdir.c */
extern const struct file_operations ovl_file_fops;
extern const struct file_operations ovl_dir_fops;

#endif
