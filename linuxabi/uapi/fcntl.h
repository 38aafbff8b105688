/*
 * Linux's x86_64 open/fcntl/AT_* constants and struct open_how, under
 * LINUX_ names so no kernel constant is accidentally ABI (and so nothing here
 * clashes with a C library's names). The kernel keeps f_flags in exactly
 * these values: kernel/fs uses them directly.
 */
#ifndef LINUXABI_UAPI_FCNTL_H
#define LINUXABI_UAPI_FCNTL_H

#include <kernel/types.h>

#define LINUX_O_ACCMODE   00000003
#define LINUX_O_RDONLY    00000000
#define LINUX_O_WRONLY    00000001
#define LINUX_O_RDWR      00000002
#define LINUX_O_CREAT     00000100
#define LINUX_O_EXCL      00000200
#define LINUX_O_NOCTTY    00000400
#define LINUX_O_TRUNC     00001000
#define LINUX_O_APPEND    00002000
#define LINUX_O_NONBLOCK  00004000
#define LINUX_O_NDELAY    LINUX_O_NONBLOCK
#define LINUX_O_DSYNC     00010000
#define LINUX_FASYNC      00020000
#define LINUX_O_DIRECT    00040000
#define LINUX_O_LARGEFILE 00100000
#define LINUX_O_DIRECTORY 00200000
#define LINUX_O_NOFOLLOW  00400000
#define LINUX_O_NOATIME   01000000
#define LINUX_O_CLOEXEC   02000000
#define __LINUX_O_SYNC    04000000
#define LINUX_O_SYNC      (__LINUX_O_SYNC | LINUX_O_DSYNC)
#define LINUX_O_PATH      010000000
#define __LINUX_O_TMPFILE 020000000
#define LINUX_O_TMPFILE   (__LINUX_O_TMPFILE | LINUX_O_DIRECTORY)

/* Every flag open(2) knows; others are ignored by open, rejected by openat2. */
#define LINUX_VALID_OPEN_FLAGS                                                  \
	(LINUX_O_ACCMODE | LINUX_O_CREAT | LINUX_O_EXCL | LINUX_O_NOCTTY |      \
	 LINUX_O_TRUNC | LINUX_O_APPEND | LINUX_O_NDELAY | LINUX_O_SYNC |       \
	 LINUX_O_DSYNC | LINUX_FASYNC | LINUX_O_DIRECT | LINUX_O_LARGEFILE |    \
	 LINUX_O_DIRECTORY | LINUX_O_NOFOLLOW | LINUX_O_NOATIME |               \
	 LINUX_O_CLOEXEC | LINUX_O_PATH | __LINUX_O_TMPFILE)

#define LINUX_F_DUPFD         0
#define LINUX_F_GETFD         1
#define LINUX_F_SETFD         2
#define LINUX_F_GETFL         3
#define LINUX_F_SETFL         4
#define LINUX_F_GETLK         5
#define LINUX_F_SETLK         6
#define LINUX_F_SETLKW        7
#define LINUX_F_SETOWN        8
#define LINUX_F_GETOWN        9
#define LINUX_F_SETSIG        10
#define LINUX_F_GETSIG        11
#define LINUX_F_SETOWN_EX     15
#define LINUX_F_GETOWN_EX     16
#define LINUX_F_OFD_GETLK     36
#define LINUX_F_OFD_SETLK     37
#define LINUX_F_OFD_SETLKW    38
#define LINUX_F_SETLEASE      1024
#define LINUX_F_GETLEASE      1025
#define LINUX_F_NOTIFY        1026
#define LINUX_F_DUPFD_CLOEXEC 1030
#define LINUX_F_SETPIPE_SZ    1031
#define LINUX_F_GETPIPE_SZ    1032
#define LINUX_F_ADD_SEALS     1033
#define LINUX_F_GET_SEALS     1034

#define LINUX_FD_CLOEXEC 1

/* splice(2), tee(2), vmsplice(2) flags */
#define LINUX_SPLICE_F_MOVE     1
#define LINUX_SPLICE_F_NONBLOCK 2
#define LINUX_SPLICE_F_MORE     4
#define LINUX_SPLICE_F_GIFT     8
#define LINUX_SPLICE_F_ALL      15

#define LINUX_F_RDLCK 0
#define LINUX_F_WRLCK 1
#define LINUX_F_UNLCK 2

struct linux_flock {
	s16 l_type;
	s16 l_whence;
	s64 l_start;
	s64 l_len;
	s32 l_pid;
};

#define LINUX_AT_FDCWD            -100
#define LINUX_AT_SYMLINK_NOFOLLOW 0x100
#define LINUX_AT_EACCESS          0x200
#define LINUX_AT_REMOVEDIR        0x200
#define LINUX_AT_SYMLINK_FOLLOW   0x400
#define LINUX_AT_NO_AUTOMOUNT     0x800
#define LINUX_AT_EMPTY_PATH       0x1000
#define LINUX_AT_STATX_SYNC_TYPE  0x6000
#define LINUX_AT_RECURSIVE        0x8000

#define LINUX_RENAME_NOREPLACE 1
#define LINUX_RENAME_EXCHANGE  2
#define LINUX_RENAME_WHITEOUT  4

#define LINUX_SEEK_SET  0
#define LINUX_SEEK_CUR  1
#define LINUX_SEEK_END  2
#define LINUX_SEEK_DATA 3
#define LINUX_SEEK_HOLE 4

/* access(2) */
#define LINUX_F_OK 0
#define LINUX_X_OK 1
#define LINUX_W_OK 2
#define LINUX_R_OK 4

/* openat2(2) */
struct linux_open_how {
	u64 flags;
	u64 mode;
	u64 resolve;
};
#define LINUX_RESOLVE_NO_XDEV       0x01
#define LINUX_RESOLVE_NO_MAGICLINKS 0x02
#define LINUX_RESOLVE_NO_SYMLINKS   0x04
#define LINUX_RESOLVE_BENEATH       0x08
#define LINUX_RESOLVE_IN_ROOT       0x10
#define LINUX_RESOLVE_CACHED        0x20

/* close_range(2) */
#define LINUX_CLOSE_RANGE_UNSHARE 2
#define LINUX_CLOSE_RANGE_CLOEXEC 4

/* fallocate(2) */
#define LINUX_FALLOC_FL_KEEP_SIZE  0x01
#define LINUX_FALLOC_FL_PUNCH_HOLE 0x02

/* ioctls every file answers (asm-generic/ioctls.h) */
#define LINUX_FIONREAD  0x541B
#define LINUX_FIONBIO   0x5421
#define LINUX_FIONCLEX  0x5450
#define LINUX_FIOCLEX   0x5451
#define LINUX_FIOASYNC  0x5452
#define LINUX_FIOQSIZE  0x5460

#endif
