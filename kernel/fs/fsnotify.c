/*
 * fsnotify: the hooks the VFS calls after a change (create, unlink,
 * rename, open, read, write, close, attribute changes), and the watches
 * ("marks") they look for: a hash from inode to the marks on it. Each
 * event goes to the marks on the inode itself and, for events on a file's
 * contents or attributes, to the marks on its parent directory with the
 * file's name, as Linux's fsnotify_parent does. inotify (inotify.c) is
 * the only kind of listener.
 *
 * A mark holds a reference on its inode. When the inode loses its last
 * link, IN_DELETE_SELF goes out and its marks are dropped (IN_IGNORED).
 * XXX: Linux does that when the last dentry reference goes, so a file
 * still open when unlinked reports IN_DELETE_SELF at its last close.
 * When a filesystem goes (its last mount), each watch on it gets
 * IN_UNMOUNT and IN_IGNORED and lets its inode go, so the super block can.
 * XXX: fallocate does not report IN_MODIFY;
 * open(O_TRUNC) reports IN_OPEN before IN_MODIFY (Linux: after).
 */
#include "fsnotify_internal.h"

#define MARK_HASH_BITS 8

DEFINE_MUTEX(fsnotify_mutex);
int fsnotify_nr_marks;   /* fsnotify_mutex to change; read without */
static struct hlist_head mark_hash[1 << MARK_HASH_BITS];
static u32 rename_cookie;

static struct hlist_head *mark_bucket(const struct inode *inode)
{
	return &mark_hash[((uintptr_t)inode >> 6) & ((1 << MARK_HASH_BITS) - 1)];
}

static bool watched(void)
{
	return READ_ONCE(fsnotify_nr_marks) != 0;
}

struct fsnotify_mark *fsnotify_find_mark(struct inode *inode, struct inotify_group *g)
{
	struct fsnotify_mark *m;

	hlist_for_each_entry(m, mark_bucket(inode), hnode)
		if (m->inode == inode && m->group == g)
			return m;
	return NULL;
}

void fsnotify_add_mark(struct fsnotify_mark *m)
{
	hlist_add_head(&m->hnode, mark_bucket(m->inode));
	list_add_tail(&m->gnode, inotify_group_marks(m->group));
	WRITE_ONCE(fsnotify_nr_marks, fsnotify_nr_marks + 1);
}

void fsnotify_detach_mark(struct fsnotify_mark *m, bool ignored)
{
	hlist_del(&m->hnode);
	list_del(&m->gnode);
	WRITE_ONCE(fsnotify_nr_marks, fsnotify_nr_marks - 1);
	if (ignored)
		inotify_queue_event(m->group, m->wd, IN_IGNORED, 0, NULL, 0);
	inotify_group_mark_gone(m->group);
}

static void free_dead(struct list_head *dead)
{
	struct fsnotify_mark *m, *n;

	list_for_each_entry_safe(m, n, dead, gnode) {
		iput(m->inode);
		kfree(m);
	}
}

/*
 * Hand one event to the marks on inode that want it. name: the child's
 * (events on a directory's entries), or NULL. child_unlinked: the event
 * is about a child that has no name any more (IN_EXCL_UNLINK skips it).
 * fsnotify_mutex held; one-shot marks that fired go to dead.
 */
static void send_locked(struct inode *inode, u32 mask, u32 cookie, const char *name, u32 namelen,
			bool child_unlinked, struct list_head *dead)
{
	struct fsnotify_mark *m;
	struct hlist_node *n;

	hlist_for_each_entry_safe(m, n, mark_bucket(inode), hnode) {
		if (m->inode != inode || !(m->mask & mask & IN_ALL_EVENTS))
			continue;
		if (child_unlinked && (m->mask & IN_EXCL_UNLINK))
			continue;
		inotify_queue_event(m->group, m->wd, mask, cookie, name, namelen);
		if (m->mask & IN_ONESHOT) {
			fsnotify_detach_mark(m, true);
			list_add_tail(&m->gnode, dead);
		}
	}
}

static void send(struct inode *inode, u32 mask, u32 cookie, const char *name, u32 namelen)
{
	LIST_HEAD(dead);

	if (!inode)
		return;
	mutex_lock(&fsnotify_mutex);
	send_locked(inode, mask, cookie, name, namelen, false, &dead);
	mutex_unlock(&fsnotify_mutex);
	free_dead(&dead);
}

