/*
 * utimensat02: permission rules: a non-owner with write permission may set
 * the current time (NULL) but not explicit times (EPERM); without write
 * permission even NULL fails with EACCES; futimens() on a descriptor;
 * EBADF, ENOENT.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void as_nobody(void)
{
	struct timespec ts[2] = { { 1, 0 }, { 2, 0 } };

	EXPECT_OK(utimensat(AT_FDCWD, "writable", NULL, 0));
	EXPECT_FAIL(utimensat(AT_FDCWD, "writable", ts, 0), EPERM);
	EXPECT_FAIL(utimensat(AT_FDCWD, "readonly", NULL, 0), EACCES);
	EXPECT_FAIL(utimensat(AT_FDCWD, "readonly", ts, 0), EPERM);
}

static void run(void)
{
	struct timespec ts[2] = { { 10, 0 }, { 20, 0 } };
	struct stat st;
	int fd;

	t_write_file("writable", "", 0666);
	SAFE(chmod("writable", 0666));
	t_write_file("readonly", "", 0644);
	t_run_as_nobody(as_nobody);
	fd = SAFE(open("readonly", O_RDONLY));
	EXPECT_OK(futimens(fd, ts));
	SAFE(stat("readonly", &st));
	EXPECT_EQ(st.st_mtim.tv_sec, 20);
	EXPECT_FAIL(futimens(-1, ts), EBADF);
	EXPECT_FAIL(utimensat(AT_FDCWD, "missing", ts, 0), ENOENT);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
