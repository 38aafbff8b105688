/*
 * mkdir03: documented mkdir() failures: EFAULT, ENAMETOOLONG, EEXIST (file,
 * directory, dangling symlink), ENOENT, ENOTDIR, ELOOP, EACCES as nobody.
 */
#include <sys/stat.h>

#include "harness.h"

static void as_nobody(void)
{
	EXPECT_FAIL(mkdir("rodir/x", 0755), EACCES);
}

static void run(void)
{
	t_write_file("f", "", 0644);
	SAFE(mkdir("d", 0755));
	SAFE(mkdir("rodir", 0755));
	SAFE(symlink("nowhere", "dangling"));
	SAFE(symlink("loop", "loop"));
	EXPECT_FAIL(mkdir(t_bad_addr(), 0755), EFAULT);
	EXPECT_FAIL(mkdir(t_long_name(), 0755), ENAMETOOLONG);
	EXPECT_FAIL(mkdir("f", 0755), EEXIST);
	EXPECT_FAIL(mkdir("d", 0755), EEXIST);
	EXPECT_FAIL(mkdir("dangling", 0755), EEXIST);
	EXPECT_FAIL(mkdir("missing/x", 0755), ENOENT);
	EXPECT_FAIL(mkdir("f/x", 0755), ENOTDIR);
	EXPECT_FAIL(mkdir("loop/x", 0755), ELOOP);
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
