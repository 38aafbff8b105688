/*
 * The virtual filesystem (kernel/fs): inodes, dentries, mounts, open files,
 * fd tables, path walk; tmpfs is the root, devtmpfs /dev, pipes and FIFOs.
 * This header is the contract with the rest of the kernel (processes, exec,
 * memory mappings, devices, ttys); kernel/fs owns the structure layouts and
 * adds the rest (inode/file operations, super blocks, mounts) here too.
 *
 * Objects and their lifetimes (all reference counted, atomically):
 *   super_block  one mounted filesystem instance
 *   inode        a file's identity and attributes; i_count references come
 *                from dentries and from the fs itself; freed (evicted) when
 *                the last reference goes, the data too once i_nlink is 0
 *   dentry       a name in a directory, pointing at an inode (or at none:
 *                negative); the dcache hashes them by (parent, name)
 *   mount        where a super block's tree is attached (parent mount and
 *                mountpoint dentry); the path walk crosses them
 *   file         an open file description: flags, offset, operations
 *   files_struct a process's fd table; fs_struct its root, cwd and umask
 *
 * f_flags hold Linux's O_* values (LINUX_O_* in linuxabi/uapi/fcntl.h).
 * Lock order: see docs/ARCHITECTURE.md (rename_mutex -> i_mutex of parent
 * directories, ancestor first -> i_mutex of children -> dcache_lock ->
 * d_lock/i_lock).
 */
#ifndef KERNEL_FS_H
#define KERNEL_FS_H

#include <kernel/list.h>
#include <kernel/mutex.h>
#include <kernel/spinlock.h>
#include <kernel/types.h>
#include <kernel/waitqueue.h>
#include <linuxabi/uapi/fcntl.h>

struct file;
struct inode;
struct dentry;
struct path;
struct files_struct;
struct fs_struct;
struct page;
struct super_block;
struct vfsmount;
struct poll_table;          /* defined with poll/select (next issue) */
struct pipe_inode_info;     /* kernel/fs/pipe.c */
struct fasync_state;        /* kernel/fs/fasync.c */
struct file_lock_ctx;       /* kernel/fs/locks.c */
struct seq_file;            /* kernel/seq_file.h */
struct block_device;        /* kernel/blkdev.h */
struct task;

typedef unsigned int umode_t;
typedef u32 dev_t;
typedef u32 uid_t;          /* as in proc.h */
typedef u32 gid_t;
#define MKDEV(ma, mi) ((dev_t)(((ma) << 20) | (mi)))   /* kernel-internal encoding */
#define MAJOR(d) ((unsigned)((d) >> 20))
#define MINOR(d) ((unsigned)((d) & 0xfffff))

#define PATH_MAX 4096       /* with the NUL */
#define NAME_MAX 255
#define MAXSYMLINKS 40
#define NR_OPEN_DEFAULT 1024     /* RLIMIT_NOFILE soft limit */
#define NR_OPEN_MAX (1024 * 1024)  /* fs.nr_open */

/* File types and permission bits (Linux's values, also the ABI). */
#define S_IFMT   0170000
#define S_IFSOCK 0140000
#define S_IFLNK  0120000
#define S_IFREG  0100000
#define S_IFBLK  0060000
#define S_IFDIR  0040000
#define S_IFCHR  0020000
#define S_IFIFO  0010000
#define S_ISUID  0004000
#define S_ISGID  0002000
#define S_ISVTX  0001000
#define S_IRWXU 00700
#define S_IRUSR 00400
#define S_IWUSR 00200
#define S_IXUSR 00100
#define S_IRWXG 00070
#define S_IRGRP 00040
#define S_IWGRP 00020
#define S_IXGRP 00010
#define S_IRWXO 00007
#define S_IROTH 00004
#define S_IWOTH 00002
#define S_IXOTH 00001
#define S_IALLUGO 07777
#define S_ISLNK(m)  (((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m)  (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)  (((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)  (((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)  (((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)

/* d_type values for readdir (DT_*, Linux's) */
#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12
static inline unsigned vfs_dtype(umode_t mode) { return (mode >> 12) & 15; }

/* Permission masks for inode_permission */
#define MAY_EXEC   0x1
#define MAY_WRITE  0x2
#define MAY_READ   0x4
#define MAY_APPEND 0x8
#define MAY_ACCESS 0x10   /* from access(2) (informational) */
#define MAY_OPEN   0x20
#define MAY_CHDIR  0x40

struct vfs_timespec {
	s64 tv_sec;
	long tv_nsec;
};
struct vfs_timespec vfs_now(void);   /* ktime_get_real_ns, split */

/*
 * I/O vectors. An iov_iter walks the destination (read) or source (write)
 * of a transfer: user iovecs (read, readv, pread ...) or one kernel buffer
 * (kernel_read for exec, kernel_write). Filesystems and drivers move data
 * only with copy_to_iter / copy_from_iter / iov_iter_zero, which return the
 * bytes actually moved and advance the iterator; a short count from a user
 * iterator means a fault: return what was moved so far, or -EFAULT if that
 * is nothing (Linux's convention for read/write). An iov_iter set up by
 * iov_iter_ubuf points into itself: pass it by pointer, never copy it.
 */
struct uvec {                /* one user segment; the layout of Linux's struct iovec */
	void __user *iov_base;
	size_t iov_len;
};

#define ITER_UVEC   1        /* user segments (in a kernel copy of the iovec array) */
#define ITER_KVEC   2        /* one kernel buffer */

struct iov_iter {
	int type;                /* ITER_* */
	const struct uvec *uv;   /* ITER_UVEC: current segment */
	unsigned long nr_segs;   /* segments left, the current one included */
	size_t seg_off;          /* bytes done in the current segment */
	void *kbuf;              /* ITER_KVEC: the next byte */
	size_t count;            /* bytes left in total */
	struct uvec ubuf;        /* storage for iov_iter_ubuf's single segment */
};

