/*
 * Per-process tables: the fd table (files_struct) and the root, cwd and
 * umask (fs_struct). Threads created with CLONE_FILES / CLONE_FS share
 * them; fork copies them.
 *
 * The fd table is a growable array of file pointers with a close-on-exec
 * bitmap, doubled as needed up to RLIMIT_NOFILE (no fixed limit). A slot
 * may be reserved (FD_RESERVED) between choosing an fd and installing the
 * file, so that two threads opening at once never get the same number and
 * no other thread sees a half-made file. One spinlock guards the table;
 * the array is reallocated with the lock dropped and the copy redone if
 * the table changed meanwhile.
 */
#include "internal.h"

#define FD_RESERVED ((struct file *)1)
#define BITS_PER_LONG 64
#define FD_INITIAL 64

static inline bool fd_used(const struct file *f) { return f != NULL; }
static inline bool fd_real(const struct file *f) { return f && f != FD_RESERVED; }

struct files_struct *files_create(void)
{
	struct files_struct *fs = kzalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	fs->fd = kcalloc(FD_INITIAL, sizeof(struct file *), GFP_KERNEL);
	fs->close_on_exec = kcalloc(FD_INITIAL / BITS_PER_LONG, sizeof(long), GFP_KERNEL);
	if (!fs->fd || !fs->close_on_exec) {
		kfree(fs->fd);
		kfree(fs->close_on_exec);
		kfree(fs);
		return NULL;
	}
	fs->count = 1;
	fs->max_fds = FD_INITIAL;
	spin_lock_init(&fs->lock, "files_struct.lock");
	return fs;
}

static void set_cloexec(struct files_struct *fs, unsigned fd, bool on)
{
	unsigned long bit = 1UL << (fd % BITS_PER_LONG);

	if (on)
		fs->close_on_exec[fd / BITS_PER_LONG] |= bit;
	else
		fs->close_on_exec[fd / BITS_PER_LONG] &= ~bit;
}

static bool get_cloexec(struct files_struct *fs, unsigned fd)
{
	return fs->close_on_exec[fd / BITS_PER_LONG] & (1UL << (fd % BITS_PER_LONG));
}

/* Make room for fd `want`. Called and returns with fs->lock held; may drop it. */
static int expand_table(struct files_struct *fs, unsigned want)
{
	while (want >= fs->max_fds) {
		unsigned old = fs->max_fds, n = old;
		struct file **nfd;
		unsigned long *ncl;

		while (n <= want)
			n *= 2;
		if (n > NR_OPEN_MAX)
			n = NR_OPEN_MAX;
		if (want >= n)
			return -EMFILE;
		spin_unlock(&fs->lock);
		nfd = kcalloc(n, sizeof(struct file *), GFP_KERNEL);
		ncl = kcalloc(n / BITS_PER_LONG, sizeof(long), GFP_KERNEL);
		spin_lock(&fs->lock);
		if (!nfd || !ncl) {
			kfree(nfd);
			kfree(ncl);
			return -ENOMEM;
		}
		if (fs->max_fds != old) {   /* someone else grew it */
			kfree(nfd);
			kfree(ncl);
			continue;
		}
		memcpy(nfd, fs->fd, old * sizeof(struct file *));
		memcpy(ncl, fs->close_on_exec, old / BITS_PER_LONG * sizeof(long));
		kfree(fs->fd);
		kfree(fs->close_on_exec);
		fs->fd = nfd;
		fs->close_on_exec = ncl;
		fs->max_fds = n;
	}
	return 0;
}

unsigned long fd_nofile_limit(void)
{
	u64 r = rlimit(RLIMIT_NOFILE);

	return r > NR_OPEN_MAX ? NR_OPEN_MAX : r;
}

static struct files_struct *cur_files(void)
{
	return current->files;
}

int fd_alloc(unsigned start, unsigned cloexec)
{
	struct files_struct *fs = cur_files();
	unsigned long limit = fd_nofile_limit();
	unsigned fd;
	int err;

	if (!fs)
		return -EMFILE;
	spin_lock(&fs->lock);
	fd = start > fs->next_fd ? start : fs->next_fd;
	for (;;) {
		if (fd >= limit) {
			spin_unlock(&fs->lock);
			return -EMFILE;
		}
		if (fd >= fs->max_fds) {
			err = expand_table(fs, fd);
			if (err) {
				spin_unlock(&fs->lock);
				return err;
			}
			continue;   /* the table may have changed while unlocked */
		}
		if (!fd_used(fs->fd[fd]))
			break;
		fd++;
	}
	fs->fd[fd] = FD_RESERVED;
	set_cloexec(fs, fd, cloexec);
	if (start <= fs->next_fd)
		fs->next_fd = fd + 1;
	spin_unlock(&fs->lock);
	return fd;
}

void fd_install(int fd, struct file *f)
{
	struct files_struct *fs = cur_files();

	spin_lock(&fs->lock);
	fs->fd[fd] = f;
	spin_unlock(&fs->lock);
}

