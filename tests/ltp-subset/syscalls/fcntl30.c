/*
 * fcntl30: F_GETPIPE_SZ returns the pipe capacity (64 KiB by default on
 * Linux); F_SETPIPE_SZ rounds up to a power-of-two number of pages and the
 * pipe then holds exactly that much; F_SETPIPE_SZ below the data held fails
 * with EBUSY; on a regular file it fails with EBADF.
 */
#include <fcntl.h>
#include <stdlib.h>

#include "harness.h"

static void run(void)
{
	int p[2], sz, fd;
	long n = 0;
	char *buf;

	SAFE(pipe2(p, O_NONBLOCK));
	EXPECT_EQ(fcntl(p[0], F_GETPIPE_SZ), 65536);
	sz = EXPECT_OK(fcntl(p[1], F_SETPIPE_SZ, 3 * 4096 + 1));
	EXPECT_EQ(sz, 16384);
	EXPECT_EQ(fcntl(p[0], F_GETPIPE_SZ), 16384);
	buf = calloc(1, 100000);
	for (;;) {
		ssize_t w = write(p[1], buf, 1024);
		if (w < 0)
			break;
		n += w;
	}
	EXPECT_EQ(errno, EAGAIN);
	EXPECT_EQ(n, 16384);
	EXPECT_FAIL(fcntl(p[1], F_SETPIPE_SZ, 4096), EBUSY);
	EXPECT_EQ(fcntl(p[1], F_SETPIPE_SZ, 65536), 65536);
	EXPECT_EQ(write(p[1], buf, 1000), 1000);
	fd = SAFE(open("f", O_RDWR | O_CREAT, 0644));
	EXPECT_FAIL(fcntl(fd, F_GETPIPE_SZ), EBADF);
	free(buf);
}

const struct t_test t_test = { .run = run };
