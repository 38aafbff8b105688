/*
 * Linux's x86_64 stat layouts (struct stat, struct statx), device-number
 * encodings and the time structures file syscalls take, under LINUX_/linux_
 * names. Only linuxabi/ code converts to and from these.
 */
#ifndef LINUXABI_UAPI_STAT_H
#define LINUXABI_UAPI_STAT_H

#include <kernel/types.h>

struct linux_stat {
	u64 st_dev;
	u64 st_ino;
	u64 st_nlink;
	u32 st_mode;
	u32 st_uid;
	u32 st_gid;
	u32 __pad0;
	u64 st_rdev;
	s64 st_size;
	s64 st_blksize;
	s64 st_blocks;
	u64 st_atime;
	u64 st_atime_nsec;
	u64 st_mtime;
	u64 st_mtime_nsec;
	u64 st_ctime;
	u64 st_ctime_nsec;
	s64 __reserved_pad[3];
};
_Static_assert(sizeof(struct linux_stat) == 144, "struct stat is 144 bytes on x86_64");

struct linux_statx_timestamp {
	s64 tv_sec;
	u32 tv_nsec;
	s32 __reserved;
};

struct linux_statx {
	u32 stx_mask;
	u32 stx_blksize;
	u64 stx_attributes;
	u32 stx_nlink;
	u32 stx_uid;
	u32 stx_gid;
	u16 stx_mode;
	u16 __spare0[1];
	u64 stx_ino;
	u64 stx_size;
	u64 stx_blocks;
	u64 stx_attributes_mask;
	struct linux_statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	u32 stx_rdev_major;
	u32 stx_rdev_minor;
	u32 stx_dev_major;
	u32 stx_dev_minor;
	u64 stx_mnt_id;
	u32 stx_dio_mem_align;
	u32 stx_dio_offset_align;
	u64 __spare3[12];
};
_Static_assert(sizeof(struct linux_statx) == 256, "struct statx is 256 bytes");

#define LINUX_STATX_TYPE        0x0001
#define LINUX_STATX_MODE        0x0002
#define LINUX_STATX_NLINK       0x0004
#define LINUX_STATX_UID         0x0008
#define LINUX_STATX_GID         0x0010
#define LINUX_STATX_ATIME       0x0020
#define LINUX_STATX_MTIME       0x0040
#define LINUX_STATX_CTIME       0x0080
#define LINUX_STATX_INO         0x0100
#define LINUX_STATX_SIZE        0x0200
#define LINUX_STATX_BLOCKS      0x0400
#define LINUX_STATX_BASIC_STATS 0x07ff
#define LINUX_STATX_BTIME       0x0800
#define LINUX_STATX_MNT_ID      0x1000
#define LINUX_STATX__RESERVED   0x80000000U
#define LINUX_STATX_ATTR_MOUNT_ROOT 0x00002000

/* Linux's 32-bit device encoding (new_encode_dev) for st_dev/st_rdev. */
static inline u64 linux_encode_dev(unsigned major, unsigned minor)
{
	return (minor & 0xff) | ((u64)(major & 0xfff) << 8) | ((u64)(minor & ~0xffu) << 12);
}
static inline unsigned linux_decode_major(u64 dev) { return (dev & 0xfff00) >> 8; }
static inline unsigned linux_decode_minor(u64 dev) { return (dev & 0xff) | ((dev >> 12) & 0xfff00); }

/* struct timespec and struct timeval (x86_64), as the file syscalls take them */
struct linux_fs_timespec {
	s64 tv_sec;
	s64 tv_nsec;
};
struct linux_fs_timeval {
	s64 tv_sec;
	s64 tv_usec;
};
struct linux_utimbuf {
	s64 actime;
	s64 modtime;
};
#define LINUX_UTIME_NOW  ((1l << 30) - 1l)
#define LINUX_UTIME_OMIT ((1l << 30) - 2l)

#endif