/* A single user buffer (read/write/pread/pwrite). */
void iov_iter_ubuf(struct iov_iter *it, void __user *buf, size_t n);
/* User segments already copied into the kernel (iov, nr); total: their summed length. */
void iov_iter_uvec(struct iov_iter *it, const struct uvec *iov, unsigned long nr, size_t total);
/* One kernel buffer. */
void iov_iter_kvec(struct iov_iter *it, void *buf, size_t n);
static inline size_t iov_iter_count(const struct iov_iter *it) { return it->count; }
size_t copy_to_iter(const void *kbuf, size_t n, struct iov_iter *it);
size_t copy_from_iter(void *kbuf, size_t n, struct iov_iter *it);
/* All that is left of it, copied into a new NUL-terminated buffer (kfree
 * it); ERR_PTR(-ENOMEM or -EFAULT). For small control-file writes: the
 * caller bounds the size first. */
char *copy_str_from_iter(struct iov_iter *it);
size_t iov_iter_zero(size_t n, struct iov_iter *it);
void iov_iter_advance(struct iov_iter *it, size_t n);
/* Shrink the remaining count to n (no-op if already smaller). */
void iov_iter_truncate(struct iov_iter *it, size_t n);
/* Copy the user iovec array (readv/writev) and check it like Linux: nr > 1024 or a
 * negative length is -EINVAL, -EFAULT for a bad array; a total past MAX_RW_COUNT
 * is shortened. On success *out is the array (fast_iov if nr <= UIO_FASTIOV, else
 * kmalloc'd: kfree it when it is not fast_iov) and the iterator is set up. */
#define UIO_FASTIOV 8
#define UIO_MAXIOV 1024
int import_uvec(const struct uvec __user *uiov, unsigned long nr, struct uvec *fast_iov,
		struct uvec **out, struct iov_iter *it);

/* A qstr: a name (not NUL-terminated in general) with its length and hash. */
struct qstr {
	const char *name;
	u32 len;
	u32 hash;
};
u32 vfs_name_hash(const void *salt, const char *name, u32 len);

/* Attributes as stat/statx report them. */
struct kstat {
	u32 result_mask;         /* STATX_* filled in */
	umode_t mode;
	u32 nlink;
	u32 blksize;
	u64 attributes;
	uid_t uid;
	gid_t gid;
	u64 ino;
	dev_t dev;
	dev_t rdev;
	u64 size;
	u64 blocks;              /* 512-byte units */
	struct vfs_timespec atime, mtime, ctime, btime;
	u32 mnt_id;
};

/* setattr: what to change (ATTR_*) and the new values. */
#define ATTR_MODE      0x001
#define ATTR_UID       0x002
#define ATTR_GID       0x004
#define ATTR_SIZE      0x008
#define ATTR_ATIME     0x010
#define ATTR_MTIME     0x020
#define ATTR_CTIME     0x040
#define ATTR_ATIME_SET 0x080   /* an explicit time, not "now" */
#define ATTR_MTIME_SET 0x100
#define ATTR_FORCE     0x200   /* skip permission checks */
#define ATTR_KILL_SUID 0x800
#define ATTR_KILL_SGID 0x1000
#define ATTR_TOUCH     0x2000  /* utimensat with times "now": write permission suffices */

struct iattr {
	unsigned ia_valid;
	umode_t ia_mode;
	uid_t ia_uid;
	gid_t ia_gid;
	u64 ia_size;
	struct vfs_timespec ia_atime, ia_mtime, ia_ctime;
	struct file *ia_file;    /* ftruncate: the open file, else NULL */
};

/* readdir: the fs calls actor for each entry from ctx->pos on and updates pos;
 * actor returns false when the caller's buffer is full (stop, keep pos). */
struct dir_context;
typedef bool (*filldir_t)(struct dir_context *ctx, const char *name, int namelen,
			  s64 pos, u64 ino, unsigned dtype);
struct dir_context {
	filldir_t actor;
	s64 pos;
};
/* Emit the "." and ".." entries at pos 0 and 1; false if the buffer filled. */
bool dir_emit_dots(struct file *f, struct dir_context *ctx);

/*
 * How a disk file system fills and writes the pages of its files. Without
 * them (tmpfs) the pages are the storage. readpage fills a new page (zero
 * for holes and past the end) and is called with the mapping's lock held;
 * writepage writes a dirty page to disk (called without the lock, the page
 * referenced); both return 0 or -errno.
 */
struct address_space;
struct address_space_operations {
	int (*readpage)(struct address_space *m, struct page *page, u64 index);
	int (*writepage)(struct address_space *m, struct page *page, u64 index);
	/* Optional, for read-ahead: fill the n new pages of indices index..
	 * index+n-1 (zeroed, not in the cache yet) in as few large I/Os as
	 * the layout allows; called with the mapping's lock held. */
	int (*readpages)(struct address_space *m, struct page **pages, u64 index, unsigned n);
	/* Optional: write n consecutive dirty pages (index..index+n-1,
	 * referenced, their dirty marks cleared) in as few large I/Os as the
	 * layout allows; called without the lock. On error all are redirtied. */
	int (*writepages)(struct address_space *m, struct page **pages, u64 index, unsigned n);
};

