/*
 * tmpfs: a filesystem that lives entirely in memory. Its directory tree is
 * the dcache itself (every positive dentry pinned by the fs), regular file
 * data is the page cache, symlink targets hang off the inode. It is the
 * root filesystem (mounted by vfs_init), and devtmpfs is an instance of it.
 *
 * Sizes and link counts follow Linux's tmpfs: a directory has 2 + (number
 * of subdirectories) links, and its st_size grows by 20 bytes per entry
 * (BOGO_DIRENT_SIZE).
 *
 * Every tmpfs inode is a struct tmpfs_inode (tmpfs_internal.h): it also
 * holds the extended attributes (a small list, freed at eviction) and the
 * memfd seals, which write, truncate and fallocate enforce here.
 */
#include <kernel/xattr.h>
#include <linuxabi/uapi/memfd.h>

#include "tmpfs_internal.h"

#define TMPFS_MAGIC 0x01021994
#define BOGO_DIRENT_SIZE 20

static const struct inode_operations tmpfs_file_iops;
static const struct inode_operations tmpfs_symlink_iops;
static const struct inode_operations tmpfs_special_iops;
static const struct file_operations tmpfs_file_fops;
static const struct file_operations tmpfs_dir_fops;

/*
 * Size limits (mount options size=, nr_blocks=, nr_inodes=), as Linux's
 * shmem: a write that needs pages beyond the limit is cut short at the
 * first page that does not fit, and fails with ENOSPC when none fits; a new
 * inode beyond nr_inodes is ENOSPC. Pages in use are counted when asked
 * (the sum of the inodes' page-cache pages), so freeing space (unlink,
 * truncate) needs no bookkeeping here. Without the options a mount has no
 * limit but memory (and statfs shows Linux's default, half of RAM).
 * XXX: writers racing on one mount may together overshoot the limit by
 * their last writes; pages made by mmap faults are not charged (Linux
 * raises SIGBUS past the limit).
 */
struct tmpfs_sb_info {
	u64 max_blocks;   /* pages; 0: no limit */
	u64 max_inodes;   /* 0: no limit */
	/* size=0 / nr_inodes=0 asked for no limit: a remount cannot add one
	 * (Linux's "cannot retroactively limit"); a mount without the
	 * options (Linux: half of RAM by default) can get one. */
	bool blocks_unlimited, inodes_unlimited;
};

static struct tmpfs_sb_info *tmpfs_sbi(struct super_block *sb)
{
	return READ_ONCE(sb->s_fs_info);
}

static u64 tmpfs_used_blocks(struct super_block *sb)
{
	struct inode *inode;
	u64 n = 0;

	spin_lock(&sb->s_lock);
	list_for_each_entry(inode, &sb->s_inodes, i_sb_node)
		n += READ_ONCE(inode->i_data.nrpages);
	spin_unlock(&sb->s_lock);
	return n;
}

/* How many of the bytes [start, start + len) of inode can be written
 * without going past the mount's block limit (pages already there are
 * free to reuse). */
static u64 tmpfs_room(struct inode *inode, u64 start, u64 len)
{
	struct tmpfs_sb_info *sbi = tmpfs_sbi(inode->i_sb);
	u64 used, avail, end = start + len;

	if (!sbi || !sbi->max_blocks || !len)
		return len;
	used = tmpfs_used_blocks(inode->i_sb);
	avail = sbi->max_blocks > used ? sbi->max_blocks - used : 0;
	for (u64 idx = start / PAGE_SIZE; idx <= (end - 1) / PAGE_SIZE; idx++) {
		struct page *pg = mapping_get_page(inode->i_mapping, idx, false);

		if (pg) {
			page_put(pg);
			continue;
		}
		if (!avail)
			return idx * PAGE_SIZE > start ? idx * PAGE_SIZE - start : 0;
		avail--;
	}
	return len;
}

struct inode *tmpfs_get_inode(struct super_block *sb, struct inode *dir, umode_t mode, dev_t dev)
{
	struct tmpfs_sb_info *sbi = tmpfs_sbi(sb);
	struct inode *inode;

