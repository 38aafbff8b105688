/*
 * fgetxattr01: fgetxattr() through a descriptor: the value and its size,
 * also on a write-only descriptor and on a directory; ENODATA, ERANGE,
 * EBADF (closed, O_PATH), EOPNOTSUPP for an unknown namespace.
 */
#include <sys/xattr.h>

#include "harness.h"

static void run(void)
{
	char buf[16];
	int fd, wfd, dfd, pfd;

	t_write_file("f", "", 0644);
	SAFE(mkdir("d", 0755));
	if (setxattr("f", "user.v", "value", 5, 0) < 0 && errno == EOPNOTSUPP)
		t_brk(TCONF, "no user xattrs on this file system");
	SAFE(setxattr("d", "user.v", "dir", 3, 0));
	fd = SAFE(open("f", O_RDONLY));
	wfd = SAFE(open("f", O_WRONLY));
	dfd = SAFE(open("d", O_RDONLY | O_DIRECTORY));
	pfd = SAFE(open("f", O_PATH));
	EXPECT_EQ(fgetxattr(fd, "user.v", NULL, 0), 5);
	EXPECT_EQ(fgetxattr(fd, "user.v", buf, sizeof(buf)), 5);
	EXPECT(!memcmp(buf, "value", 5));
	EXPECT_EQ(fgetxattr(wfd, "user.v", buf, sizeof(buf)), 5);
	EXPECT_EQ(fgetxattr(dfd, "user.v", buf, sizeof(buf)), 3);
	EXPECT_FAIL(fgetxattr(fd, "user.none", buf, sizeof(buf)), ENODATA);
	EXPECT_FAIL(fgetxattr(fd, "user.v", buf, 4), ERANGE);
	EXPECT_FAIL(fgetxattr(pfd, "user.v", buf, sizeof(buf)), EBADF);
	EXPECT_FAIL(fgetxattr(fd, "nope.v", buf, sizeof(buf)), EOPNOTSUPP);
	close(fd);
	EXPECT_FAIL(fgetxattr(fd, "user.v", buf, sizeof(buf)), EBADF);
	close(wfd);
	close(dfd);
	close(pfd);
}

const struct t_test t_test = { .run = run };
