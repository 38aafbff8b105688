/*
 * writev02: documented writev() failures: EINVAL (negative iovcnt, above
 * IOV_MAX, a length negative as ssize_t), EFAULT (iovec array not
 * mapped), EBADF (bad or read-only descriptor); and when a later buffer is
 * bad the bytes from the valid ones before it are written (partial count).
 */
#include <fcntl.h>
#include <limits.h>
#include <sys/uio.h>

#include "harness.h"

static void run(void)
{
	struct iovec ok = { "abc", 3 };
	struct iovec huge[1] = { { "x", (size_t)SSIZE_MAX + 1 } };	/* negative as ssize_t */
	struct iovec partial[2] = { { "good", 4 }, { NULL, 4 } };
	int fd, rfd;

	fd = SAFE(open("f", O_WRONLY | O_CREAT, 0644));
	rfd = SAFE(open("f", O_RDONLY));
	EXPECT_FAIL(writev(fd, &ok, -1), EINVAL);
	EXPECT_FAIL(writev(fd, &ok, IOV_MAX + 1), EINVAL);
	EXPECT_FAIL(writev(fd, huge, 1), EINVAL);
	EXPECT_FAIL(writev(fd, t_bad_addr(), 1), EFAULT);
	EXPECT_FAIL(writev(-1, &ok, 1), EBADF);
	EXPECT_FAIL(writev(rfd, &ok, 1), EBADF);
	partial[1].iov_base = t_bad_addr();
	EXPECT_EQ(writev(fd, partial, 2), 4);
}

const struct t_test t_test = { .run = run };
