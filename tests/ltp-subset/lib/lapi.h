/*
 * Linux ABI values that one of the two C libraries we build with (glibc and
 * musl 1.2.3) does not provide. Values are Linux's own (x86_64), from the
 * man pages and the kernel's uapi headers. Raw syscall() is used wherever a
 * libc wrapper would change the behaviour under test, so syscall numbers are
 * here too.
 */
#ifndef LTP_SUBSET_LAPI_H
#define LTP_SUBSET_LAPI_H

#include <stdint.h>
#include <sys/syscall.h>

#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_clone3
#define SYS_clone3 435
#endif
#ifndef SYS_close_range
#define SYS_close_range 436
#endif
#ifndef SYS_openat2
#define SYS_openat2 437
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif
#ifndef SYS_faccessat2
#define SYS_faccessat2 439
#endif
#ifndef SYS_epoll_pwait2
#define SYS_epoll_pwait2 441
#endif
#ifndef SYS_futex_waitv
#define SYS_futex_waitv 449
#endif
#ifndef SYS_fchmodat2
#define SYS_fchmodat2 452
#endif

/* fcntl.h */
#ifndef O_PATH
#define O_PATH 010000000
#endif
#ifndef O_TMPFILE
#define O_TMPFILE (020000000 | 0200000)
#endif
#ifndef F_OFD_GETLK
#define F_OFD_GETLK 36
#define F_OFD_SETLK 37
#define F_OFD_SETLKW 38
#endif
#ifndef F_DUPFD_CLOEXEC
#define F_DUPFD_CLOEXEC 1030
#endif
#ifndef F_SETPIPE_SZ
#define F_SETPIPE_SZ 1031
#define F_GETPIPE_SZ 1032
#endif
#ifndef F_ADD_SEALS
#define F_ADD_SEALS 1033
#define F_GET_SEALS 1034
#define F_SEAL_SEAL 0x0001
#define F_SEAL_SHRINK 0x0002
#define F_SEAL_GROW 0x0004
#define F_SEAL_WRITE 0x0008
#endif
#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH 0x1000
#endif
#ifndef AT_NO_AUTOMOUNT
#define AT_NO_AUTOMOUNT 0x800
#endif
#ifndef AT_STATX_SYNC_AS_STAT
#define AT_STATX_SYNC_AS_STAT 0x0000
#define AT_STATX_FORCE_SYNC 0x2000
#define AT_STATX_DONT_SYNC 0x4000
#endif
#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#define RENAME_EXCHANGE (1 << 1)
#define RENAME_WHITEOUT (1 << 2)
#endif

/* openat2(2) */
struct t_open_how {
	uint64_t flags;
	uint64_t mode;
	uint64_t resolve;
};
#define T_RESOLVE_NO_XDEV 0x01
#define T_RESOLVE_NO_MAGICLINKS 0x02
#define T_RESOLVE_NO_SYMLINKS 0x04
#define T_RESOLVE_BENEATH 0x08
#define T_RESOLVE_IN_ROOT 0x10

/* statx(2); our own name so it never clashes with glibc's struct statx */
struct t_statx_timestamp {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t reserved;
};
struct t_statx {
	uint32_t stx_mask;
	uint32_t stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink;
	uint32_t stx_uid;
	uint32_t stx_gid;
	uint16_t stx_mode;
	uint16_t spare0;
	uint64_t stx_ino;
	uint64_t stx_size;
	uint64_t stx_blocks;
	uint64_t stx_attributes_mask;
	struct t_statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t stx_rdev_major, stx_rdev_minor;
	uint32_t stx_dev_major, stx_dev_minor;
	uint64_t spare2[14];
};
#define T_STATX_TYPE 0x0001U
#define T_STATX_MODE 0x0002U
#define T_STATX_NLINK 0x0004U
#define T_STATX_UID 0x0008U
#define T_STATX_GID 0x0010U
#define T_STATX_ATIME 0x0020U
#define T_STATX_MTIME 0x0040U
#define T_STATX_CTIME 0x0080U
#define T_STATX_INO 0x0100U
#define T_STATX_SIZE 0x0200U
#define T_STATX_BLOCKS 0x0400U
#define T_STATX_BASIC_STATS 0x07ffU
#define T_STATX_BTIME 0x0800U
#define T_STATX__RESERVED 0x80000000U

