/*
 * rmdir03: in a sticky directory an unprivileged user cannot remove another
 * user's subdirectory (EPERM) but can remove its own; without write
 * permission on the parent removal fails with EACCES.
 */
#include <sys/stat.h>

#include "harness.h"

static void as_nobody(void)
{
	SAFE(mkdir("sticky/mine", 0755));
	EXPECT_FAIL(rmdir("sticky/roots"), EPERM);
	EXPECT_OK(rmdir("sticky/mine"));
	EXPECT_FAIL(rmdir("locked/sub"), EACCES);
}

static void run(void)
{
	struct stat st;

	SAFE(mkdir("sticky", 0777));
	SAFE(chmod("sticky", 01777));
	SAFE(mkdir("sticky/roots", 0755));
	SAFE(mkdir("locked", 0755));
	SAFE(mkdir("locked/sub", 0777));
	t_run_as_nobody(as_nobody);
	EXPECT_OK(stat("sticky/roots", &st));
	EXPECT_OK(stat("locked/sub", &st));
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
