/*
 * Open file descriptions (struct file): allocation, references, the last
 * close, and the read/write/seek entry points shared by the syscalls and
 * kernel_read/kernel_write. A file holds its path (mount and dentry), the
 * inode's write-access count while open for writing, and whatever its
 * driver keeps in private_data.
 *
 * The file position is protected by f_pos_lock for regular files and
 * directories (FMODE_ATOMIC_POS), so threads sharing a description see
 * read/write/lseek as atomic, as Linux guarantees since 3.14.
 */
#include <kernel/eventpoll.h>
#include <kernel/fsnotify.h>
#include <kernel/uaccess.h>
#include <kernel/vm.h>

#include "internal.h"

static struct kmem_cache *file_cache;   /* made once (vfs_init) */

void files_cache_init(void)
{
	static DEFINE_MUTEX(init_mutex);

	mutex_lock(&init_mutex);
	if (!file_cache)
		file_cache = kmem_cache_create("file", sizeof(struct file), 8, 0);
	mutex_unlock(&init_mutex);
}

struct file *alloc_empty_file(unsigned flags, const struct cred *cred)
{
	struct file *f;

	if (!READ_ONCE(file_cache))
		files_cache_init();
	if (!file_cache)
		return ERR_PTR(-ENOMEM);
	f = kmem_cache_alloc(file_cache, GFP_KERNEL);
	if (!f)
		return ERR_PTR(-ENFILE);
	memset(f, 0, sizeof(*f));
	f->f_count = 1;
	f->f_flags = flags;
	spin_lock_init(&f->f_lock, "file.f_lock");
	mutex_init(&f->f_pos_lock, "file.f_pos_lock");
	f->f_cred = cred ? get_cred(cred) : NULL;
	return f;
}

struct file *file_get(struct file *f)
{
	if (f)
		atomic_inc(&f->f_count);
	return f;
}

static void file_free(struct file *f)
{
	struct inode *inode = f->f_inode;

	/* Off every epoll interest list before the file goes (Linux's eventpoll_release). */
	if (f->f_ep.first)
		eventpoll_release(f);
	if (f->f_async)
		file_async_release(f);
	if (inode) {
		fsnotify_close(f);
		locks_remove_file(f);
		if (f->f_op && f->f_op->release && !(f->f_mode & FMODE_PATH))
			f->f_op->release(inode, f);
		if ((f->f_mode & FMODE_WRITE) && S_ISREG(inode->i_mode))
			put_write_access(inode);
		if (f->f_mode & FMODE_WRITE_DENIED)
			allow_write_access(inode);
	}
	if (f->f_path.dentry)
		path_put(&f->f_path);
	if (f->f_cred)
		put_cred(f->f_cred);
	memset(f, 0x6b, sizeof(*f));
	kmem_cache_free(file_cache, f);
}

void fput(struct file *f)
{
	int c;

	if (!f)
		return;
	c = atomic_dec(&f->f_count);
	if (c == 0)
		file_free(f);
	else if (c < 0)
		printk(KERN_ERR "fput: file put too often\n");
}

static const struct file_operations empty_fops;

/*
 * Make a file for the object at p with open flags (LINUX_O_*): modes,
 * write access, the type's operations and their open hook.
 */
struct file *vfs_open_path(const struct path *p, unsigned flags)
{
	struct inode *inode = p->dentry->d_inode;
	struct file *f = alloc_empty_file(flags, current_cred());
	int err, acc = flags & LINUX_O_ACCMODE;

	if (IS_ERR(f))
		return f;
	f->f_path = *p;
	path_get(&f->f_path);
	f->f_inode = inode;
	f->f_flags = flags & ~(LINUX_O_CREAT | LINUX_O_EXCL | LINUX_O_NOCTTY | LINUX_O_TRUNC |
			       LINUX_O_CLOEXEC);
	if (flags & LINUX_O_PATH) {
		f->f_mode = FMODE_PATH;
		f->f_op = &empty_fops;
		return f;
	}
	if (acc == LINUX_O_RDONLY || acc == LINUX_O_RDWR)
		f->f_mode |= FMODE_READ;
	if (acc == LINUX_O_WRONLY || acc == LINUX_O_RDWR)
		f->f_mode |= FMODE_WRITE;
	f->f_mode |= FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE;
	if (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode))
		f->f_mode |= FMODE_ATOMIC_POS;
	if ((f->f_mode & FMODE_WRITE) && S_ISREG(inode->i_mode)) {
		err = get_write_access(inode);
		if (err) {
			f->f_mode &= ~FMODE_WRITE;
			goto fail;
		}
	}
	f->f_op = inode->i_fop ? inode->i_fop : &empty_fops;
	if (f->f_op->open) {
		err = f->f_op->open(inode, f);
		if (err)
			goto fail_release;
	}
	fsnotify_open(f);
	return f;
