/*
 * getpeername01: getpeername() on both ends of a TCP connection over
 * 127.0.0.1 and ::1 gives the other end's getsockname(); a listening or
 * unconnected socket and an unconnected UDP socket give ENOTCONN; a
 * connected UDP socket gives its peer; EBADF, ENOTSOCK, EFAULT, and EINVAL
 * for a negative length; a short buffer is filled partly but the full
 * length is reported; a v4 client of a dual-stack v6 listener is
 * ::ffff:127.0.0.1 to it.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "harness.h"

static void pair(int family)
{
	struct sockaddr_storage la, ca, cl, cp, al, ap;
	socklen_t len = sizeof(la);
	int l, c, a;

	memset(&la, 0, sizeof(la));
	la.ss_family = family;
	if (family == AF_INET)
		((struct sockaddr_in *)&la)->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	else
		((struct sockaddr_in6 *)&la)->sin6_addr = in6addr_loopback;
	l = SAFE(socket(family, SOCK_STREAM, 0));
	SAFE(bind(l, (struct sockaddr *)&la, family == AF_INET ? sizeof(struct sockaddr_in) :
		  sizeof(struct sockaddr_in6)));
	SAFE(listen(l, 5));
	SAFE(getsockname(l, (struct sockaddr *)&la, &len));
	len = sizeof(ca);
	EXPECT_FAIL(getpeername(l, (struct sockaddr *)&ca, &len), ENOTCONN);
	c = SAFE(socket(family, SOCK_STREAM, 0));
	len = sizeof(ca);
	EXPECT_FAIL(getpeername(c, (struct sockaddr *)&ca, &len), ENOTCONN);
	SAFE(connect(c, (struct sockaddr *)&la, len));
	a = SAFE(accept(l, NULL, NULL));
	len = sizeof(cl);
	SAFE(getsockname(c, (struct sockaddr *)&cl, &len));
	len = sizeof(cp);
	EXPECT_OK(getpeername(c, (struct sockaddr *)&cp, &len));
	EXPECT_EQ(len, family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6));
	EXPECT(!memcmp(&cp, &la, len));
	len = sizeof(al);
	SAFE(getsockname(a, (struct sockaddr *)&al, &len));
	EXPECT(!memcmp(&al, &la, len));
	len = sizeof(ap);
	EXPECT_OK(getpeername(a, (struct sockaddr *)&ap, &len));
	EXPECT(!memcmp(&ap, &cl, len));
	close(a);
	close(c);
	close(l);
}

static void run(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr_in peer;
	socklen_t len;
	int u, u2, fd;
	char small[4];

	pair(AF_INET);
	pair(AF_INET6);

	/* A v4 client of a dual-stack listener is seen as ::ffff:127.0.0.1. */
	{
		struct sockaddr_in6 l6 = { .sin6_family = AF_INET6 }, p6;
		struct sockaddr_in c4 = sin;
		int l, c, a;

		l = SAFE(socket(AF_INET6, SOCK_STREAM, 0));
		SAFE(bind(l, (struct sockaddr *)&l6, sizeof(l6)));
		SAFE(listen(l, 1));
		len = sizeof(l6);
		SAFE(getsockname(l, (struct sockaddr *)&l6, &len));
		c4.sin_port = l6.sin6_port;
		c = SAFE(socket(AF_INET, SOCK_STREAM, 0));
		SAFE(connect(c, (struct sockaddr *)&c4, sizeof(c4)));
		a = SAFE(accept(l, NULL, NULL));
		len = sizeof(p6);
		EXPECT_OK(getpeername(a, (struct sockaddr *)&p6, &len));
		EXPECT(len == sizeof(p6) && p6.sin6_family == AF_INET6 &&
		       IN6_IS_ADDR_V4MAPPED(&p6.sin6_addr));
		close(a);
		close(c);
		close(l);
	}

	u = SAFE(socket(AF_INET, SOCK_DGRAM, 0));
	u2 = SAFE(socket(AF_INET, SOCK_DGRAM, 0));
	len = sizeof(peer);
	EXPECT_FAIL(getpeername(u, (struct sockaddr *)&peer, &len), ENOTCONN);
	SAFE(bind(u2, (struct sockaddr *)&sin, sizeof(sin)));
	len = sizeof(sin);
	SAFE(getsockname(u2, (struct sockaddr *)&sin, &len));
	SAFE(connect(u, (struct sockaddr *)&sin, sizeof(sin)));
	len = sizeof(peer);
	EXPECT_OK(getpeername(u, (struct sockaddr *)&peer, &len));
	EXPECT(peer.sin_port == sin.sin_port && peer.sin_addr.s_addr == sin.sin_addr.s_addr);
	len = sizeof(small);
	EXPECT_OK(getpeername(u, (struct sockaddr *)small, &len));
	EXPECT_EQ(len, sizeof(struct sockaddr_in));
	EXPECT(!memcmp(small, &peer, sizeof(small)));
	len = -1;
	EXPECT_FAIL(getpeername(u, (struct sockaddr *)&peer, &len), EINVAL);
	len = sizeof(peer);
	EXPECT_FAIL(getpeername(u, t_bad_addr(), &len), EFAULT);
	EXPECT_FAIL(getpeername(u, (struct sockaddr *)&peer, t_bad_addr()), EFAULT);
	EXPECT_FAIL(getpeername(-1, (struct sockaddr *)&peer, &len), EBADF);
	t_write_file("f", "", 0644);
	fd = SAFE(open("f", O_RDONLY));
	EXPECT_FAIL(getpeername(fd, (struct sockaddr *)&peer, &len), ENOTSOCK);
}

const struct t_test t_test = { .run = run };
