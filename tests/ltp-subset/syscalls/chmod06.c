/*
 * chmod06: documented chmod() failures: EPERM (not the owner), EACCES
 * (search permission), EFAULT, ENAMETOOLONG, ENOENT, ENOTDIR, ELOOP.
 */
#include <sys/stat.h>

#include "harness.h"

static void as_nobody(void)
{
	EXPECT_FAIL(chmod("rootfile", 0777), EPERM);
	EXPECT_FAIL(chmod("closed/f", 0777), EACCES);
}

static void run(void)
{
	struct stat st;

	t_write_file("rootfile", "", 0644);
	SAFE(mkdir("closed", 0700));
	t_write_file("closed/f", "", 0644);
	SAFE(symlink("loop", "loop"));
	EXPECT_FAIL(chmod(t_bad_addr(), 0644), EFAULT);
	EXPECT_FAIL(chmod(t_long_name(), 0644), ENAMETOOLONG);
	EXPECT_FAIL(chmod("missing", 0644), ENOENT);
	EXPECT_FAIL(chmod("rootfile/x", 0644), ENOTDIR);
	EXPECT_FAIL(chmod("loop", 0644), ELOOP);
	t_run_as_nobody(as_nobody);
	SAFE(stat("rootfile", &st));
	EXPECT_EQ(st.st_mode & 07777, 0644);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