fail_release:
	/* The open hook failed: no release call, as in Linux. */
	f->f_op = &empty_fops;
fail:
	fput(f);
	return ERR_PTR(err);
}

struct file *alloc_file_pseudo(struct inode *inode, const char *name, unsigned flags,
			       const struct file_operations *fops)
{
	struct vfsmount *mnt = pseudo_mnt();
	struct dentry *d;
	struct file *f;
	int acc = flags & LINUX_O_ACCMODE;

	if (!mnt)
		return ERR_PTR(-ENOMEM);
	d = d_alloc_name(mnt->mnt_root, name);
	if (!d)
		return ERR_PTR(-ENOMEM);
	d_instantiate(d, inode);   /* unhashed: not reachable by name */
	f = alloc_empty_file(flags, current_cred());
	if (IS_ERR(f)) {
		dput(d);
		return f;
	}
	f->f_path.mnt = mntget(mnt);
	f->f_path.dentry = d;
	f->f_inode = inode;
	f->f_flags = flags & (LINUX_O_ACCMODE | LINUX_O_NONBLOCK | LINUX_O_DIRECT);
	f->f_op = fops;
	if (acc == LINUX_O_RDONLY || acc == LINUX_O_RDWR)
		f->f_mode |= FMODE_READ;
	if (acc == LINUX_O_WRONLY || acc == LINUX_O_RDWR)
		f->f_mode |= FMODE_WRITE;
	f->f_mode |= FMODE_STREAM;
	return f;
}

/* ---- seeking ---- */

static s64 seek_to(struct file *f, s64 off, u64 max)
{
	if (off < 0 || (u64)off > max)
		return -EINVAL;
	if ((u64)off != f->f_pos) {
		f->f_pos = off;
		f->f_version = 0;
	}
	return off;
}

s64 generic_file_llseek(struct file *f, s64 off, int whence)
{
	struct inode *inode = f->f_inode;
	u64 size = READ_ONCE(inode->i_size);
	u64 max = inode->i_sb && inode->i_sb->s_maxbytes ? inode->i_sb->s_maxbytes : (1ULL << 52);

	switch (whence) {
	case LINUX_SEEK_SET:
		break;
	case LINUX_SEEK_CUR:
		if (off == 0)
			return f->f_pos;
		off += f->f_pos;
		break;
	case LINUX_SEEK_END:
		off += size;
		break;
	case LINUX_SEEK_DATA:
		/* tmpfs: a hole reads as zeroes, we treat it all as data */
		if (off < 0 || (u64)off >= size)
			return -ENXIO;
		break;
	case LINUX_SEEK_HOLE:
		if (off < 0 || (u64)off >= size)
			return -ENXIO;
		off = size;
		break;
	default:
		return -EINVAL;
	}
	return seek_to(f, off, max);
}

s64 no_seek_end_llseek(struct file *f, s64 off, int whence)
{
	switch (whence) {
	case LINUX_SEEK_SET:
		break;
	case LINUX_SEEK_CUR:
		off += f->f_pos;
		break;
	default:
		return -EINVAL;
	}
	return seek_to(f, off, ~0ULL >> 1);
}

s64 noop_llseek(struct file *f, s64 off, int whence)
{
	return f->f_pos;
}

s64 vfs_llseek(struct file *f, s64 off, int whence)
{
	s64 r;

	if ((f->f_mode & FMODE_STREAM) || !f->f_op->llseek)
		return -ESPIPE;
	if (whence < 0 || whence > LINUX_SEEK_HOLE)
		return -EINVAL;
	mutex_lock(&f->f_pos_lock);
	r = f->f_op->llseek(f, off, whence);
	mutex_unlock(&f->f_pos_lock);
	return r;
}

/* ---- reading and writing ---- */

ssize_t vfs_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->f_op->read_iter)
		return S_ISDIR(f->f_inode->i_mode) ? -EISDIR : -EINVAL;
	if (iov_iter_count(to) > MAX_RW_COUNT)
		iov_iter_truncate(to, MAX_RW_COUNT);
	if (pos && (s64)*pos < 0)
		return -EINVAL;
	return fsnotify_accessed(f, f->f_op->read_iter(f, to, pos));
}

