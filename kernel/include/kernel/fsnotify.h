/*
 * File change notification (kernel/fs/fsnotify.c), the layer under
 * inotify: the VFS calls these hooks after an operation succeeded, and
 * they queue events for the watches (marks) on the inodes involved and
 * on their parent directories, as Linux's fsnotify does.
 *
 * Event bits are inotify's (Linux's IN_* values, which are also
 * fsnotify's FS_* values). Hooks cost one load when nothing is watched.
 * They may sleep (a mutex): call them from process context with no
 * spinlock held; holding i_mutex is fine. A watch holds a reference on
 * its inode, so watched inodes are not evicted; they lose their watches
 * with their last link (fsnotify_inoderemove).
 */
#ifndef KERNEL_FSNOTIFY_H
#define KERNEL_FSNOTIFY_H

#include <kernel/types.h>

struct dentry;
struct file;
struct inode;
struct super_block;

#define FS_ACCESS        0x00000001
#define FS_MODIFY        0x00000002
#define FS_ATTRIB        0x00000004
#define FS_CLOSE_WRITE   0x00000008
#define FS_CLOSE_NOWRITE 0x00000010
#define FS_OPEN          0x00000020
#define FS_MOVED_FROM    0x00000040
#define FS_MOVED_TO      0x00000080
#define FS_CREATE        0x00000100
#define FS_DELETE        0x00000200
#define FS_DELETE_SELF   0x00000400
#define FS_MOVE_SELF     0x00000800
#define FS_UNMOUNT       0x00002000
#define FS_Q_OVERFLOW    0x00004000
#define FS_IGNORED       0x00008000
#define FS_ISDIR         0x40000000

extern int fsnotify_nr_marks;   /* watches in the system: the hooks' fast path */

/* On a file through an open description (also reported to the parent dir). */
void fsnotify_access(struct file *f);
void fsnotify_modify(struct file *f);
void fsnotify_open(struct file *f);
void fsnotify_close(struct file *f);   /* the last fput */
/* Attributes (chmod, chown, utimes, truncate's ctime, xattrs, link count). */
void fsnotify_attrib(struct dentry *d);
/* d (now positive) was created in dir: file, directory, node, symlink. */
void fsnotify_create(struct inode *dir, struct dentry *d);
/* A hard link d to inode was made in dir (IN_CREATE, and IN_ATTRIB on it). */
void fsnotify_link(struct inode *dir, struct inode *inode, struct dentry *d);
/* d (still holding its inode) was removed from dir. */
void fsnotify_delete(struct inode *dir, struct inode *inode, struct dentry *d);
/* inode lost its last link (unlink, rmdir, rename over it): IN_DELETE_SELF
 * and the watches on it go (IN_IGNORED). */
void fsnotify_inoderemove(struct inode *inode);
/* rename: moved went from old_dir/old_name to new_dir/new_name. */
void fsnotify_move(struct inode *old_dir, const char *old_name, struct inode *new_dir,
		   const char *new_name, struct inode *moved);

/* The last mount of sb is going: IN_UNMOUNT and IN_IGNORED to every watch
 * on its inodes, whose references go. */
void fsnotify_sb_delete(struct super_block *sb);
/* setattr (Linux's fsnotify_change): IN_ATTRIB, IN_MODIFY (size, mtime)
 * or IN_ACCESS (atime alone) by the ATTR_* bits that changed. */
void fsnotify_change(struct dentry *d, unsigned ia_valid);
/* The rename hook, called with the dentries still under their old names
 * (before d_move): target is the inode new named before (NULL if none). */
void fsnotify_rename(struct inode *old_dir, struct dentry *old, struct inode *new_dir,
		     struct dentry *new, struct inode *target, bool exchange);

/* Wrappers for one-line calls in the VFS: notify when the result says the
 * operation succeeded, and pass the result through. */
int fsnotify_created(struct inode *dir, struct dentry *d, int err);
int fsnotify_linked(struct inode *dir, struct inode *inode, struct dentry *d, int err);
ssize_t fsnotify_accessed(struct file *f, ssize_t r);   /* r > 0: IN_ACCESS */
ssize_t fsnotify_modified(struct file *f, ssize_t r);   /* r > 0: IN_MODIFY */

#endif
