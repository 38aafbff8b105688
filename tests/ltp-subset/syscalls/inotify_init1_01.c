/*
 * inotify_init1_01: IN_CLOEXEC sets FD_CLOEXEC on the new descriptor,
 * without it the flag is clear (inotify_init too); the file is read-only
 * (F_GETFL O_RDONLY), cannot be written (EBADF) and unknown flags are
 * EINVAL.
 */
#include <sys/inotify.h>

#include "harness.h"

static void run(void)
{
	int fd;

	fd = EXPECT_OK(inotify_init1(IN_CLOEXEC));
	EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(fcntl(fd, F_GETFL) & (O_ACCMODE | O_NONBLOCK), O_RDONLY);
	EXPECT_FAIL(write(fd, "x", 1), EBADF);
	close(fd);
	fd = EXPECT_OK(inotify_init1(0));
	EXPECT_EQ(fcntl(fd, F_GETFD), 0);
	close(fd);
	fd = EXPECT_OK(syscall(SYS_inotify_init));
	EXPECT_EQ(fcntl(fd, F_GETFD), 0);
	close(fd);
	EXPECT_FAIL(inotify_init1(IN_CLOEXEC | 1), EINVAL);
	EXPECT_FAIL(inotify_init1(O_RDWR), EINVAL);
}

const struct t_test t_test = { .run = run };
