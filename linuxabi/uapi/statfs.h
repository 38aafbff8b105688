/*
 * struct statfs as statfs(2)/fstatfs(2) return it on x86_64.
 */
#ifndef LINUXABI_UAPI_STATFS_H
#define LINUXABI_UAPI_STATFS_H

#include <kernel/types.h>

struct linux_statfs {
	s64 f_type;
	s64 f_bsize;
	s64 f_blocks;
	s64 f_bfree;
	s64 f_bavail;
	s64 f_files;
	s64 f_ffree;
	s32 f_fsid[2];
	s64 f_namelen;
	s64 f_frsize;
	s64 f_flags;
	s64 f_spare[4];
};
_Static_assert(sizeof(struct linux_statfs) == 120, "struct statfs is 120 bytes on x86_64");

#define LINUX_TMPFS_MAGIC 0x01021994

#endif
