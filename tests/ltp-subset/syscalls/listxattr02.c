/*
 * listxattr02: listxattr() on a file without attributes returns 0 (and
 * nothing is written); llistxattr lists a symlink's own (none) while
 * listxattr follows it; the list is exactly the names, each NUL-ended;
 * ENOENT for a missing path, EFAULT for a bad buffer, ENOTDIR.
 */
#include <sys/xattr.h>

#include "harness.h"

static void run(void)
{
	char list[64];
	ssize_t n;

	t_write_file("f", "", 0644);
	SAFE(symlink("f", "l"));
	EXPECT_EQ(listxattr("f", list, sizeof(list)), 0);
	if (setxattr("f", "user.k", "v", 1, 0) < 0 && errno == EOPNOTSUPP)
		t_brk(TCONF, "no user xattrs on this file system");
	n = EXPECT_OK(listxattr("l", list, sizeof(list)));
	EXPECT(n == 7 && !memcmp(list, "user.k", 7));
	EXPECT_EQ(llistxattr("l", list, sizeof(list)), 0);
	EXPECT_FAIL(listxattr("missing", list, sizeof(list)), ENOENT);
	EXPECT_FAIL(listxattr("f", t_bad_addr(), sizeof(list)), EFAULT);
	EXPECT_FAIL(listxattr("f/x", list, sizeof(list)), ENOTDIR);
	EXPECT_FAIL(listxattr("f", list, 6), ERANGE);
}

const struct t_test t_test = { .run = run };
