/*
 * fremovexattr01: fremovexattr() through a descriptor removes the name
 * (ENODATA afterwards, and for a second removal); EBADF for a closed or
 * O_PATH descriptor; ERANGE for an empty name; EOPNOTSUPP for an unknown
 * namespace.
 */
#include <sys/xattr.h>

#include "harness.h"

static void run(void)
{
	char buf[8];
	int fd, pfd;

	t_write_file("f", "", 0644);
	fd = SAFE(open("f", O_RDONLY));
	if (fsetxattr(fd, "user.r", "1", 1, 0) < 0 && errno == EOPNOTSUPP)
		t_brk(TCONF, "no user xattrs on this file system");
	pfd = SAFE(open("f", O_PATH));
	EXPECT_FAIL(fremovexattr(pfd, "user.r"), EBADF);
	EXPECT_FAIL(fremovexattr(fd, ""), ERANGE);
	EXPECT_FAIL(fremovexattr(fd, "bogus.r"), EOPNOTSUPP);
	EXPECT_OK(fremovexattr(fd, "user.r"));
	EXPECT_FAIL(fgetxattr(fd, "user.r", buf, sizeof(buf)), ENODATA);
	EXPECT_FAIL(fremovexattr(fd, "user.r"), ENODATA);
	close(pfd);
	close(fd);
	EXPECT_FAIL(fremovexattr(fd, "user.r"), EBADF);
}

const struct t_test t_test = { .run = run };
