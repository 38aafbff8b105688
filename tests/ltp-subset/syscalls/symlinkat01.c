/*
 * symlinkat01: symlinkat() creates the link relative to dirfd, with
 * AT_FDCWD relative to the cwd; the target string is not resolved; EBADF
 * for a bad dirfd, ENOTDIR for a file dirfd.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	char buf[64];
	struct stat st;
	int d, f;
	ssize_t n;

	SAFE(mkdir("d", 0755));
	t_write_file("d/file", "", 0644);
	d = SAFE(open("d", O_RDONLY | O_DIRECTORY));
	f = SAFE(open("d/file", O_RDONLY));
	EXPECT_OK(symlinkat("file", d, "l"));
	EXPECT_OK(stat("d/l", &st));
	EXPECT(S_ISREG(st.st_mode));
	EXPECT_OK(symlinkat("d/file", AT_FDCWD, "l2"));
	n = readlink("l2", buf, sizeof(buf));
	EXPECT(n == 6 && !memcmp(buf, "d/file", 6));
	EXPECT_FAIL(symlinkat("x", -1, "l3"), EBADF);
	EXPECT_FAIL(symlinkat("x", f, "l3"), ENOTDIR);
}

const struct t_test t_test = { .run = run };
