/*
 * Inodes: allocation, reference counts and eviction, link counts, times,
 * ownership of new files, permission checks and attribute changes
 * (chmod/chown/utimes/truncate). Permission checks use the caller's
 * filesystem ids from current_cred(); root passes like Linux's
 * CAP_DAC_OVERRIDE (read and write always, execute if any x bit is set or
 * it is a directory). access(2) checks with the real ids instead.
 */
#include <kernel/clock.h>
#include <kernel/fsnotify.h>

#include <kernel/blkdev.h>

#include "internal.h"

struct vfs_timespec vfs_now(void)
{
	u64 ns = ktime_get_real_ns();
	struct vfs_timespec t = { (s64)(ns / 1000000000ULL), (long)(ns % 1000000000ULL) };

	return t;
}

struct inode *new_inode(struct super_block *sb)
{
	struct inode *inode;
	struct vfs_timespec now = vfs_now();

	if (sb && sb->s_op && sb->s_op->alloc_inode)
		inode = sb->s_op->alloc_inode(sb);
	else
		inode = kzalloc(sizeof(*inode), GFP_KERNEL);
	if (!inode)
		return NULL;
	inode->i_count = 1;
	spin_lock_init(&inode->i_lock, "inode.i_lock");
	mutex_init(&inode->i_mutex, "inode.i_mutex");
	inode->i_sb = sb;
	inode->i_nlink = 1;
	inode->i_atime = inode->i_mtime = inode->i_ctime = inode->i_btime = now;
	inode->i_dir_seq = 2;
	INIT_LIST_HEAD(&inode->i_sb_node);
	INIT_LIST_HEAD(&inode->i_dentry);
	mapping_init(&inode->i_data, inode);
	inode->i_mapping = &inode->i_data;
	if (sb) {
		spin_lock(&sb->s_lock);
		inode->i_ino = ++sb->s_next_ino;
		list_add(&inode->i_sb_node, &sb->s_inodes);
		sb->s_nr_inodes++;
		spin_unlock(&sb->s_lock);
	}
	return inode;
}

void ihold(struct inode *inode)
{
	atomic_inc(&inode->i_count);
}

void iput(struct inode *inode)
{
	struct super_block *sb;
	int c;

	if (!inode)
		return;
	c = atomic_dec(&inode->i_count);
	if (c > 0)
		return;
	if (c < 0) {
		printk(KERN_ERR "iput: inode %llu put too often\n", (unsigned long long)inode->i_ino);
		return;
	}
	sb = inode->i_sb;
	if (sb) {
		spin_lock(&sb->s_lock);
		list_del_init(&inode->i_sb_node);
		sb->s_nr_inodes--;
		spin_unlock(&sb->s_lock);
	}
	if (sb && sb->s_op && sb->s_op->evict_inode)
		sb->s_op->evict_inode(inode);
	mapping_truncate(&inode->i_data, 0);
	mapping_release(&inode->i_data);
	if (inode->i_pipe)
		free_pipe_info(inode->i_pipe);
	locks_free_ctx(inode);
	if (sb && sb->s_op && sb->s_op->free_inode)
		sb->s_op->free_inode(inode);
	else
		kfree(inode);
}

void set_nlink(struct inode *inode, u32 n) { WRITE_ONCE(inode->i_nlink, n); }
void inc_nlink(struct inode *inode) { __atomic_add_fetch(&inode->i_nlink, 1, __ATOMIC_RELAXED); }

void drop_nlink(struct inode *inode)
{
	u32 n = __atomic_load_n(&inode->i_nlink, __ATOMIC_RELAXED);

	while (n) {
		if (__atomic_compare_exchange_n(&inode->i_nlink, &n, n - 1, false,
						__ATOMIC_RELAXED, __ATOMIC_RELAXED))
			return;
	}
}

void inode_touch(struct inode *inode, bool atime, bool mtime, bool ctime)
{
	struct vfs_timespec now = vfs_now();

	spin_lock(&inode->i_lock);
	if (atime)
		inode->i_atime = now;
	if (mtime)
		inode->i_mtime = now;
	if (ctime)
		inode->i_ctime = now;
	inode->i_version++;
	spin_unlock(&inode->i_lock);
}

