/*
 * The C library pieces that the outside code built into the kernel
 * (libarchive, jansson) links against and that only the kernel can give:
 * memory (kmalloc), randomness, the clock. The rest of the C library lives
 * in kernel/lib.
 *
 * That code also names file and stream functions on paths we never take
 * (libarchive's temporary files and disk access, jansson's json_dumpf):
 * here they fail with EBADF or ENOSYS, so nothing pretends to succeed, and
 * the first call of each is logged, since reaching one is a bug of ours.
 */
#include <errno.h>
#include <fcntl.h>
#include <kernel/clock.h>
#include <kernel/mm.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/random.h>
#include <kernel/sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- memory ---- */

void *malloc(size_t size)
{
	return kmalloc(size ? size : 1, GFP_KERNEL);
}

void *calloc(size_t nmemb, size_t size)
{
	size_t total;

	if (__builtin_mul_overflow(nmemb, size, &total)) {
		errno = ENOMEM;
		return NULL;
	}
	return kzalloc(total ? total : 1, GFP_KERNEL);
}

void *realloc(void *p, size_t size)
{
	if (!p)
		return malloc(size);
	if (!size) {
		kfree(p);
		return NULL;
	}
	return krealloc(p, size, GFP_KERNEL);
}

void free(void *p)
{
	kfree(p);
}

char *strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	if (d)
		memcpy(d, s, n);
	return d;
}

char *strndup(const char *s, size_t max)
{
	size_t n = strnlen(s, max);
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = 0;
	}
	return d;
}

/* ---- process ---- */

void abort(void)
{
	panic("libc: abort() called by outside code (an internal consistency check failed)");
}

/* libarchive gives up this way when an allocation fails (its strings can
 * grow with an image's headers): in the OCI worker that ends the worker
 * with -ENOMEM, which fails the load, rather than the kernel. What the job
 * held stays allocated (XXX: a leak, not a panic), and a partly made layer
 * stays in the cache's tmp directory. */
void exit(int status)
{
	if (current && (current->flags & PF_OCI_WORKER)) {
		printk(KERN_ERR "oci: outside code gave up (exit %d, out of memory): load failed\n", status);
		kthread_exit(-ENOMEM);
	}
	panic("libc: exit(%d) called by outside code", status);
}

char *getenv(const char *name)
{
	return NULL;   /* no environment in the kernel: every default applies */
}

pid_t getpid(void) { return 0; }
uid_t getuid(void) { return 0; }
uid_t geteuid(void) { return 0; }
gid_t getgid(void) { return 0; }
gid_t getegid(void) { return 0; }

time_t time(time_t *t)
{
	time_t now = (time_t)(ktime_get_real_ns() / 1000000000ULL);

	if (t)
		*t = now;
	return now;
}

/* ---- files and streams: never used; fail ---- */

static void unused_call(const char *what)
{
	static unsigned long logged;   /* one bit per call site below */
	unsigned long bit = 1UL << ((unsigned long)what[0] % 64);

	if (!(__atomic_fetch_or(&logged, bit, __ATOMIC_RELAXED) & bit))
		printk(KERN_WARNING "libc: outside code called %s(): not available in the kernel\n", what);
}

#define FAIL_FD(name, ...) { unused_call(#name); errno = EBADF; return -1; }

ssize_t read(int fd, void *buf, size_t n) FAIL_FD(read)
ssize_t write(int fd, const void *buf, size_t n) FAIL_FD(write)
int close(int fd) FAIL_FD(close)
off_t lseek(int fd, off_t off, int whence) FAIL_FD(lseek)
int dup(int fd) FAIL_FD(dup)
int fstat(int fd, struct stat *st) FAIL_FD(fstat)

int fcntl(int fd, int cmd, ...) FAIL_FD(fcntl)

int open(const char *path, int flags, ...)
{
	unused_call("open");
	errno = ENOSYS;
	return -1;
}

int stat(const char *path, struct stat *st)
{
	unused_call("stat");
	errno = ENOSYS;
	return -1;
}

int lstat(const char *path, struct stat *st)
{
	unused_call("lstat");
	errno = ENOSYS;
	return -1;
}

int unlink(const char *path)
{
	unused_call("unlink");
	errno = ENOSYS;
	return -1;
}

int access(const char *path, int mode)
{
	unused_call("access");
	errno = ENOSYS;
	return -1;
}

FILE *stdin, *stdout, *stderr;   /* NULL: no streams */

FILE *fopen(const char *path, const char *mode)
{
	unused_call("fopen");
	errno = ENOSYS;
	return NULL;
}

int fclose(FILE *f) FAIL_FD(fclose)
int fgetc(FILE *f) FAIL_FD(fgetc)
int getc(FILE *f) FAIL_FD(getc)
int fputs(const char *s, FILE *f) FAIL_FD(fputs)
int fflush(FILE *f) FAIL_FD(fflush)
int ferror(FILE *f) { return 1; }

size_t fread(void *buf, size_t size, size_t n, FILE *f)
{
	unused_call("fread");
	errno = EBADF;
	return 0;
}

size_t fwrite(const void *buf, size_t size, size_t n, FILE *f)
{
	unused_call("fwrite");
	errno = EBADF;
	return 0;
}

int fprintf(FILE *f, const char *fmt, ...)
{
	unused_call("fprintf");
	errno = EBADF;
	return -1;
}

void klib_assert_fail(const char *expr, const char *file, int line, const char *func)
{
	printk(KERN_ERR "libc: assertion \"%s\" failed in %s at %s:%d\n", expr, func, file, line);
	WARN_ON(1);
}

char *strerror(int e)
{
	static const struct { int e; const char *msg; } msgs[] = {
		{ EPERM, "Operation not permitted" }, { ENOENT, "No such file or directory" },
		{ EIO, "Input/output error" }, { E2BIG, "Argument list too long" },
		{ EBADF, "Bad file descriptor" }, { EAGAIN, "Resource temporarily unavailable" },
		{ ENOMEM, "Cannot allocate memory" }, { EACCES, "Permission denied" },
		{ EFAULT, "Bad address" }, { EBUSY, "Device or resource busy" },
		{ EEXIST, "File exists" }, { EXDEV, "Invalid cross-device link" },
		{ ENOTDIR, "Not a directory" }, { EISDIR, "Is a directory" },
		{ EINVAL, "Invalid argument" }, { EFBIG, "File too large" },
		{ ENOSPC, "No space left on device" }, { EROFS, "Read-only file system" },
		{ EMLINK, "Too many links" }, { ERANGE, "Numerical result out of range" },
		{ ENAMETOOLONG, "File name too long" }, { ENOSYS, "Function not implemented" },
		{ ENOTEMPTY, "Directory not empty" }, { ELOOP, "Too many levels of symbolic links" },
		{ EOVERFLOW, "Value too large for defined data type" },
		{ EILSEQ, "Invalid or incomplete multibyte or wide character" },
		{ EOPNOTSUPP, "Operation not supported" }, { ENODATA, "No data available" },
	};
	static char unknown[32];

	if (!e)
		return (char *)"Success";
	for (size_t i = 0; i < sizeof(msgs) / sizeof(msgs[0]); i++)
		if (msgs[i].e == e)
			return (char *)msgs[i].msg;
	snprintf(unknown, sizeof(unknown), "Unknown error %d", e);
	return unknown;
}
