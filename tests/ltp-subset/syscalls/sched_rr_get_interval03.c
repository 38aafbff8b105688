/*
 * sched_rr_get_interval03: a negative pid is EINVAL, an unknown pid ESRCH,
 * a bad timespec address EFAULT.
 */
#include <sched.h>
#include <time.h>

#include "harness.h"

static void run(void)
{
	struct timespec ts;

	EXPECT_FAIL(syscall(SYS_sched_rr_get_interval, -1, &ts), EINVAL);
	EXPECT_FAIL(syscall(SYS_sched_rr_get_interval, 4194304 + 1, &ts), ESRCH);
	EXPECT_FAIL(syscall(SYS_sched_rr_get_interval, 0, t_bad_addr()), EFAULT);
}

const struct t_test t_test = { .run = run };
