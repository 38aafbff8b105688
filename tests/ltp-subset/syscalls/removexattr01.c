/*
 * removexattr01: removexattr() deletes a name so getxattr gives ENODATA
 * and the other names stay; a second removal is ENODATA; removing
 * updates st_ctime; an empty value can be removed too.
 */
#include <sys/xattr.h>

#include "harness.h"

static void run(void)
{
	char buf[16];
	struct stat a, b;

	t_write_file("f", "", 0644);
	if (setxattr("f", "user.a", "1", 1, 0) < 0 && errno == EOPNOTSUPP)
		t_brk(TCONF, "no user xattrs on this file system");
	SAFE(setxattr("f", "user.b", "2", 1, 0));
	SAFE(setxattr("f", "user.empty", "", 0, 0));
	SAFE(stat("f", &a));
	t_msleep(20);
	EXPECT_OK(removexattr("f", "user.a"));
	SAFE(stat("f", &b));
	EXPECT(b.st_ctim.tv_sec != a.st_ctim.tv_sec || b.st_ctim.tv_nsec != a.st_ctim.tv_nsec);
	EXPECT_FAIL(getxattr("f", "user.a", buf, sizeof(buf)), ENODATA);
	EXPECT_EQ(getxattr("f", "user.b", buf, sizeof(buf)), 1);
	EXPECT_FAIL(removexattr("f", "user.a"), ENODATA);
	EXPECT_OK(removexattr("f", "user.empty"));
	EXPECT_FAIL(getxattr("f", "user.empty", buf, sizeof(buf)), ENODATA);
}

const struct t_test t_test = { .run = run };
