/*
 * poll03: poll() on sockets: a listening socket is POLLIN with a pending
 * connection; a connected stream gets POLLIN on data, POLLRDHUP and POLLIN
 * when the peer shuts down writing, POLLHUP when the peer closes; a UDP
 * socket is always POLLOUT.
 */
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include "harness.h"

/* Events now (timeout 0), or once any arrives (waiting up to 5 s). */
static short revents(int fd, short events, int timeout)
{
	struct pollfd p = { .fd = fd, .events = events };

	SAFE(poll(&p, 1, timeout));
	return p.revents;
}

static void run(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(sin);
	int l, c, a, u, sv[2];
	char ch;

	l = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	SAFE(bind(l, (struct sockaddr *)&sin, sizeof(sin)));
	SAFE(getsockname(l, (struct sockaddr *)&sin, &len));
	SAFE(listen(l, 1));
	EXPECT_EQ(revents(l, POLLIN, 0), 0);
	c = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	SAFE(connect(c, (struct sockaddr *)&sin, sizeof(sin)));
	EXPECT_EQ(revents(l, POLLIN, 5000), POLLIN);
	a = SAFE(accept(l, NULL, NULL));
	EXPECT_EQ(revents(a, POLLIN | POLLOUT, 0), POLLOUT);
	SAFE(write(c, "x", 1));
	EXPECT_EQ(revents(a, POLLIN, 5000), POLLIN);
	SAFE(read(a, &ch, 1));
	SAFE(shutdown(c, SHUT_WR));
	EXPECT_EQ(revents(a, POLLIN | POLLRDHUP, 5000), POLLIN | POLLRDHUP);
	SAFE(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	close(sv[1]);
	EXPECT(revents(sv[0], POLLIN, 5000) & POLLHUP);
	u = SAFE(socket(AF_INET, SOCK_DGRAM, 0));
	EXPECT_EQ(revents(u, POLLOUT, 0), POLLOUT);
}

const struct t_test t_test = { .run = run };
