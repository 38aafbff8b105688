/*
 * mknod07: documented mknod() failures: EEXIST, EFAULT, EINVAL (directory
 * or unknown type), ENOENT, ENOTDIR, ENAMETOOLONG, EPERM (nobody making a
 * device), EACCES (nobody in a read-only directory).
 */
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "harness.h"

static void as_nobody(void)
{
	EXPECT_FAIL(mknod("chr", S_IFCHR | 0600, makedev(1, 3)), EPERM);
	EXPECT_FAIL(mknod("ro/fifo", S_IFIFO | 0600, 0), EACCES);
	EXPECT_OK(mknod("fifo_by_nobody", S_IFIFO | 0600, 0));
}

static void run(void)
{
	t_write_file("f", "", 0644);
	SAFE(mkdir("ro", 0755));
	EXPECT_FAIL(mknod("f", S_IFIFO | 0600, 0), EEXIST);
	EXPECT_FAIL(mknod(t_bad_addr(), S_IFIFO | 0600, 0), EFAULT);
	EXPECT_FAIL(mknod("d", S_IFDIR | 0700, 0), EPERM);
	EXPECT_FAIL(mknod("x", 0170000 | 0600, 0), EINVAL);
	EXPECT_FAIL(mknod("missing/x", S_IFIFO | 0600, 0), ENOENT);
	EXPECT_FAIL(mknod("f/x", S_IFIFO | 0600, 0), ENOTDIR);
	EXPECT_FAIL(mknod(t_long_name(), S_IFIFO | 0600, 0), ENAMETOOLONG);
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
