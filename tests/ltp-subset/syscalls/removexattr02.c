/*
 * removexattr02: removexattr() failures: ENODATA for a missing name,
 * EOPNOTSUPP for an unknown namespace, ERANGE for an empty or too long
 * name, ENOENT for a missing path, EFAULT for a bad name pointer, ENOTDIR
 * for a path through a file; lremovexattr on a symlink is EPERM/ENODATA
 * for user.* (not allowed on links) and does not touch the target.
 */
#include <sys/xattr.h>

#include "harness.h"

static void run(void)
{
	char buf[16];

	t_write_file("f", "", 0644);
	SAFE(symlink("f", "l"));
	if (setxattr("f", "user.k", "1", 1, 0) < 0 && errno == EOPNOTSUPP)
		t_brk(TCONF, "no user xattrs on this file system");
	EXPECT_FAIL(removexattr("f", "user.none"), ENODATA);
	EXPECT_FAIL(removexattr("f", "bogus.k"), EOPNOTSUPP);
	EXPECT_FAIL(removexattr("f", ""), ERANGE);
	EXPECT_FAIL(removexattr("f", t_long_name()), ERANGE);
	EXPECT_FAIL(removexattr("missing", "user.k"), ENOENT);
	EXPECT_FAIL(removexattr("f", t_bad_addr()), EFAULT);
	EXPECT_FAIL(removexattr("f/x", "user.k"), ENOTDIR);
	EXPECT_FAIL(lremovexattr("l", "user.k"), EPERM);
	EXPECT_EQ(getxattr("f", "user.k", buf, sizeof(buf)), 1);
	EXPECT_OK(removexattr("l", "user.k"));
	EXPECT_FAIL(getxattr("f", "user.k", buf, sizeof(buf)), ENODATA);
}

const struct t_test t_test = { .run = run };