void fd_free_reserved(int fd)
{
	struct files_struct *fs = cur_files();

	spin_lock(&fs->lock);
	if (fs->fd[fd] == FD_RESERVED)
		fs->fd[fd] = NULL;
	if ((unsigned)fd < fs->next_fd)
		fs->next_fd = fd;
	spin_unlock(&fs->lock);
}

int fd_install_new(struct file *f, unsigned cloexec)
{
	int fd = fd_alloc(0, cloexec);

	if (fd < 0)
		return fd;
	fd_install(fd, f);
	return fd;
}

static struct file *fget_flags(int fd, bool raw)
{
	struct files_struct *fs = cur_files();
	struct file *f = NULL;

	if (!fs || fd < 0)
		return NULL;
	spin_lock(&fs->lock);
	if ((unsigned)fd < fs->max_fds && fd_real(fs->fd[fd])) {
		f = fs->fd[fd];
		if (!raw && (f->f_mode & FMODE_PATH))
			f = NULL;
		else
			file_get(f);
	}
	spin_unlock(&fs->lock);
	return f;
}

struct file *fget(int fd) { return fget_flags(fd, false); }

struct fd fdget(int fd)
{
	struct files_struct *fs = cur_files();
	struct fd r = { NULL, false };

	if (fs && __atomic_load_n(&fs->count, __ATOMIC_RELAXED) == 1) {
		/* Nobody else can change this table now: no lock, no reference. */
		if (fd >= 0 && (unsigned)fd < fs->max_fds && fd_real(fs->fd[fd]) &&
		    !(fs->fd[fd]->f_mode & FMODE_PATH))
			r.file = fs->fd[fd];
		return r;
	}
	r.file = fget(fd);
	r.put = r.file != NULL;
	return r;
}
struct file *fget_raw(int fd) { return fget_flags(fd, true); }

/* The close(2) side of dropping a file from a table: flush and the
 * owner's POSIX locks, then the reference. */
static void filp_close(struct file *f, struct files_struct *owner)
{
	if (!(f->f_mode & FMODE_PATH)) {
		if (f->f_op && f->f_op->flush)
			f->f_op->flush(f);
		locks_remove_posix(f, owner);
	}
	fput(f);
}

int fd_close(int fd)
{
	struct files_struct *fs = cur_files();
	struct file *f;

	if (!fs || fd < 0)
		return -EBADF;
	spin_lock(&fs->lock);
	if ((unsigned)fd >= fs->max_fds || !fd_real(fs->fd[fd])) {
		spin_unlock(&fs->lock);
		return -EBADF;
	}
	f = fs->fd[fd];
	fs->fd[fd] = NULL;
	set_cloexec(fs, fd, false);
	if ((unsigned)fd < fs->next_fd)
		fs->next_fd = fd;
	spin_unlock(&fs->lock);
	filp_close(f, fs);
	return 0;
}

int fd_dup2(struct file *f, unsigned newfd, unsigned cloexec)
{
	struct files_struct *fs = cur_files();
	struct file *old;
	int err;

	if (!fs)
		return -EBADF;
	if (newfd >= fd_nofile_limit())
		return -EBADF;
	spin_lock(&fs->lock);
	err = expand_table(fs, newfd);
	if (err) {
		spin_unlock(&fs->lock);
		return err;
	}
	old = fs->fd[newfd];
	if (old == FD_RESERVED) {
		/* Linux: another thread is opening into this slot. */
		spin_unlock(&fs->lock);
		return -EBUSY;
	}
	fs->fd[newfd] = file_get(f);
	set_cloexec(fs, newfd, cloexec);
	spin_unlock(&fs->lock);
	if (old)
		filp_close(old, fs);
	return newfd;
}

int fd_get_cloexec(int fd)
{
	struct files_struct *fs = cur_files();
	int r = -EBADF;

	if (!fs || fd < 0)
		return -EBADF;
	spin_lock(&fs->lock);
	if ((unsigned)fd < fs->max_fds && fd_real(fs->fd[fd]))
		r = get_cloexec(fs, fd);
	spin_unlock(&fs->lock);
	return r;
}

int fd_set_cloexec(int fd, bool on)
{
	struct files_struct *fs = cur_files();
	int r = -EBADF;

	if (!fs || fd < 0)
		return -EBADF;
	spin_lock(&fs->lock);
	if ((unsigned)fd < fs->max_fds && fd_real(fs->fd[fd])) {
		set_cloexec(fs, fd, on);
		r = 0;
	}
	spin_unlock(&fs->lock);
	return r;
}

/* close_range(2): close or mark close-on-exec every fd in [lo, hi]. */
int fd_close_range(unsigned lo, unsigned hi, bool cloexec_only)
{
	struct files_struct *fs = cur_files();

	if (!fs)
		return 0;
	for (unsigned fd = lo; fd <= hi; fd++) {
		struct file *f;

		spin_lock(&fs->lock);
		if (fd >= fs->max_fds) {
			spin_unlock(&fs->lock);
			break;
		}
		f = fs->fd[fd];
		if (!fd_real(f)) {
			spin_unlock(&fs->lock);
			if (fd == ~0u)
				break;
			continue;
		}
		if (cloexec_only) {
			set_cloexec(fs, fd, true);
			spin_unlock(&fs->lock);
		} else {
			fs->fd[fd] = NULL;
			set_cloexec(fs, fd, false);
			if (fd < fs->next_fd)
				fs->next_fd = fd;
			spin_unlock(&fs->lock);
			filp_close(f, fs);
		}
		if (fd == ~0u)
			break;
	}
	return 0;
}

