/*
 * fcntl01: F_DUPFD returns the lowest free descriptor at or above the
 * argument; F_GETFD/F_SETFD read and set FD_CLOEXEC on one descriptor only.
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	int fd = SAFE(open(".", O_RDONLY)), d;

	d = EXPECT_OK(fcntl(fd, F_DUPFD, 10));
	EXPECT_EQ(d, 10);
	EXPECT_EQ(fcntl(fd, F_DUPFD, 10), 11);
	EXPECT_EQ(fcntl(fd, F_DUPFD, 0), fd + 1);
	EXPECT_EQ(fcntl(fd, F_GETFD), 0);
	EXPECT_OK(fcntl(fd, F_SETFD, FD_CLOEXEC));
	EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(fcntl(10, F_GETFD), 0);
	EXPECT_OK(fcntl(fd, F_SETFD, 0));
	EXPECT_EQ(fcntl(fd, F_GETFD), 0);
	d = EXPECT_OK(fcntl(fd, F_DUPFD_CLOEXEC, 20));
	EXPECT_EQ(d, 20);
	EXPECT_EQ(fcntl(d, F_GETFD), FD_CLOEXEC);
}

const struct t_test t_test = { .run = run };