	if (sbi && sbi->max_inodes && READ_ONCE(sb->s_nr_inodes) >= sbi->max_inodes)
		return NULL;   /* ENOSPC */
	inode = new_inode(sb);
	if (!inode)
		return NULL;
	inode_init_owner(inode, dir, mode);
	switch (mode & S_IFMT) {
	case S_IFREG:
		inode->i_op = &tmpfs_file_iops;
		inode->i_fop = &tmpfs_file_fops;
		break;
	case S_IFDIR:
		inode->i_op = &tmpfs_dir_iops;
		inode->i_fop = &tmpfs_dir_fops;
		inode->i_size = 2 * BOGO_DIRENT_SIZE;
		set_nlink(inode, 2);
		break;
	case S_IFLNK:
		inode->i_op = &tmpfs_symlink_iops;
		break;
	default:
		inode->i_op = &tmpfs_special_iops;
		init_special_inode(inode, inode->i_mode, dev);
		break;
	}
	return inode;
}

static void dir_changed(struct inode *dir, long size_delta)
{
	dir->i_size += size_delta;
	inode_touch(dir, false, true, true);
}

static struct dentry *tmpfs_lookup(struct inode *dir, struct dentry *d, unsigned flags)
{
	/* Every existing name is in the dcache: a miss means "no such entry". */
	d_add(d, NULL);
	return NULL;
}

static int tmpfs_mknod(struct inode *dir, struct dentry *d, umode_t mode, dev_t dev)
{
	struct inode *inode = tmpfs_get_inode(dir->i_sb, dir, mode, dev);

	if (!inode)
		return -ENOSPC;
	d_instantiate(d, inode);
	d_pin(d);
	dir_changed(dir, BOGO_DIRENT_SIZE);
	return 0;
}

static int tmpfs_create(struct inode *dir, struct dentry *d, umode_t mode, bool excl)
{
	return tmpfs_mknod(dir, d, mode | S_IFREG, 0);
}

static int tmpfs_mkdir(struct inode *dir, struct dentry *d, umode_t mode)
{
	int err = tmpfs_mknod(dir, d, mode | S_IFDIR, 0);

	if (!err)
		inc_nlink(dir);
	return err;
}

static int tmpfs_tmpfile(struct inode *dir, struct dentry *d, umode_t mode)
{
	struct inode *inode = tmpfs_get_inode(dir->i_sb, dir, mode, 0);

	if (!inode)
		return -ENOSPC;
	set_nlink(inode, 0);
	d_instantiate(d, inode);   /* d is unhashed: it has no name */
	return 0;
}

static int tmpfs_symlink(struct inode *dir, struct dentry *d, const char *target)
{
	struct inode *inode = tmpfs_get_inode(dir->i_sb, dir, S_IFLNK | 0777, 0);
	char *t;

	if (!inode)
		return -ENOSPC;
	t = kstrdup(target, GFP_KERNEL);
	if (!t) {
		iput(inode);
		return -ENOSPC;
	}
	inode->i_link = t;
	inode->i_size = strlen(t);
	d_instantiate(d, inode);
	d_pin(d);
	dir_changed(dir, BOGO_DIRENT_SIZE);
	return 0;
}

static int tmpfs_link(struct dentry *old, struct inode *dir, struct dentry *d)
{
	struct inode *inode = old->d_inode;

	inc_nlink(inode);
	ihold(inode);
	inode_set_ctime_now(inode);
	d_instantiate(d, inode);
	d_pin(d);
	dir_changed(dir, BOGO_DIRENT_SIZE);
	return 0;
}

static int tmpfs_unlink(struct inode *dir, struct dentry *d)
{
	struct inode *inode = d->d_inode;

	drop_nlink(inode);
	inode_set_ctime_now(inode);
	dir_changed(dir, -BOGO_DIRENT_SIZE);
	d_unpin(d);
	return 0;
}

/* A directory is empty when it has no positive children. */
static bool tmpfs_empty(struct dentry *d)
{
	struct dentry *c;
	bool empty = true;

	spin_lock(&dcache_lock);
	list_for_each_entry(c, &d->d_subdirs, d_child) {
		if (c->d_inode && (c->d_flags & DCACHE_HASHED)) {
			empty = false;
			break;
		}
	}
	spin_unlock(&dcache_lock);
	return empty;
}

