/*
 * fchown01: fchown() and fchownat() change ownership through a descriptor
 * or relative to dirfd; fchownat(AT_SYMLINK_NOFOLLOW) changes a link
 * itself; AT_EMPTY_PATH changes the descriptor's file.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat st;
	int fd, d;

	SAFE(mkdir("d", 0755));
	t_write_file("d/f", "", 0644);
	SAFE(symlink("f", "d/l"));
	fd = SAFE(open("d/f", O_RDONLY));
	d = SAFE(open("d", O_RDONLY | O_DIRECTORY));
	EXPECT_OK(fchown(fd, 11, 12));
	SAFE(stat("d/f", &st));
	EXPECT(st.st_uid == 11 && st.st_gid == 12);
	EXPECT_OK(fchownat(d, "f", 21, 22, 0));
	SAFE(stat("d/f", &st));
	EXPECT(st.st_uid == 21 && st.st_gid == 22);
	EXPECT_OK(fchownat(d, "l", 31, 32, AT_SYMLINK_NOFOLLOW));
	SAFE(lstat("d/l", &st));
	EXPECT(st.st_uid == 31 && st.st_gid == 32);
	SAFE(stat("d/f", &st));
	EXPECT_EQ(st.st_uid, 21);
	EXPECT_OK(fchownat(fd, "", 41, 42, AT_EMPTY_PATH));
	SAFE(stat("d/f", &st));
	EXPECT(st.st_uid == 41 && st.st_gid == 42);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
