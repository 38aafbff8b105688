/*
 * <unistd.h> for outside C code in the kernel. The file calls are declared
 * because that code names them in paths we never use (libarchive's
 * temporary files, jansson's json_dump_file); the glue (oci/libc_glue.c)
 * makes them fail with EBADF/ENOSYS, so nothing pretends to succeed.
 */
#ifndef KLIB_UNISTD_H
#define KLIB_UNISTD_H

#include <sys/types.h>

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2
#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif

ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
int close(int fd);
off_t lseek(int fd, off_t off, int whence);
int unlink(const char *path);
pid_t getpid(void);
uid_t geteuid(void);
gid_t getegid(void);
uid_t getuid(void);
gid_t getgid(void);
int dup(int fd);
int access(const char *path, int mode);

#endif
