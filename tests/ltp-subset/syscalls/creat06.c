/*
 * creat06: documented creat() failures: EISDIR, ENAMETOOLONG, ENOENT (a
 * missing directory in the path), ENOTDIR, EFAULT, ELOOP, EACCES.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void as_nobody(void)
{
	EXPECT_FAIL(creat("rodir/f", 0644), EACCES);
}

static void run(void)
{
	SAFE(mkdir("dir", 0755));
	SAFE(mkdir("rodir", 0755));
	t_write_file("file", "", 0644);
	SAFE(symlink("l2", "l1"));
	SAFE(symlink("l1", "l2"));

	EXPECT_FAIL(creat("dir", 0644), EISDIR);
	EXPECT_FAIL(creat(t_long_name(), 0644), ENAMETOOLONG);
	EXPECT_FAIL(creat("nodir/file", 0644), ENOENT);
	EXPECT_FAIL(creat("file/file", 0644), ENOTDIR);
	EXPECT_FAIL(syscall(SYS_creat, t_bad_addr(), 0644), EFAULT);
	EXPECT_FAIL(creat("l1", 0644), ELOOP);
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
