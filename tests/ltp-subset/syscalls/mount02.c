/*
 * mount02: mount() failures: ENOENT (missing mount point), ENOTDIR (file
 * as mount point with a directory source for a bind), ENODEV (unknown
 * file system type), EPERM (unprivileged), EINVAL (remount of something
 * not mounted, bad flag combination), EFAULT (bad pointer).
 */
#include <sys/mount.h>

#include "harness.h"

static void as_nobody(void)
{
	EXPECT_FAIL(mount("ltp", "dir", "tmpfs", 0, NULL), EPERM);
}

static void run(void)
{
	t_write_file("f", "", 0644);
	SAFE(mkdir("dir", 0755));
	if (mount("ltp", "dir", "tmpfs", 0, NULL) < 0 && errno == EPERM)
		t_brk(TCONF, "mount not permitted here");
	umount("dir");
	EXPECT_FAIL(mount("ltp", "missing", "tmpfs", 0, NULL), ENOENT);
	EXPECT_FAIL(mount("dir", "f", NULL, MS_BIND, NULL), ENOTDIR);
	EXPECT_FAIL(mount("ltp", "dir", "no-such-fs-type", 0, NULL), ENODEV);
	EXPECT_FAIL(mount(NULL, "dir", NULL, MS_REMOUNT, NULL), EINVAL);
	EXPECT_FAIL(mount("ltp", t_bad_addr(), "tmpfs", 0, NULL), EFAULT);
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
