/*
 * sched_getparam03: a negative pid or a NULL param is EINVAL, an unknown
 * pid ESRCH, a bad address EFAULT.
 */
#include <sched.h>

#include "harness.h"

static void run(void)
{
	struct sched_param sp;

	EXPECT_FAIL(syscall(SYS_sched_getparam, -1, &sp), EINVAL);
	EXPECT_FAIL(syscall(SYS_sched_getparam, 0, NULL), EINVAL);
	EXPECT_FAIL(syscall(SYS_sched_getparam, 4194304 + 1, &sp), ESRCH);
	EXPECT_FAIL(syscall(SYS_sched_getparam, 0, t_bad_addr()), EFAULT);
}

const struct t_test t_test = { .run = run };
