/*
 * chdir01: chdir() changes where relative paths resolve (also through a
 * symlink and ".."); failures: ENOENT, ENOTDIR, EFAULT, ELOOP,
 * ENAMETOOLONG, EACCES as nobody for a directory without search
 * permission.
 */
#include <sys/stat.h>

#include "harness.h"

static void as_nobody(void)
{
	EXPECT_FAIL(chdir("closed"), EACCES);
}

static void run(void)
{
	struct stat st;

	SAFE(mkdir("a", 0755));
	SAFE(mkdir("a/b", 0755));
	t_write_file("a/b/marker", "", 0644);
	SAFE(symlink("a/b", "lb"));
	t_write_file("f", "", 0644);
	SAFE(mkdir("closed", 0700));
	SAFE(symlink("loop", "loop"));
	EXPECT_OK(chdir("a/b"));
	EXPECT_OK(stat("marker", &st));
	EXPECT_OK(chdir("../.."));
	EXPECT_OK(stat("a/b/marker", &st));
	EXPECT_OK(chdir("lb"));
	EXPECT_OK(stat("marker", &st));
	SAFE(chdir(t_tmpdir()));
	EXPECT_FAIL(chdir("missing"), ENOENT);
	EXPECT_FAIL(chdir("f"), ENOTDIR);
	EXPECT_FAIL(chdir(t_bad_addr()), EFAULT);
	EXPECT_FAIL(chdir("loop"), ELOOP);
	EXPECT_FAIL(chdir(t_long_name()), ENAMETOOLONG);
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
