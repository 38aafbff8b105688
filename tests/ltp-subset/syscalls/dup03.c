/*
 * dup03: dup() fails with EMFILE when all RLIMIT_NOFILE descriptors are in
 * use.
 */
#include <fcntl.h>
#include <sys/resource.h>

#include "harness.h"

static void run(void)
{
	struct rlimit rl = { 20, 20 };
	int fd;

	SAFE(setrlimit(RLIMIT_NOFILE, &rl));
	while ((fd = dup(1)) >= 0)
		;
	EXPECT_FAIL(dup(1), EMFILE);
	SAFE(close(19));
	EXPECT_EQ(dup(1), 19);
}

const struct t_test t_test = { .run = run };
