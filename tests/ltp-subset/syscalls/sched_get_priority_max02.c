/*
 * sched_get_priority_max02: an unknown policy (-1, 4, 1000) is EINVAL
 * (7 is not: SCHED_EXT since Linux 6.12).
 */
#include <sched.h>

#include "harness.h"

static void run(void)
{
	EXPECT_FAIL(syscall(SYS_sched_get_priority_max, -1), EINVAL);
	EXPECT_FAIL(syscall(SYS_sched_get_priority_max, 4), EINVAL);
	EXPECT_FAIL(syscall(SYS_sched_get_priority_max, 1000), EINVAL);
}

const struct t_test t_test = { .run = run };