void inode_set_ctime_now(struct inode *inode)
{
	inode_touch(inode, false, false, true);
}

/* Group membership against a credential: fsgid (or real gid) and the
 * supplementary groups (sorted). */
static bool cred_in_group(const struct cred *c, gid_t gid, bool real)
{
	if (!c)
		return gid == 0;
	if ((real ? c->gid : c->fsgid) == gid)
		return true;
	for (int lo = 0, hi = c->ngroups - 1; lo <= hi;) {
		int mid = (lo + hi) / 2;

		if (c->groups[mid] == gid)
			return true;
		if (c->groups[mid] < gid)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return false;
}

/*
 * The mode bits: the owner's, the group's or the others' triplet must
 * allow every access asked for; root may read and write anything and
 * execute what has some x bit (any directory may be searched).
 */
static int mode_permission(umode_t mode, int mask, bool owner, bool group, bool root)
{
	int want = mask & (MAY_READ | MAY_WRITE | MAY_EXEC);
	int bits = owner ? (mode >> 6) & 7 : group ? (mode >> 3) & 7 : mode & 7;

	if ((want & ~bits) == 0)
		return 0;
	if (root && (!(want & MAY_EXEC) || S_ISDIR(mode) || (mode & 0111)))
		return 0;
	return -EACCES;
}

/*
 * The check itself. real: access(2) semantics (real uid/gid; root means
 * real uid 0, as Linux grants full capabilities then). The privileges are
 * Linux's capabilities: CAP_DAC_OVERRIDE for the mode bits, CAP_FOWNER for
 * owner-only changes, CAP_CHOWN, CAP_FSETID.
 */
int inode_permission_real(struct inode *inode, int mask, bool real)
{
	const struct cred *c = current_cred();
	umode_t mode = inode->i_mode;
	uid_t uid = c ? (real ? c->uid : c->fsuid) : 0;
	bool root = real ? uid == 0 : capable(CAP_DAC_OVERRIDE);

	if ((mask & MAY_WRITE) && inode->i_sb && (inode->i_sb->s_flags & SB_RDONLY) &&
	    (S_ISREG(mode) || S_ISDIR(mode) || S_ISLNK(mode)))
		return -EROFS;
	if (inode->i_op && inode->i_op->permission && !real)
		return inode->i_op->permission(inode, mask);
	return mode_permission(mode, mask, uid == inode->i_uid,
			       real ? cred_in_group(c, inode->i_gid, true) : in_group_p(inode->i_gid),
			       root);
}

/* For filesystems' ->permission: the mode bits with the filesystem ids. */
int generic_permission(struct inode *inode, int mask)
{
	const struct cred *c = current_cred();

	return mode_permission(inode->i_mode, mask, c && c->fsuid == inode->i_uid,
			       in_group_p(inode->i_gid), capable(CAP_DAC_OVERRIDE));
}

int inode_permission(struct inode *inode, int mask)
{
	return inode_permission_real(inode, mask, false);
}

bool inode_owner_or_capable(const struct inode *inode)
{
	const struct cred *c = current_cred();

	return (c && c->fsuid == inode->i_uid) || capable(CAP_FOWNER);
}

void inode_init_owner(struct inode *inode, struct inode *dir, umode_t mode)
{
	const struct cred *c = current_cred();

	inode->i_uid = c ? c->fsuid : 0;
	if (dir && (dir->i_mode & S_ISGID)) {
		inode->i_gid = dir->i_gid;
		if (S_ISDIR(mode))
			mode |= S_ISGID;
		else if ((mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP) &&
			 !in_group_p(inode->i_gid) && !capable(CAP_FSETID))
			mode &= ~S_ISGID;
	} else {
		inode->i_gid = c ? c->fsgid : 0;
	}
	inode->i_mode = mode;
}

void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev)
{
	inode->i_mode = mode;
	if (S_ISCHR(mode)) {
		inode->i_fop = &def_chr_fops;
		inode->i_rdev = rdev;
	} else if (S_ISBLK(mode)) {
		inode->i_fop = &def_blk_fops;
		inode->i_rdev = rdev;
	} else if (S_ISFIFO(mode)) {
		inode->i_fop = &def_fifo_fops;
	} else {
		inode->i_fop = NULL;   /* sockets: XXX AF_UNIX bind nodes, open gives ENXIO */
	}
}

