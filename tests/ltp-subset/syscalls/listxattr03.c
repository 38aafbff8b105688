/*
 * listxattr03: many attributes: 50 user.* names set, all listed once,
 * the 0-size query equals the sum of name lengths plus NULs; after
 * removing every other one the list holds exactly the rest.
 */
#include <sys/xattr.h>

#include "harness.h"

static int count(const char *list, ssize_t len, const char *name)
{
	int c = 0;

	for (ssize_t off = 0; off < len; off += strlen(list + off) + 1)
		c += !strcmp(list + off, name);
	return c;
}

static void run(void)
{
	char list[4096], name[32];
	ssize_t n, want = 0;
	int ok = 1;

	t_write_file("f", "", 0644);
	if (setxattr("f", "user.probe", "1", 1, 0) < 0 && errno == EOPNOTSUPP)
		t_brk(TCONF, "no user xattrs on this file system");
	SAFE(removexattr("f", "user.probe"));
	for (int i = 0; i < 50; i++) {
		snprintf(name, sizeof(name), "user.attr%02d", i);
		SAFE(setxattr("f", name, "v", 1, 0));
		want += strlen(name) + 1;
	}
	EXPECT_EQ(listxattr("f", NULL, 0), want);
	n = EXPECT_OK(listxattr("f", list, sizeof(list)));
	for (int i = 0; i < 50; i++) {
		snprintf(name, sizeof(name), "user.attr%02d", i);
		ok &= count(list, n, name) == 1;
	}
	EXPECT_MSG(ok, "every name listed once");
	for (int i = 0; i < 50; i += 2) {
		snprintf(name, sizeof(name), "user.attr%02d", i);
		SAFE(removexattr("f", name));
	}
	n = EXPECT_OK(listxattr("f", list, sizeof(list)));
	ok = 1;
	for (int i = 0; i < 50; i++) {
		snprintf(name, sizeof(name), "user.attr%02d", i);
		ok &= count(list, n, name) == (i & 1);
	}
	EXPECT_MSG(ok, "the odd names remain, the even ones are gone");
}

const struct t_test t_test = { .run = run };
