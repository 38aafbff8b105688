/*
 * lstat01: lstat() describes a symbolic link itself: S_IFLNK, size equal to
 * the length of the target string, even when dangling; stat() follows it.
 */
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat st;

	t_write_file("target", "0123456789", 0644);
	SAFE(symlink("target", "link"));
	SAFE(symlink("no/such/place", "dangling"));
	EXPECT_OK(lstat("link", &st));
	EXPECT(S_ISLNK(st.st_mode));
	EXPECT_EQ(st.st_size, 6);
	EXPECT_OK(stat("link", &st));
	EXPECT(S_ISREG(st.st_mode));
	EXPECT_EQ(st.st_size, 10);
	EXPECT_OK(lstat("dangling", &st));
	EXPECT(S_ISLNK(st.st_mode));
	EXPECT_EQ(st.st_size, 13);
	EXPECT_FAIL(stat("dangling", &st), ENOENT);
	EXPECT_OK(lstat("target", &st));
	EXPECT(S_ISREG(st.st_mode));
}

const struct t_test t_test = { .run = run };
