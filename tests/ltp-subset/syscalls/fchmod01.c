/*
 * fchmod01: fchmod() sets the mode through a descriptor (also one opened
 * read-only); EBADF for a bad descriptor, EPERM for another user's file.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static int fd;

static void as_nobody(void)
{
	EXPECT_FAIL(fchmod(fd, 0777), EPERM);
}

static void run(void)
{
	struct stat st;

	t_write_file("f", "", 0644);
	fd = SAFE(open("f", O_RDONLY));
	EXPECT_OK(fchmod(fd, 04700));
	SAFE(stat("f", &st));
	EXPECT_EQ(st.st_mode & 07777, 04700);
	EXPECT_FAIL(fchmod(-1, 0644), EBADF);
	t_run_as_nobody(as_nobody);
	SAFE(fstat(fd, &st));
	EXPECT_EQ(st.st_mode & 07777, 04700);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