static int tmpfs_rmdir(struct inode *dir, struct dentry *d)
{
	if (!tmpfs_empty(d))
		return -ENOTEMPTY;
	drop_nlink(d->d_inode);
	drop_nlink(dir);
	return tmpfs_unlink(dir, d);
}

static int tmpfs_rename(struct inode *old_dir, struct dentry *old, struct inode *new_dir,
			struct dentry *new, unsigned flags)
{
	struct inode *inode = old->d_inode, *target = new->d_inode;
	bool old_is_dir = S_ISDIR(inode->i_mode);

	if (flags & LINUX_RENAME_EXCHANGE) {
		bool new_is_dir = S_ISDIR(target->i_mode);

		if (old_dir != new_dir && old_is_dir != new_is_dir) {
			if (old_is_dir) {
				drop_nlink(old_dir);
				inc_nlink(new_dir);
			} else {
				drop_nlink(new_dir);
				inc_nlink(old_dir);
			}
		}
		inode_set_ctime_now(inode);
		inode_set_ctime_now(target);
		dir_changed(old_dir, 0);
		dir_changed(new_dir, 0);
		return 0;
	}
	if (target) {
		if (S_ISDIR(target->i_mode)) {
			if (!old_is_dir)
				return -EISDIR;
			if (!tmpfs_empty(new))
				return -ENOTEMPTY;
			drop_nlink(target);   /* its "." */
			drop_nlink(new_dir);  /* its ".." */
		} else if (old_is_dir) {
			return -ENOTDIR;
		}
		drop_nlink(target);
		inode_set_ctime_now(target);
		d_unpin(new);
		dir_changed(new_dir, -BOGO_DIRENT_SIZE);
	}
	if (old_is_dir && old_dir != new_dir) {
		drop_nlink(old_dir);
		inc_nlink(new_dir);
	}
	dir_changed(old_dir, -BOGO_DIRENT_SIZE);
	dir_changed(new_dir, BOGO_DIRENT_SIZE);
	inode_set_ctime_now(inode);
	return 0;
}

static const char *tmpfs_get_link(struct dentry *d, struct inode *inode, void **to_free)
{
	return inode->i_link ? inode->i_link : ERR_PTR(-EIO);
}

static long tmpfs_fallocate(struct file *f, int mode, u64 off, u64 len)
{
	struct inode *inode = f->f_inode;
	u64 end = off + len;
	unsigned seals;
	long err = 0;

	mutex_lock(&inode->i_mutex);
	seals = TMPFS_I(inode)->seals;
	if (((mode & LINUX_FALLOC_FL_PUNCH_HOLE) &&
	     (seals & (LINUX_F_SEAL_WRITE | LINUX_F_SEAL_FUTURE_WRITE))) ||
	    ((seals & LINUX_F_SEAL_GROW) && end > inode->i_size)) {
		err = -EPERM;
		goto out;
	}
	if (mode & LINUX_FALLOC_FL_PUNCH_HOLE) {
		/* Zero the range (pages stay: XXX Linux frees whole pages). */
		for (u64 p = off; p < end && p < inode->i_size;) {
			u64 idx = p / PAGE_SIZE, in = p % PAGE_SIZE;
			u64 n = MIN(PAGE_SIZE - in, end - p);
			struct page *pg = mapping_get_page(inode->i_mapping, idx, false);

			if (pg) {
				memset((char *)page_address(pg) + in, 0, n);
				page_put(pg);
			}
			p += n;
		}
		goto out;
	}
	/* All or nothing, as Linux's shmem_fallocate. */
	if (len && tmpfs_room(inode, off, len) < len) {
		err = -ENOSPC;
		goto out;
	}
	for (u64 idx = off / PAGE_SIZE; idx < DIV_ROUND_UP(end, PAGE_SIZE); idx++) {
		struct page *pg = mapping_get_page(inode->i_mapping, idx, true);

		if (!pg) {
			err = -ENOSPC;
			goto out;
		}
		page_put(pg);
	}
	if (!(mode & LINUX_FALLOC_FL_KEEP_SIZE) && end > inode->i_size) {
		WRITE_ONCE(inode->i_size, end);
		inode_touch(inode, false, false, true);
	}
out:
	mutex_unlock(&inode->i_mutex);
	return err;
}

