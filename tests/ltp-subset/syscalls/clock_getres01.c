/*
 * clock_getres01: clock_getres() gives a positive resolution below one
 * second for the common clocks (1 ns for high-resolution REALTIME and
 * MONOTONIC), accepts a NULL result, and fails with EINVAL for an unknown
 * clock (raw call).
 */
#include <time.h>

#include "harness.h"

static void run(void)
{
	static const clockid_t clocks[] = {
		CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID,
		CLOCK_THREAD_CPUTIME_ID, CLOCK_BOOTTIME, CLOCK_MONOTONIC_COARSE,
	};
	struct timespec res;
	int bad = 0;

	for (unsigned int i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		if (clock_getres(clocks[i], &res) < 0 || res.tv_sec != 0 ||
		    res.tv_nsec <= 0)
			bad++;
	}
	EXPECT_MSG(bad == 0, "resolutions are positive and under a second");
	SAFE(clock_getres(CLOCK_MONOTONIC, &res));
	EXPECT_EQ(res.tv_nsec, 1);
	EXPECT_OK(clock_getres(CLOCK_REALTIME, NULL));
	EXPECT_FAIL(syscall(SYS_clock_getres, 12345, &res), EINVAL);
}

const struct t_test t_test = { .run = run };