/* Page cache of one inode: pages by index, in a radix tree. */
struct address_space {
	struct mutex lock;       /* the tree and nrpages; sleeps while allocating */
	void *root;              /* radix node (kernel/fs/pagecache.c) */
	unsigned height;         /* levels below root */
	u64 nrpages;
	u64 nrdirty;             /* pages with PG_dirty (lock) */
	struct inode *host;
	const struct address_space_operations *a_ops;   /* NULL: memory-only (tmpfs) */
	/* Reclaim (pagecache.c): on the list of mappings whose clean pages
	 * can be dropped while it has pages (disk files only); busy while
	 * the shrinker works on it, which its teardown waits out. */
	struct list_head lru;
	bool reclaim_busy;
	u64 ra_next;             /* read-ahead: the index a sequential reader asks for next (lock) */
	u32 ra_pages;            /* read-ahead: the current window, 0 after random access (lock) */
	/* The VMAs that map this file (kernel/mm: struct vma.i_mmap_node),
	 * so truncation can unmap what lies past the new end (Linux's
	 * i_mmap). Taken inside mm->lock. */
	spinlock_t i_mmap_lock;
	struct list_head i_mmap;
	unsigned long i_mmap_nr; /* VMAs on i_mmap (i_mmap_lock) */
};
/* The inode is going: take the mapping off the reclaim list (after its
 * pages are gone). */
void mapping_release(struct address_space *m);
/* Free up to `want` clean, unused page-cache pages of disk files (memory
 * pressure: the page allocator calls it). Returns the pages freed. */
unsigned long pagecache_shrink(unsigned long want);
/* Pages in all page caches (Cached: in /proc/meminfo). */
unsigned long pagecache_pages(void);
unsigned long pagecache_file_pages(void);   /* of them, disk files' (reclaimable) */
/* For disk file systems: the page at index, read through a_ops if it was
 * not cached; referenced, or ERR_PTR(-EIO/-ENOMEM). */
struct page *mapping_read_page(struct address_space *m, u64 index);
/* The page's data changed: write-back will pass it to a_ops->writepage. */
void mapping_set_page_dirty(struct address_space *m, struct page *page);
/* Write every dirty page of the mapping (fsync, sync_fs, umount): 0 or
 * the first error (failed pages stay dirty). */
int mapping_writeback(struct address_space *m);

struct inode_operations {
	/* dir: find name in dir and d_add() the result (inode or NULL); may
	 * return another dentry to use instead, NULL, or ERR_PTR. */
	struct dentry *(*lookup)(struct inode *dir, struct dentry *d, unsigned flags);
	int (*create)(struct inode *dir, struct dentry *d, umode_t mode, bool excl);
	int (*link)(struct dentry *old, struct inode *dir, struct dentry *d);
	int (*unlink)(struct inode *dir, struct dentry *d);
	int (*symlink)(struct inode *dir, struct dentry *d, const char *target);
	int (*mkdir)(struct inode *dir, struct dentry *d, umode_t mode);
	int (*rmdir)(struct inode *dir, struct dentry *d);
	int (*mknod)(struct inode *dir, struct dentry *d, umode_t mode, dev_t rdev);
	/* flags: LINUX_RENAME_NOREPLACE/EXCHANGE; the VFS has done the checks. */
	int (*rename)(struct inode *old_dir, struct dentry *old, struct inode *new_dir,
		      struct dentry *new, unsigned flags);
	/* An unnamed regular file in dir (O_TMPFILE), instantiated into d. */
	int (*tmpfile)(struct inode *dir, struct dentry *d, umode_t mode);
	/* symlink: the target; *to_free (if set) is kfree'd after use. */
	const char *(*get_link)(struct dentry *d, struct inode *inode, void **to_free);
	/* Magic links (procfs fd/N, exe, cwd, root): following one lands on
	 * the object itself (referenced into *out), not on a path spelled by
	 * its text, so a pipe or a deleted file opens too. NULL: get_link. */
	int (*get_link_path)(struct dentry *d, struct path *out);
	int (*permission)(struct inode *inode, int mask);   /* NULL: generic mode bits */
	int (*setattr)(struct dentry *d, struct iattr *attr);  /* NULL: simple_setattr */
	int (*getattr)(struct dentry *d, struct kstat *st);    /* NULL: generic_fillattr */
	/* Extended attributes by full name ("user.x", "trusted.overlay.opaque");
	 * the VFS (kernel/fs/xattr.c) has checked the name, the namespace and
	 * the permissions. get/list with size 0 return the length needed;
	 * -ERANGE when it does not fit; -ENODATA for a missing name. set takes
	 * XATTR_CREATE/XATTR_REPLACE. NULL ops: -EOPNOTSUPP. set and remove
	 * run with the inode's i_mutex held and update ctime themselves; list
	 * returns every name (the VFS hides trusted.* from the unprivileged).
	 * In-memory filesystems can use kernel/xattr.h's simple_xattr_*. */
	ssize_t (*getxattr)(struct dentry *d, const char *name, void *buf, size_t size);
	int (*setxattr)(struct dentry *d, const char *name, const void *value, size_t size,
			int flags);
	ssize_t (*listxattr)(struct dentry *d, char *buf, size_t size);
	int (*removexattr)(struct dentry *d, const char *name);
};

#define XATTR_CREATE  0x1
#define XATTR_REPLACE 0x2
#define XATTR_NAME_MAX 255
#define XATTR_SIZE_MAX 65536
#define XATTR_LIST_MAX 65536
/* The VFS side, for syscalls and for overlayfs (kernel strings, kernel
 * buffers; permission checks as for a caller with current's credentials). */
ssize_t vfs_getxattr(struct dentry *d, const char *name, void *buf, size_t size);
int vfs_setxattr(struct dentry *d, const char *name, const void *value, size_t size, int flags);
ssize_t vfs_listxattr(struct dentry *d, char *buf, size_t size);
int vfs_removexattr(struct dentry *d, const char *name);

