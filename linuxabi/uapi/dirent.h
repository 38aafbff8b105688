/*
 * Directory entries as getdents64(2) and getdents(2) return them (x86_64).
 */
#ifndef LINUXABI_UAPI_DIRENT_H
#define LINUXABI_UAPI_DIRENT_H

#include <kernel/types.h>

struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;
	u16 d_reclen;
	u8 d_type;
	char d_name[];
};

/* The old getdents: d_type is the last byte of the record, after the name's NUL. */
struct linux_dirent {
	unsigned long d_ino;
	unsigned long d_off;
	unsigned short d_reclen;
	char d_name[];
};

#endif
