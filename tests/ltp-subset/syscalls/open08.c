/*
 * open08: documented open() failures: EEXIST (O_CREAT|O_EXCL on an existing
 * file), EISDIR (writing a directory), ENOTDIR (file used as directory),
 * ENAMETOOLONG, EFAULT (bad path pointer), EACCES (no write permission, as
 * nobody), EINVAL (O_CREAT|O_DIRECTORY is refused since Linux 6.4) and
 * ELOOP (a symlink loop).
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void as_nobody(void)
{
	EXPECT_FAIL(open("ro", O_WRONLY), EACCES);
	EXPECT_FAIL(open("rodir/new", O_WRONLY | O_CREAT, 0644), EACCES);
}

static void run(void)
{
	t_write_file("exists", "", 0644);
	t_write_file("ro", "", 0444);
	SAFE(mkdir("dir", 0755));
	SAFE(mkdir("rodir", 0555));
	SAFE(symlink("loop_b", "loop_a"));
	SAFE(symlink("loop_a", "loop_b"));

	EXPECT_FAIL(open("exists", O_CREAT | O_EXCL | O_RDWR, 0644), EEXIST);
	EXPECT_FAIL(open("dir", O_RDWR), EISDIR);
	EXPECT_FAIL(open("dir", O_WRONLY), EISDIR);
	EXPECT_FAIL(open("exists/x", O_RDONLY), ENOTDIR);
	EXPECT_FAIL(open(t_long_name(), O_RDONLY), ENAMETOOLONG);
	EXPECT_FAIL(syscall(SYS_open, t_bad_addr(), O_RDONLY), EFAULT);
	EXPECT_FAIL(open("loop_a", O_RDONLY), ELOOP);
	EXPECT_FAIL(open("newdir", O_CREAT | O_DIRECTORY | O_RDONLY, 0755), EINVAL);
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
