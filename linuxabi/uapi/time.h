/*
 * Linux's time structures and clock ids (x86_64: every field is 64-bit).
 */
#ifndef LINUXABI_UAPI_TIME_H
#define LINUXABI_UAPI_TIME_H

#include <kernel/types.h>

struct linux_timespec {
	s64 tv_sec;
	long tv_nsec;
};

struct linux_timeval {
	s64 tv_sec;
	long tv_usec;
};

struct linux_timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

struct linux_tms {
	long tms_utime;
	long tms_stime;
	long tms_cutime;
	long tms_cstime;
};

struct linux_itimerspec {
	struct linux_timespec it_interval;
	struct linux_timespec it_value;
};

struct linux_itimerval {
	struct linux_timeval it_interval;
	struct linux_timeval it_value;
};

#define LINUX_CLOCK_REALTIME           0
#define LINUX_CLOCK_MONOTONIC          1
#define LINUX_CLOCK_PROCESS_CPUTIME_ID 2
#define LINUX_CLOCK_THREAD_CPUTIME_ID  3
#define LINUX_CLOCK_MONOTONIC_RAW      4
#define LINUX_CLOCK_REALTIME_COARSE    5
#define LINUX_CLOCK_MONOTONIC_COARSE   6
#define LINUX_CLOCK_BOOTTIME           7
#define LINUX_CLOCK_REALTIME_ALARM     8
#define LINUX_CLOCK_BOOTTIME_ALARM     9
#define LINUX_CLOCK_TAI                11

#define LINUX_TIMER_ABSTIME 0x01

#endif
