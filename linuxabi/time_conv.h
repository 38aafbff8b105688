/*
 * Checking and converting the time structures user space passes (private
 * to linuxabi/). Conversions to ns saturate: a time too long to count is
 * "forever", as Linux saturates to KTIME_MAX, never a wrap into the past.
 */
#ifndef LINUXABI_TIME_CONV_H
#define LINUXABI_TIME_CONV_H

#include <kernel/clock.h>
#include <linuxabi/uapi/time.h>

#define TIME_NS_FOREVER (~0ULL / 2)     /* later than any deadline we compute */

static inline bool ts_valid(const struct linux_timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < (long)NSEC_PER_SEC;
}

static inline bool tv_valid(const struct linux_timeval *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < 1000000;
}

static inline u64 secs_to_ns_sat(s64 sec, u64 sub_ns)
{
	if ((u64)sec >= TIME_NS_FOREVER / NSEC_PER_SEC)
		return TIME_NS_FOREVER;
	return (u64)sec * NSEC_PER_SEC + sub_ns;
}

static inline u64 ts_to_ns(const struct linux_timespec *ts)
{
	return secs_to_ns_sat(ts->tv_sec, ts->tv_nsec);
}

static inline u64 tv_to_ns(const struct linux_timeval *tv)
{
	return secs_to_ns_sat(tv->tv_sec, (u64)tv->tv_usec * NSEC_PER_USEC);
}

static inline void ns_to_ts(u64 ns, struct linux_timespec *ts)
{
	ts->tv_sec = ns / NSEC_PER_SEC;
	ts->tv_nsec = ns % NSEC_PER_SEC;
}

static inline void ns_to_tv(u64 ns, struct linux_timeval *tv)
{
	tv->tv_sec = ns / NSEC_PER_SEC;
	tv->tv_usec = ns % NSEC_PER_SEC / NSEC_PER_USEC;
}

/* A wall-clock time that may be set: Linux refuses times within 30 years
 * of the 64-bit ns limit (timespec64_valid_settod). */
static inline bool settod_valid(s64 sec)
{
	return sec >= 0 && sec < 9223372036LL - 30LL * 365 * 86400;
}

#endif
