/*
 * ioctl01: ioctl() on non-terminals: TCGETS on a regular file or pipe
 * fails with ENOTTY; FIOCLEX/FIONCLEX set and clear FD_CLOEXEC; FIONBIO
 * toggles O_NONBLOCK; FIONREAD counts bytes in a socket; EBADF for a bad
 * descriptor; EFAULT for a bad argument pointer.
 */
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <termios.h>

#include "harness.h"

static void run(void)
{
	struct termios t;
	int fd, p[2], sv[2], on = 1, off = 0, n = -1;

	t_write_file("f", "", 0644);
	fd = SAFE(open("f", O_RDONLY));
	SAFE(pipe(p));
	EXPECT_FAIL(ioctl(fd, TCGETS, &t), ENOTTY);
	EXPECT_FAIL(ioctl(p[0], TCGETS, &t), ENOTTY);
	EXPECT_OK(ioctl(fd, FIOCLEX));
	EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	EXPECT_OK(ioctl(fd, FIONCLEX));
	EXPECT_EQ(fcntl(fd, F_GETFD), 0);
	EXPECT_OK(ioctl(p[0], FIONBIO, &on));
	EXPECT(fcntl(p[0], F_GETFL) & O_NONBLOCK);
	EXPECT_OK(ioctl(p[0], FIONBIO, &off));
	EXPECT(!(fcntl(p[0], F_GETFL) & O_NONBLOCK));
	SAFE(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	SAFE(write(sv[0], "12345", 5));
	EXPECT_OK(ioctl(sv[1], FIONREAD, &n));
	EXPECT_EQ(n, 5);
	EXPECT_FAIL(ioctl(-1, FIONREAD, &n), EBADF);
	EXPECT_FAIL(ioctl(sv[1], FIONREAD, t_bad_addr()), EFAULT);
	EXPECT_FAIL(ioctl(fd, FIONREAD + 0x7700000, &n), ENOTTY);
}

const struct t_test t_test = { .run = run };
