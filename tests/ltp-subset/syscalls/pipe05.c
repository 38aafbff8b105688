/*
 * pipe05: pipe() with an unmapped array fails with EFAULT; pipe() with no
 * free descriptors fails with EMFILE (also when only one is free).
 */
#include <sys/resource.h>

#include "harness.h"

static void run(void)
{
	struct rlimit rl = { 10, 10 };
	int p[2];

	EXPECT_FAIL(pipe(t_bad_addr()), EFAULT);
	SAFE(setrlimit(RLIMIT_NOFILE, &rl));
	while (dup(0) >= 0)
		;
	EXPECT_FAIL(pipe(p), EMFILE);
	close(9);
	EXPECT_FAIL(pipe(p), EMFILE);
	close(8);
	EXPECT_OK(pipe(p));
}

const struct t_test t_test = { .run = run };
