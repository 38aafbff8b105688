/*
 * dup202: dup2() to a chosen number returns it, and the copy does not have
 * FD_CLOEXEC even when the original has; dup2(fd, fd) returns fd without
 * changing its FD_CLOEXEC.
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	int fd;

	fd = SAFE(open(".", O_RDONLY | O_CLOEXEC));
	EXPECT_EQ(dup2(fd, 40), 40);
	EXPECT_EQ(fcntl(40, F_GETFD), 0);
	EXPECT_EQ(dup2(fd, fd), fd);
	EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	EXPECT_FAIL(dup2(77, 77), EBADF);
}

const struct t_test t_test = { .run = run };
