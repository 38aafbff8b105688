/*
 * flock02: flock() failures: EBADF for a bad descriptor, EINVAL for an
 * operation that is none of LOCK_SH, LOCK_EX, LOCK_UN.
 */
#include <fcntl.h>
#include <sys/file.h>

#include "harness.h"

static void run(void)
{
	int fd;

	t_write_file("f", "", 0644);
	fd = SAFE(open("f", O_RDONLY));
	EXPECT_FAIL(flock(-1, LOCK_SH), EBADF);
	EXPECT_FAIL(flock(55, LOCK_EX), EBADF);
	EXPECT_FAIL(flock(fd, LOCK_NB), EINVAL);
	EXPECT_FAIL(flock(fd, 0), EINVAL);
	EXPECT_FAIL(flock(fd, LOCK_SH | LOCK_EX), EINVAL);
}

const struct t_test t_test = { .run = run };