/* clone3(2) */
struct t_clone_args {
	uint64_t flags;
	uint64_t pidfd;
	uint64_t child_tid;
	uint64_t parent_tid;
	uint64_t exit_signal;
	uint64_t stack;
	uint64_t stack_size;
	uint64_t tls;
	uint64_t set_tid;
	uint64_t set_tid_size;
	uint64_t cgroup;
};
#define T_CLONE_ARGS_SIZE_VER0 64
#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000
#endif
#ifndef CLONE_CLEAR_SIGHAND
#define CLONE_CLEAR_SIGHAND 0x100000000ULL
#endif

/* close_range(2) */
#ifndef CLOSE_RANGE_UNSHARE
#define CLOSE_RANGE_UNSHARE (1U << 1)
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

/* mman.h */
#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif
#ifndef MAP_SHARED_VALIDATE
#define MAP_SHARED_VALIDATE 0x03
#endif
#ifndef MADV_FREE
#define MADV_FREE 8
#endif
#ifndef MADV_WIPEONFORK
#define MADV_WIPEONFORK 18
#define MADV_KEEPONFORK 19
#endif
#ifndef MADV_DONTFORK
#define MADV_DONTFORK 10
#define MADV_DOFORK 11
#endif
#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif
#ifndef MFD_CLOEXEC
#define MFD_CLOEXEC 0x0001U
#define MFD_ALLOW_SEALING 0x0002U
#endif
#ifndef MFD_HUGETLB
#define MFD_HUGETLB 0x0004U
#endif
#ifndef MFD_NOEXEC_SEAL
#define MFD_NOEXEC_SEAL 0x0008U
#define MFD_EXEC 0x0010U
#endif
#ifndef F_SEAL_FUTURE_WRITE
#define F_SEAL_FUTURE_WRITE 0x0010
#endif
#ifndef F_SEAL_EXEC
#define F_SEAL_EXEC 0x0020
#endif

/* futex(2) */
#define T_FUTEX_WAIT 0
#define T_FUTEX_WAKE 1
#define T_FUTEX_REQUEUE 3
#define T_FUTEX_CMP_REQUEUE 4
#define T_FUTEX_WAKE_OP 5
#define T_FUTEX_WAIT_BITSET 9
#define T_FUTEX_WAKE_BITSET 10
#define T_FUTEX_PRIVATE_FLAG 128
#define T_FUTEX_CLOCK_REALTIME 256
#define T_FUTEX_BITSET_MATCH_ANY 0xffffffffU

/* getrandom(2) */
#ifndef GRND_NONBLOCK
#define GRND_NONBLOCK 0x0001
#define GRND_RANDOM 0x0002
#endif
#ifndef GRND_INSECURE
#define GRND_INSECURE 0x0004
#endif

/* prctl(2) */
#ifndef PR_SET_CHILD_SUBREAPER
#define PR_SET_CHILD_SUBREAPER 36
#define PR_GET_CHILD_SUBREAPER 37
#endif
#ifndef PR_SET_NO_NEW_PRIVS
#define PR_SET_NO_NEW_PRIVS 38
#define PR_GET_NO_NEW_PRIVS 39
#endif

/* timerfd, eventfd, signalfd, epoll flags share O_CLOEXEC/O_NONBLOCK */

/* Linux magic numbers for statfs(2) */
#define T_TMPFS_MAGIC 0x01021994
#define T_PROC_SUPER_MAGIC 0x9fa0

#endif
