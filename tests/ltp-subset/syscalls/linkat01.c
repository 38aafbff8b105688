/*
 * linkat01: linkat() resolves both names against their dirfds, does not
 * follow a symlink source by default (links the link) but does with
 * AT_SYMLINK_FOLLOW; unknown flags fail with EINVAL, a bad dirfd with
 * EBADF.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat st, t;
	int d;

	SAFE(mkdir("d", 0755));
	t_write_file("d/target", "", 0644);
	SAFE(symlink("target", "d/sym"));
	d = SAFE(open("d", O_RDONLY | O_DIRECTORY));
	EXPECT_OK(linkat(d, "target", AT_FDCWD, "hard", 0));
	SAFE(stat("d/target", &t));
	SAFE(stat("hard", &st));
	EXPECT_EQ(st.st_ino, t.st_ino);
	EXPECT_OK(linkat(d, "sym", d, "sym2", 0));
	SAFE(lstat("d/sym2", &st));
	EXPECT(S_ISLNK(st.st_mode));
	EXPECT_OK(linkat(d, "sym", d, "followed", AT_SYMLINK_FOLLOW));
	SAFE(lstat("d/followed", &st));
	EXPECT(S_ISREG(st.st_mode));
	EXPECT_EQ(st.st_ino, t.st_ino);
	EXPECT_FAIL(linkat(d, "target", d, "x", 0x1), EINVAL);
	EXPECT_FAIL(linkat(-1, "target", d, "x", 0), EBADF);
}

const struct t_test t_test = { .run = run };
