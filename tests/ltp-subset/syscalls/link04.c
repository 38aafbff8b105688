/*
 * link04: documented link() failures: ENOENT (missing source, missing
 * target directory), EEXIST (target exists, also as a dangling symlink),
 * EPERM (source is a directory), ENOTDIR, ENAMETOOLONG, EFAULT, ELOOP,
 * EACCES as nobody, EXDEV across file systems.
 */
#include <sys/stat.h>
#include <sys/vfs.h>

#include "harness.h"

static void as_nobody(void)
{
	/* Own file: fs.protected_hardlinks would refuse root's with EPERM. */
	EXPECT_FAIL(link("mine", "ro/new"), EACCES);
}

static void run(void)
{
	struct stat a, b;

	t_write_file("f", "", 0644);
	t_write_file("g", "", 0644);
	t_write_file("mine", "", 0644);
	SAFE(chown("mine", T_NOBODY, T_NOBODY));
	SAFE(mkdir("d", 0755));
	SAFE(mkdir("ro", 0755));
	SAFE(symlink("nowhere", "dangling"));
	SAFE(symlink("loop", "loop"));
	EXPECT_FAIL(link("missing", "x"), ENOENT);
	EXPECT_FAIL(link("f", "nodir/x"), ENOENT);
	EXPECT_FAIL(link("f", "g"), EEXIST);
	EXPECT_FAIL(link("f", "dangling"), EEXIST);
	EXPECT_FAIL(link("d", "d2"), EPERM);
	EXPECT_FAIL(link("f/x", "y"), ENOTDIR);
	EXPECT_FAIL(link("f", t_long_name()), ENAMETOOLONG);
	EXPECT_FAIL(link(t_bad_addr(), "y"), EFAULT);
	EXPECT_FAIL(link("loop/x", "y"), ELOOP);
	t_run_as_nobody(as_nobody);
	/* /dev is a different file system from the test directory here. */
	if (stat("/dev", &a) == 0 && stat(".", &b) == 0 && a.st_dev != b.st_dev)
		EXPECT_FAIL(link("f", "/dev/ltp-link04-xdev"), EXDEV);
	else
		t_res(TINFO, "/dev is on the same file system, EXDEV not checked");
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