static int tmpfs_fsync(struct file *f, bool datasync)
{
	return 0;   /* memory is all there is */
}

static struct inode *tmpfs_alloc_inode(struct super_block *sb)
{
	struct tmpfs_inode *ti = kzalloc(sizeof(*ti), GFP_KERNEL);

	if (!ti)
		return NULL;
	simple_xattrs_init(&ti->xattrs);
	/* Only memfds may be sealed (F_GET_SEALS shows this on the others). */
	ti->seals = LINUX_F_SEAL_SEAL;
	return &ti->vfs_inode;
}

static void tmpfs_free_inode(struct inode *inode)
{
	kfree(TMPFS_I(inode));
}

bool is_tmpfs_inode(const struct inode *inode)
{
	return inode->i_sb && inode->i_sb->s_op && inode->i_sb->s_op->alloc_inode == tmpfs_alloc_inode;
}

static void tmpfs_evict(struct inode *inode)
{
	simple_xattrs_free(&TMPFS_I(inode)->xattrs);
	if (inode->i_link) {
		kfree(inode->i_link);
		inode->i_link = NULL;
	}
}

static int tmpfs_statfs(struct dentry *d, struct linux_statfs_k *st)
{
	struct super_block *sb = d->d_sb;
	struct tmpfs_sb_info *sbi = tmpfs_sbi(sb);
	u64 total = pmm_total_pages(), free = pmm_free_pages();

	st->f_type = TMPFS_MAGIC;
	st->f_bsize = PAGE_SIZE;
	/* Linux's default tmpfs size: half of RAM. */
	st->f_blocks = total / 2;
	st->f_bfree = st->f_bavail = MIN(free, total / 2);
	st->f_files = total / 2;
	if (sbi && sbi->max_blocks) {
		u64 used = tmpfs_used_blocks(sb);

		st->f_blocks = sbi->max_blocks;
		st->f_bfree = st->f_bavail = sbi->max_blocks > used ? sbi->max_blocks - used : 0;
	}
	if (sbi && sbi->max_inodes)
		st->f_files = sbi->max_inodes;
	st->f_ffree = st->f_files > sb->s_nr_inodes ? st->f_files - sb->s_nr_inodes : 0;
	st->f_namelen = NAME_MAX;
	return 0;
}

/* ---- extended attributes: every namespace the VFS lets through ---- */

static ssize_t tmpfs_getxattr(struct dentry *d, const char *name, void *buf, size_t size)
{
	return simple_xattr_get(&TMPFS_I(d->d_inode)->xattrs, name, buf, size);
}

static int tmpfs_setxattr(struct dentry *d, const char *name, const void *value, size_t size,
			  int flags)
{
	struct inode *inode = d->d_inode;
	int err;

	/* simple_xattr_set removes on a NULL value: an empty one is a value. */
	err = simple_xattr_set(&TMPFS_I(inode)->xattrs, name, value ? value : "", size, flags,
			       TMPFS_XATTR_LIMIT);
	if (!err)
		inode_set_ctime_now(inode);
	return err;
}

static ssize_t tmpfs_listxattr(struct dentry *d, char *buf, size_t size)
{
	return simple_xattr_list(&TMPFS_I(d->d_inode)->xattrs, buf, size);
}

static int tmpfs_removexattr(struct dentry *d, const char *name)
{
	struct inode *inode = d->d_inode;
	int err = simple_xattr_set(&TMPFS_I(inode)->xattrs, name, NULL, 0, 0, 0);

	if (!err)
		inode_set_ctime_now(inode);
	return err;
}

#define TMPFS_XATTR_OPS                      \
	.getxattr = tmpfs_getxattr,          \
	.setxattr = tmpfs_setxattr,          \
	.listxattr = tmpfs_listxattr,        \
	.removexattr = tmpfs_removexattr

/* ---- memfd seals on size changes and writes (Linux's shmem) ---- */

