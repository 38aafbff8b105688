/*
 * timerfd02: timerfd failures: EINVAL for an unknown clock or flags, an
 * invalid tv_nsec, unknown settime flags; EBADF for a bad descriptor,
 * EINVAL when the descriptor is not a timerfd; a non-blocking read of an
 * unexpired timer gives EAGAIN; a read under 8 bytes gives EINVAL.
 */
#include <sys/timerfd.h>
#include <time.h>

#include "harness.h"

static void run(void)
{
	struct itimerspec its = { { 0, 0 }, { 10, 0 } }, cur;
	uint64_t n;
	int fd, p[2];

	SAFE(pipe(p));
	EXPECT_FAIL(timerfd_create(12345, 0), EINVAL);
	EXPECT_FAIL(timerfd_create(CLOCK_MONOTONIC, 0x1), EINVAL);
	fd = SAFE(timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK));
	EXPECT_FAIL(read(fd, &n, 8), EAGAIN);
	SAFE(timerfd_settime(fd, 0, &its, NULL));
	EXPECT_FAIL(read(fd, &n, 8), EAGAIN);
	EXPECT_FAIL(read(fd, &n, 4), EINVAL);
	its.it_value.tv_nsec = 1000000000;
	EXPECT_FAIL(timerfd_settime(fd, 0, &its, NULL), EINVAL);
	its.it_value.tv_nsec = 0;
	EXPECT_FAIL(timerfd_settime(fd, 0x100, &its, NULL), EINVAL);
	EXPECT_FAIL(timerfd_settime(-1, 0, &its, NULL), EBADF);
	EXPECT_FAIL(timerfd_settime(p[0], 0, &its, NULL), EINVAL);
	EXPECT_FAIL(timerfd_gettime(p[0], &cur), EINVAL);
	EXPECT_FAIL(timerfd_gettime(fd, t_bad_addr()), EFAULT);
}

const struct t_test t_test = { .run = run };
