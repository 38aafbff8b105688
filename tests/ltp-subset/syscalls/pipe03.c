/*
 * pipe03: the ends are one-way: writing the read end and reading the write
 * end fail with EBADF.
 */
#include "harness.h"

static void run(void)
{
	int p[2];
	char c;

	SAFE(pipe(p));
	EXPECT_FAIL(write(p[0], "x", 1), EBADF);
	EXPECT_FAIL(read(p[1], &c, 1), EBADF);
}

const struct t_test t_test = { .run = run };
