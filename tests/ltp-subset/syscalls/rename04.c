/*
 * rename04: documented rename() failures: ENOTEMPTY (target directory not
 * empty), EISDIR (file onto directory), ENOTDIR (directory onto file),
 * EINVAL (directory into its own subdirectory), ENOENT (missing source,
 * missing target directory), EFAULT, ENAMETOOLONG, ELOOP, EBUSY or EINVAL
 * for "." as the source.
 */
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	SAFE(mkdir("src", 0755));
	SAFE(mkdir("src/child", 0755));
	SAFE(mkdir("full", 0755));
	t_write_file("full/f", "", 0644);
	t_write_file("file", "", 0644);
	SAFE(symlink("loop", "loop"));
	EXPECT_FAIL(rename("src", "full"), ENOTEMPTY);
	EXPECT_FAIL(rename("file", "src"), EISDIR);
	EXPECT_FAIL(rename("src", "file"), ENOTDIR);
	EXPECT_FAIL(rename("src", "src/child/x"), EINVAL);
	EXPECT_FAIL(rename("missing", "x"), ENOENT);
	EXPECT_FAIL(rename("file", "nodir/x"), ENOENT);
	EXPECT_FAIL(rename(t_bad_addr(), "x"), EFAULT);
	EXPECT_FAIL(rename("file", t_bad_addr()), EFAULT);
	EXPECT_FAIL(rename("file", t_long_name()), ENAMETOOLONG);
	EXPECT_FAIL(rename("loop/x", "y"), ELOOP);
	errno = 0;
	EXPECT_MSG(rename(".", "dot") == -1 && (errno == EBUSY || errno == EINVAL),
		   "rename(\".\", ...) fails with EBUSY or EINVAL (%s)", t_errname(errno));
}

const struct t_test t_test = { .run = run };