struct file_operations {
	s64 (*llseek)(struct file *f, s64 off, int whence);  /* NULL: -ESPIPE */
	/* read/write at *pos (the caller holds f_pos_lock when it is f_pos and
	 * updates it from *pos). Return bytes moved or -errno; -EAGAIN for
	 * O_NONBLOCK; -ERESTARTSYS if a signal ended a sleep with nothing done. */
	ssize_t (*read_iter)(struct file *f, struct iov_iter *to, u64 *pos);
	ssize_t (*write_iter)(struct file *f, struct iov_iter *from, u64 *pos);
	int (*iterate)(struct file *f, struct dir_context *ctx);   /* readdir */
	unsigned (*poll)(struct file *f, struct poll_table *pt);  /* reserved: poll/select */
	/* -ENOTTY (or -ENOIOCTLCMD) for a command it does not know */
	long (*ioctl)(struct file *f, unsigned cmd, unsigned long arg);
	int (*open)(struct inode *inode, struct file *f);
	int (*flush)(struct file *f);                               /* every close(2) */
	int (*release)(struct inode *inode, struct file *f);      /* last reference */
	int (*fsync)(struct file *f, bool datasync);
	long (*fallocate)(struct file *f, int mode, u64 off, u64 len);
	/* mmap support beyond the page cache (devices); NULL: file_get_page */
	struct page *(*get_page)(struct file *f, u64 index);
	/* O_ASYNC works (Linux's ->fasync): its poll queues' wakeups send SIGIO
	 * (kernel/fs/fasync.c). Without it F_SETFL drops O_ASYNC, as Linux. */
	bool fasync;
};

/* statfs results, in kernel form */
struct linux_statfs_k {
	u64 f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	u64 f_fsid, f_namelen, f_frsize, f_flags;
};

struct super_operations {
	struct inode *(*alloc_inode)(struct super_block *sb);   /* NULL: kzalloc */
	void (*free_inode)(struct inode *inode);
	/* The last reference is gone: drop the data if nlink is 0. */
	void (*evict_inode)(struct inode *inode);
	int (*statfs)(struct dentry *d, struct linux_statfs_k *st);
	void (*put_super)(struct super_block *sb);
	/* Write back what is dirty; with wait, make it durable before returning
	 * (sync, syncfs, umount, the periodic flusher with wait=false). */
	int (*sync_fs)(struct super_block *sb, bool wait);
	/* MS_REMOUNT: change SB_* flags in *flags (and fs options in data);
	 * e.g. -EROFS/-EBUSY to refuse. NULL: only the generic flags change. */
	int (*remount_fs)(struct super_block *sb, unsigned *flags, void *data);
	/* The fs-specific options for /proc/mounts (",errors=remount-ro" ...),
	 * each starting with a comma. NULL: none. */
	int (*show_options)(struct seq_file *m, struct super_block *sb);
};

struct file_system_type {
	const char *name;
	unsigned fs_flags;
	/* Make a super block (with s_root) for a mount; ERR_PTR on failure.
	 * flags: SB_RDONLY for a read-only mount (MNT_RDONLY is set too, for
	 * older callers; test SB_RDONLY). */
	struct super_block *(*mount)(struct file_system_type *t, int flags,
				     const char *source, void *data);
	void (*kill_sb)(struct super_block *sb);
	struct file_system_type *next;   /* register list (fs_type_lock) */
};
int register_filesystem(struct file_system_type *t);
struct file_system_type *get_fs_type(const char *name);

/* MS_* mount flags kept on super blocks and mounts (Linux's values) */
#define SB_RDONLY  1
#define SB_NOSUID  2
#define SB_NODEV   4
#define SB_NOEXEC  8

struct super_block {
	dev_t s_dev;
	unsigned long s_magic;
	unsigned s_flags;                   /* SB_*; set at mount */
	u32 s_blocksize;
	u64 s_maxbytes;
	struct dentry *s_root;
	const struct super_operations *s_op;
	struct file_system_type *s_type;
	int s_active;                       /* mounts using it; atomic */
	spinlock_t s_lock;                  /* s_inodes, s_next_ino */
	struct list_head s_inodes;          /* every inode of this sb (s_lock) */
	u64 s_next_ino;                     /* for filesystems that number inodes themselves */
	u64 s_nr_inodes;                    /* s_lock */
	struct block_device *s_bdev;        /* disk-backed file systems, else NULL */
	char s_id[32];                      /* "vda", "tmpfs": for messages */
	void *s_fs_info;
};

struct inode {
	u64 i_ino;
	umode_t i_mode;                     /* i_mutex to change (and i_lock for readers that care) */
	u32 i_nlink;                        /* i_mutex (of the inode); read unlocked */
	uid_t i_uid;
	gid_t i_gid;
	dev_t i_rdev;                       /* device nodes */
	u64 i_size;                         /* i_mutex; read with READ_ONCE */
	u64 i_blocks;                       /* 512-byte units */
	struct vfs_timespec i_atime, i_mtime, i_ctime, i_btime;  /* i_lock */
	unsigned i_flags;                   /* S_* inode flags below */
	int i_count;                        /* references; atomic */
	int i_writecount;                   /* >0 writers, <0 denied (exec); i_lock */
	spinlock_t i_lock;                  /* times, i_writecount, i_dentry */
	struct mutex i_mutex;               /* serializes changes: dir entries, size, data */
	struct super_block *i_sb;
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;  /* default fops for open */
	struct address_space i_data;        /* page cache (regular files) */
	struct address_space *i_mapping;    /* &i_data */
	struct pipe_inode_info *i_pipe;     /* FIFOs and pipes: created on first open (i_mutex) */
	const char *i_link;                 /* fast symlink target (tmpfs), owned by the inode */
	struct file_lock_ctx *i_flctx;      /* record locks (i_lock) */
	struct list_head i_sb_node;         /* in i_sb->s_inodes (s_lock) */
	struct list_head i_dentry;          /* aliases: dentries pointing here (i_lock) */
	u64 i_dir_seq;                      /* dirs: next readdir position handed out (i_mutex) */
	u64 i_version;                      /* bumped on change */
	void *i_private;
};