static int tmpfs_setattr(struct dentry *d, struct iattr *attr)
{
	struct inode *inode = d->d_inode;
	unsigned seals = TMPFS_I(inode)->seals;

	if ((attr->ia_valid & ATTR_MODE) && (seals & LINUX_F_SEAL_EXEC) &&
	    ((attr->ia_mode ^ inode->i_mode) & 0111))
		return -EPERM;
	if ((attr->ia_valid & ATTR_SIZE) && seals) {
		if ((seals & LINUX_F_SEAL_SHRINK) && attr->ia_size < inode->i_size)
			return -EPERM;
		if ((seals & LINUX_F_SEAL_GROW) && attr->ia_size > inode->i_size)
			return -EPERM;
	}
	return simple_setattr(d, attr);
}

static ssize_t tmpfs_write_iter(struct file *f, struct iov_iter *from, u64 *pos)
{
	struct inode *inode = f->f_inode;
	unsigned seals = READ_ONCE(TMPFS_I(inode)->seals);

	if (seals & (LINUX_F_SEAL_WRITE | LINUX_F_SEAL_FUTURE_WRITE))
		return -EPERM;
	if (seals & LINUX_F_SEAL_GROW) {
		u64 start = (f->f_flags & LINUX_O_APPEND) ? READ_ONCE(inode->i_size) : *pos;

		/* XXX: Linux refuses page by page, so a write over several
		 * pages that crosses the size is short there, not refused. */
		if (start + iov_iter_count(from) > READ_ONCE(inode->i_size))
			return -EPERM;
	}
	if (tmpfs_sbi(inode->i_sb) && iov_iter_count(from)) {
		u64 start = (f->f_flags & LINUX_O_APPEND) ? READ_ONCE(inode->i_size) : *pos;
		u64 room = tmpfs_room(inode, start, iov_iter_count(from));

		if (!room)
			return -ENOSPC;
		iov_iter_truncate(from, room);
	}
	return generic_file_write_iter(f, from, pos);
}

const struct inode_operations tmpfs_dir_iops = {
	.lookup = tmpfs_lookup,
	.create = tmpfs_create,
	.link = tmpfs_link,
	.unlink = tmpfs_unlink,
	.symlink = tmpfs_symlink,
	.mkdir = tmpfs_mkdir,
	.rmdir = tmpfs_rmdir,
	.mknod = tmpfs_mknod,
	.rename = tmpfs_rename,
	.tmpfile = tmpfs_tmpfile,
	TMPFS_XATTR_OPS,
};

static const struct inode_operations tmpfs_file_iops = {
	.setattr = tmpfs_setattr,
	TMPFS_XATTR_OPS,
};
static const struct inode_operations tmpfs_special_iops = {
	TMPFS_XATTR_OPS,
};
static const struct inode_operations tmpfs_symlink_iops = {
	.get_link = tmpfs_get_link,
	TMPFS_XATTR_OPS,
};

static const struct file_operations tmpfs_file_fops = {
	.llseek = generic_file_llseek,
	.read_iter = generic_file_read_iter,
	.write_iter = tmpfs_write_iter,
	.fsync = tmpfs_fsync,
	.fallocate = tmpfs_fallocate,
};

static const struct file_operations tmpfs_dir_fops = {
	.llseek = dcache_dir_llseek,
	.iterate = dcache_readdir,
	.fsync = tmpfs_fsync,
};

/* Limits end with the mount: files still open afterwards (a lazy unmount)
 * write without them. */
static void tmpfs_put_super(struct super_block *sb)
{
	struct tmpfs_sb_info *sbi = sb->s_fs_info;

	WRITE_ONCE(sb->s_fs_info, NULL);
	kfree(sbi);
}

static int tmpfs_remount(struct super_block *sb, unsigned *flags, void *data);

static const struct super_operations tmpfs_sops = {
	.put_super = tmpfs_put_super,
	.remount_fs = tmpfs_remount,
	.alloc_inode = tmpfs_alloc_inode,
	.free_inode = tmpfs_free_inode,
	.evict_inode = tmpfs_evict,
	.statfs = tmpfs_statfs,
};

