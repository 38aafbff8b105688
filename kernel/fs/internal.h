/*
 * Private interfaces between the files of kernel/fs: the mount tree, the
 * path walk's state, tmpfs and devtmpfs internals, the page cache. Nothing
 * outside kernel/fs (and linuxabi/fs*.c, tests/ktest/vfs_*.c) includes it.
 */
#ifndef KERNEL_FS_INTERNAL_H
#define KERNEL_FS_INTERNAL_H

#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <string.h>

#define atomic_inc(p) __atomic_add_fetch((p), 1, __ATOMIC_ACQ_REL)
#define atomic_dec(p) __atomic_sub_fetch((p), 1, __ATOMIC_ACQ_REL)
/* Linux caps one read/write at INT_MAX rounded down to a page. */
#define MAX_RW_COUNT ((size_t)(0x7fffffff & PAGE_MASK))

#define atomic_read(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)

/* ---- mounts (namespace.c) ---- */
/*
 * A mount. Tree links (parent, mountpoint, children, hash) change under
 * namespace_mutex and mount_lock both, so the path walk reads them under
 * mount_lock alone; namespace membership and propagation (ns, share,
 * slaves, master, group_id, mflags) are namespace_mutex's.
 */
struct mount {
	struct vfsmount mnt;
	int count;                      /* references; atomic. The tree holds one for an
	                                 * attached mount, each child one for its parent */
	struct mount *parent;           /* itself for a namespace root or a detached mount */
	struct dentry *mountpoint;      /* in parent; referenced */
	struct list_head children;      /* mounts on this one, in mount order */
	struct list_head child_node;    /* in parent->children */
	struct hlist_node hash;         /* by (parent, mountpoint) */
	struct list_head all_node;      /* every mount (mount_lock) */
	struct mnt_namespace *ns;       /* NULL: not in a namespace (new or detached) */
	struct list_head ns_node;       /* in ns->mounts, in /proc/mounts order */
	struct list_head share;         /* peer group: circular list of peers */
	struct list_head slaves;        /* mounts receiving propagation from this one */
	struct list_head slave_node;    /* in master->slaves */
	struct mount *master;           /* NULL unless a slave */
	u32 group_id;                   /* peer group; 0: not shared */
	unsigned mflags;                /* MNTF_* */
	int expiry_mark;                /* MNT_EXPIRE: set by umount, cleared by any mntput */
	u32 prop_gen;                   /* propagation walk marks */
	struct mount *copy;             /* copy_tree: this mount's copy, while copying */
	struct list_head work_node;     /* umount and propagation work lists */
	struct mount *old_parent;       /* umount: what to drop once unlinked */
	struct dentry *old_mp;
	u32 id;
	char *devname;
};

#define MNTF_UNBINDABLE 0x1

struct mnt_namespace {
	int count;                      /* tasks using it; atomic */
	struct mount *root;             /* namespace_mutex */
	struct list_head mounts;        /* every mount in it (namespace_mutex) */
	unsigned nr_mounts;
	u64 inum;                       /* /proc/[pid]/ns/mnt */
};
extern struct mnt_namespace init_mnt_ns;

static inline struct mount *real_mount(const struct vfsmount *m)
{
	return container_of(m, struct mount, mnt);
}

extern spinlock_t mount_lock;
extern struct mutex namespace_mutex;
/* The mount attached at (mnt, dentry), referenced, or NULL. */
struct vfsmount *lookup_mnt(const struct path *p);
/* If p is a mountpoint, step to the top-most mount's root (references moved). */
int follow_mount(struct path *p);
struct vfsmount *vfs_kern_mount(struct file_system_type *t, int flags, const char *devname,
				void *data);
int do_add_mount(struct vfsmount *newm, const struct path *where);
/* Should a read or readdir through f update the atime (O_NOATIME, mount flags, relatime)? */
bool file_touch_atime_ok(struct file *f);
struct path vfs_root_path(void);   /* the initial root (referenced) */
void mnt_init(void);
int vfs_for_each_mount(int (*fn)(struct vfsmount *m, const char *devname, void *arg), void *arg);

/* ---- super blocks (super.c) ---- */
struct super_block *sget_nodev(struct file_system_type *t,
			       int (*fill)(struct super_block *sb, void *data), void *data);
