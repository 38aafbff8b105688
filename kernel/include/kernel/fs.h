/*
 * The virtual filesystem (kernel/fs): inodes, dentries, mounts, open files,
 * fd tables, path walk; tmpfs is the root, devtmpfs /dev, pipes and FIFOs.
 * This header is the contract with the rest of the kernel (processes, exec,
 * memory mappings, devices, ttys); kernel/fs owns the structure layouts and
 * adds the rest (inode/file operations, super blocks, mounts) here too.
 */
#ifndef KERNEL_FS_H
#define KERNEL_FS_H

#include <kernel/types.h>

struct file;
struct inode;
struct dentry;
struct files_struct;
struct fs_struct;
struct page;

typedef unsigned int umode_t;
typedef u32 dev_t;
#define MKDEV(ma, mi) ((dev_t)(((ma) << 20) | (mi)))   /* kernel-internal encoding */
#define MAJOR(d) ((unsigned)((d) >> 20))
#define MINOR(d) ((unsigned)((d) & 0xfffff))

void vfs_init(void);                 /* tmpfs root mounted at /, devtmpfs at /dev */
/* Unpack a cpio newc archive (gzip too once zlib is in) into the root. */
int initramfs_unpack(const void *data, size_t len);

/* Open files, by kernel-space path relative to current's root and cwd. */
struct file *filp_open(const char *path, int flags, umode_t mode);   /* ERR_PTR */
ssize_t kernel_read(struct file *f, void *buf, size_t n, u64 *pos);
ssize_t kernel_write(struct file *f, const void *buf, size_t n, u64 *pos);
struct file *file_get(struct file *f);   /* another reference */
void fput(struct file *f);
struct file *fget(int fd);               /* current's fd, referenced; NULL if bad */
int fd_install_new(struct file *f, unsigned cloexec);  /* lowest free fd or -EMFILE */

/* For exec: open for execution (search and exec permission, regular file,
 * not open for writing: -ETXTBSY). Returns the file or ERR_PTR. */
struct file *exec_open(const char *path);
void file_deny_write(struct file *f);    /* while mapped by a running program */
void file_allow_write(struct file *f);

/* For memory mappings (kernel/mm): the page at index of f's page cache,
 * with a reference; ERR_PTR(-EIO/-ENOMEM), or NULL past the end of file. */
struct page *file_get_page(struct file *f, u64 index);
u64 file_size(struct file *f);
int file_accmode(struct file *f);        /* LINUX O_RDONLY/O_WRONLY/O_RDWR */
bool file_mmap_ok(struct file *f);       /* the file type supports mmap */
bool file_noexec(struct file *f);        /* on a noexec mount */

/* Per-process tables */
struct files_struct *files_create(void);
struct files_struct *files_fork(struct files_struct *old);   /* copy, or NULL */
void files_get(struct files_struct *fs);
void files_put(struct files_struct *fs);
void files_close_on_exec(struct files_struct *fs);
struct fs_struct *fs_struct_create(void);                    /* root and cwd = / */
struct fs_struct *fs_struct_fork(struct fs_struct *old);
void fs_struct_get(struct fs_struct *fs);
void fs_struct_put(struct fs_struct *fs);

/* Character devices: a node in devtmpfs and the file operations behind it. */
struct file_operations;
int chrdev_register(unsigned major, unsigned minor, const char *name, umode_t mode,
		    const struct file_operations *fops);

#endif
