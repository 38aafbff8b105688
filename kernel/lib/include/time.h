/*
 * <time.h>: calendar conversions (kernel/lib/time.c: gmtime_r and timegm
 * over the proleptic Gregorian calendar, UTC only: the kernel has no time
 * zones, so localtime_r and mktime are UTC too, as with TZ=UTC).
 */
#ifndef KLIB_TIME_H
#define KLIB_TIME_H

#include <stddef.h>

#ifndef KLIB_TIME_T
#define KLIB_TIME_T
typedef long time_t;
#endif

#ifndef _STRUCT_TIMESPEC
#define _STRUCT_TIMESPEC
struct timespec {
	time_t tv_sec;
	long tv_nsec;
};
#endif

struct tm {
	int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday, tm_isdst;
	long tm_gmtoff;
	const char *tm_zone;
};

struct tm *gmtime_r(const time_t *t, struct tm *tm);
struct tm *localtime_r(const time_t *t, struct tm *tm);
time_t timegm(struct tm *tm);
time_t mktime(struct tm *tm);
time_t time(time_t *t);   /* the glue's (wall clock), not kernel/lib's */

#endif
