/*
 * sched_getattr02: errors. A size below 48 or above a page, flags != 0, a
 * NULL attr or a negative pid is EINVAL; an unknown pid ESRCH; a bad
 * address EFAULT.
 */
#include <sched.h>

#include "harness.h"

static void run(void)
{
	char buf[64];

	EXPECT_FAIL(syscall(SYS_sched_getattr, 0, buf, 47, 0), EINVAL);
	EXPECT_FAIL(syscall(SYS_sched_getattr, 0, buf, t_page() + 1, 0), EINVAL);
	EXPECT_FAIL(syscall(SYS_sched_getattr, 0, buf, 56, 1), EINVAL);
	EXPECT_FAIL(syscall(SYS_sched_getattr, 0, NULL, 56, 0), EINVAL);
	EXPECT_FAIL(syscall(SYS_sched_getattr, -1, buf, 56, 0), EINVAL);
	EXPECT_FAIL(syscall(SYS_sched_getattr, 4194304 + 1, buf, 56, 0), ESRCH);
	EXPECT_FAIL(syscall(SYS_sched_getattr, 0, t_bad_addr(), 56, 0), EFAULT);
}

const struct t_test t_test = { .run = run };
