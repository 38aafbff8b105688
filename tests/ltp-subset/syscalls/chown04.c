/*
 * chown04: documented chown() failures: EPERM (nobody giving away root's
 * file), EACCES (search permission), EFAULT, ENAMETOOLONG, ENOENT, ENOTDIR,
 * ELOOP; fchown() and fchownat() give EBADF for a bad descriptor.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void as_nobody(void)
{
	EXPECT_FAIL(chown("f", T_NOBODY, T_NOBODY), EPERM);
	EXPECT_FAIL(chown("closed/f", 0, 0), EACCES);
}

static void run(void)
{
	t_write_file("f", "", 0644);
	SAFE(mkdir("closed", 0700));
	t_write_file("closed/f", "", 0644);
	SAFE(symlink("loop", "loop"));
	EXPECT_FAIL(chown(t_bad_addr(), 0, 0), EFAULT);
	EXPECT_FAIL(chown(t_long_name(), 0, 0), ENAMETOOLONG);
	EXPECT_FAIL(chown("missing", 0, 0), ENOENT);
	EXPECT_FAIL(chown("f/x", 0, 0), ENOTDIR);
	EXPECT_FAIL(chown("loop", 0, 0), ELOOP);
	EXPECT_FAIL(fchown(-1, 0, 0), EBADF);
	EXPECT_FAIL(fchownat(-1, "f", 0, 0, 0), EBADF);
	EXPECT_FAIL(fchownat(AT_FDCWD, "f", 0, 0, 0x40000), EINVAL);
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
