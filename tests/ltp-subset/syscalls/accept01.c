/*
 * accept01: accept() returns a new connected socket and the peer address;
 * failures: EBADF, ENOTSOCK, EINVAL (not listening), EOPNOTSUPP (datagram
 * socket), EAGAIN (non-blocking, no pending connection), EFAULT (bad
 * address buffer). accept4() sets SOCK_CLOEXEC/SOCK_NONBLOCK and rejects
 * unknown flags with EINVAL.
 */
#include <netinet/in.h>
#include <sys/socket.h>

#include "harness.h"

static void run(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr_in peer, cl;
	socklen_t len = sizeof(sin);
	int l, c, a, d, fd, s;

	t_write_file("f", "", 0644);
	fd = SAFE(open("f", O_RDONLY));
	s = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	d = SAFE(socket(AF_INET, SOCK_DGRAM, 0));
	l = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	SAFE(bind(l, (struct sockaddr *)&sin, sizeof(sin)));
	SAFE(getsockname(l, (struct sockaddr *)&sin, &len));
	EXPECT_FAIL(accept(-1, NULL, NULL), EBADF);
	EXPECT_FAIL(accept(fd, NULL, NULL), ENOTSOCK);
	EXPECT_FAIL(accept(s, NULL, NULL), EINVAL);
	EXPECT_FAIL(accept(d, NULL, NULL), EOPNOTSUPP);
	SAFE(listen(l, 4));
	SAFE(fcntl(l, F_SETFL, O_NONBLOCK));
	EXPECT_FAIL(accept(l, NULL, NULL), EAGAIN);
	SAFE(fcntl(l, F_SETFL, 0));
	/* raw: musl retries a failed accept4 as plain accept */
	EXPECT_FAIL(syscall(SYS_accept4, l, NULL, NULL, 0x1), EINVAL);

	c = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	SAFE(connect(c, (struct sockaddr *)&sin, sizeof(sin)));
	len = sizeof(cl);
	SAFE(getsockname(c, (struct sockaddr *)&cl, &len));
	len = sizeof(peer);
	a = EXPECT_OK(accept(l, (struct sockaddr *)&peer, &len));
	EXPECT_EQ(len, sizeof(peer));
	EXPECT(peer.sin_port == cl.sin_port && peer.sin_addr.s_addr == cl.sin_addr.s_addr);
	EXPECT_EQ(fcntl(a, F_GETFD), 0);
	close(a);
	c = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	SAFE(connect(c, (struct sockaddr *)&sin, sizeof(sin)));
	a = EXPECT_OK(accept4(l, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK));
	EXPECT_EQ(fcntl(a, F_GETFD), FD_CLOEXEC);
	EXPECT(fcntl(a, F_GETFL) & O_NONBLOCK);
	c = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	SAFE(connect(c, (struct sockaddr *)&sin, sizeof(sin)));
	len = sizeof(peer);
	EXPECT_FAIL(accept(l, t_bad_addr(), &len), EFAULT);
}

const struct t_test t_test = { .run = run };
