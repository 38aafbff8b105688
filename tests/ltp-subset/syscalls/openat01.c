/*
 * openat01: openat() resolves a relative path against dirfd (also an
 * O_PATH one), against the cwd for AT_FDCWD, ignores dirfd for an absolute
 * path; failures: EBADF (bad dirfd with a relative path), ENOTDIR (dirfd
 * is a file).
 */
#include "harness.h"

static void run(void)
{
	char abs[4200];
	int d, pd, f, fd;

	SAFE(mkdir("d", 0755));
	t_write_file("d/file", "", 0644);
	d = SAFE(open("d", O_RDONLY | O_DIRECTORY));
	pd = SAFE(open("d", O_PATH));
	f = SAFE(open("d/file", O_RDONLY));
	fd = EXPECT_OK(openat(d, "file", O_RDONLY));
	close(fd);
	fd = EXPECT_OK(openat(pd, "file", O_RDONLY));
	close(fd);
	fd = EXPECT_OK(openat(AT_FDCWD, "d/file", O_RDONLY));
	close(fd);
	snprintf(abs, sizeof(abs), "%s/d/file", t_tmpdir());
	fd = EXPECT_OK(openat(-1, abs, O_RDONLY));
	close(fd);
	fd = EXPECT_OK(openat(d, "new", O_RDWR | O_CREAT, 0644));
	close(fd);
	EXPECT_OK(access("d/new", F_OK));
	EXPECT_FAIL(openat(-1, "file", O_RDONLY), EBADF);
	EXPECT_FAIL(openat(99, "file", O_RDONLY), EBADF);
	EXPECT_FAIL(openat(f, "file", O_RDONLY), ENOTDIR);
}

const struct t_test t_test = { .run = run };
