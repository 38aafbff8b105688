/*
 * symlink03: documented symlink() failures: EEXIST (name exists, even as a
 * dangling link), ENOENT (missing directory, empty target), ENOTDIR,
 * ENAMETOOLONG, EFAULT, EACCES as nobody.
 */
#include <sys/stat.h>

#include "harness.h"

static void as_nobody(void)
{
	EXPECT_FAIL(symlink("x", "ro/l"), EACCES);
}

static void run(void)
{
	t_write_file("f", "", 0644);
	SAFE(mkdir("ro", 0755));
	SAFE(symlink("nowhere", "dangling"));
	EXPECT_FAIL(symlink("x", "f"), EEXIST);
	EXPECT_FAIL(symlink("x", "dangling"), EEXIST);
	EXPECT_FAIL(symlink("x", "missing/l"), ENOENT);
	EXPECT_FAIL(symlink("", "empty"), ENOENT);
	EXPECT_FAIL(symlink("x", "f/l"), ENOTDIR);
	EXPECT_FAIL(symlink("x", t_long_name()), ENAMETOOLONG);
	EXPECT_FAIL(symlink(t_bad_addr(), "l"), EFAULT);
	EXPECT_FAIL(symlink("x", t_bad_addr()), EFAULT);
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
