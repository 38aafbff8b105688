/*
 * rmdir02: documented rmdir() failures: ENOTEMPTY, ENAMETOOLONG, ENOENT,
 * ENOTDIR (a file, a file as component), EFAULT, ELOOP, EINVAL (path ends
 * in "."), EBUSY (the root directory).
 */
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	SAFE(mkdir("full", 0755));
	t_write_file("full/f", "", 0644);
	t_write_file("file", "", 0644);
	SAFE(mkdir("empty", 0755));
	SAFE(symlink("loop", "loop"));
	EXPECT_FAIL(rmdir("full"), ENOTEMPTY);
	EXPECT_FAIL(rmdir(t_long_name()), ENAMETOOLONG);
	EXPECT_FAIL(rmdir("missing"), ENOENT);
	EXPECT_FAIL(rmdir("file"), ENOTDIR);
	EXPECT_FAIL(rmdir("file/x"), ENOTDIR);
	EXPECT_FAIL(rmdir(t_bad_addr()), EFAULT);
	EXPECT_FAIL(rmdir("loop/x"), ELOOP);
	EXPECT_FAIL(rmdir("empty/."), EINVAL);
	EXPECT_FAIL(rmdir("/"), EBUSY);
}

const struct t_test t_test = { .run = run };
