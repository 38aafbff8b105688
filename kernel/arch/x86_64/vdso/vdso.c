/*
 * The vDSO: a small shared object the kernel maps into every process
 * ([vdso], announced by AT_SYSINFO_EHDR), so that reading the clocks and
 * the CPU number costs no system call. This file runs in user mode: it is
 * compiled position-independent, without the C library, into
 * $(BUILD)/vdso/vdso.so (mk/vdso.mk), which the kernel embeds and maps.
 *
 * The exports and their version (LINUX_2.6) are Linux's, so glibc's and
 * musl's startup find them by the names and version they look up:
 * __vdso_clock_gettime, __vdso_gettimeofday, __vdso_time, __vdso_getcpu,
 * __vdso_clock_getres, each with the unprefixed weak alias Linux has.
 *
 * The data comes from the [vvar] page mapped just below the text
 * (vvar.h: the formulas, and the sequence counter the reads retry on).
 * What the vDSO does not handle itself (the CPU-time clocks, the alarm
 * clocks, invalid ids, or everything when the kernel says the TSC may
 * not be read) goes to the real system call, whose result (0 or -errno,
 * as Linux's vDSO returns it) is passed back unchanged.
 */
#include <stddef.h>
#include <stdint.h>

#include "vvar.h"

#define EXPORT __attribute__((visibility("default")))
#define WEAK_ALIAS(name, target) \
	extern __typeof__(target) name __attribute__((weak, alias(#target), visibility("default")))

/* Linux's clock ids and syscall numbers (x86_64). */
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define CLOCK_TAI 11

#define NR_gettimeofday 96
#define NR_time 201
#define NR_clock_gettime 228
#define NR_clock_getres 229
#define NR_getcpu 309

#define NSEC_PER_SEC 1000000000ULL

struct vdso_timespec {
	long tv_sec;
	long tv_nsec;
};

struct vdso_timeval {
	long tv_sec;
	long tv_usec;
};

struct vdso_timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

/* The data page, one page below the image's first byte (vdso.lds). Hidden,
 * so the reference is RIP-relative: no relocation, no GOT. */
extern const volatile struct vdso_data vdso_vvar __attribute__((visibility("hidden")));

#define barrier() __asm__ __volatile__("" ::: "memory")

static inline long sys2(long nr, long a, long b)
{
	long ret;

	__asm__ __volatile__("syscall"
			     : "=a"(ret)
			     : "0"(nr), "D"(a), "S"(b)
			     : "rcx", "r11", "memory");
	return ret;
}

static inline long sys3(long nr, long a, long b, long c)
{
	long ret;

	__asm__ __volatile__("syscall"
			     : "=a"(ret)
			     : "0"(nr), "D"(a), "S"(b), "d"(c)
			     : "rcx", "r11", "memory");
	return ret;
}

/* The TSC, not read ahead of the loads before it (Linux's rdtsc_ordered). */
static inline uint64_t rdtsc_ordered(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("lfence; rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
	return (uint64_t)hi << 32 | lo;
}

enum vclock { V_MONO, V_REAL, V_MONO_COARSE, V_REAL_COARSE, V_NONE };

static inline enum vclock classify(int clk)
{
	switch (clk) {
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:   /* no NTP slewing here: the same clock */
	case CLOCK_BOOTTIME:        /* never suspends: the same clock */
		return V_MONO;
	case CLOCK_REALTIME:
	case CLOCK_TAI:             /* TAI offset 0, as the syscall has it */
		return V_REAL;
	case CLOCK_MONOTONIC_COARSE:
		return V_MONO_COARSE;
	case CLOCK_REALTIME_COARSE:
		return V_REAL_COARSE;
	}
	return V_NONE;
}

/* The clock's value in ns; false when the syscall must answer. */
static inline int read_clock(enum vclock c, uint64_t *ns)
{
	const volatile struct vdso_data *vd = &vdso_vvar;
	uint32_t seq;
	uint64_t t, coarse;

	for (;;) {
		seq = vd->seq;
		if (seq & 1) {
			__asm__ __volatile__("pause");
			continue;
		}
		barrier();      /* x86 keeps loads in order: the compiler must too */
		if (vd->clock_mode != VDSO_CLOCK_TSC)
			return 0;
		t = (uint64_t)(((unsigned __int128)rdtsc_ordered() * vd->tsc_mult) >> vd->tsc_shift);
		if (c == V_REAL || c == V_REAL_COARSE)
			t += (uint64_t)vd->realtime_offset;
		coarse = vd->coarse_ns;
		barrier();
		if (vd->seq == seq)
			break;
	}
	if ((c == V_MONO_COARSE || c == V_REAL_COARSE) && coarse)
		t -= t % coarse;
	*ns = t;
	return 1;
}

EXPORT int __vdso_clock_gettime(int clk, struct vdso_timespec *ts)
{
	enum vclock c = classify(clk);
	uint64_t ns;

	if (c == V_NONE || !read_clock(c, &ns))
		return sys2(NR_clock_gettime, clk, (long)ts);
	ts->tv_sec = ns / NSEC_PER_SEC;
	ts->tv_nsec = ns % NSEC_PER_SEC;
	return 0;
}
WEAK_ALIAS(clock_gettime, __vdso_clock_gettime);

EXPORT int __vdso_gettimeofday(struct vdso_timeval *tv, struct vdso_timezone *tz)
{
	uint64_t ns;

	if (tv) {
		if (!read_clock(V_REAL, &ns))
			return sys2(NR_gettimeofday, (long)tv, (long)tz);
		tv->tv_sec = ns / NSEC_PER_SEC;
		tv->tv_usec = ns % NSEC_PER_SEC / 1000;
	}
	if (tz) {
		/* The syscall keeps no time zone either (Linux keeps the
		 * one settimeofday set). */
		tz->tz_minuteswest = 0;
		tz->tz_dsttime = 0;
	}
	return 0;
}
WEAK_ALIAS(gettimeofday, __vdso_gettimeofday);

EXPORT long __vdso_time(long *t)
{
	uint64_t ns;
	long secs;

	if (!read_clock(V_REAL, &ns))
		return sys2(NR_time, (long)t, 0);
	secs = ns / NSEC_PER_SEC;
	if (t)
		*t = secs;
	return secs;
}
WEAK_ALIAS(time, __vdso_time);

EXPORT int __vdso_clock_getres(int clk, struct vdso_timespec *res)
{
	const volatile struct vdso_data *vd = &vdso_vvar;
	enum vclock c = classify(clk);
	uint64_t ns;

	if (c == V_NONE || vd->clock_mode != VDSO_CLOCK_TSC)
		return sys2(NR_clock_getres, clk, (long)res);
	ns = (c == V_MONO_COARSE || c == V_REAL_COARSE) ? vd->coarse_ns : vd->hres_ns;
	if (res) {
		res->tv_sec = ns / NSEC_PER_SEC;
		res->tv_nsec = ns % NSEC_PER_SEC;
	}
	return 0;
}
WEAK_ALIAS(clock_getres, __vdso_clock_getres);

EXPORT long __vdso_getcpu(unsigned *cpu, unsigned *node, void *cache)
{
	uint64_t aux;

	switch (vdso_vvar.getcpu_mode) {
	case VDSO_GETCPU_RDPID:
		__asm__ __volatile__("rdpid %0" : "=r"(aux));
		break;
	case VDSO_GETCPU_RDTSCP: {
		uint32_t lo, hi, c;

		__asm__ __volatile__("rdtscp" : "=a"(lo), "=d"(hi), "=c"(c));
		aux = c;
		break;
	}
	default:
		return sys3(NR_getcpu, (long)cpu, (long)node, (long)cache);
	}
	if (cpu)
		*cpu = aux & 0xfff;
	if (node)
		*node = (aux >> 12) & 0xfffff;
	return 0;
}
WEAK_ALIAS(getcpu, __vdso_getcpu);