/* An event on d's inode, also to its parent directory with d's name. */
static void notify_dentry(struct dentry *d, u32 mask)
{
	struct inode *inode = d->d_inode;
	char name[NAME_MAX + 1];
	struct dentry *parent = NULL;
	bool unlinked;
	u32 len = 0;
	LIST_HEAD(dead);

	if (!inode)
		return;
	if (S_ISDIR(inode->i_mode))
		mask |= IN_ISDIR;
	spin_lock(&dcache_lock);
	if (d->d_parent != d) {
		parent = dget(d->d_parent);
		len = MIN(d->d_name.len, (u32)NAME_MAX);
		memcpy(name, d->d_name.name, len);
	}
	unlinked = !(d->d_flags & DCACHE_HASHED);
	spin_unlock(&dcache_lock);
	/* Most files are not watched, nor are their directories: skip the
	 * mutex then (a watch added meanwhile may miss this event, as on Linux). */
	if (hlist_empty(mark_bucket(inode)) &&
	    (!parent || !parent->d_inode || hlist_empty(mark_bucket(parent->d_inode)))) {
		if (parent)
			dput(parent);
		return;
	}
	mutex_lock(&fsnotify_mutex);
	send_locked(inode, mask, 0, NULL, 0, false, &dead);
	if (parent && parent->d_inode)
		send_locked(parent->d_inode, mask, 0, name, len, unlinked, &dead);
	mutex_unlock(&fsnotify_mutex);
	free_dead(&dead);
	if (parent)
		dput(parent);
}

static bool file_watchable(struct file *f)
{
	return f && f->f_path.dentry && !(f->f_mode & FMODE_PATH);
}

void fsnotify_access(struct file *f)
{
	if (watched() && file_watchable(f))
		notify_dentry(f->f_path.dentry, FS_ACCESS);
}

void fsnotify_modify(struct file *f)
{
	if (watched() && file_watchable(f))
		notify_dentry(f->f_path.dentry, FS_MODIFY);
}

void fsnotify_open(struct file *f)
{
	if (watched() && file_watchable(f))
		notify_dentry(f->f_path.dentry, FS_OPEN);
}

void fsnotify_close(struct file *f)
{
	if (watched() && file_watchable(f))
		notify_dentry(f->f_path.dentry,
			      (f->f_mode & FMODE_WRITE) ? FS_CLOSE_WRITE : FS_CLOSE_NOWRITE);
}

void fsnotify_attrib(struct dentry *d)
{
	if (watched())
		notify_dentry(d, FS_ATTRIB);
}

/* Linux's fsnotify_change: which event a setattr is. */
void fsnotify_change(struct dentry *d, unsigned ia_valid)
{
	u32 mask = 0;

	if (!watched())
		return;
	if (ia_valid & (ATTR_UID | ATTR_GID | ATTR_MODE))
		mask |= FS_ATTRIB;
	if (ia_valid & ATTR_SIZE)
		mask |= FS_MODIFY;
	if ((ia_valid & (ATTR_ATIME | ATTR_MTIME)) == (ATTR_ATIME | ATTR_MTIME))
		mask |= FS_ATTRIB;   /* utimes */
	else if (ia_valid & ATTR_ATIME)
		mask |= FS_ACCESS;
	else if (ia_valid & ATTR_MTIME)
		mask |= FS_MODIFY;
	if (mask)
		notify_dentry(d, mask);
}

static u32 isdir_bit(const struct inode *inode)
{
	return inode && S_ISDIR(inode->i_mode) ? IN_ISDIR : 0;
}

void fsnotify_create(struct inode *dir, struct dentry *d)
{
	if (watched())
		send(dir, FS_CREATE | isdir_bit(d->d_inode), 0, d->d_name.name, d->d_name.len);
}

void fsnotify_link(struct inode *dir, struct inode *inode, struct dentry *d)
{
	if (!watched())
		return;
	send(inode, FS_ATTRIB, 0, NULL, 0);   /* its link count */
	send(dir, FS_CREATE, 0, d->d_name.name, d->d_name.len);
}

void fsnotify_inoderemove(struct inode *inode)
{
	struct fsnotify_mark *m;
	struct hlist_node *n;
	LIST_HEAD(dead);

	if (!watched())
		return;
	mutex_lock(&fsnotify_mutex);
	send_locked(inode, FS_DELETE_SELF, 0, NULL, 0, false, &dead);
	hlist_for_each_entry_safe(m, n, mark_bucket(inode), hnode) {
		if (m->inode != inode)
			continue;
		fsnotify_detach_mark(m, true);
		list_add_tail(&m->gnode, &dead);
	}
	mutex_unlock(&fsnotify_mutex);
	free_dead(&dead);
}

