/*
 * The path walk: from a starting directory (the root for absolute paths,
 * the cwd or a dirfd otherwise) one component at a time, checking search
 * permission on each directory, crossing mounts downwards and (on "..")
 * upwards, never above the process root, and following symlinks: those in
 * the middle of a path always, the last component's only when asked
 * (LOOKUP_FOLLOW, or a trailing slash). At most 40 symlinks per walk
 * (ELOOP); a name over 255 bytes is ENAMETOOLONG; a non-directory in the
 * middle is ENOTDIR.
 *
 * Symlink bodies being walked sit on an explicit stack (nd->stack) rather
 * than on the kernel stack through recursion: a body's last component,
 * when it is not the path's last, is resolved and the remainder of the
 * outer string resumes, as Linux does.
 *
 * The second half of the file is the namespace operations built on the
 * walk: create, mkdir, mknod, symlink, link, unlink, rmdir, rename, with
 * Linux's checks and errno order. A directory's i_mutex is held while its
 * entries change; rename takes rename_mutex first, then both parents.
 */
#include <kernel/fsnotify.h>
#include <kernel/uaccess.h>

#include "internal.h"

DEFINE_MUTEX(rename_mutex);

struct nameidata {
	struct path path;      /* where the walk is (referenced) */
	struct path root;      /* "/" and the limit of ".." (referenced) */
	struct path start;     /* the starting directory, for RESOLVE_BENEATH (referenced) */
	unsigned flags;        /* LOOKUP_* */
	bool real_ids;         /* access(2): permission with the real uid/gid */
	int total_links;       /* symlinks followed so far */
	int depth;             /* entries on stack */
	struct {
		const char *rest;  /* where the interrupted string resumes */
		char *body;        /* the symlink body being walked (kfree) */
	} stack[MAXSYMLINKS + 1];
	char *link;            /* a body walk_component found, not yet pushed */
	char *last_body;       /* the body holding the outermost string (final links) */
	struct qstr last;
	int last_type;
	bool last_slash;       /* the last component had a trailing slash */
};

static void nd_free(struct nameidata *nd)
{
	while (nd->depth > 0)
		kfree(nd->stack[--nd->depth].body);
	kfree(nd->link);
	kfree(nd->last_body);
	nd->link = nd->last_body = NULL;
	if (nd->path.dentry)
		path_put(&nd->path);
	if (nd->root.dentry)
		path_put(&nd->root);
	if (nd->start.dentry)
		path_put(&nd->start);
	nd->path.dentry = nd->root.dentry = nd->start.dentry = NULL;
}

static int may_lookup(struct nameidata *nd)
{
	return inode_permission_real(nd->path.dentry->d_inode, MAY_EXEC, nd->real_ids);
}

/* Set up root and start. Returns 0 or -errno; the walk then begins at nd->path. */
static int path_init(struct nameidata *nd, int dfd, const struct path *start, const char *name,
		     unsigned flags)
{
	struct fs_struct *fs = current_fs();

	memset(nd, 0, sizeof(*nd));
	nd->flags = flags;
	if (!*name && !(flags & LOOKUP_EMPTY))
		return -ENOENT;

	if (start) {
		nd->start = *start;
		path_get(&nd->start);
	} else if (*name != '/' || (flags & (LOOKUP_BENEATH | LOOKUP_IN_ROOT))) {
		if (dfd == LINUX_AT_FDCWD) {
			spin_lock(&fs->lock);
			nd->start = fs->pwd;
			path_get(&nd->start);
			spin_unlock(&fs->lock);
		} else {
			struct file *f = fget_raw(dfd);

			if (!f)
				return -EBADF;
			nd->start = f->f_path;
			path_get(&nd->start);
			fput(f);
			if (*name && !S_ISDIR(nd->start.dentry->d_inode->i_mode))
				return -ENOTDIR;
		}
	}
	if (flags & LOOKUP_IN_ROOT) {
		nd->root = nd->start;
		path_get(&nd->root);
	} else {
		spin_lock(&fs->lock);
		nd->root = fs->root;
		path_get(&nd->root);
		spin_unlock(&fs->lock);
	}
	if (*name == '/') {
		if (flags & LOOKUP_BENEATH)
			return -EXDEV;
		nd->path = nd->root;
	} else {
		nd->path = nd->start;
	}
	path_get(&nd->path);
	return 0;
}

/* Jump to the root for an absolute symlink body. */
static int nd_jump_root(struct nameidata *nd)
{
	if (nd->flags & LOOKUP_BENEATH)
		return -EXDEV;
	path_put(&nd->path);
	nd->path = nd->root;
	path_get(&nd->path);
	return 0;
}

