/*
 * readlinkat01: readlinkat() reads a link relative to dirfd, with an empty
 * path reads the link an O_PATH|O_NOFOLLOW descriptor refers to; EBADF and
 * ENOTDIR for bad dirfds.
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	char buf[32];
	int d, lfd, f;

	SAFE(mkdir("d", 0755));
	t_write_file("d/file", "", 0644);
	SAFE(symlink("file", "d/l"));
	d = SAFE(open("d", O_RDONLY | O_DIRECTORY));
	f = SAFE(open("d/file", O_RDONLY));
	EXPECT_EQ(readlinkat(d, "l", buf, sizeof(buf)), 4);
	EXPECT(!memcmp(buf, "file", 4));
	EXPECT_EQ(readlinkat(AT_FDCWD, "d/l", buf, sizeof(buf)), 4);
	lfd = SAFE(open("d/l", O_PATH | O_NOFOLLOW));
	EXPECT_EQ(readlinkat(lfd, "", buf, sizeof(buf)), 4);
	EXPECT_FAIL(readlinkat(-1, "l", buf, sizeof(buf)), EBADF);
	EXPECT_FAIL(readlinkat(f, "l", buf, sizeof(buf)), ENOTDIR);
}

const struct t_test t_test = { .run = run };