#define S_NOATIME 0x1   /* i_flags */
#define S_DEAD    0x2   /* directory removed: no new entries */
#define S_TMPFILE_LINKABLE 0x4   /* O_TMPFILE without O_EXCL: linkat may name it */

struct inode *new_inode(struct super_block *sb);  /* i_count 1, on s_inodes; NULL on -ENOMEM */
void ihold(struct inode *inode);
void iput(struct inode *inode);
void inode_init_owner(struct inode *inode, struct inode *dir, umode_t mode);  /* fsuid, fsgid, setgid dirs */
void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev);
void set_nlink(struct inode *inode, u32 n);
void inc_nlink(struct inode *inode);
void drop_nlink(struct inode *inode);
void inode_touch(struct inode *inode, bool atime, bool mtime, bool ctime);
int inode_permission(struct inode *inode, int mask);
int generic_permission(struct inode *inode, int mask);
void generic_fillattr(struct inode *inode, struct kstat *st);
int simple_setattr(struct dentry *d, struct iattr *attr);
/* Inode must be owned by fsuid (or root): chmod, utimes, ... */
bool inode_owner_or_capable(const struct inode *inode);

/* dentries */
#define DCACHE_MOUNTED   0x1   /* something is mounted here */
#define DCACHE_HASHED    0x2   /* in the hash table and the parent's d_subdirs */
#define DCACHE_PINNED    0x4   /* the fs holds a reference (tmpfs: the tree lives in the dcache) */
#define DCACHE_DISCONNECTED 0x8
/* procfs per-process names: never found by d_lookup (each walk asks the fs
 * again, so a dead pid's entries are never served) and freed at the last
 * dput; still hashed, so d_path does not call them deleted. */
#define DCACHE_NOCACHE   0x10

struct dentry {
	int d_count;                        /* references; atomic */
	unsigned d_flags;                   /* DCACHE_*; dcache_lock */
	struct inode *d_inode;              /* NULL: negative; dcache_lock + parent's i_mutex to change */
	struct dentry *d_parent;            /* itself at a root; dcache_lock (rename) */
	struct qstr d_name;                 /* dcache_lock (rename) */
	char d_iname[40];                   /* short names live here */
	struct super_block *d_sb;
	struct hlist_node d_hash;           /* dcache hash chain (dcache_lock) */
	struct list_head d_child;           /* in d_parent->d_subdirs, in position order (dcache_lock) */
	struct list_head d_subdirs;         /* children (dcache_lock) */
	struct list_head d_alias;           /* in d_inode->i_dentry (i_lock) */
	u64 d_dirpos;                       /* readdir position in the parent (dcache_lock) */
	int d_mounted;                      /* mounts on this dentry (mount_lock) */
	void *d_fsdata;
};

struct dentry *dget(struct dentry *d);
void dput(struct dentry *d);
struct dentry *d_alloc(struct dentry *parent, const struct qstr *name);  /* negative, unhashed; NULL */
void d_add(struct dentry *d, struct inode *inode);  /* hash it, inode may be NULL (negative) */
void d_instantiate(struct dentry *d, struct inode *inode);  /* negative -> positive */
void d_pin(struct dentry *d);       /* tmpfs: the fs keeps a reference */
void d_unpin(struct dentry *d);
void d_drop(struct dentry *d);       /* unhash and unlink from parent */
struct dentry *d_lookup(struct dentry *parent, const struct qstr *name);  /* referenced or NULL */
struct dentry *d_make_root(struct inode *root);
bool d_unhashed(struct dentry *d);
bool d_mountpoint(struct dentry *d);
/* Path of d (under mnt) as seen from root into buf's end; returns the start or ERR_PTR. */
char *d_path(const struct vfsmount *mnt, const struct dentry *d, char *buf, size_t len);

/* Mounts */
#define MNT_NOSUID  0x01
#define MNT_NODEV   0x02
#define MNT_NOEXEC  0x04
#define MNT_NOATIME 0x08
#define MNT_NODIRATIME 0x10
#define MNT_RELATIME 0x20
#define MNT_RDONLY  0x40
#define MNT_NOSYMFOLLOW 0x80
#define MNT_ATIME_MASK (MNT_NOATIME | MNT_NODIRATIME | MNT_RELATIME)

struct vfsmount {
	struct dentry *mnt_root;
	struct super_block *mnt_sb;
	unsigned mnt_flags;                  /* MNT_* */
};

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};
void path_get(const struct path *p);
void path_put(const struct path *p);
static inline bool path_equal(const struct path *a, const struct path *b)
{
	return a->mnt == b->mnt && a->dentry == b->dentry;
}

/* For filesystems (procfs, sysfs, overlayfs ...): a super block without a
 * device (fill sets s_root, s_op, s_magic; returns 0 or -errno), the usual
 * teardown of an in-memory tree, an anonymous st_dev, dcache-tree readdir. */
struct super_block *sget_nodev(struct file_system_type *t,
			       int (*fill)(struct super_block *sb, void *data), void *data);
