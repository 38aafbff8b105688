/*
 * connect02: non-blocking TCP connect() over loopback: EINPROGRESS, then
 * the socket is writable with SO_ERROR 0 and a second connect() returns 0,
 * a third EISCONN; data flows. To a port nobody listens on: EINPROGRESS,
 * then POLLOUT|POLLERR|POLLHUP with SO_ERROR ECONNREFUSED, and connect()
 * again gives ECONNREFUSED (blocking: at once). Connecting a listening
 * socket is EISCONN; connect(AF_UNSPEC) drops a connection.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>

#include "harness.h"

static int so_error(int s)
{
	int v = -1;
	socklen_t len = sizeof(v);

	SAFE(getsockopt(s, SOL_SOCKET, SO_ERROR, &v, &len));
	return v;
}

static short wait_events(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };

	SAFE(poll(&p, 1, 5000));
	return p.revents;
}

static void run(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr_in dead = sin;
	struct sockaddr unspec = { .sa_family = AF_UNSPEC };
	socklen_t len = sizeof(sin);
	int l, c, a, s;
	short ev;
	char buf[8];

	l = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	SAFE(bind(l, (struct sockaddr *)&sin, sizeof(sin)));
	SAFE(getsockname(l, (struct sockaddr *)&sin, &len));
	SAFE(listen(l, 4));
	EXPECT_FAIL(connect(l, (struct sockaddr *)&sin, sizeof(sin)), EISCONN);

	c = SAFE(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
	EXPECT_FAIL(connect(c, (struct sockaddr *)&sin, sizeof(sin)), EINPROGRESS);
	ev = wait_events(c, POLLOUT);
	EXPECT_EQ(ev, POLLOUT);
	EXPECT_EQ(so_error(c), 0);
	EXPECT_OK(connect(c, (struct sockaddr *)&sin, sizeof(sin)));
	EXPECT_FAIL(connect(c, (struct sockaddr *)&sin, sizeof(sin)), EISCONN);
	a = SAFE(accept(l, NULL, NULL));
	EXPECT_EQ(write(c, "hello", 5), 5);
	EXPECT_EQ(read(a, buf, sizeof(buf)), 5);
	/* connect(AF_UNSPEC) aborts the connection: the peer sees a reset. */
	EXPECT_OK(connect(c, &unspec, sizeof(unspec)));
	EXPECT_FAIL(read(a, buf, sizeof(buf)), ECONNRESET);
	EXPECT_EQ(read(a, buf, sizeof(buf)), 0);
	close(a);
	close(c);

	/* A port with nothing listening. */
	s = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	SAFE(bind(s, (struct sockaddr *)&dead, sizeof(dead)));
	len = sizeof(dead);
	SAFE(getsockname(s, (struct sockaddr *)&dead, &len));
	close(s);
	c = SAFE(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
	EXPECT_FAIL(connect(c, (struct sockaddr *)&dead, sizeof(dead)), EINPROGRESS);
	ev = wait_events(c, POLLOUT);
	EXPECT_MSG((ev & (POLLOUT | POLLERR | POLLHUP)) == (POLLOUT | POLLERR | POLLHUP),
		   "refused: POLLOUT|POLLERR|POLLHUP (0x%x)", ev);
	EXPECT_EQ(so_error(c), ECONNREFUSED);
	EXPECT_EQ(so_error(c), 0);
	close(c);
	c = SAFE(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
	EXPECT_FAIL(connect(c, (struct sockaddr *)&dead, sizeof(dead)), EINPROGRESS);
	wait_events(c, POLLOUT);
	EXPECT_FAIL(connect(c, (struct sockaddr *)&dead, sizeof(dead)), ECONNREFUSED);
	close(c);
	c = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	EXPECT_FAIL(connect(c, (struct sockaddr *)&dead, sizeof(dead)), ECONNREFUSED);
	close(c);
	close(l);
}

const struct t_test t_test = { .run = run };
