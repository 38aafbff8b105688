/*
 * close_range01: close_range() closes every open descriptor in [first,
 * last] (gaps allowed, ~0U as last means "to the end"); with
 * CLOSE_RANGE_CLOEXEC it only sets FD_CLOEXEC; first > last and unknown
 * flags give EINVAL.
 */
#include "harness.h"

static void run(void)
{
	int i;

	for (i = 10; i < 20; i++)
		SAFE(dup2(0, i));
	SAFE(dup2(0, 30));
	EXPECT_OK(syscall(SYS_close_range, 12, 15, 0));
	EXPECT_OK(fcntl(11, F_GETFD));
	EXPECT_FAIL(fcntl(12, F_GETFD), EBADF);
	EXPECT_FAIL(fcntl(15, F_GETFD), EBADF);
	EXPECT_OK(fcntl(16, F_GETFD));
	EXPECT_OK(syscall(SYS_close_range, 16, 17, CLOSE_RANGE_CLOEXEC));
	EXPECT_EQ(fcntl(16, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(fcntl(17, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(fcntl(18, F_GETFD), 0);
	EXPECT_OK(syscall(SYS_close_range, 18, ~0U, 0));
	EXPECT_FAIL(fcntl(30, F_GETFD), EBADF);
	EXPECT_OK(fcntl(17, F_GETFD));
	EXPECT_FAIL(syscall(SYS_close_range, 5, 4, 0), EINVAL);
	EXPECT_FAIL(syscall(SYS_close_range, 10, 11, 0x80), EINVAL);
}

const struct t_test t_test = { .run = run };
