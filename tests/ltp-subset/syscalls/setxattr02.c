/*
 * setxattr02: user.* attributes by file type, as root: regular files and
 * directories take them; a FIFO, a character device and a symlink itself
 * (lsetxattr) refuse with EPERM, and reading one there is ENODATA; an
 * empty name is ERANGE, "user." alone EINVAL, system.* EOPNOTSUPP;
 * setting updates st_ctime.
 */
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <time.h>

#include "harness.h"

static void run(void)
{
	struct stat a, b;
	char buf[16];

	t_write_file("f", "", 0644);
	if (setxattr("f", "user.probe", "1", 1, 0) < 0 && errno == EOPNOTSUPP)
		t_brk(TCONF, "no user xattrs on this file system");
	SAFE(mkdir("d", 0755));
	SAFE(mkfifo("fifo", 0644));
	SAFE(mknod("chr", S_IFCHR | 0644, makedev(1, 3)));
	SAFE(symlink("f", "link"));
	EXPECT_OK(setxattr("d", "user.dir", "d", 1, 0));
	EXPECT_EQ(getxattr("d", "user.dir", buf, sizeof(buf)), 1);
	EXPECT_FAIL(setxattr("fifo", "user.x", "1", 1, 0), EPERM);
	EXPECT_FAIL(setxattr("chr", "user.x", "1", 1, 0), EPERM);
	EXPECT_FAIL(lsetxattr("link", "user.x", "1", 1, 0), EPERM);
	EXPECT_FAIL(getxattr("fifo", "user.x", buf, sizeof(buf)), ENODATA);
	EXPECT_FAIL(lgetxattr("link", "user.x", buf, sizeof(buf)), ENODATA);
	/* Through the symlink: the target's. */
	EXPECT_OK(setxattr("link", "user.via", "1", 1, 0));
	EXPECT_EQ(getxattr("f", "user.via", buf, sizeof(buf)), 1);
	EXPECT_FAIL(setxattr("f", "", "1", 1, 0), ERANGE);
	EXPECT_FAIL(setxattr("f", "user.", "1", 1, 0), EINVAL);
	EXPECT_FAIL(getxattr("f", "user.", buf, sizeof(buf)), EINVAL);
	EXPECT_FAIL(setxattr("f", "system.bogus", "1", 1, 0), EOPNOTSUPP);
	EXPECT_FAIL(getxattr("f", "bogus.x", buf, sizeof(buf)), EOPNOTSUPP);
	SAFE(stat("f", &a));
	t_msleep(20);
	EXPECT_OK(setxattr("f", "user.t", "1", 1, 0));
	SAFE(stat("f", &b));
	EXPECT(b.st_ctim.tv_sec > a.st_ctim.tv_sec ||
	       (b.st_ctim.tv_sec == a.st_ctim.tv_sec && b.st_ctim.tv_nsec > a.st_ctim.tv_nsec));
	EXPECT(b.st_mtim.tv_sec == a.st_mtim.tv_sec && b.st_mtim.tv_nsec == a.st_mtim.tv_nsec);
	EXPECT_FAIL(setxattr("f", "user.a", "x", 1, XATTR_CREATE | XATTR_REPLACE), ENODATA);
	EXPECT_FAIL(setxattr("f", "user.a", t_bad_addr(), 1, 0), EFAULT);
	EXPECT_FAIL(setxattr("f", t_bad_addr(), "x", 1, 0), EFAULT);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