void deactivate_super(struct super_block *sb);
void kill_litter_super(struct super_block *sb);   /* in-memory filesystems */
dev_t new_anon_dev(void);

/* ---- dcache (dcache.c) ---- */
extern spinlock_t dcache_lock;
void dcache_init(void);
/* Rename support: move d to new_parent/new_name; target (may be NULL) is dropped. */
void d_move(struct dentry *d, struct dentry *target);
void d_exchange(struct dentry *a, struct dentry *b);
bool is_subdir(struct dentry *d, struct dentry *ancestor);
/* Alloc with a kernel string name. */
struct dentry *d_alloc_name(struct dentry *parent, const char *name);

/* ---- inodes (inode.c) ---- */
void inode_set_ctime_now(struct inode *inode);
int inode_permission_real(struct inode *inode, int mask, bool real);
void file_remove_privs(struct inode *inode);
static inline bool inode_is_dir(const struct inode *i) { return i && S_ISDIR(i->i_mode); }

/* ---- path walk (namei.c) ---- */
#define LAST_NORM 0
#define LAST_ROOT 1
#define LAST_DOT 2
#define LAST_DOTDOT 3

/* The parent of the last component, locked (i_mutex), and the last's dentry
 * (negative or positive), for create/remove. */
struct lookup_result {
	struct path parent;   /* referenced; parent.dentry->d_inode->i_mutex held */
	struct dentry *d;     /* referenced */
	bool trailing_slash;
	int last_type;
};
/* For creating: d is negative or the call fails with -EEXIST (unless allow_exist). */
int lookup_create(const struct path *start, int dfd, const char *path, unsigned flags, bool is_dir,
		  struct lookup_result *r);
/* For removing/renaming: the last component, must exist (LAST_NORM). */
int lookup_for_delete(const struct path *start, int dfd, const char *path, unsigned flags,
		      struct lookup_result *r);
void lookup_done(struct lookup_result *r);
/* Lookup of one name under a locked dir (creates the dentry). */
struct dentry *lookup_one_locked(struct dentry *dir, const char *name, size_t len);
int vfs_remove_locked(struct inode *dir, struct dentry *d);   /* dir's i_mutex held */
int may_create_in(struct inode *dir);
int may_delete_in(struct inode *dir, struct dentry *victim, bool isdir);
int vfs_create_locked(struct inode *dir, struct dentry *d, umode_t mode, bool excl);
int vfs_mkdir_locked(struct inode *dir, struct dentry *d, umode_t mode);
int vfs_mknod_locked(struct inode *dir, struct dentry *d, umode_t mode, dev_t dev);
int vfs_symlink_locked(struct inode *dir, struct dentry *d, const char *target);
int vfs_link_locked(struct dentry *old, struct inode *dir, struct dentry *d);
int vfs_path_lookup_real(int dfd, const char *path, unsigned flags, struct path *out);
int open_create_lookup(const struct path *start, int dfd, const char *path, unsigned lflags,
		       int oflags, umode_t mode, struct path *out, bool *created);
/* vfs_open from a start path (NULL: dfd) with extra LOOKUP_* flags. */
struct file *do_vfs_open(const struct path *start, int dfd, const char *path, int flags,
			 umode_t mode, unsigned lflags);
long vfs_fcntl_lock(struct file *f, unsigned cmd, struct linux_flock *fl);
long vfs_flock(struct file *f, unsigned cmd);
int vfs_fchdir(struct file *f);
/* The body of a symlink, into buf (not terminated); length or -errno. */
ssize_t vfs_readlink_dentry(struct dentry *d, char *buf, size_t len);
/* Lock two directories for rename (ancestor first, else by address). */
void lock_rename(struct inode *a, struct inode *b);
void unlock_rename(struct inode *a, struct inode *b);
extern struct mutex rename_mutex;

