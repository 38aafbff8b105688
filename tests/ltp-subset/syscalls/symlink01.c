/*
 * symlink01: symlink() stores the target string verbatim (relative,
 * absolute, dangling, with ".."); readlink() returns it; paths through the
 * link resolve relative to the link's directory.
 */
#include <sys/stat.h>

#include "harness.h"

static void check(const char *link, const char *target)
{
	char buf[256];
	ssize_t n = readlink(link, buf, sizeof(buf));

	EXPECT_MSG(n == (ssize_t)strlen(target) && !memcmp(buf, target, n),
		   "readlink(%s) gives \"%s\"", link, target);
}

static void run(void)
{
	struct stat st;

	SAFE(mkdir("d", 0755));
	t_write_file("top", "", 0644);
	EXPECT_OK(symlink("../top", "d/up"));
	EXPECT_OK(symlink("/some/absolute/path", "abs"));
	EXPECT_OK(symlink("does-not-exist", "dangling"));
	EXPECT_OK(symlink("d", "dl"));
	check("d/up", "../top");
	check("abs", "/some/absolute/path");
	check("dangling", "does-not-exist");
	EXPECT_OK(stat("d/up", &st));
	EXPECT(S_ISREG(st.st_mode));
	EXPECT_OK(stat("dl/up", &st));
	t_write_file("dangling", "now it exists", 0644);
	EXPECT_OK(stat("does-not-exist", &st));
	EXPECT_EQ(st.st_size, 13);
}

const struct t_test t_test = { .run = run };
