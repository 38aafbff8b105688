/*
 * open05: an unprivileged user opening a mode-0600 root file fails with
 * EACCES, for reading and for writing; root itself can open it.
 */
#include <fcntl.h>

#include "harness.h"

static void as_nobody(void)
{
	EXPECT_FAIL(open("secret", O_RDONLY), EACCES);
	EXPECT_FAIL(open("secret", O_WRONLY), EACCES);
	EXPECT_FAIL(open("secret", O_RDWR | O_CREAT, 0644), EACCES);
}

static void run(void)
{
	int fd;

	t_write_file("secret", "s", 0600);
	fd = EXPECT_OK(open("secret", O_RDWR));
	if (fd >= 0)
		close(fd);
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
