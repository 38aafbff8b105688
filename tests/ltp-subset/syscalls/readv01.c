/*
 * readv01: readv() scatters file data into the buffers in order, filling
 * each before the next, skipping zero-length ones, and returns the total.
 */
#include <fcntl.h>
#include <sys/uio.h>

#include "harness.h"

static void run(void)
{
	char a[3], b[1], c[10];
	struct iovec iov[4] = {
		{ a, sizeof(a) }, { NULL, 0 }, { b, sizeof(b) }, { c, sizeof(c) },
	};
	int fd;

	t_write_file("f", "abcdefghi", 0644);
	fd = SAFE(open("f", O_RDONLY));
	EXPECT_EQ(readv(fd, iov, 4), 9);
	EXPECT(memcmp(a, "abc", 3) == 0);
	EXPECT_EQ(b[0], 'd');
	EXPECT(memcmp(c, "efghi", 5) == 0);
	EXPECT_EQ(readv(fd, iov, 4), 0);
	close(fd);
}

const struct t_test t_test = { .run = run };