static int follow_dotdot(struct nameidata *nd)
{
	for (;;) {
		struct mount *m;
		struct path up;

		if (path_equal(&nd->path, &nd->root))
			break;   /* ".." at the root is the root */
		if ((nd->flags & LOOKUP_BENEATH) && path_equal(&nd->path, &nd->start))
			return -EXDEV;
		if (nd->path.dentry != nd->path.mnt->mnt_root) {
			struct dentry *parent;

			spin_lock(&dcache_lock);
			parent = nd->path.dentry->d_parent;
			atomic_inc(&parent->d_count);
			spin_unlock(&dcache_lock);
			dput(nd->path.dentry);
			nd->path.dentry = parent;
			break;
		}
		/* At the root of a mount: continue from its mountpoint. */
		m = real_mount(nd->path.mnt);
		spin_lock(&mount_lock);
		if (m->parent == m) {
			spin_unlock(&mount_lock);
			break;   /* the global root (outside a chroot: stays) */
		}
		up.mnt = mntget(&m->parent->mnt);
		up.dentry = dget(m->mountpoint);
		spin_unlock(&mount_lock);
		if (nd->flags & LOOKUP_NO_XDEV) {
			path_put(&up);
			return -EXDEV;
		}
		path_put(&nd->path);
		nd->path = up;
	}
	if (follow_mount(&nd->path) && (nd->flags & LOOKUP_NO_XDEV))
		return -EXDEV;
	return 0;
}

/*
 * Find name in dir: the dcache first, then the filesystem, with the
 * directory's i_mutex held (so two lookups of one name make one dentry).
 * Returns a referenced dentry, perhaps negative, or ERR_PTR.
 */
static struct dentry *lookup_dentry(struct dentry *dir, const char *name, u32 len, bool locked)
{
	struct qstr q = { name, len, 0 };
	struct inode *inode = dir->d_inode;
	struct dentry *d, *r;

