/*
 * close02: close() of a descriptor that is not open fails with EBADF: a
 * negative number, a number never opened, one already closed.
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	int fd;

	EXPECT_FAIL(close(-1), EBADF);
	EXPECT_FAIL(close(1000), EBADF);
	fd = SAFE(open(".", O_RDONLY));
	EXPECT_OK(close(fd));
	EXPECT_FAIL(close(fd), EBADF);
}

const struct t_test t_test = { .run = run };
