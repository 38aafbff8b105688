/*
 * mkdirat01: mkdirat() creates relative to dirfd or the cwd, uses an
 * absolute path as is, and fails with ENOTDIR for a file dirfd and EBADF
 * for a bad one.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	char abs[4200];
	struct stat st;
	int dfd, ffd;

	SAFE(mkdir("base", 0755));
	t_write_file("f", "", 0644);
	dfd = SAFE(open("base", O_RDONLY | O_DIRECTORY));
	ffd = SAFE(open("f", O_RDONLY));
	EXPECT_OK(mkdirat(dfd, "a", 0755));
	EXPECT_OK(stat("base/a", &st));
	EXPECT_OK(mkdirat(AT_FDCWD, "b", 0755));
	EXPECT_OK(stat("b", &st));
	snprintf(abs, sizeof(abs), "%s/c", t_tmpdir());
	EXPECT_OK(mkdirat(ffd, abs, 0755));
	EXPECT_OK(stat("c", &st));
	EXPECT_FAIL(mkdirat(ffd, "x", 0755), ENOTDIR);
	EXPECT_FAIL(mkdirat(-1, "x", 0755), EBADF);
	EXPECT_FAIL(mkdirat(dfd, "a", 0755), EEXIST);
}

const struct t_test t_test = { .run = run };
