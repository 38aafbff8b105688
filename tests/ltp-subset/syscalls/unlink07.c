/*
 * unlink07: documented unlink() failures: ENOENT (missing, empty path),
 * EFAULT, ENAMETOOLONG, ENOTDIR, ELOOP, EISDIR (Linux's answer for a
 * directory).
 */
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	t_write_file("f", "", 0644);
	SAFE(mkdir("d", 0755));
	SAFE(symlink("loop", "loop"));
	EXPECT_FAIL(unlink("missing"), ENOENT);
	EXPECT_FAIL(unlink(""), ENOENT);
	EXPECT_FAIL(unlink(t_bad_addr()), EFAULT);
	EXPECT_FAIL(unlink(t_long_name()), ENAMETOOLONG);
	EXPECT_FAIL(unlink("f/x"), ENOTDIR);
	EXPECT_FAIL(unlink("loop/x"), ELOOP);
	EXPECT_FAIL(unlink("d"), EISDIR);
}

const struct t_test t_test = { .run = run };
