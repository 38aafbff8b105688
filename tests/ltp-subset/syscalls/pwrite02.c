/*
 * pwrite02: documented pwrite() failures: ESPIPE on a pipe, EINVAL for a
 * negative offset, EBADF on a bad or read-only descriptor, EFAULT for a bad
 * buffer; the file is not modified.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat st;
	int fd, rfd, p[2];

	fd = SAFE(open("f", O_WRONLY | O_CREAT, 0644));
	rfd = SAFE(open("f", O_RDONLY));
	SAFE(pipe(p));
	EXPECT_FAIL(pwrite(p[1], "x", 1, 0), ESPIPE);
	EXPECT_FAIL(pwrite(fd, "x", 1, -1), EINVAL);
	EXPECT_FAIL(pwrite(-1, "x", 1, 0), EBADF);
	EXPECT_FAIL(pwrite(rfd, "x", 1, 0), EBADF);
	EXPECT_FAIL(pwrite(fd, t_bad_addr(), 1, 0), EFAULT);
	SAFE(fstat(fd, &st));
	EXPECT_EQ(st.st_size, 0);
}

const struct t_test t_test = { .run = run };
