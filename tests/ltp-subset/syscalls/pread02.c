/*
 * pread02: documented pread() failures: ESPIPE on a pipe, EINVAL for a
 * negative offset, EISDIR on a directory, EBADF on a bad or write-only
 * descriptor, EFAULT for a bad buffer.
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	char buf[8];
	int fd, wfd, dfd, p[2];

	t_write_file("f", "abc", 0644);
	fd = SAFE(open("f", O_RDONLY));
	wfd = SAFE(open("f", O_WRONLY));
	dfd = SAFE(open(".", O_RDONLY));
	SAFE(pipe(p));
	EXPECT_FAIL(pread(p[0], buf, 1, 0), ESPIPE);
	EXPECT_FAIL(pread(fd, buf, 1, -1), EINVAL);
	EXPECT_FAIL(pread(dfd, buf, 1, 0), EISDIR);
	EXPECT_FAIL(pread(-1, buf, 1, 0), EBADF);
	EXPECT_FAIL(pread(wfd, buf, 1, 0), EBADF);
	EXPECT_FAIL(pread(fd, t_bad_addr(), 1, 0), EFAULT);
}

const struct t_test t_test = { .run = run };
