/*
 * access04: documented access() failures: ENOENT, ENOTDIR, ENAMETOOLONG,
 * EFAULT, EINVAL (bad mode bits), ELOOP, and EACCES when a directory on
 * the path cannot be searched.
 */
#include <sys/stat.h>

#include "harness.h"

static void as_nobody(void)
{
	EXPECT_FAIL(access("closed/f", F_OK), EACCES);
}

static void run(void)
{
	t_write_file("f", "", 0644);
	SAFE(mkdir("closed", 0700));
	t_write_file("closed/f", "", 0644);
	SAFE(symlink("loop", "loop"));
	EXPECT_FAIL(access("missing", F_OK), ENOENT);
	EXPECT_FAIL(access("f/x", F_OK), ENOTDIR);
	EXPECT_FAIL(access(t_long_name(), F_OK), ENAMETOOLONG);
	EXPECT_FAIL(access(t_bad_addr(), F_OK), EFAULT);
	EXPECT_FAIL(access("f", 0x40), EINVAL);
	EXPECT_FAIL(access("loop", F_OK), ELOOP);
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
