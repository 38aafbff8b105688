/*
 * overlayfs: one tree merged from several directory trees ("layers"),
 * the top one first, as Linux's overlay file system does it.
 *
 * This first version mounts lower layers only (`lowerdir=a:b:c`, read-only,
 * as Linux allows): lookup across the layers, whiteouts (0/0 character
 * devices) and opaque directories (trusted.overlay.opaque=y) hide what lies
 * below, directories merge in readdir without duplicates or whited-out
 * names, and every other object is the topmost layer's. XXX: upperdir
 * and workdir (copy-up, whiteouts on unlink, rename) come next; until then
 * such a mount is refused with EINVAL and a message.
 *
 * Each overlay inode carries the real paths under it (struct ovl_inode,
 * in i_private): for a directory every layer's directory of that name down
 * to an opaque one, for anything else the one real object. Its attributes
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
	int nr_layers;
	struct path layers[OVL_MAX_LAYERS];   /* lower layers, top first (referenced) */
	char *lowerdir;                       /* the option as given, for /proc/mounts */
};

struct ovl_inode {
	int nr;                               /* real paths below (1 for a non-directory) */
	struct path real[];                   /* referenced; top first */
};

static inline struct ovl_inode *OVL_I(const struct inode *inode)
{
	return inode->i_private;
}

static inline const struct path *ovl_real(const struct inode *inode)
{
	return &OVL_I(inode)->real[0];
}

/* inode.c */
struct inode *ovl_new_inode(struct super_block *sb, struct path *real, int nr);
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

/* file.c, readdir.c */
extern const struct file_operations ovl_file_fops;
extern const struct file_operations ovl_dir_fops;

#endif