void generic_fillattr(struct inode *inode, struct kstat *st)
{
	memset(st, 0, sizeof(*st));
	st->result_mask = 0x7ff;   /* STATX_BASIC_STATS */
	st->mode = inode->i_mode;
	st->nlink = READ_ONCE(inode->i_nlink);
	st->uid = inode->i_uid;
	st->gid = inode->i_gid;
	st->ino = inode->i_ino;
	st->dev = inode->i_sb ? inode->i_sb->s_dev : 0;
	st->rdev = inode->i_rdev;
	st->size = READ_ONCE(inode->i_size);
	st->blksize = PAGE_SIZE;
	st->blocks = inode->i_blocks;
	spin_lock(&inode->i_lock);
	st->atime = inode->i_atime;
	st->mtime = inode->i_mtime;
	st->ctime = inode->i_ctime;
	st->btime = inode->i_btime;
	spin_unlock(&inode->i_lock);
	st->result_mask |= 0x800;  /* STATX_BTIME */
}

/* Apply attr to the inode (the checks are done). Caller holds i_mutex. */
int simple_setattr(struct dentry *d, struct iattr *attr)
{
	struct inode *inode = d->d_inode;
	unsigned v = attr->ia_valid;

	if (v & ATTR_SIZE) {
		u64 old = inode->i_size;

		if (attr->ia_size != old) {
			/* The size first, then the pages (Linux's
			 * truncate_setsize): a fault past the new end in
			 * between sees it and gets SIGBUS. */
			WRITE_ONCE(inode->i_size, attr->ia_size);
			if (attr->ia_size < old)
				mapping_truncate(inode->i_mapping, attr->ia_size);
			if (!(v & (ATTR_MTIME | ATTR_CTIME)))
				v |= ATTR_MTIME | ATTR_CTIME;
			attr->ia_mtime = attr->ia_ctime = vfs_now();
		}
	}
	spin_lock(&inode->i_lock);
	if (v & ATTR_UID)
		inode->i_uid = attr->ia_uid;
	if (v & ATTR_GID)
		inode->i_gid = attr->ia_gid;
	if (v & ATTR_MODE)
		inode->i_mode = (inode->i_mode & S_IFMT) | (attr->ia_mode & S_IALLUGO);
	if (v & ATTR_ATIME)
		inode->i_atime = attr->ia_atime;
	if (v & ATTR_MTIME)
		inode->i_mtime = attr->ia_mtime;
	if (v & ATTR_CTIME)
		inode->i_ctime = attr->ia_ctime;
	inode->i_version++;
	spin_unlock(&inode->i_lock);
	return 0;
}

/*
 * Linux's setattr_prepare + notify_change: who may change what, and the
 * side effects (clearing set-id bits on chown and on chmod by a non-member).
 */
static int setattr_check(struct inode *inode, struct iattr *a)
{
	unsigned v = a->ia_valid;
	const struct cred *c = current_cred();

	if (v & ATTR_FORCE)
		return 0;
	if (v & ATTR_UID) {
		/* Only root may give a file away (Linux: CAP_CHOWN). */
		if ((c ? c->fsuid : 0) != inode->i_uid || a->ia_uid != inode->i_uid)
			if (!capable(CAP_CHOWN))
				return -EPERM;
	}
	if (v & ATTR_GID) {
		/* The owner may change the group to one it belongs to. */
		bool ok = (c && c->fsuid == inode->i_uid) &&
			  (a->ia_gid == inode->i_gid || in_group_p(a->ia_gid));

		if (!ok && !capable(CAP_CHOWN))
			return -EPERM;
	}
	if (v & ATTR_MODE) {
		gid_t g = (v & ATTR_GID) ? a->ia_gid : inode->i_gid;

		if (!inode_owner_or_capable(inode))
			return -EPERM;
		if (!in_group_p(g) && !capable(CAP_FSETID))
			a->ia_mode &= ~S_ISGID;
	}
	if (v & (ATTR_MTIME_SET | ATTR_ATIME_SET)) {
		if (!inode_owner_or_capable(inode))
			return -EPERM;
	} else if (v & ATTR_TOUCH) {
		if (!inode_owner_or_capable(inode)) {
			int err = inode_permission(inode, MAY_WRITE);

			if (err)
				return err;
		}
	}
	return 0;
}

