/*
 * fcntl05: documented fcntl() failures: EBADF (bad descriptor), EINVAL
 * (unknown command, F_DUPFD with a negative or too large argument), EMFILE
 * (F_DUPFD with no free descriptor at or above the argument).
 */
#include <fcntl.h>
#include <sys/resource.h>

#include "harness.h"

static void run(void)
{
	struct rlimit rl = { 32, 32 };

	EXPECT_FAIL(fcntl(-1, F_GETFD), EBADF);
	EXPECT_FAIL(fcntl(100, F_GETFL), EBADF);
	EXPECT_FAIL(fcntl(0, 123456), EINVAL);
	EXPECT_FAIL(fcntl(0, F_DUPFD, -1), EINVAL);
	SAFE(setrlimit(RLIMIT_NOFILE, &rl));
	EXPECT_FAIL(fcntl(0, F_DUPFD, 32), EINVAL);
	SAFE(dup2(0, 31));
	EXPECT_FAIL(fcntl(0, F_DUPFD, 31), EMFILE);
}

const struct t_test t_test = { .run = run };