/* ---- files (file.c, open.c) ---- */
struct file *alloc_empty_file(unsigned flags, const struct cred *cred);
void files_cache_init(void);
/* Open the object at p (referenced by the caller; the file takes its own). */
struct vfsmount *pseudo_mnt(void);       /* pipes and other unnamed files */
int mnt_want_write(struct vfsmount *m);   /* -EROFS on a read-only mount */
struct fs_struct *current_fs(void);        /* current->fs or the kernel's */
extern struct fs_struct init_fs;
int chrdev_open(struct inode *inode, struct file *f);
extern const struct file_operations def_chr_fops;
extern const struct file_operations def_fifo_fops;
int get_write_access(struct inode *inode);
void put_write_access(struct inode *inode);
int deny_write_access(struct inode *inode);
void allow_write_access(struct inode *inode);

/* ---- page cache (pagecache.c) ---- */
void mapping_init(struct address_space *m, struct inode *host);
/* The page at index, referenced; created (zeroed) if create, else NULL. */
struct page *mapping_get_page(struct address_space *m, u64 index, bool create);
/* Drop pages from index start on; zero the tail of the page holding byte `size`. */
void mapping_truncate(struct address_space *m, u64 size);
void page_get(struct page *p);
void page_put(struct page *p);

/* ---- tmpfs / devtmpfs ---- */
extern struct file_system_type tmpfs_type;
extern struct file_system_type devtmpfs_type;
void tmpfs_init(void);
void devtmpfs_init(void);
void mem_devices_init(void);
struct inode *tmpfs_get_inode(struct super_block *sb, struct inode *dir, umode_t mode, dev_t dev);
extern const struct inode_operations tmpfs_dir_iops;
/* dcache-based readdir for filesystems whose tree lives in the dcache */
int dcache_readdir(struct file *f, struct dir_context *ctx);
s64 dcache_dir_llseek(struct file *f, s64 off, int whence);

/* ---- pipes (pipe.c) ---- */
int fifo_open(struct inode *inode, struct file *f);
void free_pipe_info(struct pipe_inode_info *p);
unsigned pipe_nr_bytes(struct file *f);   /* FIONREAD */
long pipe_fcntl(struct file *f, unsigned cmd, unsigned long arg);
/* For splice.c: read/write with an explicit nonblock; waits for data or
 * room (bytes available, 0 at EOF, -errno); copy without consuming. */
ssize_t pipe_read_iter_nb(struct file *f, struct iov_iter *to, bool nonblock);
ssize_t pipe_write_iter_nb(struct file *f, struct iov_iter *from, bool nonblock);
ssize_t pipe_read_raw(struct file *f, struct iov_iter *to);   /* nonblocking, packets as bytes */
ssize_t pipe_wait_readable(struct file *f, bool nonblock);
ssize_t pipe_wait_writable(struct file *f, bool nonblock);
size_t pipe_peek(struct file *f, void *buf, size_t len);
bool pipe_same(struct file *a, struct file *b);

/* ---- signal-driven I/O (fasync.c) ---- */
/* O_ASYNC on (fd: the descriptor named in the signal) or off. 0/-ENOMEM. */
int file_set_async(struct file *f, int fd, bool on);
void file_async_release(struct file *f);   /* from file_free */
/* F_SETOWN, F_GETOWN, F_SETOWN_EX, F_GETOWN_EX, F_SETSIG, F_GETSIG */
long fcntl_owner(struct file *f, unsigned cmd, unsigned long arg);

/* ---- record locks (locks.c) ---- */
void locks_remove_posix(struct file *f, struct files_struct *owner);
void locks_remove_file(struct file *f);
void locks_free_ctx(struct inode *inode);

/* Interruptible wait helpers (there is no wait_event_interruptible yet). */
#define wait_event_interruptible_locked(wq, cond, m)                           \
	({                                                                     \
		struct wait_queue_entry __e;                                   \
		int __ret = 0;                                                 \
		init_wait_entry(&__e, 0);                                      \
		for (;;) {                                                     \
			prepare_to_wait((wq), &__e, TASK_INTERRUPTIBLE);       \
			if (cond)                                              \
				break;                                         \
			if (signal_pending(current)) {                         \
				__ret = -ERESTARTSYS;                          \
				break;                                         \
			}                                                      \
			mutex_unlock(m);                                       \
			schedule();                                            \
			mutex_lock(m);                                         \
		}                                                              \
		finish_wait((wq), &__e);                                       \
		__ret;                                                         \
	})

#endif