void kill_litter_super(struct super_block *sb);
void deactivate_super(struct super_block *sb);
dev_t new_anon_dev(void);
struct dentry *d_alloc_name(struct dentry *parent, const char *name);
int dcache_readdir(struct file *f, struct dir_context *ctx);
s64 dcache_dir_llseek(struct file *f, s64 off, int whence);
/* Look up one name in dir whose i_mutex the caller holds (creates the dentry). */
struct dentry *lookup_one_locked(struct dentry *dir, const char *name, size_t len);
/* /proc/[pid]/mounts and /proc/[pid]/mountinfo: the mounts of t's mount
 * namespace that t's root can see, in Linux's formats (kernel/fs/namespace.c). */
int vfs_show_mounts(struct seq_file *m, struct task *t);
int vfs_show_mountinfo(struct seq_file *m, struct task *t);
/* Write back every mounted file system (sync(2); wait as in sync_fs). */
void vfs_sync_all(bool wait);
/* The periodic flusher thread (kernel/fs/writeback.c): after vfs_init. */
void writeback_init(void);
/* Every mount, in mount order, for /proc/mounts (no lock held while fn runs). */
int vfs_for_each_mount(int (*fn)(struct vfsmount *m, const char *devname, void *arg), void *arg);

/* Mount a filesystem of type fstype at the path (kernel string) dir. */
int vfs_mount(const char *source, const char *dir, const char *fstype, unsigned mnt_flags,
	      void *data);
int vfs_umount(const char *dir, int flags);
/* mount(2) and pivot_root(2) on kernel strings (dev, type, data may be NULL):
 * Linux's path_mount with MS_* flags, its checks and errno. */
int vfs_do_mount(const char *dev, const char *dir, const char *type, unsigned long flags,
		 void *data);
int vfs_pivot_root(const char *new_root, const char *put_old);

/* Mount namespaces (kernel/fs/namespace.c): a tree of mounts each, hanging
 * off the task (task->mnt_ns; NULL in kernel threads: the initial one). */
struct mnt_namespace;
struct mnt_namespace *current_mnt_ns(void);
void get_mnt_ns(struct mnt_namespace *ns);
void put_mnt_ns(struct mnt_namespace *ns);   /* the last one detaches the whole tree */
/* A copy of ns's tree (CLONE_NEWNS); fs's root and cwd move to the copies. */
struct mnt_namespace *copy_mnt_ns(struct mnt_namespace *ns, struct fs_struct *fs);
u64 mnt_ns_inum(struct mnt_namespace *ns);   /* NULL: the initial one's */
/* setns(CLONE_NEWNS): current joins ns (referenced by the caller's fd);
 * root and cwd go to its root. */
int mnt_ns_enter(struct mnt_namespace *ns);
struct vfsmount *mntget(struct vfsmount *m);
void mntput(struct vfsmount *m);
bool mnt_readonly(const struct vfsmount *m);
u32 mnt_id(const struct vfsmount *m);

/* Open files */
#define FMODE_READ   0x1
#define FMODE_WRITE  0x2
#define FMODE_LSEEK  0x4
#define FMODE_PREAD  0x8
#define FMODE_PWRITE 0x10
#define FMODE_EXEC   0x20
#define FMODE_PATH   0x40       /* O_PATH: no I/O */
#define FMODE_ATOMIC_POS 0x80   /* take f_pos_lock for read/write (regular files, dirs) */
#define FMODE_STREAM 0x100      /* no position (pipes, sockets, ttys) */
#define FMODE_WRITE_DENIED 0x200  /* exec_open took a deny-write on the inode */

struct file {
	int f_count;                         /* references; atomic */
	unsigned f_flags;                    /* LINUX_O_* (without O_CLOEXEC/O_CREAT/...); f_lock */
	unsigned f_mode;                     /* FMODE_*; fixed at open */
	spinlock_t f_lock;                   /* f_flags (F_SETFL) */
	struct mutex f_pos_lock;             /* read/write/lseek/getdents on this description */
	u64 f_pos;                           /* f_pos_lock */
	struct path f_path;                  /* references held */
	struct inode *f_inode;               /* f_path.dentry->d_inode at open */
	const struct file_operations *f_op;
	const struct cred *f_cred;           /* opener's credentials (referenced) */
	void *private_data;                  /* the driver's / fs's */
	u64 f_version;                       /* readdir cookie helper */
	struct hlist_head f_ep;              /* epoll items watching this file (kernel/fs/eventpoll.c) */
	struct fasync_state *f_async;        /* F_SETOWN/F_SETSIG/O_ASYNC (kernel/fs/fasync.c), or NULL */
};

struct file *file_get(struct file *f);   /* another reference */
void fput(struct file *f);
/* A file not reached through a path (pipes, sockets later): a new anonymous
 * inode's file with these ops and flags; ERR_PTR. */
struct file *alloc_file_pseudo(struct inode *inode, const char *name, unsigned flags,
			       const struct file_operations *fops);
/* Generic llseek for files with a size (SEEK_DATA/HOLE treat all as data). */
s64 generic_file_llseek(struct file *f, s64 off, int whence);
s64 no_seek_end_llseek(struct file *f, s64 off, int whence);   /* devices: SET/CUR only, any value */
s64 noop_llseek(struct file *f, s64 off, int whence);          /* accepts, returns f_pos */
/* Read/write a regular file through its page cache. */
ssize_t generic_file_read_iter(struct file *f, struct iov_iter *to, u64 *pos);
ssize_t generic_file_write_iter(struct file *f, struct iov_iter *from, u64 *pos);
/* For a regular file's write_iter, after O_APPEND has fixed pos: Linux's
 * generic_write_check_limits. RLIMIT_FSIZE (reached: SIGXFSZ and -EFBIG;
 * crossed: the write is cut short), then the file system's largest size
 * (-EFBIG). Truncates from; 0 or -EFBIG. */
int file_write_limits(struct inode *inode, u64 pos, struct iov_iter *from);

