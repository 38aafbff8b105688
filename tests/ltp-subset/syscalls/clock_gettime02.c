/*
 * clock_gettime02: clock_gettime() fails with EINVAL for an unknown clock
 * id and EFAULT for a bad pointer (raw calls); clock_settime() of
 * CLOCK_MONOTONIC fails with EINVAL, of REALTIME by nobody with EPERM, and
 * with tv_nsec out of range with EINVAL (nothing is changed).
 */
#include <time.h>

#include "harness.h"

static void as_nobody(void)
{
	struct timespec ts;

	SAFE(clock_gettime(CLOCK_REALTIME, &ts));
	EXPECT_FAIL(clock_settime(CLOCK_REALTIME, &ts), EPERM);
}

static void run(void)
{
	struct timespec ts;

	EXPECT_FAIL(syscall(SYS_clock_gettime, 12345, &ts), EINVAL);
	EXPECT_FAIL(syscall(SYS_clock_gettime, CLOCK_REALTIME, t_bad_addr()), EFAULT);
	EXPECT_FAIL(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, t_bad_addr()), EFAULT);
	SAFE(clock_gettime(CLOCK_MONOTONIC, &ts));
	EXPECT_FAIL(clock_settime(CLOCK_MONOTONIC, &ts), EINVAL);
	ts.tv_nsec = 1000000000;
	EXPECT_FAIL(clock_settime(CLOCK_REALTIME, &ts), EINVAL);
	ts.tv_nsec = -1;
	EXPECT_FAIL(clock_settime(CLOCK_REALTIME, &ts), EINVAL);
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
