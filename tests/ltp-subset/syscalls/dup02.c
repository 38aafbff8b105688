/*
 * dup02: dup() of a descriptor that is not open fails with EBADF.
 */
#include "harness.h"

static void run(void)
{
	EXPECT_FAIL(dup(-1), EBADF);
	EXPECT_FAIL(dup(1500), EBADF);
	EXPECT_FAIL(dup(2000000), EBADF);
}

const struct t_test t_test = { .run = run };
