/*
 * fchdir01: fchdir() makes the directory of a descriptor the cwd; fails
 * with EBADF (bad descriptor), ENOTDIR (a file), EACCES (as nobody, no
 * search permission).
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static int closed_fd;

static void as_nobody(void)
{
	EXPECT_FAIL(fchdir(closed_fd), EACCES);
}

static void run(void)
{
	struct stat st;
	int d, f;

	SAFE(mkdir("d", 0755));
	t_write_file("d/marker", "", 0644);
	SAFE(mkdir("closed", 0700));
	d = SAFE(open("d", O_RDONLY));
	f = SAFE(open("d/marker", O_RDONLY));
	closed_fd = SAFE(open("closed", O_RDONLY));
	EXPECT_OK(fchdir(d));
	EXPECT_OK(stat("marker", &st));
	SAFE(chdir(t_tmpdir()));
	EXPECT_FAIL(fchdir(-1), EBADF);
	EXPECT_FAIL(fchdir(f), ENOTDIR);
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
