/*
 * lstat02: documented lstat() failures: ENOENT, ENOTDIR, ENAMETOOLONG,
 * EFAULT, ELOOP (a loop in a non-final component), EACCES as nobody.
 */
#include <sys/stat.h>

#include "harness.h"

static void as_nobody(void)
{
	struct stat st;

	EXPECT_FAIL(lstat("closed/f", &st), EACCES);
}

static void run(void)
{
	struct stat st;

	t_write_file("f", "", 0644);
	SAFE(mkdir("closed", 0700));
	SAFE(symlink("loop", "loop"));
	EXPECT_FAIL(lstat("missing", &st), ENOENT);
	EXPECT_FAIL(lstat("f/x", &st), ENOTDIR);
	EXPECT_FAIL(lstat(t_long_name(), &st), ENAMETOOLONG);
	EXPECT_FAIL(lstat(t_bad_addr(), &st), EFAULT);
	EXPECT_FAIL(lstat("loop/x", &st), ELOOP);
	EXPECT_OK(lstat("loop", &st));
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
