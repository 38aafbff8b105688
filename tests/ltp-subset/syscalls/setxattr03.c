/*
 * setxattr03: permissions. trusted.* needs CAP_SYS_ADMIN: root sets and
 * reads it and listxattr shows it; an unprivileged user gets EPERM to set,
 * ENODATA to read and does not see it listed. user.* needs write
 * permission to set (EACCES) and read permission to get; in a sticky
 * directory only its owner sets them (EPERM). security.* reads freely
 * but writing needs CAP_SYS_ADMIN.
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

static void as_nobody(void)
{
	char buf[64], list[256];
	ssize_t n;

	EXPECT_FAIL(setxattr("f", "trusted.t", "1", 1, 0), EPERM);
	EXPECT_FAIL(getxattr("f", "trusted.t", buf, sizeof(buf)), ENODATA);
	n = EXPECT_OK(listxattr("f", list, sizeof(list)));
	EXPECT(n > 0 && !has(list, n, "trusted.t") && has(list, n, "user.u"));
	EXPECT_EQ(listxattr("f", NULL, 0), n);
	EXPECT_FAIL(setxattr("f", "user.u", "2", 1, 0), EACCES);
	EXPECT_FAIL(removexattr("f", "user.u"), EACCES);
	EXPECT_EQ(getxattr("f", "user.u", buf, sizeof(buf)), 1);
	EXPECT_FAIL(getxattr("noread", "user.u", buf, sizeof(buf)), EACCES);
	EXPECT_OK(setxattr("open", "user.o", "1", 1, 0));
	EXPECT_FAIL(setxattr("sticky", "user.s", "1", 1, 0), EPERM);
	EXPECT_FAIL(setxattr("f", "security.s", "1", 1, 0), EPERM);
}

static void run(void)
{
	char buf[64], list[256];
	ssize_t n;

	t_write_file("f", "", 0644);
	if (setxattr("f", "user.u", "1", 1, 0) < 0 && errno == EOPNOTSUPP)
		t_brk(TCONF, "no user xattrs on this file system");
	EXPECT_OK(setxattr("f", "trusted.t", "root", 4, 0));
	EXPECT_EQ(getxattr("f", "trusted.t", buf, sizeof(buf)), 4);
	n = EXPECT_OK(listxattr("f", list, sizeof(list)));
	EXPECT(has(list, n, "trusted.t") && has(list, n, "user.u"));
	t_write_file("noread", "", 0600);
	SAFE(setxattr("noread", "user.u", "1", 1, 0));
	t_write_file("open", "", 0666);
	SAFE(chmod("open", 0666));
	SAFE(mkdir("sticky", 01777));
	SAFE(chmod("sticky", 01777));
	t_run_as_nobody(as_nobody);
	EXPECT_OK(removexattr("f", "trusted.t"));
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
