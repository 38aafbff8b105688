/*
 * <sys/types.h>: the POSIX types as glibc defines them on x86_64, for the
 * outside C code built into the kernel (libarchive, jansson). Kernel code
 * has its own (kernel/types.h, kernel/fs.h) and does not include this.
 */
#ifndef KLIB_SYS_TYPES_H
#define KLIB_SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>

typedef long ssize_t;
typedef long off_t;
typedef long off64_t;
typedef unsigned int mode_t;
typedef unsigned long dev_t;
typedef unsigned long ino_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned long nlink_t;
typedef int pid_t;
typedef unsigned int id_t;
typedef long blksize_t;
typedef long blkcnt_t;
#ifndef KLIB_TIME_T
#define KLIB_TIME_T
typedef long time_t;
#endif
typedef long suseconds_t;

#endif
