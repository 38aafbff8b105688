/*
 * setsockopt01: socket options read back: SO_REUSEADDR and SO_KEEPALIVE
 * toggle, SO_RCVBUF is doubled by the kernel, SO_RCVTIMEO makes a recv
 * time out with EAGAIN, SO_ERROR is 0, SO_TYPE/SO_DOMAIN/SO_PROTOCOL are
 * right; failures: ENOPROTOOPT (unknown option), EINVAL (short optlen),
 * ENOTSOCK, EBADF, EFAULT.
 */
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "harness.h"

static int get(int s, int opt)
{
	int v = -1;
	socklen_t len = sizeof(v);

	SAFE(getsockopt(s, SOL_SOCKET, opt, &v, &len));
	return v;
}

static void run(void)
{
	struct timeval tv = { 0, 100000 };
	int s, u, on = 1, off = 0, sz = 10000, fd;
	socklen_t len;
	long long t0;
	char c;

	s = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	EXPECT_EQ(get(s, SO_REUSEADDR), 0);
	EXPECT_OK(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)));
	EXPECT_EQ(get(s, SO_REUSEADDR), 1);
	EXPECT_OK(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof(on)));
	EXPECT_EQ(get(s, SO_KEEPALIVE), 1);
	EXPECT_OK(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &off, sizeof(off)));
	EXPECT_EQ(get(s, SO_KEEPALIVE), 0);
	EXPECT_OK(setsockopt(s, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz)));
	EXPECT_EQ(get(s, SO_RCVBUF), 2 * sz);
	EXPECT_EQ(get(s, SO_ERROR), 0);
	EXPECT_EQ(get(s, SO_TYPE), SOCK_STREAM);
	EXPECT_EQ(get(s, SO_DOMAIN), AF_INET);
	EXPECT_EQ(get(s, SO_PROTOCOL), IPPROTO_TCP);
	u = SAFE(socket(AF_INET, SOCK_DGRAM, 0));
	EXPECT_OK(setsockopt(u, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
	t0 = t_now_us();
	EXPECT_FAIL(recv(u, &c, 1, 0), EAGAIN);
	EXPECT(t_now_us() - t0 >= 90000);
	EXPECT_FAIL(setsockopt(s, SOL_SOCKET, 12345, &on, sizeof(on)), ENOPROTOOPT);
	EXPECT_FAIL(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &on, 1), EINVAL);
	t_write_file("f", "", 0644);
	fd = SAFE(open("f", O_RDONLY));
	EXPECT_FAIL(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)), ENOTSOCK);
	EXPECT_FAIL(setsockopt(-1, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)), EBADF);
	EXPECT_FAIL(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, t_bad_addr(), sizeof(on)), EFAULT);
	len = sizeof(on);
	EXPECT_FAIL(getsockopt(s, SOL_SOCKET, SO_REUSEADDR, t_bad_addr(), &len), EFAULT);
}

const struct t_test t_test = { .run = run };