/* Mount options: mode=OCTAL, uid=N, gid=N, size=N[kmgtpe%], nr_blocks=N[kmgtpe],
 * nr_inodes=N[kmgtpe]; others are accepted and ignored. */
struct tmpfs_opts {
	umode_t mode;
	uid_t uid;
	gid_t gid;
	bool have_uid, have_gid;
	u64 max_blocks, max_inodes;
	bool seen_blocks, seen_inodes;
	bool bad;          /* a size option that does not parse: EINVAL */
};

/* Linux's memparse, and '%' of RAM for size=; false if v is not a number. */
static bool parse_size(const char *v, bool percent_ok, u64 *out)
{
	u64 n = 0;
	const char *p = v;

	for (; *p >= '0' && *p <= '9'; p++) {
		if (n > ((u64)-1 - 9) / 10)
			return false;
		n = n * 10 + (*p - '0');
	}
	if (p == v)
		return false;
	switch (*p) {
	case 'e': case 'E': n <<= 10; /* fallthrough */
	case 'p': case 'P': n <<= 10; /* fallthrough */
	case 't': case 'T': n <<= 10; /* fallthrough */
	case 'g': case 'G': n <<= 10; /* fallthrough */
	case 'm': case 'M': n <<= 10; /* fallthrough */
	case 'k': case 'K': n <<= 10;
		p++;
		break;
	case '%':
		if (!percent_ok || n > 100)
			return false;
		n = pmm_total_pages() * PAGE_SIZE / 100 * n;
		p++;
		break;
	}
	if (*p)
		return false;
	*out = n;
	return true;
}

static void parse_size_opt(const char *key, const char *val, struct tmpfs_opts *o)
{
	u64 v;

	if (!strcmp(key, "size")) {
		if (parse_size(val, true, &v))
			o->max_blocks = DIV_ROUND_UP(v, PAGE_SIZE);
		else
			o->bad = true;
		o->seen_blocks = true;
	} else if (!strcmp(key, "nr_blocks")) {
		if (parse_size(val, false, &v))
			o->max_blocks = v;
		else
			o->bad = true;
		o->seen_blocks = true;
	} else if (!strcmp(key, "nr_inodes")) {
		if (parse_size(val, false, &v))
			o->max_inodes = v;
		else
			o->bad = true;
		o->seen_inodes = true;
	}
}

static void parse_opts(const char *data, struct tmpfs_opts *o)
{
	while (data && *data) {
		const char *end = strchrnul(data, ',');
		char key[16], val[24];
		const char *eq = memchr(data, '=', end - data);

		if (eq && (size_t)(eq - data) < sizeof(key) && (size_t)(end - eq - 1) < sizeof(val)) {
			unsigned long v = 0;
			const char *p;
			int base;

			memcpy(key, data, eq - data);
			key[eq - data] = 0;
			memcpy(val, eq + 1, end - eq - 1);
			val[end - eq - 1] = 0;
			parse_size_opt(key, val, o);
			base = !strcmp(key, "mode") ? 8 : 10;
			for (p = val; *p >= '0' && *p <= (base == 8 ? '7' : '9'); p++)
				v = v * base + (*p - '0');
			if (!*p && p != val) {
				if (!strcmp(key, "mode"))
					o->mode = v & 07777;
				else if (!strcmp(key, "uid")) {
					o->uid = v;
					o->have_uid = true;
				} else if (!strcmp(key, "gid")) {
					o->gid = v;
					o->have_gid = true;
				}
			}
		}
		data = *end ? end + 1 : end;
	}
}

static int tmpfs_fill(struct super_block *sb, void *data)
{
	struct tmpfs_opts o = { .mode = 01777 };
	struct inode *root;

	parse_opts(data, &o);
	if (o.bad)
		return -EINVAL;
	sb->s_magic = TMPFS_MAGIC;
	sb->s_op = &tmpfs_sops;
	if (o.seen_blocks || o.seen_inodes) {
		struct tmpfs_sb_info *sbi = kzalloc(sizeof(*sbi), GFP_KERNEL);

		if (!sbi)
			return -ENOMEM;
		sbi->max_blocks = o.max_blocks;
		sbi->max_inodes = o.max_inodes;
		sbi->blocks_unlimited = o.seen_blocks && !o.max_blocks;
		sbi->inodes_unlimited = o.seen_inodes && !o.max_inodes;
		sb->s_fs_info = sbi;
	}
	root = tmpfs_get_inode(sb, NULL, S_IFDIR | o.mode, 0);
	if (!root)
		return -ENOMEM;
	if (o.have_uid)
		root->i_uid = o.uid;
	if (o.have_gid)
		root->i_gid = o.gid;
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}

