/*
 * fsetxattr01: fsetxattr() through a descriptor: works on a file opened
 * read-only (the permission is the inode's) and on a directory; EBADF for
 * a closed or O_PATH descriptor; EINVAL for bad flags; EEXIST/ENODATA for
 * XATTR_CREATE/XATTR_REPLACE; E2BIG past 64 KiB.
 */
#include <stdlib.h>
#include <sys/xattr.h>

#include "harness.h"

static void run(void)
{
	char buf[16], *big;
	int fd, dfd, pfd;

	t_write_file("f", "", 0644);
	SAFE(mkdir("d", 0755));
	fd = SAFE(open("f", O_RDONLY));
	if (fsetxattr(fd, "user.a", "1", 1, 0) < 0 && errno == EOPNOTSUPP)
		t_brk(TCONF, "no user xattrs on this file system");
	EXPECT_EQ(getxattr("f", "user.a", buf, sizeof(buf)), 1);
	dfd = SAFE(open("d", O_RDONLY | O_DIRECTORY));
	EXPECT_OK(fsetxattr(dfd, "user.d", "dd", 2, 0));
	EXPECT_EQ(getxattr("d", "user.d", buf, sizeof(buf)), 2);
	pfd = SAFE(open("f", O_PATH));
	EXPECT_FAIL(fsetxattr(pfd, "user.p", "1", 1, 0), EBADF);
	EXPECT_FAIL(fsetxattr(-1, "user.p", "1", 1, 0), EBADF);
	EXPECT_FAIL(fsetxattr(fd, "user.a", "1", 1, 4), EINVAL);
	EXPECT_FAIL(fsetxattr(fd, "user.a", "1", 1, XATTR_CREATE), EEXIST);
	EXPECT_FAIL(fsetxattr(fd, "user.n", "1", 1, XATTR_REPLACE), ENODATA);
	big = calloc(1, 65537);
	EXPECT_FAIL(fsetxattr(fd, "user.big", big, 65537, 0), E2BIG);
	free(big);
	close(fd);
	EXPECT_FAIL(fsetxattr(fd, "user.a", "1", 1, 0), EBADF);
	close(dfd);
	close(pfd);
}

const struct t_test t_test = { .run = run };
