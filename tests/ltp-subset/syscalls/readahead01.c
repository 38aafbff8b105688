/*
 * readahead01: readahead() on a regular file returns 0 and leaves the
 * offset alone; it fails with EBADF for a bad or write-only descriptor and
 * EINVAL for a pipe or a socket.
 */
#include <sys/socket.h>

#include "harness.h"

static void run(void)
{
	char buf[8192];
	int fd, wo, p[2], sv[2];

	memset(buf, 'r', sizeof(buf));
	fd = SAFE(open("f", O_RDWR | O_CREAT, 0644));
	SAFE(write(fd, buf, sizeof(buf)));
	SAFE(lseek(fd, 100, SEEK_SET));
	EXPECT_OK(readahead(fd, 0, sizeof(buf)));
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 100);
	wo = SAFE(open("f", O_WRONLY));
	SAFE(pipe(p));
	SAFE(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	EXPECT_FAIL(readahead(-1, 0, 10), EBADF);
	EXPECT_FAIL(readahead(wo, 0, 10), EBADF);
	EXPECT_FAIL(readahead(p[0], 0, 10), EINVAL);
	EXPECT_FAIL(readahead(sv[0], 0, 10), EINVAL);
}

const struct t_test t_test = { .run = run };
