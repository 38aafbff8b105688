/*
 * bind03: the address and port rules of AF_INET and AF_INET6 binds:
 * 0.0.0.0, 127.x.y.z, ::, ::1 and (dual-stack) ::ffff:127.0.0.1 are
 * local, others EADDRNOTAVAIL; a v4-mapped address on an IPV6_V6ONLY
 * socket is EINVAL; port 0 picks an ephemeral port in 32768-60999; a
 * port in use is EADDRINUSE unless both set SO_REUSEADDR (and the first
 * does not listen) or both set SO_REUSEPORT; a v6-only socket on :: and a
 * v4 socket on 0.0.0.0 share a port, a dual-stack one does not; TCP and
 * UDP ports are separate; a port is free again once its socket closes.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "harness.h"

static struct sockaddr_in v4(const char *a, int port)
{
	struct sockaddr_in s = { .sin_family = AF_INET, .sin_port = htons(port) };

	inet_pton(AF_INET, a, &s.sin_addr);
	return s;
}

static struct sockaddr_in6 v6(const char *a, int port)
{
	struct sockaddr_in6 s = { .sin6_family = AF_INET6, .sin6_port = htons(port) };

	inet_pton(AF_INET6, a, &s.sin6_addr);
	return s;
}

static int sock(int family, int type, int reuse, int v6only)
{
	int s = SAFE(socket(family, type, 0));

	if (reuse)
		SAFE(setsockopt(s, SOL_SOCKET, reuse, &(int){ 1 }, sizeof(int)));
	if (family == AF_INET6)
		SAFE(setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof(int)));
	return s;
}

static int port_of(int s)
{
	struct sockaddr_in6 a;
	socklen_t len = sizeof(a);

	SAFE(getsockname(s, (struct sockaddr *)&a, &len));
	return ntohs(a.sin6_port);	/* same offset in sockaddr_in */
}

#define BIND4(s, a, p) ({ struct sockaddr_in a_ = v4(a, p); bind(s, (struct sockaddr *)&a_, sizeof(a_)); })
#define BIND6(s, a, p) ({ struct sockaddr_in6 a_ = v6(a, p); bind(s, (struct sockaddr *)&a_, sizeof(a_)); })

static void run(void)
{
	int s, t, u, p, one = 1;

	s = sock(AF_INET, SOCK_STREAM, 0, 0);
	EXPECT_FAIL(BIND4(s, "192.0.2.1", 0), EADDRNOTAVAIL);
	EXPECT_OK(BIND4(s, "127.1.2.3", 0));
	p = port_of(s);
	EXPECT_MSG(p >= 32768 && p <= 60999, "ephemeral port %d in 32768-60999", p);
	close(s);

	s = sock(AF_INET6, SOCK_STREAM, 0, 0);
	EXPECT_FAIL(BIND6(s, "2001:db8::1", 0), EADDRNOTAVAIL);
	EXPECT_FAIL(BIND6(s, "::ffff:192.0.2.1", 0), EADDRNOTAVAIL);
	EXPECT_OK(BIND6(s, "::ffff:127.0.0.1", 0));
	close(s);
	s = sock(AF_INET6, SOCK_STREAM, 0, 1);
	EXPECT_FAIL(BIND6(s, "::ffff:127.0.0.1", 0), EINVAL);
	EXPECT_OK(BIND6(s, "::1", 0));
	EXPECT_FAIL(setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one)), EINVAL);
	close(s);

	/* A taken port, then SO_REUSEADDR. */
	s = sock(AF_INET, SOCK_STREAM, 0, 0);
	SAFE(BIND4(s, "127.0.0.1", 0));
	p = port_of(s);
	t = sock(AF_INET, SOCK_STREAM, 0, 0);
	EXPECT_FAIL(BIND4(t, "127.0.0.1", p), EADDRINUSE);
	EXPECT_FAIL(BIND4(t, "0.0.0.0", p), EADDRINUSE);
	EXPECT_OK(BIND4(t, "127.0.0.2", p));
	close(t);
	/* UDP ports are another table. */
	u = sock(AF_INET, SOCK_DGRAM, 0, 0);
	EXPECT_OK(BIND4(u, "127.0.0.1", p));
	close(u);
	close(s);
	t = sock(AF_INET, SOCK_STREAM, 0, 0);
	EXPECT_OK(BIND4(t, "127.0.0.1", p));	/* free again once closed */
	close(t);

	s = sock(AF_INET, SOCK_STREAM, SO_REUSEADDR, 0);
	SAFE(BIND4(s, "0.0.0.0", 0));
	p = port_of(s);
	t = sock(AF_INET, SOCK_STREAM, SO_REUSEADDR, 0);
	EXPECT_OK(BIND4(t, "127.0.0.1", p));
	EXPECT_OK(listen(t, 1));
	EXPECT_FAIL(listen(s, 1), EADDRINUSE);
	close(s);
	s = sock(AF_INET, SOCK_STREAM, SO_REUSEADDR, 0);
	EXPECT_FAIL(BIND4(s, "127.0.0.1", p), EADDRINUSE);	/* t listens */
	close(s);
	close(t);

	s = sock(AF_INET, SOCK_DGRAM, SO_REUSEPORT, 0);
	SAFE(BIND4(s, "127.0.0.1", 0));
	p = port_of(s);
	t = sock(AF_INET, SOCK_DGRAM, SO_REUSEPORT, 0);
	EXPECT_OK(BIND4(t, "127.0.0.1", p));
	u = sock(AF_INET, SOCK_DGRAM, 0, 0);
	EXPECT_FAIL(BIND4(u, "127.0.0.1", p), EADDRINUSE);
	close(s);
	close(t);
	close(u);

	/* Dual stack: :: takes the v4 port too, unless v6-only. */
	s = sock(AF_INET, SOCK_STREAM, 0, 0);
	SAFE(BIND4(s, "0.0.0.0", 0));
	p = port_of(s);
	t = sock(AF_INET6, SOCK_STREAM, 0, 0);
	EXPECT_FAIL(BIND6(t, "::", p), EADDRINUSE);
	close(t);
	t = sock(AF_INET6, SOCK_STREAM, 0, 1);
	EXPECT_OK(BIND6(t, "::", p));
	close(t);
	t = sock(AF_INET6, SOCK_STREAM, 0, 0);
	EXPECT_OK(BIND6(t, "::1", p));
	close(t);
	close(s);
}

const struct t_test t_test = { .run = run };
