/*
 * chroot03: chroot() failures: ENOENT, ENOTDIR, ENAMETOOLONG, EFAULT,
 * ELOOP, EACCES (a path through a directory without search permission,
 * checked before privilege as nobody).
 */
#include <sys/stat.h>

#include "harness.h"

static void as_nobody(void)
{
	EXPECT_FAIL(chroot("closed/dir"), EACCES);
}

static void run(void)
{
	t_write_file("f", "", 0644);
	SAFE(mkdir("closed", 0700));
	SAFE(mkdir("closed/dir", 0755));
	SAFE(symlink("loop", "loop"));
	EXPECT_FAIL(chroot("missing"), ENOENT);
	EXPECT_FAIL(chroot("f"), ENOTDIR);
	EXPECT_FAIL(chroot(t_long_name()), ENAMETOOLONG);
	EXPECT_FAIL(chroot(t_bad_addr()), EFAULT);
	EXPECT_FAIL(chroot("loop"), ELOOP);
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