ssize_t vfs_write(struct file *f, struct iov_iter *from, u64 *pos)
{
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op->write_iter)
		return -EINVAL;
	if (iov_iter_count(from) > MAX_RW_COUNT)
		iov_iter_truncate(from, MAX_RW_COUNT);
	if (pos && (s64)*pos < 0)
		return -EINVAL;
	return fsnotify_modified(f, f->f_op->write_iter(f, from, pos));
}

ssize_t vfs_read_fpos(struct file *f, struct iov_iter *to)
{
	ssize_t r;
	u64 pos;

	if (!(f->f_mode & FMODE_ATOMIC_POS)) {
		pos = f->f_pos;
		r = vfs_read(f, to, &pos);
		if (r > 0 && !(f->f_mode & FMODE_STREAM))
			f->f_pos = pos;
		return r;
	}
	mutex_lock(&f->f_pos_lock);
	pos = f->f_pos;
	r = vfs_read(f, to, &pos);
	if (r > 0)
		f->f_pos = pos;
	mutex_unlock(&f->f_pos_lock);
	return r;
}

ssize_t vfs_write_fpos(struct file *f, struct iov_iter *from)
{
	ssize_t r;
	u64 pos;

	if (!(f->f_mode & FMODE_ATOMIC_POS)) {
		pos = f->f_pos;
		r = vfs_write(f, from, &pos);
		if (r > 0 && !(f->f_mode & FMODE_STREAM))
			f->f_pos = pos;
		return r;
	}
	mutex_lock(&f->f_pos_lock);
	pos = f->f_pos;
	r = vfs_write(f, from, &pos);
	if (r > 0)
		f->f_pos = pos;
	mutex_unlock(&f->f_pos_lock);
	return r;
}

ssize_t kernel_read(struct file *f, void *buf, size_t n, u64 *pos)
{
	struct iov_iter it;
	u64 p = pos ? *pos : f->f_pos;
	ssize_t r;

	iov_iter_kvec(&it, buf, n);
	if (!f->f_op->read_iter)
		return -EINVAL;
	/* exec reads files opened for execution only (FMODE_EXEC): those
	 * need no read permission, as on Linux. */
	if (!(f->f_mode & (FMODE_READ | FMODE_EXEC)))
		return -EBADF;
	r = f->f_op->read_iter(f, &it, &p);
	if (r > 0) {
		if (pos)
			*pos = p;
		else
			f->f_pos = p;
	}
	return r;
}

ssize_t kernel_write(struct file *f, const void *buf, size_t n, u64 *pos)
{
	struct iov_iter it;
	u64 p = pos ? *pos : f->f_pos;
	ssize_t r;

	iov_iter_kvec(&it, (void *)buf, n);
	r = vfs_write(f, &it, &p);
	if (r > 0) {
		if (pos)
			*pos = p;
		else
			f->f_pos = p;
	}
	return r;
}

int vfs_fsync(struct file *f, bool datasync)
{
	if (!f->f_op->fsync)
		return -EINVAL;
	return f->f_op->fsync(f, datasync);
}

int vfs_fallocate(struct file *f, int mode, u64 off, u64 len)
{
	struct inode *inode = f->f_inode;

	if (mode & ~(LINUX_FALLOC_FL_KEEP_SIZE | LINUX_FALLOC_FL_PUNCH_HOLE))
		return -EOPNOTSUPP;
	if ((mode & LINUX_FALLOC_FL_PUNCH_HOLE) && !(mode & LINUX_FALLOC_FL_KEEP_SIZE))
		return -EOPNOTSUPP;
	if ((s64)off < 0 || (s64)len <= 0)
		return -EINVAL;
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	/* XXX: Linux refuses hole punching on append-only inodes (chattr +a),
	 * which do not exist here; an O_APPEND descriptor may punch. */
	if (S_ISFIFO(inode->i_mode))
		return -ESPIPE;
	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode))
		return -ENODEV;
	if (off + len < off || off + len > (1ULL << 52))
		return -EFBIG;
	if (!f->f_op->fallocate)
		return -EOPNOTSUPP;
	return f->f_op->fallocate(f, mode, off, len);
}

u64 file_size(struct file *f)
{
	return f->f_inode ? READ_ONCE(f->f_inode->i_size) : 0;
}

int file_accmode(struct file *f)
{
	return f->f_flags & LINUX_O_ACCMODE;
}