void vfs_init(void);                 /* tmpfs root mounted at /, devtmpfs at /dev */
void ovl_init(void);                 /* overlayfs/: registers "overlay" */
void ext4_init(void);                /* kernel/fs/ext4: registers ext4, ext3, ext2 */
/* Unpack a cpio newc archive (gzip too once zlib is in) into the root. */
int initramfs_unpack(const void *data, size_t len);
/* The same, below the directory dir (kernel path): tests. */
int cpio_unpack_at(const char *dir, const void *data, size_t len);

/* Open an already resolved path with LINUX_O_* flags, with no permission
 * checks: the caller made them (overlayfs opening the real file under one
 * the user opened). ERR_PTR. */
struct file *vfs_open_path(const struct path *p, unsigned flags);

/* Open files, by kernel-space path relative to current's root and cwd. */
struct file *filp_open(const char *path, int flags, umode_t mode);   /* ERR_PTR */
ssize_t kernel_read(struct file *f, void *buf, size_t n, u64 *pos);
ssize_t kernel_write(struct file *f, const void *buf, size_t n, u64 *pos);
struct file *fget(int fd);               /* current's fd, referenced; NULL if bad */
/* fget, but also O_PATH files (fstat, fchdir, *at dirfds); NULL if bad */
struct file *fget_raw(int fd);
/*
 * fdget/fdput: current's fd for the length of one syscall, without a
 * reference when the table is current's alone (files->count == 1: only
 * current could close the fd, and it is busy in this syscall), as Linux's
 * fdget. The file must not outlive the syscall nor be kept anywhere;
 * a syscall that may close or replace descriptors itself uses fget.
 */
struct fd {
	struct file *file;                   /* NULL: bad fd (or O_PATH) */
	bool put;                            /* a reference to drop */
};
struct fd fdget(int fd);
static inline void fdput(struct fd f)
{
	if (f.put)
		fput(f.file);
}
int fd_install_new(struct file *f, unsigned cloexec);  /* lowest free fd or -EMFILE */

/* For exec: open for execution (search and exec permission, regular file,
 * not open for writing: -ETXTBSY). Returns the file or ERR_PTR. The file
 * holds a deny-write until fput; file_deny_write adds another (mapping). */
struct file *exec_open(const char *path);
void file_deny_write(struct file *f);    /* while mapped by a running program */
void file_allow_write(struct file *f);
/* The same as exec_open, relative to dirfd (execveat) with AT_* flags. */
struct file *exec_open_at(int dirfd, const char *path, int at_flags);

/* For memory mappings (kernel/mm): the page at index of f's page cache,
 * with a reference; ERR_PTR(-EIO/-ENOMEM), or NULL past the end of file. */
struct page *file_get_page(struct file *f, u64 index);
u64 file_size(struct file *f);
int file_accmode(struct file *f);        /* LINUX O_RDONLY/O_WRONLY/O_RDWR */
bool file_mmap_ok(struct file *f);       /* the file type supports mmap */
bool file_noexec(struct file *f);        /* on a noexec mount */
/* Drop a page reference taken by file_get_page (frees it at zero). */
void file_put_page(struct page *p);

/* Per-process tables */
struct files_struct {
	int count;                           /* tasks sharing it; atomic */
	spinlock_t lock;                     /* everything below */
	unsigned max_fds;                    /* size of fd[] and the bitmaps */
	struct file **fd;                    /* NULL: free slot */
	unsigned long *close_on_exec;        /* bit per fd */
	unsigned next_fd;                    /* lowest possibly free fd */
};
struct files_struct *files_create(void);
struct files_struct *files_fork(struct files_struct *old);   /* copy, or NULL */
void files_get(struct files_struct *fs);
void files_put(struct files_struct *fs);
void files_close_on_exec(struct files_struct *fs);

struct fs_struct {
	int users;                           /* atomic */
	spinlock_t lock;                     /* root, pwd, umask */
	int umask;
	struct path root, pwd;
};
struct fs_struct *fs_struct_create(void);                    /* root and cwd = / */
struct fs_struct *fs_struct_fork(struct fs_struct *old);
void fs_struct_get(struct fs_struct *fs);
void fs_struct_put(struct fs_struct *fs);
int current_umask(void);

/* fd-table operations for syscalls (current's table) */
int fd_alloc(unsigned start, unsigned cloexec);  /* reserve the lowest free fd >= start */
void fd_install(int fd, struct file *f);         /* fill a reserved fd (takes f's reference) */
void fd_free_reserved(int fd);                   /* undo fd_alloc */
int fd_close(int fd);                            /* -EBADF or 0 (flush result ignored) */
int fd_dup2(struct file *f, unsigned newfd, unsigned cloexec);  /* replace newfd; -EBADF/-EMFILE */
int fd_get_cloexec(int fd);                      /* 0/1 or -EBADF */
int fd_set_cloexec(int fd, bool on);
unsigned long fd_nofile_limit(void);             /* RLIMIT_NOFILE soft limit of current */
int fd_close_range(unsigned lo, unsigned hi, bool cloexec_only);
/* The file at fd in any table (procfs), referenced, or NULL. */
struct file *files_lookup_fd(struct files_struct *fs, int fd);
void fs_set_pwd(struct fs_struct *fs, const struct path *p);
void fs_set_root(struct fs_struct *fs, const struct path *p);

/*
 * Path walk. Paths are kernel strings; dfd is a directory fd or
 * LINUX_AT_FDCWD. LOOKUP_* flags below.
 */
