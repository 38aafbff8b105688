/*
 * flistxattr01: flistxattr() through a descriptor lists the names (size
 * query first), ERANGE for a short buffer, 0 for none, EBADF for a
 * closed or O_PATH descriptor.
 */
#include <sys/xattr.h>

#include "harness.h"

static void run(void)
{
	char list[64];
	int fd, pfd;

	t_write_file("f", "", 0644);
	t_write_file("g", "", 0644);
	fd = SAFE(open("f", O_RDONLY));
	if (fsetxattr(fd, "user.x", "1", 1, 0) < 0 && errno == EOPNOTSUPP)
		t_brk(TCONF, "no user xattrs on this file system");
	EXPECT_EQ(flistxattr(fd, NULL, 0), 7);
	EXPECT_EQ(flistxattr(fd, list, sizeof(list)), 7);
	EXPECT(!memcmp(list, "user.x", 7));
	EXPECT_FAIL(flistxattr(fd, list, 2), ERANGE);
	pfd = SAFE(open("g", O_PATH));
	EXPECT_FAIL(flistxattr(pfd, list, sizeof(list)), EBADF);
	close(pfd);
	pfd = SAFE(open("g", O_RDONLY));
	EXPECT_EQ(flistxattr(pfd, list, sizeof(list)), 0);
	close(pfd);
	close(fd);
	EXPECT_FAIL(flistxattr(fd, list, sizeof(list)), EBADF);
}

const struct t_test t_test = { .run = run };
