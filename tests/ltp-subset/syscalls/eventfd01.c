/*
 * eventfd01: an eventfd counter: the initial value is read back and reset
 * to 0, writes add, a read of the zero counter fails with EAGAIN in
 * non-blocking mode; with EFD_SEMAPHORE each read returns 1 and
 * decrements; reads need 8 bytes (EINVAL), writing 2^64-1 is EINVAL, an
 * overflowing write fails with EAGAIN; poll sees POLLIN and POLLOUT.
 */
#include <poll.h>
#include <sys/eventfd.h>

#include "harness.h"

static void run(void)
{
	uint64_t v;
	struct pollfd pfd;
	int fd, sem;

	fd = EXPECT_OK(eventfd(5, EFD_NONBLOCK | EFD_CLOEXEC));
	EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(read(fd, &v, 8), 8);
	EXPECT_EQ(v, 5);
	EXPECT_FAIL(read(fd, &v, 8), EAGAIN);
	v = 3;
	EXPECT_EQ(write(fd, &v, 8), 8);
	EXPECT_EQ(write(fd, &v, 8), 8);
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN | POLLOUT };
	EXPECT_EQ(poll(&pfd, 1, 0), 1);
	EXPECT_EQ(pfd.revents, POLLIN | POLLOUT);
	EXPECT_EQ(read(fd, &v, 8), 8);
	EXPECT_EQ(v, 6);
	EXPECT_FAIL(read(fd, &v, 4), EINVAL);
	v = UINT64_MAX;
	EXPECT_FAIL(write(fd, &v, 8), EINVAL);
	v = UINT64_MAX - 1;
	EXPECT_EQ(write(fd, &v, 8), 8);
	v = 1;
	EXPECT_FAIL(write(fd, &v, 8), EAGAIN);
	sem = SAFE(eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK));
	EXPECT_EQ(read(sem, &v, 8), 8);
	EXPECT_EQ(v, 1);
	EXPECT_EQ(read(sem, &v, 8), 8);
	EXPECT_EQ(v, 1);
	EXPECT_FAIL(read(sem, &v, 8), EAGAIN);
	EXPECT_FAIL(eventfd(0, 0x10), EINVAL);
}

const struct t_test t_test = { .run = run };