#define LOOKUP_FOLLOW     0x0001   /* follow a symlink in the last component */
#define LOOKUP_DIRECTORY  0x0002   /* the result must be a directory */
#define LOOKUP_EMPTY      0x0004   /* "" means dfd itself (AT_EMPTY_PATH) */
#define LOOKUP_NO_SYMLINKS 0x0010  /* RESOLVE_NO_SYMLINKS: -ELOOP on any */
#define LOOKUP_NO_XDEV    0x0020   /* RESOLVE_NO_XDEV: -EXDEV crossing a mount */
#define LOOKUP_BENEATH    0x0040   /* RESOLVE_BENEATH: -EXDEV leaving dfd */
#define LOOKUP_IN_ROOT    0x0080   /* RESOLVE_IN_ROOT: dfd acts as the root */
#define LOOKUP_NO_MAGICLINKS 0x0100
#define LOOKUP_OPEN       0x0200
#define LOOKUP_CREATE     0x0400
#define LOOKUP_EXCL       0x0800

int vfs_path_lookup(int dfd, const char *path, unsigned flags, struct path *out);
/* From a given start (NULL: current's cwd/root) instead of a dfd. */
int vfs_path_lookup_at(const struct path *start, const char *path, unsigned flags,
		       struct path *out);
int kern_path(const char *path, unsigned flags, struct path *out);

/* The operations behind the syscalls, on kernel strings (the tests use them). */
struct file *vfs_open(int dfd, const char *path, int flags, umode_t mode, unsigned resolve);
int vfs_mkdirat(int dfd, const char *path, umode_t mode);
int vfs_mknodat(int dfd, const char *path, umode_t mode, dev_t dev);
int vfs_rmdirat(int dfd, const char *path);
int vfs_unlinkat(int dfd, const char *path);
int vfs_symlinkat(const char *target, int dfd, const char *path);
int vfs_linkat(int olddfd, const char *oldpath, int newdfd, const char *newpath, int flags);
int vfs_renameat2(int olddfd, const char *oldpath, int newdfd, const char *newpath,
		  unsigned flags);
ssize_t vfs_readlinkat(int dfd, const char *path, char *buf, size_t len);
/* The same on one name in a directory given as a path (kernel users such
 * as overlayfs, whose real directories may lie outside current's root);
 * no umask; vfs_remove_in unlinks or removes an (empty) directory. */
int vfs_mkdir_in(const struct path *dir, const char *name, umode_t mode);
int vfs_mknod_in(const struct path *dir, const char *name, umode_t mode, dev_t dev);
int vfs_symlink_in(const struct path *dir, const char *name, const char *target);
int vfs_link_in(const struct path *old, const struct path *dir, const char *name);
int vfs_remove_in(const struct path *dir, const char *name);
int vfs_rename_from(const struct path *ostart, int olddfd, const char *oldpath,
		    const struct path *nstart, int newdfd, const char *newpath, unsigned flags);
int vfs_statat(int dfd, const char *path, int at_flags, struct kstat *st);
int vfs_getattr(const struct path *p, struct kstat *st);
int vfs_truncate_path(int dfd, const char *path, u64 len);
int vfs_ftruncate(struct file *f, u64 len);
int vfs_chmodat(int dfd, const char *path, umode_t mode, int at_flags);
int vfs_fchmod(struct file *f, umode_t mode);
int vfs_chownat(int dfd, const char *path, uid_t uid, gid_t gid, int at_flags);
int vfs_fchown(struct file *f, uid_t uid, gid_t gid);
int vfs_setattr(const struct path *p, struct iattr *attr);
int vfs_accessat(int dfd, const char *path, int mode, int at_flags);
int vfs_chdir(const char *path);
int vfs_chroot(const char *path);
int vfs_getcwd(char *buf, size_t len);   /* length with NUL, or -errno */
s64 vfs_llseek(struct file *f, s64 off, int whence);
ssize_t vfs_read(struct file *f, struct iov_iter *to, u64 *pos);   /* checks mode */
ssize_t vfs_write(struct file *f, struct iov_iter *from, u64 *pos);
/* read/write at f_pos (taking f_pos_lock when it matters). */
ssize_t vfs_read_fpos(struct file *f, struct iov_iter *to);
ssize_t vfs_write_fpos(struct file *f, struct iov_iter *from);
int vfs_iterate_dir(struct file *f, struct dir_context *ctx);
int vfs_fsync(struct file *f, bool datasync);
int vfs_fallocate(struct file *f, int mode, u64 off, u64 len);
int vfs_statfs(const struct path *p, struct linux_statfs_k *st);
long vfs_ioctl(struct file *f, unsigned cmd, unsigned long arg);

/* Pipes (kernel/fs/pipe.c): a pair of files, [0] read end, [1] write end.
 * flags: LINUX_O_NONBLOCK, LINUX_O_CLOEXEC is the caller's business. */
int create_pipe_files(struct file *res[2], int flags);
#define PIPE_BUF 4096
bool file_is_pipe(struct file *f);
/* splice(2)/tee(2)/vmsplice(2) (kernel/fs/splice.c): offsets NULL means the
 * file's f_pos; flags LINUX_SPLICE_F_*. Bytes moved or -errno. */
long vfs_splice(struct file *in, u64 *off_in, struct file *out, u64 *off_out, size_t len,
		unsigned flags);
long vfs_tee(struct file *in, struct file *out, size_t len, unsigned flags);
long vfs_vmsplice(struct file *f, struct iov_iter *it, unsigned flags);

/* Character devices: a node in devtmpfs and the file operations behind it.
 * Opening the node (anywhere: mknod works too) runs fops->open with
 * f_op set to fops. */
struct file_operations;
void chrdev_unregister(unsigned major, unsigned minor);
int chrdev_register(unsigned major, unsigned minor, const char *name, umode_t mode,
		    const struct file_operations *fops);
const struct file_operations *chrdev_lookup(dev_t dev);   /* NULL: -ENXIO on open */

#endif
