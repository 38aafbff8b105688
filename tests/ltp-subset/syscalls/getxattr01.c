/*
 * getxattr01: getxattr() failures: ENODATA for a missing attribute, ERANGE
 * when the buffer is too small, ENOENT for a missing file; fgetxattr and
 * fsetxattr work through a descriptor (EBADF for a bad one); lgetxattr on
 * a symlink reads the link's own (none: ENODATA) while getxattr follows.
 */
#include <sys/xattr.h>

#include "harness.h"

static void run(void)
{
	char buf[64];
	int fd;

	t_write_file("f", "", 0644);
	SAFE(symlink("f", "l"));
	if (setxattr("f", "user.k", "0123456789", 10, 0) < 0 && errno == EOPNOTSUPP)
		t_brk(TCONF, "no user xattrs on this file system");
	EXPECT_FAIL(getxattr("f", "user.none", buf, sizeof(buf)), ENODATA);
	EXPECT_FAIL(getxattr("f", "user.k", buf, 5), ERANGE);
	EXPECT_FAIL(getxattr("missing", "user.k", buf, sizeof(buf)), ENOENT);
	fd = SAFE(open("f", O_RDONLY));
	EXPECT_EQ(fgetxattr(fd, "user.k", buf, sizeof(buf)), 10);
	EXPECT_OK(fsetxattr(fd, "user.f", "fd", 2, 0));
	EXPECT_EQ(getxattr("f", "user.f", buf, sizeof(buf)), 2);
	EXPECT_FAIL(fgetxattr(-1, "user.k", buf, sizeof(buf)), EBADF);
	EXPECT_EQ(getxattr("l", "user.k", buf, sizeof(buf)), 10);
	EXPECT_FAIL(lgetxattr("l", "user.k", buf, sizeof(buf)), ENODATA);
	/* user.* attributes are not allowed on symlinks themselves. */
	EXPECT_FAIL(lsetxattr("l", "user.x", "1", 1, 0), EPERM);
}

const struct t_test t_test = { .run = run };
