/*
 * setxattr01: user.* extended attributes: setxattr stores a value that
 * getxattr returns (size query with size 0 too); XATTR_CREATE fails with
 * EEXIST on an existing name, XATTR_REPLACE with ENODATA on a missing
 * one; unknown flags give EINVAL; a name over 255 bytes gives ERANGE, an
 * unknown namespace EOPNOTSUPP; a value over 64 KiB gives E2BIG.
 */
#include <stdlib.h>
#include <sys/xattr.h>

#include "harness.h"

static void run(void)
{
	char buf[64] = "", name[300], *big;

	t_write_file("f", "", 0644);
	if (setxattr("f", "user.probe", "1", 1, 0) < 0 && errno == EOPNOTSUPP)
		t_brk(TCONF, "no user xattrs on this file system");
	EXPECT_OK(setxattr("f", "user.a", "value-a", 7, 0));
	EXPECT_EQ(getxattr("f", "user.a", NULL, 0), 7);
	EXPECT_EQ(getxattr("f", "user.a", buf, sizeof(buf)), 7);
	EXPECT(!memcmp(buf, "value-a", 7));
	EXPECT_FAIL(setxattr("f", "user.a", "x", 1, XATTR_CREATE), EEXIST);
	EXPECT_OK(setxattr("f", "user.a", "new", 3, XATTR_REPLACE));
	EXPECT_EQ(getxattr("f", "user.a", buf, sizeof(buf)), 3);
	EXPECT_FAIL(setxattr("f", "user.missing", "x", 1, XATTR_REPLACE), ENODATA);
	EXPECT_OK(setxattr("f", "user.empty", "", 0, XATTR_CREATE));
	EXPECT_EQ(getxattr("f", "user.empty", buf, sizeof(buf)), 0);
	EXPECT_FAIL(setxattr("f", "user.a", "x", 1, 0x100), EINVAL);
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = 0;
	memcpy(name, "user.", 5);
	EXPECT_FAIL(setxattr("f", name, "x", 1, 0), ERANGE);
	EXPECT_FAIL(setxattr("f", "bogus.ns", "x", 1, 0), EOPNOTSUPP);
	big = calloc(1, 65537);
	EXPECT_FAIL(setxattr("f", "user.big", big, 65537, 0), E2BIG);
	free(big);
	EXPECT_FAIL(setxattr("missing", "user.a", "x", 1, 0), ENOENT);
}

const struct t_test t_test = { .run = run };
