/*
 * epoll_wait05: epoll on TCP loopback sockets: a listener reports EPOLLIN
 * for a pending connection; the accepted side reports EPOLLOUT, then
 * EPOLLIN for data, and EPOLLIN|EPOLLRDHUP (edge-triggered, once) when the
 * peer shuts down writing; a writer that filled the buffers until EAGAIN
 * gets an edge-triggered EPOLLOUT again once the reader drains them; when
 * both directions are shut, EPOLLHUP; a connection reset gives EPOLLERR.
 */
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>

#include "harness.h"

static unsigned wait1(int ep, int ms)
{
	struct epoll_event ev = { 0 };
	int n = epoll_wait(ep, &ev, 1, ms);

	if (n < 0)
		t_brk(TBROK | TERRNO, "epoll_wait");
	return n ? ev.events : 0;
}

static void add(int ep, int fd, unsigned events)
{
	struct epoll_event ev = { .events = events, .data.fd = fd };

	SAFE(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev));
}

static void run(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(sin);
	static char big[1 << 16];
	char buf[16];
	int l, c, a, ep, ep2;
	long total = 0;
	ssize_t r;

	l = SAFE(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
	SAFE(bind(l, (struct sockaddr *)&sin, sizeof(sin)));
	SAFE(getsockname(l, (struct sockaddr *)&sin, &len));
	SAFE(listen(l, 4));
	ep = SAFE(epoll_create1(0));
	add(ep, l, EPOLLIN);
	EXPECT_EQ(wait1(ep, 0), 0);
	c = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	SAFE(connect(c, (struct sockaddr *)&sin, sizeof(sin)));
	EXPECT_EQ(wait1(ep, 5000), EPOLLIN);
	a = SAFE(accept4(l, NULL, NULL, SOCK_NONBLOCK));
	EXPECT_EQ(wait1(ep, 0), 0);
	close(ep);

	ep = SAFE(epoll_create1(0));
	add(ep, a, EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET);
	EXPECT_EQ(wait1(ep, 5000), EPOLLOUT);
	EXPECT_EQ(wait1(ep, 0), 0);
	SAFE(write(c, "data", 4));
	EXPECT_EQ(wait1(ep, 5000), EPOLLIN | EPOLLOUT);
	EXPECT_EQ(read(a, buf, sizeof(buf)), 4);
	SAFE(shutdown(c, SHUT_WR));
	EXPECT_EQ(wait1(ep, 5000), EPOLLIN | EPOLLOUT | EPOLLRDHUP);
	EXPECT_EQ(wait1(ep, 0), 0);
	EXPECT_EQ(read(a, buf, sizeof(buf)), 0);

	/* Fill a -> c, then drain: EPOLLOUT comes back (edge-triggered). */
	for (;;) {
		r = write(a, big, sizeof(big));
		if (r < 0)
			break;
		total += r;
	}
	EXPECT_MSG(errno == EAGAIN, "filled with %ld bytes, then EAGAIN", total);
	EXPECT_EQ(wait1(ep, 0), 0);
	ep2 = SAFE(epoll_create1(0));
	add(ep2, c, EPOLLIN);
	EXPECT_EQ(wait1(ep2, 5000), EPOLLIN);
	while (total > 0) {
		r = read(c, big, sizeof(big));
		if (r <= 0)
			break;
		total -= r;
	}
	EXPECT_EQ(total, 0);
	EXPECT_MSG(wait1(ep, 5000) & EPOLLOUT, "EPOLLOUT again once drained");
	SAFE(shutdown(a, SHUT_WR));
	EXPECT_MSG(wait1(ep, 5000) & EPOLLHUP, "EPOLLHUP with both directions shut");
	close(ep);
	close(ep2);
	close(a);
	close(c);

	/* A reset: the peer closes with unread data. */
	c = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	SAFE(connect(c, (struct sockaddr *)&sin, sizeof(sin)));
	ep = SAFE(epoll_create1(0));
	add(ep, l, EPOLLIN);
	wait1(ep, 5000);
	a = SAFE(accept(l, NULL, NULL));
	close(ep);
	ep = SAFE(epoll_create1(0));
	add(ep, c, EPOLLIN);
	SAFE(write(c, "x", 1));
	SAFE(write(a, "y", 1));
	EXPECT_EQ(wait1(ep, 5000), EPOLLIN);
	close(a);
	EXPECT_MSG(wait1(ep, 5000) & EPOLLERR, "EPOLLERR after a reset");
}

const struct t_test t_test = { .run = run };
