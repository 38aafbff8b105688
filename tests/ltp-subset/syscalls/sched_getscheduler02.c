/*
 * sched_getscheduler02: a negative pid is EINVAL, a pid nobody has ESRCH.
 */
#include <sched.h>

#include "harness.h"

static void run(void)
{
	EXPECT_FAIL(syscall(SYS_sched_getscheduler, -1), EINVAL);
	EXPECT_FAIL(syscall(SYS_sched_getscheduler, 4194304 + 1), ESRCH);
}

const struct t_test t_test = { .run = run };