/*
 * mount -o remount,size=...: Linux's shmem_reconfigure rules. A limit may
 * change or go (0), not come back once size=0/nr_inodes=0 took it away
 * ("cannot retroactively limit"), nor go below what is in use. Other
 * options (mode, uid, gid) are left as they are. namespace_mutex is held.
 */
static int tmpfs_remount(struct super_block *sb, unsigned *flags, void *data)
{
	struct tmpfs_opts o = { 0 };
	struct tmpfs_sb_info *sbi = sb->s_fs_info;

	if (!data)
		return 0;
	parse_opts(data, &o);
	if (o.bad)
		return -EINVAL;
	if (o.seen_blocks && o.max_blocks &&
	    ((sbi && sbi->blocks_unlimited) || o.max_blocks < tmpfs_used_blocks(sb)))
		return -EINVAL;
	if (o.seen_inodes && o.max_inodes &&
	    ((sbi && sbi->inodes_unlimited) || o.max_inodes < READ_ONCE(sb->s_nr_inodes)))
		return -EINVAL;
	if (!o.seen_blocks && !o.seen_inodes)
		return 0;
	if (!sbi) {
		sbi = kzalloc(sizeof(*sbi), GFP_KERNEL);
		if (!sbi)
			return -ENOMEM;
		WRITE_ONCE(sb->s_fs_info, sbi);   /* zeroed: no limit until set below */
	}
	if (o.seen_blocks) {
		WRITE_ONCE(sbi->max_blocks, o.max_blocks);
		sbi->blocks_unlimited = !o.max_blocks;
	}
	if (o.seen_inodes) {
		WRITE_ONCE(sbi->max_inodes, o.max_inodes);
		sbi->inodes_unlimited = !o.max_inodes;
	}
	return 0;
}

static struct super_block *tmpfs_mount(struct file_system_type *t, int flags, const char *source,
				       void *data)
{
	return sget_nodev(t, tmpfs_fill, data);
}

struct file_system_type tmpfs_type = {
	.name = "tmpfs",
	.mount = tmpfs_mount,
	.kill_sb = kill_litter_super,
};

/* ---- the pseudo filesystem of unnamed files (pipes) ---- */

static struct vfsmount *pseudo_mount;

static int pseudo_fill(struct super_block *sb, void *data)
{
	struct inode *root = new_inode(sb);

	if (!root)
		return -ENOMEM;
	root->i_mode = S_IFDIR | 0500;
	sb->s_magic = 0x50495045;   /* PIPEFS_MAGIC */
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}

static struct super_block *pseudo_sb_mount(struct file_system_type *t, int flags,
					   const char *source, void *data)
{
	return sget_nodev(t, pseudo_fill, data);
}

static struct file_system_type pseudo_type = {
	.name = "pipefs",
	.mount = pseudo_sb_mount,
};

struct vfsmount *pseudo_mnt(void)
{
	return pseudo_mount;
}

/* The tmpfs instance of memfd files (Linux's shm_mnt). */
static struct vfsmount *internal_mount;

struct vfsmount *tmpfs_internal_mnt(void)
{
	return internal_mount;
}

void tmpfs_init(void)
{
	register_filesystem(&tmpfs_type);
	pseudo_mount = vfs_kern_mount(&pseudo_type, 0, "pipefs", NULL);
	if (IS_ERR(pseudo_mount))
		panic("vfs: cannot make pipefs");
	internal_mount = vfs_kern_mount(&tmpfs_type, 0, "tmpfs", NULL);
	if (IS_ERR(internal_mount))
		panic("vfs: cannot make the internal tmpfs");
}
