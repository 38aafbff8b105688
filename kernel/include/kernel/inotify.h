/*
 * inotify (kernel/fs/inotify.c): the kernel side of inotify_init1,
 * inotify_add_watch and inotify_rm_watch; linuxabi/inotify.c checks and
 * copies the arguments. Event and flag bits are in kernel/fsnotify.h.
 */
#ifndef KERNEL_INOTIFY_H
#define KERNEL_INOTIFY_H

#include <kernel/types.h>

struct file;
struct path;

/* A new instance; flags: LINUX_O_NONBLOCK. ERR_PTR on failure. */
struct file *inotify_create(int flags);
bool file_is_inotify(struct file *f);
/* Watch p's inode with mask (IN_* events and flags, checked by the
 * caller): the wd, or -EEXIST (IN_MASK_CREATE), -ENOSPC, -EINVAL (not an
 * inotify file). */
int inotify_add_watch(struct file *f, const struct path *p, u32 mask);
int inotify_rm_watch(struct file *f, int wd);   /* -EINVAL: no such wd */

#endif
