/*
 * getcwd02: getcwd() names the real directory: after chdir through a
 * symlink the path has no symlink in it, after chdir("..") it is the
 * parent, after renaming a parent it follows the new name.
 */
#include <stdio.h>
#include <sys/stat.h>

#include "harness.h"

static void expect_cwd(const char *rel)
{
	char want[4200], buf[4200];

	snprintf(want, sizeof(want), "%s%s%s", t_tmpdir(), *rel ? "/" : "", rel);
	EXPECT_MSG(getcwd(buf, sizeof(buf)) && !strcmp(buf, want),
		   "getcwd() is %s", want);
}

static void run(void)
{
	SAFE(mkdir("a", 0755));
	SAFE(mkdir("a/b", 0755));
	SAFE(symlink("a/b", "link"));
	SAFE(chdir("link"));
	expect_cwd("a/b");
	SAFE(chdir(".."));
	expect_cwd("a");
	SAFE(chdir("b"));
	SAFE(rename("../../a", "../../renamed"));
	expect_cwd("renamed/b");
	SAFE(chdir("/"));
	{
		char buf[8];
		EXPECT(getcwd(buf, sizeof(buf)) && !strcmp(buf, "/"));
	}
}

const struct t_test t_test = { .run = run };
