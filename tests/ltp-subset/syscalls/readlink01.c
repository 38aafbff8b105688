/*
 * readlink01: readlink() returns the length of the target and does not add
 * a NUL; with a smaller buffer it silently truncates to the buffer size.
 */
#include "harness.h"

static void run(void)
{
	char buf[32];

	SAFE(symlink("target-name", "l"));
	memset(buf, '#', sizeof(buf));
	EXPECT_EQ(readlink("l", buf, sizeof(buf)), 11);
	EXPECT(!memcmp(buf, "target-name", 11));
	EXPECT_EQ(buf[11], '#');
	memset(buf, '#', sizeof(buf));
	EXPECT_EQ(readlink("l", buf, 4), 4);
	EXPECT(!memcmp(buf, "targ#", 5));
}

const struct t_test t_test = { .run = run };
