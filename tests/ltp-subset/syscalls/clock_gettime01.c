/*
 * clock_gettime01: every documented clock reads successfully with tv_nsec
 * in [0, 1e9); CLOCK_MONOTONIC never goes backwards over many reads;
 * BOOTTIME >= MONOTONIC; the process CPU clock advances with work; the
 * libc (maybe vDSO) and raw system call agree for REALTIME and MONOTONIC.
 */
#include <time.h>

#include "harness.h"

static long long ns(const struct timespec *ts)
{
	return ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

static void run(void)
{
	static const clockid_t clocks[] = {
		CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID,
		CLOCK_THREAD_CPUTIME_ID, CLOCK_MONOTONIC_RAW, CLOCK_REALTIME_COARSE,
		CLOCK_MONOTONIC_COARSE, CLOCK_BOOTTIME,
	};
	struct timespec a, b, c;
	int bad = 0, back = 0;

	for (unsigned int i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		a.tv_nsec = -1;
		if (clock_gettime(clocks[i], &a) < 0 || a.tv_nsec < 0 || a.tv_nsec >= 1000000000)
			bad++;
	}
	EXPECT_MSG(bad == 0, "all clocks readable with valid tv_nsec");
	SAFE(clock_gettime(CLOCK_MONOTONIC, &a));
	for (int i = 0; i < 100000; i++) {
		SAFE(clock_gettime(CLOCK_MONOTONIC, &b));
		if (ns(&b) < ns(&a))
			back++;
		a = b;
	}
	EXPECT_EQ(back, 0);
	SAFE(clock_gettime(CLOCK_MONOTONIC, &a));
	SAFE(clock_gettime(CLOCK_BOOTTIME, &b));
	EXPECT(ns(&b) >= ns(&a));
	SAFE(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a));
	t_burn_cpu(50);
	SAFE(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b));
	EXPECT(ns(&b) - ns(&a) >= 40000000);
	SAFE(clock_gettime(CLOCK_REALTIME, &a));
	SAFE(syscall(SYS_clock_gettime, CLOCK_REALTIME, &b));
	SAFE(clock_gettime(CLOCK_REALTIME, &c));
	EXPECT_MSG(ns(&a) <= ns(&b) && ns(&b) <= ns(&c), "libc and raw REALTIME agree");
	SAFE(clock_gettime(CLOCK_MONOTONIC, &a));
	SAFE(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &b));
	SAFE(clock_gettime(CLOCK_MONOTONIC, &c));
	EXPECT_MSG(ns(&a) <= ns(&b) && ns(&b) <= ns(&c), "libc and raw MONOTONIC agree");
}

const struct t_test t_test = { .run = run };
