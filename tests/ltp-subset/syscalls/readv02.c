/*
 * readv02: documented readv() failures: EINVAL (iovcnt negative or above
 * IOV_MAX, a length that overflows ssize_t), EFAULT (bad iovec array or
 * buffer), EBADF, EISDIR.
 */
#include <fcntl.h>
#include <limits.h>
#include <sys/uio.h>

#include "harness.h"

static void run(void)
{
	char buf[8];
	struct iovec ok = { buf, sizeof(buf) };
	struct iovec bad_buf = { NULL, 0 };
	struct iovec huge[1] = { { buf, (size_t)SSIZE_MAX + 1 } };	/* negative as ssize_t */
	int fd, dfd;

	t_write_file("f", "data", 0644);
	fd = SAFE(open("f", O_RDONLY));
	dfd = SAFE(open(".", O_RDONLY));
	bad_buf.iov_base = t_bad_addr();
	bad_buf.iov_len = 8;
	EXPECT_FAIL(readv(fd, &ok, -1), EINVAL);
	EXPECT_FAIL(readv(fd, &ok, IOV_MAX + 1), EINVAL);
	EXPECT_FAIL(readv(fd, huge, 1), EINVAL);
	EXPECT_FAIL(readv(fd, t_bad_addr(), 1), EFAULT);
	EXPECT_FAIL(readv(fd, &bad_buf, 1), EFAULT);
	EXPECT_FAIL(readv(-1, &ok, 1), EBADF);
	EXPECT_FAIL(readv(dfd, &ok, 1), EISDIR);
	EXPECT_EQ(readv(fd, &ok, 0), 0);
}

const struct t_test t_test = { .run = run };
