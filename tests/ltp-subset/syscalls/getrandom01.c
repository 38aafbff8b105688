/*
 * getrandom01: getrandom() fills the buffer (up to 256 bytes always in
 * full), two calls give different bytes, flags 0 / GRND_NONBLOCK /
 * GRND_RANDOM work; unknown flags give EINVAL, a bad buffer EFAULT; a
 * large request returns a positive count, at most the size asked.
 */
#include <stdlib.h>

#include "harness.h"

static void run(void)
{
	unsigned char a[256], b[256];
	char *big = malloc(40 << 20);
	long n;

	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	EXPECT_EQ(syscall(SYS_getrandom, a, sizeof(a), 0), 256);
	EXPECT_EQ(syscall(SYS_getrandom, b, sizeof(b), GRND_NONBLOCK), 256);
	EXPECT_MSG(memcmp(a, b, sizeof(a)) != 0, "two calls give different bytes");
	EXPECT_EQ(syscall(SYS_getrandom, a, 16, GRND_RANDOM | GRND_NONBLOCK), 16);
	EXPECT_EQ(syscall(SYS_getrandom, a, 0, 0), 0);
	EXPECT_FAIL(syscall(SYS_getrandom, a, 16, 0x1000), EINVAL);
	EXPECT_FAIL(syscall(SYS_getrandom, t_bad_addr(), 16, 0), EFAULT);
	n = syscall(SYS_getrandom, big, 40 << 20, 0);
	EXPECT_MSG(n > 0 && n <= (40 << 20), "large request returned %ld", n);
	free(big);
}

const struct t_test t_test = { .run = run };
