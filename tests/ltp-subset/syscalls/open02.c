/*
 * open02: open() of a missing file without O_CREAT fails with ENOENT, and
 * O_NOATIME on a file one does not own fails with EPERM.
 */
#include <fcntl.h>

#include "harness.h"

static void as_nobody(void)
{
	EXPECT_FAIL(open("rootfile", O_RDONLY | O_NOATIME), EPERM);
	/* Without O_NOATIME the same open succeeds (mode 0644). */
	int fd = EXPECT_OK(open("rootfile", O_RDONLY));
	if (fd >= 0)
		close(fd);
}

static void run(void)
{
	int fd;

	EXPECT_FAIL(open("missing", O_RDWR), ENOENT);
	EXPECT_FAIL(open("missing/x", O_RDONLY), ENOENT);
	t_write_file("rootfile", "x", 0644);
	fd = EXPECT_OK(open("rootfile", O_RDONLY | O_NOATIME));
	if (fd >= 0)
		close(fd);
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
