/*
 * pipe12: FIONREAD reports the bytes waiting in a pipe; a read smaller
 * than the content returns just what was asked and leaves the rest.
 */
#include <sys/ioctl.h>

#include "harness.h"

static void run(void)
{
	int p[2], n = -1;
	char buf[16];

	SAFE(pipe(p));
	EXPECT_OK(ioctl(p[0], FIONREAD, &n));
	EXPECT_EQ(n, 0);
	SAFE(write(p[1], "0123456789", 10));
	EXPECT_OK(ioctl(p[0], FIONREAD, &n));
	EXPECT_EQ(n, 10);
	EXPECT_EQ(read(p[0], buf, 3), 3);
	EXPECT_OK(ioctl(p[0], FIONREAD, &n));
	EXPECT_EQ(n, 7);
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 7);
	EXPECT(!memcmp(buf, "3456789", 7));
}

const struct t_test t_test = { .run = run };
