/*
 * renameat01: renameat() resolves both names against their own dirfd (or
 * the cwd); EBADF for a bad dirfd, ENOTDIR when a dirfd is a file.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat st;
	int a, b, f;

	SAFE(mkdir("a", 0755));
	SAFE(mkdir("b", 0755));
	t_write_file("a/f", "", 0644);
	a = SAFE(open("a", O_RDONLY | O_DIRECTORY));
	b = SAFE(open("b", O_RDONLY | O_DIRECTORY));
	f = SAFE(open("a/f", O_RDONLY));
	EXPECT_OK(renameat(a, "f", b, "g"));
	EXPECT_OK(stat("b/g", &st));
	EXPECT_OK(renameat(b, "g", AT_FDCWD, "top"));
	EXPECT_OK(stat("top", &st));
	EXPECT_FAIL(renameat(-1, "top", b, "x"), EBADF);
	EXPECT_FAIL(renameat(AT_FDCWD, "top", -1, "x"), EBADF);
	EXPECT_FAIL(renameat(f, "x", b, "y"), ENOTDIR);
}

const struct t_test t_test = { .run = run };
