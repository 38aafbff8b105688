/*
 * Linux's struct new_utsname (uname(2)) and struct sysinfo (sysinfo(2)).
 */
#ifndef LINUXABI_UAPI_UTSNAME_H
#define LINUXABI_UAPI_UTSNAME_H

#include <kernel/types.h>

#define LINUX_UTS_LEN 64

struct linux_utsname {
	char sysname[LINUX_UTS_LEN + 1];
	char nodename[LINUX_UTS_LEN + 1];
	char release[LINUX_UTS_LEN + 1];
	char version[LINUX_UTS_LEN + 1];
	char machine[LINUX_UTS_LEN + 1];
	char domainname[LINUX_UTS_LEN + 1];
};

struct linux_sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram;
	unsigned long freeram;
	unsigned long sharedram;
	unsigned long bufferram;
	unsigned long totalswap;
	unsigned long freeswap;
	u16 procs;
	u16 pad;
	u32 pad2;
	unsigned long totalhigh;
	unsigned long freehigh;
	u32 mem_unit;
	char _f[4];
};
_Static_assert(sizeof(struct linux_sysinfo) == 112, "struct sysinfo is 112 bytes");

#endif
