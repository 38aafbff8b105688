/*
 * write05: documented write() failures: EBADF for a bad descriptor, a
 * read-only one and an O_PATH one; EFAULT for an unmapped buffer.
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	int fd, pfd;

	t_write_file("f", "", 0644);
	fd = SAFE(open("f", O_RDONLY));
	pfd = SAFE(open("f", O_PATH));
	EXPECT_FAIL(write(-1, "x", 1), EBADF);
	EXPECT_FAIL(write(99, "x", 1), EBADF);
	EXPECT_FAIL(write(fd, "x", 1), EBADF);
	EXPECT_FAIL(write(pfd, "x", 1), EBADF);
	close(fd);
	fd = SAFE(open("f", O_WRONLY));
	EXPECT_FAIL(write(fd, t_bad_addr(), 1), EFAULT);
	close(fd);
	close(pfd);
}

const struct t_test t_test = { .run = run };
