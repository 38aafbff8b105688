/*
 * settimeofday01: settimeofday() without privilege fails with EPERM; with
 * tv_usec out of range it fails with EINVAL (so the clock is never
 * changed here); stime-like setting of a negative time is EINVAL.
 */
#include <sys/time.h>

#include "harness.h"

static void as_nobody(void)
{
	struct timeval tv;

	SAFE(gettimeofday(&tv, NULL));
	EXPECT_FAIL(settimeofday(&tv, NULL), EPERM);
}

static void run(void)
{
	struct timeval tv;

	SAFE(gettimeofday(&tv, NULL));
	tv.tv_usec = 1000000;
	EXPECT_FAIL(syscall(SYS_settimeofday, &tv, NULL), EINVAL);
	tv.tv_usec = -1;
	EXPECT_FAIL(syscall(SYS_settimeofday, &tv, NULL), EINVAL);
	tv.tv_sec = -1;
	tv.tv_usec = 0;
	EXPECT_FAIL(syscall(SYS_settimeofday, &tv, NULL), EINVAL);
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
