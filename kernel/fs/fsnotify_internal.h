/*
 * Between the fsnotify hooks (kernel/fs/fsnotify.c), which find the
 * watches (marks) of an inode and hand events to them, and inotify
 * (kernel/fs/inotify.c), which owns the watches' groups and event queues.
 *
 * Locks: fsnotify_mutex guards the mark hash, every mark's fields and
 * each group's list of marks and wd counter; a group's own mutex (taken
 * inside fsnotify_mutex, never the other way) guards its event queue.
 */
#ifndef KERNEL_FS_FSNOTIFY_INTERNAL_H
#define KERNEL_FS_FSNOTIFY_INTERNAL_H

#include <kernel/fsnotify.h>

#include "internal.h"

/* inotify's flag bits beside the events (Linux's values) */
#define IN_ONLYDIR     0x01000000
#define IN_DONT_FOLLOW 0x02000000
#define IN_EXCL_UNLINK 0x04000000
#define IN_MASK_CREATE 0x10000000
#define IN_MASK_ADD    0x20000000
#define IN_ONESHOT     0x80000000
#define IN_ALL_EVENTS  0x00000fff
#define IN_UNMOUNT     FS_UNMOUNT
#define IN_Q_OVERFLOW  FS_Q_OVERFLOW
#define IN_IGNORED     FS_IGNORED
#define IN_ISDIR       FS_ISDIR
#define ALL_INOTIFY_BITS                                                                \
	(IN_ALL_EVENTS | IN_UNMOUNT | IN_Q_OVERFLOW | IN_IGNORED | IN_ONLYDIR | IN_DONT_FOLLOW | \
	 IN_EXCL_UNLINK | IN_MASK_CREATE | IN_MASK_ADD | IN_ISDIR | IN_ONESHOT)

struct inotify_group;

struct fsnotify_mark {
	struct hlist_node hnode;         /* in the hash bucket of inode */
	struct list_head gnode;          /* in group->marks */
	struct inode *inode;             /* referenced while the mark lives */
	struct inotify_group *group;
	int wd;
	u32 mask;                        /* IN_* events | IN_ONESHOT | IN_EXCL_UNLINK */
};

extern struct mutex fsnotify_mutex;

/* fsnotify.c, fsnotify_mutex held */
struct fsnotify_mark *fsnotify_find_mark(struct inode *inode, struct inotify_group *g);
void fsnotify_add_mark(struct fsnotify_mark *m);
/* Unhash m and take it off its group; queue IN_IGNORED when ignored.
 * The caller frees m and iputs m->inode after dropping the mutex. */
void fsnotify_detach_mark(struct fsnotify_mark *m, bool ignored);

/* inotify.c, fsnotify_mutex held */
void inotify_queue_event(struct inotify_group *g, int wd, u32 mask, u32 cookie,
			 const char *name, u32 namelen);
struct list_head *inotify_group_marks(struct inotify_group *g);
void inotify_group_mark_gone(struct inotify_group *g);

#endif
