/*
 * posix_fadvise01: posix_fadvise() accepts every advice on a regular file
 * and returns 0; it returns (not sets in errno) EBADF for a bad
 * descriptor, ESPIPE for a pipe, EINVAL for an unknown advice; the raw
 * fadvise64 sets errno.
 */
#include "harness.h"

static void run(void)
{
	static const int advice[] = { POSIX_FADV_NORMAL, POSIX_FADV_RANDOM,
				      POSIX_FADV_SEQUENTIAL, POSIX_FADV_WILLNEED,
				      POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE };
	int fd, p[2], bad = 0;

	t_write_file("f", "some data", 0644);
	fd = SAFE(open("f", O_RDONLY));
	SAFE(pipe(p));
	for (unsigned int i = 0; i < sizeof(advice) / sizeof(advice[0]); i++)
		if (posix_fadvise(fd, 0, 0, advice[i]) != 0)
			bad++;
	EXPECT_MSG(bad == 0, "every advice accepted");
	EXPECT_ERR(posix_fadvise(-1, 0, 0, POSIX_FADV_NORMAL), EBADF);
	EXPECT_ERR(posix_fadvise(p[0], 0, 0, POSIX_FADV_NORMAL), ESPIPE);
	EXPECT_ERR(posix_fadvise(fd, 0, 0, 99), EINVAL);
	EXPECT_FAIL(syscall(SYS_fadvise64, fd, 0, 0, 99), EINVAL);
	EXPECT_FAIL(syscall(SYS_fadvise64, -1, 0, 0, POSIX_FADV_NORMAL), EBADF);
}

const struct t_test t_test = { .run = run };
