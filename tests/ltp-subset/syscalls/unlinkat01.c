/*
 * unlinkat01: unlinkat() removes files relative to dirfd, directories only
 * with AT_REMOVEDIR (else EISDIR), fails with ENOTDIR for AT_REMOVEDIR on a
 * file, EINVAL for unknown flags, EBADF for a bad dirfd, ENOTDIR when dirfd
 * is a file.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat st;
	int dfd, ffd;

	SAFE(mkdir("d", 0755));
	SAFE(mkdir("d/sub", 0755));
	t_write_file("d/f", "", 0644);
	t_write_file("d/g", "", 0644);
	dfd = SAFE(open("d", O_RDONLY | O_DIRECTORY));
	ffd = SAFE(open("d/g", O_RDONLY));
	EXPECT_FAIL(unlinkat(dfd, "sub", 0), EISDIR);
	EXPECT_FAIL(unlinkat(dfd, "f", AT_REMOVEDIR), ENOTDIR);
	EXPECT_FAIL(unlinkat(dfd, "f", 0x4000000), EINVAL);
	EXPECT_FAIL(unlinkat(-1, "f", 0), EBADF);
	EXPECT_FAIL(unlinkat(ffd, "f", 0), ENOTDIR);
	EXPECT_OK(unlinkat(dfd, "f", 0));
	EXPECT_FAIL(stat("d/f", &st), ENOENT);
	EXPECT_OK(unlinkat(dfd, "sub", AT_REMOVEDIR));
	EXPECT_FAIL(stat("d/sub", &st), ENOENT);
	EXPECT_OK(unlinkat(AT_FDCWD, "d/g", 0));
}

const struct t_test t_test = { .run = run };
