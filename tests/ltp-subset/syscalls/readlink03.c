/*
 * readlink03: documented readlink() failures: EINVAL (not a symlink, buffer
 * size 0), ENOENT, ENOTDIR, ENAMETOOLONG, EFAULT, ELOOP, EACCES as nobody.
 * Raw calls: a libc may check the size itself.
 */
#include <sys/stat.h>

#include "harness.h"

static void as_nobody(void)
{
	char buf[16];

	EXPECT_FAIL(syscall(SYS_readlink, "closed/l", buf, sizeof(buf)), EACCES);
}

static void run(void)
{
	char buf[16];

	t_write_file("f", "", 0644);
	SAFE(symlink("f", "l"));
	SAFE(symlink("loop", "loop"));
	SAFE(mkdir("closed", 0700));
	SAFE(symlink("f", "closed/l"));
	EXPECT_FAIL(syscall(SYS_readlink, "f", buf, sizeof(buf)), EINVAL);
	EXPECT_FAIL(syscall(SYS_readlink, "l", buf, 0), EINVAL);
	EXPECT_FAIL(syscall(SYS_readlink, "missing", buf, sizeof(buf)), ENOENT);
	EXPECT_FAIL(syscall(SYS_readlink, "f/x", buf, sizeof(buf)), ENOTDIR);
	EXPECT_FAIL(syscall(SYS_readlink, t_long_name(), buf, sizeof(buf)), ENAMETOOLONG);
	EXPECT_FAIL(syscall(SYS_readlink, "l", t_bad_addr(), sizeof(buf)), EFAULT);
	EXPECT_FAIL(syscall(SYS_readlink, "loop/x", buf, sizeof(buf)), ELOOP);
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
