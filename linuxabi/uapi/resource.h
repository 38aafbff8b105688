/*
 * Linux's struct rlimit/rlimit64 (identical on x86_64), struct rusage and
 * the getrusage/getpriority selectors. RLIMIT_* numbers are in
 * kernel/include/kernel/proc.h (the kernel uses Linux's).
 */
#ifndef LINUXABI_UAPI_RESOURCE_H
#define LINUXABI_UAPI_RESOURCE_H

#include <kernel/types.h>
#include <linuxabi/uapi/time.h>

struct linux_rlimit {
	u64 rlim_cur;
	u64 rlim_max;
};

struct linux_rusage {
	struct linux_timeval ru_utime;
	struct linux_timeval ru_stime;
	long ru_maxrss;
	long ru_ixrss;
	long ru_idrss;
	long ru_isrss;
	long ru_minflt;
	long ru_majflt;
	long ru_nswap;
	long ru_inblock;
	long ru_oublock;
	long ru_msgsnd;
	long ru_msgrcv;
	long ru_nsignals;
	long ru_nvcsw;
	long ru_nivcsw;
};
_Static_assert(sizeof(struct linux_rusage) == 144, "struct rusage is 144 bytes");

#define LINUX_RUSAGE_SELF 0
#define LINUX_RUSAGE_CHILDREN (-1)
#define LINUX_RUSAGE_THREAD 1

#define LINUX_PRIO_PROCESS 0
#define LINUX_PRIO_PGRP 1
#define LINUX_PRIO_USER 2

#endif
