/*
 * fstatat01: fstatat() resolves relative paths against dirfd (or the cwd
 * for AT_FDCWD), ignores dirfd for absolute paths, AT_SYMLINK_NOFOLLOW
 * stats the link, AT_EMPTY_PATH stats dirfd itself; errors: EBADF (bad
 * dirfd with a relative path), ENOTDIR (dirfd is a file), EINVAL (bad
 * flags), ENOENT (empty path without AT_EMPTY_PATH).
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

	SAFE(mkdir("d", 0755));
	t_write_file("d/f", "abc", 0644);
	SAFE(symlink("f", "d/l"));
	dfd = SAFE(open("d", O_RDONLY | O_DIRECTORY));
	ffd = SAFE(open("d/f", O_RDONLY));
	EXPECT_OK(fstatat(dfd, "f", &st, 0));
	EXPECT_EQ(st.st_size, 3);
	EXPECT_OK(fstatat(AT_FDCWD, "d/f", &st, 0));
	snprintf(abs, sizeof(abs), "%s/d/f", t_tmpdir());
	EXPECT_OK(fstatat(ffd, abs, &st, 0));
	EXPECT_OK(fstatat(dfd, "l", &st, AT_SYMLINK_NOFOLLOW));
	EXPECT(S_ISLNK(st.st_mode));
	EXPECT_OK(fstatat(dfd, "l", &st, 0));
	EXPECT(S_ISREG(st.st_mode));
	EXPECT_OK(fstatat(ffd, "", &st, AT_EMPTY_PATH));
	EXPECT_EQ(st.st_size, 3);
	EXPECT_FAIL(fstatat(-1, "f", &st, 0), EBADF);
	EXPECT_FAIL(fstatat(ffd, "f", &st, 0), ENOTDIR);
	EXPECT_FAIL(fstatat(dfd, "f", &st, 0x12345678), EINVAL);
	EXPECT_FAIL(fstatat(dfd, "", &st, 0), ENOENT);
}

const struct t_test t_test = { .run = run };
