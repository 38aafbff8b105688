/*
 * access01: access() as root: F_OK, R_OK and W_OK succeed whatever the
 * mode; X_OK succeeds only if some execute bit is set (or for a
 * directory); as nobody each bit is checked against the "other" class.
 */
#include <sys/stat.h>

#include "harness.h"

static void as_nobody(void)
{
	EXPECT_OK(access("r", R_OK));
	EXPECT_FAIL(access("r", W_OK), EACCES);
	EXPECT_FAIL(access("r", X_OK), EACCES);
	EXPECT_OK(access("w", W_OK));
	EXPECT_FAIL(access("w", R_OK), EACCES);
	EXPECT_OK(access("x", X_OK));
	EXPECT_FAIL(access("x", R_OK | X_OK), EACCES);
	EXPECT_OK(access("none", F_OK));
	EXPECT_FAIL(access("none", R_OK), EACCES);
}

static void run(void)
{
	t_write_file("r", "", 0644);
	t_write_file("w", "", 0622);
	t_write_file("x", "", 0711);
	t_write_file("none", "", 0600);
	SAFE(chmod("r", 0604));
	SAFE(chmod("w", 0602));
	SAFE(chmod("x", 0601));
	SAFE(chmod("none", 0));
	EXPECT_OK(access("none", F_OK));
	EXPECT_OK(access("none", R_OK | W_OK));
	EXPECT_FAIL(access("none", X_OK), EACCES);
	EXPECT_OK(access("x", X_OK));
	EXPECT_OK(access(".", X_OK));
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
