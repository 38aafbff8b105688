/*
 * stat03: documented stat() failures: ENOENT (missing file, empty path),
 * ENOTDIR, ENAMETOOLONG, EFAULT, ELOOP, EACCES (search permission denied,
 * as nobody).
 */
#include <sys/stat.h>

#include "harness.h"

static void as_nobody(void)
{
	struct stat st;

	EXPECT_FAIL(stat("closed/f", &st), EACCES);
	EXPECT_OK(stat("closed", &st));
}

static void run(void)
{
	struct stat st;

	t_write_file("f", "", 0644);
	SAFE(mkdir("closed", 0700));
	t_write_file("closed/f", "", 0644);
	SAFE(symlink("loop", "loop"));
	EXPECT_FAIL(stat("missing", &st), ENOENT);
	EXPECT_FAIL(stat("", &st), ENOENT);
	EXPECT_FAIL(stat("f/x", &st), ENOTDIR);
	EXPECT_FAIL(stat(t_long_name(), &st), ENAMETOOLONG);
	EXPECT_FAIL(stat(t_bad_addr(), &st), EFAULT);
	EXPECT_FAIL(syscall(SYS_stat, "f", t_bad_addr()), EFAULT); /* raw: musl */
	EXPECT_FAIL(stat("loop", &st), ELOOP);
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
