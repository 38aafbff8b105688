/*
 * mknodat01: mknodat() creates a FIFO and a regular file relative to a
 * dirfd and to AT_FDCWD; EBADF for a bad dirfd, ENOTDIR for a file dirfd.
 */
#include "harness.h"

static void run(void)
{
	struct stat st;
	int d, f;

	SAFE(mkdir("d", 0755));
	t_write_file("file", "", 0644);
	d = SAFE(open("d", O_RDONLY | O_DIRECTORY));
	f = SAFE(open("file", O_RDONLY));
	EXPECT_OK(mknodat(d, "fifo", S_IFIFO | 0600, 0));
	SAFE(stat("d/fifo", &st));
	EXPECT(S_ISFIFO(st.st_mode));
	EXPECT_OK(mknodat(AT_FDCWD, "d/reg", S_IFREG | 0600, 0));
	SAFE(stat("d/reg", &st));
	EXPECT(S_ISREG(st.st_mode) && st.st_size == 0);
	EXPECT_FAIL(mknodat(-1, "x", S_IFIFO | 0600, 0), EBADF);
	EXPECT_FAIL(mknodat(f, "x", S_IFIFO | 0600, 0), ENOTDIR);
	EXPECT_FAIL(mknodat(d, "fifo", S_IFIFO | 0600, 0), EEXIST);
}

const struct t_test t_test = { .run = run };