	d = d_lookup(dir, &q);
	if (d)
		return d;
	if (len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	if (!inode->i_op || !inode->i_op->lookup)
		return ERR_PTR(-ENOTDIR);
	if (!locked)
		mutex_lock(&inode->i_mutex);
	d = d_lookup(dir, &q);
	if (!d) {
		if (inode->i_flags & S_DEAD) {
			d = ERR_PTR(-ENOENT);
			goto out;
		}
		d = d_alloc(dir, &q);
		if (!d) {
			d = ERR_PTR(-ENOMEM);
			goto out;
		}
		r = inode->i_op->lookup(inode, d, 0);
		if (r) {
			dput(d);
			d = r;
		}
	}
out:
	if (!locked)
		mutex_unlock(&inode->i_mutex);
	return d;
}

struct dentry *lookup_one_locked(struct dentry *dir, const char *name, size_t len)
{
	return lookup_dentry(dir, name, len, true);
}

/* Copy a symlink's body (the copy outlives the inode lock). */
static char *get_link_copy(struct dentry *d)
{
	struct inode *inode = d->d_inode;
	void *to_free = NULL;
	const char *body;
	char *copy;

	if (!inode->i_op || !inode->i_op->get_link)
		return ERR_PTR(-EINVAL);
	body = inode->i_op->get_link(d, inode, &to_free);
	if (IS_ERR(body))
		return (char *)body;
	copy = kstrdup(body, GFP_KERNEL);
	kfree(to_free);
	if (!copy)
		return ERR_PTR(-ENOMEM);
	if (!(inode->i_flags & S_NOATIME))
		inode_touch(inode, true, false, false);
	return copy;
}

/*
 * One step. Returns 0 (nd->path moved), 1 (a symlink to follow: its body
 * is in nd->link, nd->path unchanged) or -errno.
 */
static int walk_component(struct nameidata *nd, const char *name, u32 len, int type, bool follow)
{
	struct path next;
	struct dentry *d;

	if (type == LAST_DOT)
		return 0;
	if (type == LAST_DOTDOT)
		return follow_dotdot(nd);
	d = lookup_dentry(nd->path.dentry, name, len, false);
	if (IS_ERR(d))
		return PTR_ERR(d);
	if (!d->d_inode) {
		dput(d);
		return -ENOENT;
	}
	next.mnt = mntget(nd->path.mnt);
	next.dentry = d;
	if (follow_mount(&next) && (nd->flags & LOOKUP_NO_XDEV)) {
		path_put(&next);
		return -EXDEV;
	}
	if (follow && S_ISLNK(next.dentry->d_inode->i_mode)) {
		char *body;

		if (nd->flags & LOOKUP_NO_SYMLINKS) {
			path_put(&next);
			return -ELOOP;
		}
		if (++nd->total_links > MAXSYMLINKS) {
			path_put(&next);
			return -ELOOP;
		}
		body = get_link_copy(next.dentry);
		path_put(&next);
		if (IS_ERR(body))
			return PTR_ERR(body);
		if (!*body) {
			kfree(body);
			return -ENOENT;
		}
		nd->link = body;
		return 1;
	}
	path_put(&nd->path);
	nd->path = next;
	return 0;
}

static int component_type(const char *name, u32 len)
{
	if (name[0] == '.') {
		if (len == 1)
			return LAST_DOT;
		if (len == 2 && name[1] == '.')
			return LAST_DOTDOT;
	}
	return LAST_NORM;
}

/* Start walking a symlink body found by walk_component (nd->link): push it
 * with the remainder rest of the current string; returns the body. */
static int push_link(struct nameidata *nd, const char **name, const char *rest)
{
	char *body = nd->link;
	int err;

	nd->link = NULL;
	if (nd->depth >= MAXSYMLINKS) {
		kfree(body);
		return -ELOOP;
	}
	nd->stack[nd->depth].rest = rest;
	nd->stack[nd->depth].body = body;
	nd->depth++;
	*name = body;
	if (*body == '/') {
		err = nd_jump_root(nd);
		if (err)
			return err;
		while (**name == '/')
			(*name)++;
	}
	return 0;
}

/*
 * Walk everything but the last component of the outermost string name.
 * On return nd->last (pointing into name, which the caller keeps) holds
 * the last component; LAST_ROOT if there is none ("/").
 */
static int link_path_walk(struct nameidata *nd, const char *name)
{
	int err;

	while (*name == '/')
		name++;
	if (!*name) {
		nd->last_type = LAST_ROOT;
		nd->last.name = name;
		nd->last.len = 0;
		nd->last_slash = false;
		return 0;
	}
	for (;;) {
		const char *comp = name;
		bool slash = false;
		u32 len;
		int type;

		/* A body that was just "/" (or only slashes) is done at once. */
		if (!*name) {
			kfree(nd->stack[nd->depth - 1].body);
			name = nd->stack[--nd->depth].rest;
			continue;
		}
		err = may_lookup(nd);
		if (err)
			return err;
		len = strchrnul(name, '/') - name;
		type = component_type(comp, len);
		name += len;
		if (*name) {
			slash = true;
			while (*name == '/')
				name++;
		}
		if (!*name) {
			char *done_body;

			if (!nd->depth) {
				nd->last.name = comp;
				nd->last.len = len;
				nd->last_type = type;
				nd->last_slash = slash;
				return 0;
			}
			/* The last component of a symlink body in the middle
			 * of the path: resolve it fully, then resume outside. */
			done_body = nd->stack[nd->depth - 1].body;
			name = nd->stack[--nd->depth].rest;
			err = walk_component(nd, comp, len, type, true);
			kfree(done_body);
		} else {
			err = walk_component(nd, comp, len, type, true);
		}
		if (err < 0)
			return err;
		if (err == 1) {
			err = push_link(nd, &name, name);
			if (err)
				return err;
			continue;
		}
		if (!S_ISDIR(nd->path.dentry->d_inode->i_mode))
			return -ENOTDIR;
	}
}

/* Make the body of a final symlink the new outermost string. */
static int follow_last_link(struct nameidata *nd, const char **name)
{
	int err;

	kfree(nd->last_body);
	nd->last_body = nd->link;
	nd->link = NULL;
	*name = nd->last_body;
	if (**name == '/') {
		err = nd_jump_root(nd);
		if (err)
			return err;
	}
	return 0;
}

static int lookup_last(struct nameidata *nd)
{
	bool follow = (nd->flags & LOOKUP_FOLLOW) || nd->last_slash;

	if (nd->last_type == LAST_ROOT || nd->last_type == LAST_DOT)
		return 0;
	if (nd->last_type == LAST_DOTDOT)
		return follow_dotdot(nd);
	return walk_component(nd, nd->last.name, nd->last.len, LAST_NORM, follow);
}

static int path_lookupat(struct nameidata *nd, const char *name, struct path *out)
{
	int err;

	for (;;) {
		err = link_path_walk(nd, name);
		if (err)
			return err;
		err = lookup_last(nd);
		if (err < 0)
			return err;
		if (err == 1) {
			err = follow_last_link(nd, &name);
			if (err)
				return err;
			continue;
		}
		break;
	}
	if ((nd->flags & LOOKUP_DIRECTORY) || nd->last_slash) {
		if (!S_ISDIR(nd->path.dentry->d_inode->i_mode))
			return -ENOTDIR;
	}
	*out = nd->path;
	path_get(out);
	return 0;
}

static int do_path_lookup(int dfd, const struct path *start, const char *path, unsigned flags,
			  bool real, struct path *out)
{
	struct nameidata *nd = kmalloc(sizeof(*nd), GFP_KERNEL);
	int err;

	if (!nd)
		return -ENOMEM;
	err = path_init(nd, dfd, start, path, flags);
	nd->real_ids = real;
	if (!err)
		err = path_lookupat(nd, path, out);
	nd_free(nd);
	kfree(nd);
	return err;
}

int vfs_path_lookup(int dfd, const char *path, unsigned flags, struct path *out)
{
	return do_path_lookup(dfd, NULL, path, flags, false, out);
}

int vfs_path_lookup_at(const struct path *start, const char *path, unsigned flags,
		       struct path *out)
{
	return do_path_lookup(LINUX_AT_FDCWD, start, path, flags, false, out);
}

int vfs_path_lookup_real(int dfd, const char *path, unsigned flags, struct path *out)
{
	return do_path_lookup(dfd, NULL, path, flags, true, out);
}

int kern_path(const char *path, unsigned flags, struct path *out)
{
	return vfs_path_lookup(LINUX_AT_FDCWD, path, flags, out);
}

/*
 * Walk to the parent of the last component (not following it).
 * nd stays allocated: the caller frees it after using nd->last.
 */
static struct nameidata *path_parentat(const struct path *start, int dfd, const char *path,
				       unsigned flags, int *errp)
{
	struct nameidata *nd = kmalloc(sizeof(*nd), GFP_KERNEL);
	int err;

	if (!nd) {
		*errp = -ENOMEM;
		return NULL;
	}
	err = path_init(nd, dfd, start, path, flags);
	if (!err)
		err = link_path_walk(nd, path);
	if (err) {
		nd_free(nd);
		kfree(nd);
		*errp = err;
		return NULL;
	}
	*errp = 0;
	return nd;
}

static void nd_release(struct nameidata *nd)
{
	nd_free(nd);
	kfree(nd);
}

void lookup_done(struct lookup_result *r)
{
	if (r->d)
		dput(r->d);
	if (r->parent.dentry) {
		mutex_unlock(&r->parent.dentry->d_inode->i_mutex);
		path_put(&r->parent);
	}
	r->d = NULL;
	r->parent.dentry = NULL;
}

int lookup_create(const struct path *start, int dfd, const char *path, unsigned flags, bool is_dir,
		  struct lookup_result *r)
{
	struct nameidata *nd;
	struct inode *dir;
	struct dentry *d;
	int err, werr;

