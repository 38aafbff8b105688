/*
 * dup3_01: dup3() with O_CLOEXEC sets FD_CLOEXEC on the new descriptor,
 * without flags it does not; dup3(fd, fd, 0) fails with EINVAL, as do
 * unknown flags; a bad oldfd gives EBADF. Raw calls: musl's dup3() without
 * O_CLOEXEC falls back to dup2 and ignores the other flags.
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	int fd = SAFE(open(".", O_RDONLY));

	EXPECT_EQ(syscall(SYS_dup3, fd, 30, O_CLOEXEC), 30);
	EXPECT_EQ(fcntl(30, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(syscall(SYS_dup3, fd, 31, 0), 31);
	EXPECT_EQ(fcntl(31, F_GETFD), 0);
	EXPECT_EQ(syscall(SYS_dup3, fd, 30, 0), 30);	/* replaces, flag now clear */
	EXPECT_EQ(fcntl(30, F_GETFD), 0);
	EXPECT_FAIL(syscall(SYS_dup3, fd, fd, 0), EINVAL);
	EXPECT_FAIL(syscall(SYS_dup3, fd, fd, O_CLOEXEC), EINVAL);
	EXPECT_FAIL(syscall(SYS_dup3, fd, 32, O_NONBLOCK), EINVAL);
	EXPECT_FAIL(syscall(SYS_dup3, 123, 32, 0), EBADF);
	EXPECT_FAIL(syscall(SYS_dup3, fd, -1, 0), EBADF);
}

const struct t_test t_test = { .run = run };