struct files_struct *files_fork(struct files_struct *old)
{
	struct files_struct *fs = files_create();

	if (!fs)
		return NULL;
	spin_lock(&old->lock);
	while (fs->max_fds < old->max_fds) {
		unsigned want = old->max_fds;

		spin_unlock(&old->lock);
		spin_lock(&fs->lock);
		if (expand_table(fs, want - 1)) {
			spin_unlock(&fs->lock);
			files_put(fs);
			return NULL;
		}
		spin_unlock(&fs->lock);
		spin_lock(&old->lock);
	}
	for (unsigned fd = 0; fd < old->max_fds; fd++) {
		struct file *f = old->fd[fd];

		if (!fd_real(f))
			continue;   /* a reserved slot is not copied (Linux: same) */
		fs->fd[fd] = file_get(f);
		set_cloexec(fs, fd, get_cloexec(old, fd));
	}
	fs->next_fd = old->next_fd;
	spin_unlock(&old->lock);
	return fs;
}

void files_get(struct files_struct *fs)
{
	atomic_inc(&fs->count);
}

void files_put(struct files_struct *fs)
{
	if (!fs || atomic_dec(&fs->count) > 0)
		return;
	for (unsigned fd = 0; fd < fs->max_fds; fd++) {
		struct file *f = fs->fd[fd];

		if (fd_real(f)) {
			fs->fd[fd] = NULL;
			filp_close(f, fs);
		}
	}
	kfree(fs->fd);
	kfree(fs->close_on_exec);
	kfree(fs);
}

void files_close_on_exec(struct files_struct *fs)
{
	for (unsigned fd = 0;; fd++) {
		struct file *f;

		spin_lock(&fs->lock);
		if (fd >= fs->max_fds) {
			spin_unlock(&fs->lock);
			break;
		}
		f = fs->fd[fd];
		if (!fd_real(f) || !get_cloexec(fs, fd)) {
			spin_unlock(&fs->lock);
			continue;
		}
		fs->fd[fd] = NULL;
		set_cloexec(fs, fd, false);
		if (fd < fs->next_fd)
			fs->next_fd = fd;
		spin_unlock(&fs->lock);
		filp_close(f, fs);
	}
}

/* The file at fd of any table (procfs /proc/PID/fd later), referenced. */
struct file *files_lookup_fd(struct files_struct *fs, int fd)
{
	struct file *f = NULL;

	spin_lock(&fs->lock);
	if (fd >= 0 && (unsigned)fd < fs->max_fds && fd_real(fs->fd[fd]))
		f = file_get(fs->fd[fd]);
	spin_unlock(&fs->lock);
	return f;
}

/* ---- fs_struct ---- */

struct fs_struct init_fs = {
	.users = 1,
	.lock = SPINLOCK_INIT("init_fs.lock"),
	.umask = 022,
};

struct fs_struct *current_fs(void)
{
	struct fs_struct *fs = current->fs;

	return fs ? fs : &init_fs;
}

int current_umask(void)
{
	return current_fs()->umask;
}

struct fs_struct *fs_struct_create(void)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	fs->users = 1;
	spin_lock_init(&fs->lock, "fs_struct.lock");
	fs->umask = 022;
	fs->root = vfs_root_path();
	fs->pwd = vfs_root_path();
	return fs;
}

struct fs_struct *fs_struct_fork(struct fs_struct *old)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	fs->users = 1;
	spin_lock_init(&fs->lock, "fs_struct.lock");
	spin_lock(&old->lock);
	fs->umask = old->umask;
	fs->root = old->root;
	fs->pwd = old->pwd;
	path_get(&fs->root);
	path_get(&fs->pwd);
	spin_unlock(&old->lock);
	return fs;
}

void fs_struct_get(struct fs_struct *fs)
{
	atomic_inc(&fs->users);
}

void fs_struct_put(struct fs_struct *fs)
{
	if (!fs || fs == &init_fs || atomic_dec(&fs->users) > 0)
		return;
	path_put(&fs->root);
	path_put(&fs->pwd);
	kfree(fs);
}

/* Replace root or pwd (references: p is the caller's, a new one is taken). */
void fs_set_pwd(struct fs_struct *fs, const struct path *p)
{
	struct path old;

	path_get(p);
	spin_lock(&fs->lock);
	old = fs->pwd;
	fs->pwd = *p;
	spin_unlock(&fs->lock);
	path_put(&old);
}

void fs_set_root(struct fs_struct *fs, const struct path *p)
{
	struct path old;

	path_get(p);
	spin_lock(&fs->lock);
	old = fs->root;
	fs->root = *p;
	spin_unlock(&fs->lock);
	path_put(&old);
}