	memset(r, 0, sizeof(*r));
	nd = path_parentat(start, dfd, path, flags & ~LOOKUP_FOLLOW, &err);
	if (!nd)
		return err;
	if (nd->last_type != LAST_NORM) {
		nd_release(nd);
		return -EEXIST;
	}
	werr = mnt_want_write(nd->path.mnt);
	dir = nd->path.dentry->d_inode;
	mutex_lock(&dir->i_mutex);
	d = lookup_dentry(nd->path.dentry, nd->last.name, nd->last.len, true);
	if (IS_ERR(d)) {
		err = PTR_ERR(d);
		goto fail;
	}
	if (d->d_inode) {
		dput(d);
		err = -EEXIST;
		goto fail;
	}
	/* "foo/" names a directory: creating anything else there is ENOENT. */
	if (nd->last_slash && !is_dir) {
		dput(d);
		err = -ENOENT;
		goto fail;
	}
	if (werr) {
		dput(d);
		err = werr;
		goto fail;
	}
	r->parent = nd->path;
	path_get(&r->parent);
	r->d = d;
	r->trailing_slash = nd->last_slash;
	r->last_type = LAST_NORM;
	nd_release(nd);
	return 0;
fail:
	mutex_unlock(&dir->i_mutex);
	nd_release(nd);
	return err;
}

int lookup_for_delete(const struct path *start, int dfd, const char *path, unsigned flags,
		      struct lookup_result *r)
{
	struct nameidata *nd;
	struct inode *dir;
	struct dentry *d;
	int err;

