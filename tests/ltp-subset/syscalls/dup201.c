/*
 * dup201: documented dup2() failures: EBADF for a bad oldfd, and for a
 * newfd that is negative or at least RLIMIT_NOFILE.
 */
#include <sys/resource.h>

#include "harness.h"

static void run(void)
{
	struct rlimit rl;

	SAFE(getrlimit(RLIMIT_NOFILE, &rl));
	EXPECT_FAIL(dup2(-1, 10), EBADF);
	EXPECT_FAIL(dup2(500, 10), EBADF);
	EXPECT_FAIL(dup2(1, -1), EBADF);
	EXPECT_FAIL(dup2(1, (int)rl.rlim_cur), EBADF);
	EXPECT_FAIL(dup2(1, (int)rl.rlim_cur + 10), EBADF);
}

const struct t_test t_test = { .run = run };