bool file_mmap_ok(struct file *f)
{
	if (f->f_mode & FMODE_PATH)
		return false;
	if ((f->f_op && f->f_op->get_page) || file_mmap_anon(f))
		return true;
	return f->f_inode && S_ISREG(f->f_inode->i_mode);
}

bool file_noexec(struct file *f)
{
	const struct vfsmount *m = f->f_path.mnt;

	return m && ((m->mnt_flags & MNT_NOEXEC) || (m->mnt_sb->s_flags & SB_NOEXEC));
}

bool dir_emit_dots(struct file *f, struct dir_context *ctx)
{
	struct dentry *d = f->f_path.dentry;

	if (ctx->pos == 0) {
		if (!ctx->actor(ctx, ".", 1, 0, d->d_inode->i_ino, DT_DIR))
			return false;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		struct dentry *p;
		u64 ino;

		spin_lock(&dcache_lock);
		p = d->d_parent;
		ino = p->d_inode ? p->d_inode->i_ino : d->d_inode->i_ino;
		spin_unlock(&dcache_lock);
		if (!ctx->actor(ctx, "..", 2, 1, ino, DT_DIR))
			return false;
		ctx->pos = 2;
	}
	return true;
}

int vfs_iterate_dir(struct file *f, struct dir_context *ctx)
{
	struct inode *inode = f->f_inode;
	int err;

	if (!f->f_op->iterate)
		return -ENOTDIR;
	err = inode_permission(inode, MAY_READ);
	if (err && !(f->f_mode & FMODE_READ))
		return err;
	mutex_lock(&f->f_pos_lock);
	mutex_lock(&inode->i_mutex);
	if (inode->i_flags & S_DEAD) {
		mutex_unlock(&inode->i_mutex);
		mutex_unlock(&f->f_pos_lock);
		return -ENOENT;
	}
	ctx->pos = f->f_pos;
	err = f->f_op->iterate(f, ctx);
	f->f_pos = ctx->pos;
	mutex_unlock(&inode->i_mutex);
	mutex_unlock(&f->f_pos_lock);
	if (file_touch_atime_ok(f))
		inode_touch(inode, true, false, false);
	fsnotify_access(f);
	return err;
}

/*
 * readdir for filesystems whose tree is the dcache (tmpfs): positions are
 * the children's d_dirpos, handed out in increasing order as entries are
 * created, so an open stream neither repeats nor skips survivors when
 * entries are removed behind it (rm -r unlinks while it reads).
 */
static struct dentry *first_child_from(struct dentry *dir, s64 pos)
{
	struct dentry *c;

	list_for_each_entry(c, &dir->d_subdirs, d_child)
		if ((s64)c->d_dirpos >= pos && c->d_inode)
			return c;
	return NULL;
}

static struct dentry *next_child(struct dentry *dir, struct dentry *c)
{
	list_for_each_entry_continue(c, &dir->d_subdirs, d_child)
		if (c->d_inode)
			return c;
	return NULL;
}

int dcache_readdir(struct file *f, struct dir_context *ctx)
{
	struct dentry *dir = f->f_path.dentry, *c, *prev = NULL;
	char name[NAME_MAX + 1];

	if (!dir_emit_dots(f, ctx))
		return 0;
	spin_lock(&dcache_lock);
	c = first_child_from(dir, ctx->pos);
	for (;;) {
		u32 len;
		u64 ino, pos;
		unsigned type;
		bool ok;

		if (!c) {
			spin_unlock(&dcache_lock);
			break;
		}
		len = c->d_name.len;
		memcpy(name, c->d_name.name, len);
		ino = c->d_inode->i_ino;
		type = vfs_dtype(c->d_inode->i_mode);
		pos = c->d_dirpos;
		atomic_inc(&c->d_count);
		spin_unlock(&dcache_lock);
		if (prev)
			dput(prev);
		prev = c;
		ok = ctx->actor(ctx, name, len, pos, ino, type);
		if (!ok)
			break;
		ctx->pos = pos + 1;
		spin_lock(&dcache_lock);
		if (c->d_parent == dir && (c->d_flags & DCACHE_HASHED))
			c = next_child(dir, c);
		else
			c = first_child_from(dir, ctx->pos);
	}
	if (prev)
		dput(prev);
	return 0;
}

s64 dcache_dir_llseek(struct file *f, s64 off, int whence)
{
	switch (whence) {
	case LINUX_SEEK_SET:
		break;
	case LINUX_SEEK_CUR:
		off += f->f_pos;
		break;
	default:
		return -EINVAL;
	}
	if (off < 0)
		return -EINVAL;
	f->f_pos = off;
	return off;
}