	memset(r, 0, sizeof(*r));
	nd = path_parentat(start, dfd, path, flags & ~LOOKUP_FOLLOW, &err);
	if (!nd)
		return err;
	r->last_type = nd->last_type;
	r->trailing_slash = nd->last_slash;
	if (nd->last_type != LAST_NORM) {
		nd_release(nd);
		return -EINVAL;   /* callers map by last_type */
	}
	err = mnt_want_write(nd->path.mnt);
	if (err) {
		nd_release(nd);
		return err;
	}
	dir = nd->path.dentry->d_inode;
	mutex_lock(&dir->i_mutex);
	d = lookup_dentry(nd->path.dentry, nd->last.name, nd->last.len, true);
	if (IS_ERR(d)) {
		mutex_unlock(&dir->i_mutex);
		nd_release(nd);
		return PTR_ERR(d);
	}
	if (!d->d_inode) {
		dput(d);
		mutex_unlock(&dir->i_mutex);
		nd_release(nd);
		return -ENOENT;
	}
	r->parent = nd->path;
	path_get(&r->parent);
	r->d = d;
	nd_release(nd);
	return 0;
}

/* ---- permission helpers for namespace changes ---- */

int may_create_in(struct inode *dir)
{
	if (dir->i_flags & S_DEAD)
		return -ENOENT;
	return inode_permission(dir, MAY_WRITE | MAY_EXEC);
}

/* Sticky directories: only the owner of the file or of the dir (or root). */
static bool sticky_denies(struct inode *dir, struct inode *inode)
{
	const struct cred *c = current_cred();
	uid_t fsuid = c ? c->fsuid : 0;

	if (!(dir->i_mode & S_ISVTX))
		return false;
	if (inode->i_uid == fsuid || dir->i_uid == fsuid)
		return false;
	return !capable_root();
}

int may_delete_in(struct inode *dir, struct dentry *victim, bool isdir)
{
	struct inode *inode = victim->d_inode;
	int err;

	if (!inode)
		return -ENOENT;
	err = inode_permission(dir, MAY_WRITE | MAY_EXEC);
	if (err)
		return err;
	if (sticky_denies(dir, inode))
		return -EPERM;
	if (isdir) {
		if (!S_ISDIR(inode->i_mode))
			return -ENOTDIR;
		if (victim->d_parent == victim)
			return -EBUSY;
	} else if (S_ISDIR(inode->i_mode)) {
		return -EISDIR;
	}
	if (dir->i_flags & S_DEAD)
		return -ENOENT;
	return 0;
}

/* ---- the operations with the parent locked and the dentry looked up ---- */

int vfs_create_locked(struct inode *dir, struct dentry *d, umode_t mode, bool excl)
{
	int err = may_create_in(dir);

	if (err)
		return err;
	if (!dir->i_op->create)
		return -EACCES;
	mode = (mode & S_IALLUGO) | S_IFREG;
	return fsnotify_created(dir, d, dir->i_op->create(dir, d, mode, excl));
}

int vfs_mkdir_locked(struct inode *dir, struct dentry *d, umode_t mode)
{
	int err = may_create_in(dir);

	if (err)
		return err;
	if (!dir->i_op->mkdir)
		return -EPERM;
	mode = (mode & (S_IRWXU | S_IRWXG | S_IRWXO | S_ISVTX)) | S_IFDIR;
	return fsnotify_created(dir, d, dir->i_op->mkdir(dir, d, mode));
}

int vfs_mknod_locked(struct inode *dir, struct dentry *d, umode_t mode, dev_t dev)
{
	int err = may_create_in(dir);

	if (err)
		return err;
	if ((S_ISCHR(mode) || S_ISBLK(mode)) && !capable_root())
		return -EPERM;
	if (!dir->i_op->mknod)
		return -EPERM;
	return fsnotify_created(dir, d, dir->i_op->mknod(dir, d, mode, dev));
}

int vfs_symlink_locked(struct inode *dir, struct dentry *d, const char *target)
{
	int err = may_create_in(dir);

	if (err)
		return err;
	if (!dir->i_op->symlink)
		return -EPERM;
	return fsnotify_created(dir, d, dir->i_op->symlink(dir, d, target));
}

int vfs_link_locked(struct dentry *old, struct inode *dir, struct dentry *d)
{
	struct inode *inode = old->d_inode;
	int err;

	if (!inode)
		return -ENOENT;
	err = may_create_in(dir);
	if (err)
		return err;
	if (dir->i_sb != inode->i_sb)
		return -EXDEV;
	if (S_ISDIR(inode->i_mode))
		return -EPERM;
	if (!dir->i_op->link)
		return -EPERM;
	mutex_lock(&inode->i_mutex);
	/* An unlinked file cannot get a name again (except O_TMPFILE ones,
	 * which start with nlink 0 and are marked linkable). */
	if (inode->i_nlink == 0 && !(inode->i_flags & S_TMPFILE_LINKABLE))
		err = -ENOENT;
	else
		err = fsnotify_linked(dir, inode, d, dir->i_op->link(old, dir, d));
	if (!err)
		inode->i_flags &= ~S_TMPFILE_LINKABLE;
	mutex_unlock(&inode->i_mutex);
	return err;
}

/* ---- the *at operations on kernel strings ---- */

int vfs_mkdirat(int dfd, const char *path, umode_t mode)
{
	struct lookup_result r;
	int err = lookup_create(NULL, dfd, path, 0, true, &r);

	if (err)
		return err;
	err = vfs_mkdir_locked(r.parent.dentry->d_inode, r.d, mode & ~current_umask());
	lookup_done(&r);
	return err;
}

int vfs_mknodat(int dfd, const char *path, umode_t mode, dev_t dev)
{
	struct lookup_result r;
	int err;

	switch (mode & S_IFMT) {
	case 0:
		mode |= S_IFREG;
		break;
	case S_IFREG:
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		break;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
	err = lookup_create(NULL, dfd, path, 0, false, &r);
	if (err)
		return err;
	mode = (mode & S_IFMT) | (mode & ~current_umask() & S_IALLUGO);
	if (S_ISREG(mode))
		err = vfs_create_locked(r.parent.dentry->d_inode, r.d, mode, true);
	else
		err = vfs_mknod_locked(r.parent.dentry->d_inode, r.d, mode, dev);
	lookup_done(&r);
	return err;
}

int vfs_symlinkat(const char *target, int dfd, const char *path)
{
	struct lookup_result r;
	int err;

	if (!*target)
		return -ENOENT;
	if (strlen(target) >= PATH_MAX)
		return -ENAMETOOLONG;
	err = lookup_create(NULL, dfd, path, 0, false, &r);
	if (err)
		return err;
	err = vfs_symlink_locked(r.parent.dentry->d_inode, r.d, target);
	lookup_done(&r);
	return err;
}

int vfs_linkat(int olddfd, const char *oldpath, int newdfd, const char *newpath, int flags)
{
	struct lookup_result r;
	struct path old;
	unsigned lf = 0;
	int err;

	if (flags & ~(LINUX_AT_SYMLINK_FOLLOW | LINUX_AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & LINUX_AT_SYMLINK_FOLLOW)
		lf |= LOOKUP_FOLLOW;
	if (flags & LINUX_AT_EMPTY_PATH) {
		/* Linux: linkat(fd, "", ..., AT_EMPTY_PATH) needs CAP_DAC_READ_SEARCH. */
		if (!capable_root())
			return -ENOENT;
		lf |= LOOKUP_EMPTY;
	}
	err = vfs_path_lookup(olddfd, oldpath, lf, &old);
	if (err)
		return err;
	err = lookup_create(NULL, newdfd, newpath, 0, false, &r);
	if (err)
		goto out;
	if (old.mnt != r.parent.mnt) {
		err = -EXDEV;
		lookup_done(&r);
		goto out;
	}
	err = vfs_link_locked(old.dentry, r.parent.dentry->d_inode, r.d);
	lookup_done(&r);
out:
	path_put(&old);
	return err;
}

int vfs_unlinkat(int dfd, const char *path)
{
	struct lookup_result r;
	struct inode *dir, *inode;
	int err = lookup_for_delete(NULL, dfd, path, 0, &r);

	if (err) {
		if (err == -EINVAL)
			return -EISDIR;   /* ".", ".." or "/" */
		return err;
	}
	dir = r.parent.dentry->d_inode;
	inode = r.d->d_inode;
	if (r.trailing_slash) {
		err = S_ISDIR(inode->i_mode) ? -EISDIR : -ENOTDIR;
		goto out;
	}
	err = may_delete_in(dir, r.d, false);
	if (err)
		goto out;
	if (d_mountpoint(r.d)) {
		err = -EBUSY;
		goto out;
	}
	err = vfs_remove_locked(dir, r.d);
out:
	lookup_done(&r);
	return err;
}

/*
 * Remove d (a directory with rmdir, anything else with unlink) from dir,
 * whose i_mutex the caller holds: the victim's i_mutex around the
 * filesystem's operation, a removed directory marked dead, the dentry
 * unhashed. -EPERM when the filesystem cannot remove.
 */
int vfs_remove_locked(struct inode *dir, struct dentry *d)
{
	struct inode *inode = d->d_inode;
	bool isdir = S_ISDIR(inode->i_mode);
	int err;

	if (!(isdir ? dir->i_op->rmdir : dir->i_op->unlink))
		return -EPERM;
	mutex_lock(&inode->i_mutex);
	err = isdir ? dir->i_op->rmdir(dir, d) : dir->i_op->unlink(dir, d);
	if (!err && isdir)
		inode->i_flags |= S_DEAD;
	mutex_unlock(&inode->i_mutex);
	if (!err)
		fsnotify_delete(dir, inode, d);
	if (!err)
		d_drop(d);
	return err;
}

int vfs_rmdirat(int dfd, const char *path)
{
	struct lookup_result r;
	struct inode *dir;
	int err = lookup_for_delete(NULL, dfd, path, 0, &r);

	if (err) {
		if (err == -EINVAL) {
			if (r.last_type == LAST_DOT)
				return -EINVAL;
			if (r.last_type == LAST_DOTDOT)
				return -ENOTEMPTY;
			return -EBUSY;   /* "/" */
		}
		return err;
	}
	dir = r.parent.dentry->d_inode;
	err = may_delete_in(dir, r.d, true);
	if (err)
		goto out;
	if (d_mountpoint(r.d)) {
		err = -EBUSY;
		goto out;
	}
	err = vfs_remove_locked(dir, r.d);
out:
	lookup_done(&r);
	return err;
}

/* ---- rename ---- */

void lock_rename(struct inode *a, struct inode *b)
{
	if (a == b) {
		mutex_lock(&a->i_mutex);
		return;
	}
	/* Callers pass the ancestor first when there is one. */
	mutex_lock(&a->i_mutex);
	mutex_lock(&b->i_mutex);
}

void unlock_rename(struct inode *a, struct inode *b)
{
	mutex_unlock(&a->i_mutex);
	if (a != b)
		mutex_unlock(&b->i_mutex);
}

int vfs_renameat2(int olddfd, const char *oldpath, int newdfd, const char *newpath,
		  unsigned flags)
{
	struct nameidata *ond = NULL, *nnd = NULL;
	struct dentry *od = NULL, *ndd = NULL;
	struct inode *odir, *ndir, *oinode, *ninode;
	struct dentry *first, *second;
	bool exchange = flags & LINUX_RENAME_EXCHANGE;
	int err;

	if (flags & ~(LINUX_RENAME_NOREPLACE | LINUX_RENAME_EXCHANGE | LINUX_RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & LINUX_RENAME_NOREPLACE) && exchange)
		return -EINVAL;
	if (flags & LINUX_RENAME_WHITEOUT)
		return -EINVAL;   /* XXX: whiteouts come with overlayfs */

	ond = path_parentat(NULL, olddfd, oldpath, 0, &err);
	if (!ond)
		return err;
	nnd = path_parentat(NULL, newdfd, newpath, 0, &err);
	if (!nnd)
		goto out_nd;
	err = -EXDEV;
	if (ond->path.mnt != nnd->path.mnt)
		goto out_nd;
	err = -EBUSY;
	if (ond->last_type != LAST_NORM)
		goto out_nd;
	if (nnd->last_type != LAST_NORM)
		goto out_nd;
	err = mnt_want_write(ond->path.mnt);
	if (err)
		goto out_nd;

	odir = ond->path.dentry->d_inode;
	ndir = nnd->path.dentry->d_inode;
	mutex_lock(&rename_mutex);
	/* Lock the parents, an ancestor before its descendant. */
	first = ond->path.dentry;
	second = nnd->path.dentry;
	if (first != second && is_subdir(first, second)) {
		first = nnd->path.dentry;
		second = ond->path.dentry;
	}
	lock_rename(first->d_inode, second->d_inode);

	od = lookup_dentry(ond->path.dentry, ond->last.name, ond->last.len, true);
	if (IS_ERR(od)) {
		err = PTR_ERR(od);
		od = NULL;
		goto out_unlock;
	}
	err = -ENOENT;
	if (!od->d_inode)
		goto out_unlock;
	oinode = od->d_inode;
	ndd = lookup_dentry(nnd->path.dentry, nnd->last.name, nnd->last.len, true);
	if (IS_ERR(ndd)) {
		err = PTR_ERR(ndd);
		ndd = NULL;
		goto out_unlock;
	}
	ninode = ndd->d_inode;
	if (exchange && !ninode)
		goto out_unlock;   /* -ENOENT */
	err = -EEXIST;
	if ((flags & LINUX_RENAME_NOREPLACE) && ninode)
		goto out_unlock;
	/* Trailing slashes only on directories. */
	err = -ENOTDIR;
	if (!S_ISDIR(oinode->i_mode) && (ond->last_slash || (!exchange && nnd->last_slash)))
		goto out_unlock;
	if (exchange && !S_ISDIR(ninode->i_mode) && nnd->last_slash)
		goto out_unlock;
	/* The source must not be an ancestor of the target (EINVAL), nor the
	 * target of the source (ENOTEMPTY). */
	err = -EINVAL;
	if (is_subdir(nnd->path.dentry, od))
		goto out_unlock;
	err = exchange ? -EINVAL : -ENOTEMPTY;
	if (ninode && is_subdir(ond->path.dentry, ndd))
		goto out_unlock;
	/* Same file: nothing to do (POSIX), after the checks above. */
	err = 0;
	if (oinode == ninode)
		goto out_unlock;
	err = may_delete_in(odir, od, S_ISDIR(oinode->i_mode));
	if (err)
		goto out_unlock;
	if (ninode) {
		err = may_delete_in(ndir, ndd, exchange ? S_ISDIR(ninode->i_mode)
							 : S_ISDIR(oinode->i_mode));
		if (err)
			goto out_unlock;
	} else {
		err = may_create_in(ndir);
		if (err)
			goto out_unlock;
	}
	err = -EBUSY;
	if (d_mountpoint(od) || d_mountpoint(ndd))
		goto out_unlock;
	/* Moving a directory to another parent rewrites its "..": needs write
	 * permission on it. */
	if (odir != ndir) {
		if (S_ISDIR(oinode->i_mode)) {
			err = inode_permission(oinode, MAY_WRITE);
			if (err)
				goto out_unlock;
		}
		if (exchange && S_ISDIR(ninode->i_mode)) {
			err = inode_permission(ninode, MAY_WRITE);
			if (err)
				goto out_unlock;
		}
	}
	err = -EPERM;
	if (!odir->i_op->rename)
		goto out_unlock;
	mutex_lock(&oinode->i_mutex);
	if (ninode && ninode != oinode)
		mutex_lock(&ninode->i_mutex);
	err = odir->i_op->rename(odir, od, ndir, ndd, flags);
	if (!err) {
		fsnotify_rename(odir, od, ndir, ndd, ninode, exchange);
		if (ninode && !exchange && S_ISDIR(ninode->i_mode))
			ninode->i_flags |= S_DEAD;
		if (exchange)
			d_exchange(od, ndd);
		else
			d_move(od, ndd);
	}
	if (ninode && ninode != oinode)
		mutex_unlock(&ninode->i_mutex);
	mutex_unlock(&oinode->i_mutex);
out_unlock:
	unlock_rename(first->d_inode, second->d_inode);
	mutex_unlock(&rename_mutex);
	if (od)
		dput(od);
	if (ndd)
		dput(ndd);
out_nd:
	if (nnd)
		nd_release(nnd);
	nd_release(ond);
	return err;
}

/* ---- symlinks ---- */

ssize_t vfs_readlink_dentry(struct dentry *d, char *buf, size_t len)
{
	struct inode *inode = d->d_inode;
	void *to_free = NULL;
	const char *body;
	size_t n;

	if (!inode || !S_ISLNK(inode->i_mode) || !inode->i_op || !inode->i_op->get_link)
		return -EINVAL;
	body = inode->i_op->get_link(d, inode, &to_free);
	if (IS_ERR(body))
		return PTR_ERR(body);
	n = strlen(body);
	if (n > len)
		n = len;
	memcpy(buf, body, n);
	kfree(to_free);
	inode_touch(inode, true, false, false);
	return n;
}

ssize_t vfs_readlinkat(int dfd, const char *path, char *buf, size_t len)
{
	struct path p;
	ssize_t r;
	int err = vfs_path_lookup(dfd, path, LOOKUP_EMPTY, &p);

	if (err)
		return err;
	r = vfs_readlink_dentry(p.dentry, buf, len);
	if (r == -EINVAL && !*path)
		r = -ENOENT;   /* readlinkat(fd, "") of a non-symlink: Linux says ENOENT */
	path_put(&p);
	return r;
}

/* ---- the open(2) walk: create if asked, follow the last link if allowed ---- */

/*
 * Resolve path for open with O_CREAT: returns the final path in *out
 * (referenced) and whether this call created it.
 */
int open_create_lookup(const struct path *start, int dfd, const char *path, unsigned lflags,
		       int oflags, umode_t mode, struct path *out, bool *created)
{
	struct nameidata *nd;
	const char *name = path;
	int err;

	*created = false;
	nd = kmalloc(sizeof(*nd), GFP_KERNEL);
	if (!nd)
		return -ENOMEM;
	err = path_init(nd, dfd, start, path, lflags);
	if (err)
		goto out;
	for (;;) {
		struct inode *dir;
		struct dentry *d;
		struct path next;

		err = link_path_walk(nd, name);
		if (err)
			goto out;
		if (nd->last_type != LAST_NORM || nd->last_slash) {
			err = -EISDIR;
			goto out;
		}
		dir = nd->path.dentry->d_inode;
		mutex_lock(&dir->i_mutex);
		d = lookup_dentry(nd->path.dentry, nd->last.name, nd->last.len, true);
		if (IS_ERR(d)) {
			mutex_unlock(&dir->i_mutex);
			err = PTR_ERR(d);
			goto out;
		}
		if (!d->d_inode) {
			err = mnt_want_write(nd->path.mnt);
			if (!err)
				err = vfs_create_locked(dir, d, mode & ~current_umask(),
							oflags & LINUX_O_EXCL);
			mutex_unlock(&dir->i_mutex);
			if (err) {
				dput(d);
				goto out;
			}
			*created = true;
			out->mnt = mntget(nd->path.mnt);
			out->dentry = d;
			goto out;
		}
		mutex_unlock(&dir->i_mutex);
		if (oflags & LINUX_O_EXCL) {
			dput(d);
			err = -EEXIST;
			goto out;
		}
		next.mnt = mntget(nd->path.mnt);
		next.dentry = d;
		follow_mount(&next);
		if (S_ISLNK(next.dentry->d_inode->i_mode) && (lflags & LOOKUP_FOLLOW)) {
			char *body;

			if ((lflags & LOOKUP_NO_SYMLINKS) || ++nd->total_links > MAXSYMLINKS) {
				path_put(&next);
				err = -ELOOP;
				goto out;
			}
			body = get_link_copy(next.dentry);
			path_put(&next);
			if (IS_ERR(body)) {
				err = PTR_ERR(body);
				goto out;
			}
			if (!*body) {
				kfree(body);
				err = -ENOENT;
				goto out;
			}
			nd->link = body;
			err = follow_last_link(nd, &name);
			if (err)
				goto out;
			continue;
		}
		if (S_ISDIR(next.dentry->d_inode->i_mode)) {
			path_put(&next);
			err = -EISDIR;
			goto out;
		}
		*out = next;
		goto out;
	}
out:
	nd_free(nd);
	kfree(nd);
	return err;
}
