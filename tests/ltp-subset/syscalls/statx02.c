/*
 * statx02: statx() with AT_EMPTY_PATH describes the descriptor itself, with
 * AT_SYMLINK_NOFOLLOW the link itself (S_IFLNK, size of the target string),
 * and resolves relative paths against dirfd.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct t_statx sx;
	int fd, dfd;

	SAFE(mkdir("d", 0755));
	t_write_file("d/file", "1234", 0644);
	SAFE(symlink("file", "d/link"));
	fd = SAFE(open("d/file", O_RDONLY));
	dfd = SAFE(open("d", O_RDONLY));
	EXPECT_OK(syscall(SYS_statx, fd, "", AT_EMPTY_PATH, T_STATX_SIZE, &sx));
	EXPECT_EQ(sx.stx_size, 4);
	EXPECT_OK(syscall(SYS_statx, dfd, "link", AT_SYMLINK_NOFOLLOW,
			  T_STATX_BASIC_STATS, &sx));
	EXPECT(S_ISLNK(sx.stx_mode));
	EXPECT_EQ(sx.stx_size, 4);
	EXPECT_OK(syscall(SYS_statx, dfd, "link", 0, T_STATX_BASIC_STATS, &sx));
	EXPECT(S_ISREG(sx.stx_mode));
	EXPECT_OK(syscall(SYS_statx, dfd, "", AT_EMPTY_PATH, T_STATX_TYPE, &sx));
	EXPECT(S_ISDIR(sx.stx_mode));
}

const struct t_test t_test = { .run = run };