/* As Linux's vfs_unlink/vfs_rmdir: IN_ATTRIB (link count) on a removed
 * non-directory, IN_DELETE_SELF when that was its last link, then
 * IN_DELETE on the directory. */
void fsnotify_delete(struct inode *dir, struct inode *inode, struct dentry *d)
{
	bool isdir = S_ISDIR(inode->i_mode);

	if (!watched())
		return;
	if (!isdir)
		send(inode, FS_ATTRIB, 0, NULL, 0);
	if (READ_ONCE(inode->i_nlink) == 0)
		fsnotify_inoderemove(inode);
	send(dir, FS_DELETE | isdir_bit(inode), 0, d->d_name.name, d->d_name.len);
}

void fsnotify_move(struct inode *old_dir, const char *old_name, struct inode *new_dir,
		   const char *new_name, struct inode *moved)
{
	u32 cookie, isdir = isdir_bit(moved);

	if (!watched())
		return;
	cookie = __atomic_add_fetch(&rename_cookie, 1, __ATOMIC_RELAXED);
	if (!cookie)
		cookie = __atomic_add_fetch(&rename_cookie, 1, __ATOMIC_RELAXED);
	send(old_dir, FS_MOVED_FROM | isdir, cookie, old_name, strlen(old_name));
	send(new_dir, FS_MOVED_TO | isdir, cookie, new_name, strlen(new_name));
	send(moved, FS_MOVE_SELF, 0, NULL, 0);
}

/* The rename hook in vfs_renameat2, before the dcache moves (the dentries
 * still have their old names): target is what new named before, if any. */
void fsnotify_rename(struct inode *old_dir, struct dentry *old, struct inode *new_dir,
		     struct dentry *new, struct inode *target, bool exchange)
{
	char oname[NAME_MAX + 1], nname[NAME_MAX + 1];
	struct inode *moved = old->d_inode;

	if (!watched())
		return;
	memcpy(oname, old->d_name.name, MIN(old->d_name.len, (u32)NAME_MAX));
	oname[MIN(old->d_name.len, (u32)NAME_MAX)] = 0;
	memcpy(nname, new->d_name.name, MIN(new->d_name.len, (u32)NAME_MAX));
	nname[MIN(new->d_name.len, (u32)NAME_MAX)] = 0;
	fsnotify_move(old_dir, oname, new_dir, nname, moved);
	if (exchange) {
		fsnotify_move(new_dir, nname, old_dir, oname, target);
	} else if (target) {
		send(target, FS_ATTRIB, 0, NULL, 0);
		if (READ_ONCE(target->i_nlink) == 0)
			fsnotify_inoderemove(target);
	}
}

void fsnotify_sb_delete(struct super_block *sb)
{
	struct fsnotify_mark *m;
	struct hlist_node *n;
	LIST_HEAD(dead);

	if (!watched())
		return;
	mutex_lock(&fsnotify_mutex);
	for (size_t b = 0; b < ARRAY_SIZE(mark_hash); b++) {
		hlist_for_each_entry_safe(m, n, &mark_hash[b], hnode) {
			if (m->inode->i_sb != sb)
				continue;
			inotify_queue_event(m->group, m->wd, IN_UNMOUNT | isdir_bit(m->inode), 0,
					    NULL, 0);
			fsnotify_detach_mark(m, true);
			list_add_tail(&m->gnode, &dead);
		}
	}
	mutex_unlock(&fsnotify_mutex);
	free_dead(&dead);
}

int fsnotify_created(struct inode *dir, struct dentry *d, int err)
{
	if (!err)
		fsnotify_create(dir, d);
	return err;
}

int fsnotify_linked(struct inode *dir, struct inode *inode, struct dentry *d, int err)
{
	if (!err)
		fsnotify_link(dir, inode, d);
	return err;
}

ssize_t fsnotify_accessed(struct file *f, ssize_t r)
{
	if (r > 0)
		fsnotify_access(f);
	return r;
}

ssize_t fsnotify_modified(struct file *f, ssize_t r)
{
	if (r > 0)
		fsnotify_modify(f);
	return r;
}