int vfs_setattr(const struct path *p, struct iattr *attr)
{
	struct dentry *d = p->dentry;
	struct inode *inode = d->d_inode;
	int err;

	if (!inode)
		return -ENOENT;
	if ((attr->ia_valid & ~(ATTR_ATIME | ATTR_MTIME | ATTR_CTIME | ATTR_ATIME_SET |
				ATTR_MTIME_SET | ATTR_TOUCH | ATTR_FORCE)) ||
	    (attr->ia_valid & (ATTR_ATIME | ATTR_MTIME))) {
		err = mnt_want_write(p->mnt);
		if (err)
			return err;
	}
	mutex_lock(&inode->i_mutex);
	err = setattr_check(inode, attr);
	if (err)
		goto out;
	/* chown of a non-directory clears set-user-id, and set-group-id when
	 * group-executable (Linux does so even for root). */
	if ((attr->ia_valid & (ATTR_UID | ATTR_GID)) && !(attr->ia_valid & ATTR_MODE) &&
	    !S_ISDIR(inode->i_mode)) {
		umode_t m = inode->i_mode;
		umode_t nm = m & ~S_ISUID;

		if ((m & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
			nm &= ~S_ISGID;
		if (nm != m) {
			attr->ia_mode = nm;
			attr->ia_valid |= ATTR_MODE;
		}
	}
	if (attr->ia_valid & (ATTR_UID | ATTR_GID | ATTR_MODE | ATTR_SIZE)) {
		attr->ia_ctime = vfs_now();
		attr->ia_valid |= ATTR_CTIME;
	}
	if (inode->i_op && inode->i_op->setattr)
		err = inode->i_op->setattr(d, attr);
	else
		err = simple_setattr(d, attr);
out:
	mutex_unlock(&inode->i_mutex);
	if (!err)
		fsnotify_change(d, attr->ia_valid);
	return err;
}

/* A write to a file clears set-user-id (and group-executable set-group-id)
 * unless root writes: Linux's file_remove_privs. Caller holds i_mutex. */
void file_remove_privs(struct inode *inode)
{
	umode_t m = inode->i_mode, nm = m & ~S_ISUID;

	if ((m & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
		nm &= ~S_ISGID;
	if (nm == m || !S_ISREG(m) || capable(CAP_FSETID))
		return;
	spin_lock(&inode->i_lock);
	inode->i_mode = nm;
	spin_unlock(&inode->i_lock);
}

int get_write_access(struct inode *inode)
{
	int r = 0;

	spin_lock(&inode->i_lock);
	if (inode->i_writecount < 0)
		r = -ETXTBSY;
	else
		inode->i_writecount++;
	spin_unlock(&inode->i_lock);
	return r;
}

void put_write_access(struct inode *inode)
{
	spin_lock(&inode->i_lock);
	inode->i_writecount--;
	spin_unlock(&inode->i_lock);
}

int deny_write_access(struct inode *inode)
{
	int r = 0;

	spin_lock(&inode->i_lock);
	if (inode->i_writecount > 0)
		r = -ETXTBSY;
	else
		inode->i_writecount--;
	spin_unlock(&inode->i_lock);
	return r;
}

void allow_write_access(struct inode *inode)
{
	spin_lock(&inode->i_lock);
	inode->i_writecount++;
	spin_unlock(&inode->i_lock);
}
