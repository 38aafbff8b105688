/*
 * listxattr01: listxattr() returns the NUL-separated names set (size with
 * a 0 buffer first), ERANGE for a too small buffer; removexattr() deletes
 * a name (ENODATA the second time) and the list shrinks; flistxattr and
 * fremovexattr work through a descriptor.
 */
#include <sys/xattr.h>

#include "harness.h"

static int has(const char *list, ssize_t len, const char *name)
{
	for (ssize_t off = 0; off < len; off += strlen(list + off) + 1)
		if (!strcmp(list + off, name))
			return 1;
	return 0;
}

static void run(void)
{
	char list[256];
	ssize_t n;
	int fd;

	t_write_file("f", "", 0644);
	if (setxattr("f", "user.one", "1", 1, 0) < 0 && errno == EOPNOTSUPP)
		t_brk(TCONF, "no user xattrs on this file system");
	SAFE(setxattr("f", "user.two", "2", 1, 0));
	n = EXPECT_OK(listxattr("f", NULL, 0));
	EXPECT(n >= 18);
	EXPECT_EQ(listxattr("f", list, sizeof(list)), n);
	EXPECT(has(list, n, "user.one") && has(list, n, "user.two"));
	EXPECT_FAIL(listxattr("f", list, 3), ERANGE);
	EXPECT_OK(removexattr("f", "user.one"));
	EXPECT_FAIL(removexattr("f", "user.one"), ENODATA);
	n = SAFE(listxattr("f", list, sizeof(list)));
	EXPECT(!has(list, n, "user.one") && has(list, n, "user.two"));
	fd = SAFE(open("f", O_RDONLY));
	EXPECT_EQ(flistxattr(fd, list, sizeof(list)), n);
	EXPECT_OK(fremovexattr(fd, "user.two"));
	n = SAFE(listxattr("f", list, sizeof(list)));
	EXPECT(!has(list, n, "user.two"));
}

const struct t_test t_test = { .run = run };
