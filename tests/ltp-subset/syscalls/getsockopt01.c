/*
 * getsockopt01: option values of AF_INET/AF_INET6 sockets as Linux
 * reports them: SO_TYPE, SO_DOMAIN, SO_PROTOCOL (6 or 17 for protocol
 * 0), SO_ACCEPTCONN, SO_SNDBUF/SO_RCVBUF doubled, SO_LINGER and
 * SO_KEEPALIVE read back, TCP_NODELAY, TCP_MAXSEG (536 unconnected),
 * TCP_KEEPIDLE/INTVL/CNT defaults 7200/75/9 and EINVAL out of range,
 * TCP_INFO's state (LISTEN, ESTABLISHED, CLOSE_WAIT), TCP_CONGESTION,
 * IP_TTL 64, IPV6_V6ONLY 0; failures: ENOPROTOOPT (unknown option),
 * EOPNOTSUPP (TCP level on a UDP socket), EINVAL (negative length), EFAULT.
 */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>

#include "harness.h"

static int get(int s, int level, int opt)
{
	int v = -12345;
	socklen_t len = sizeof(v);

	if (getsockopt(s, level, opt, &v, &len) < 0)
		return -1000 - errno;
	return v;
}

static int set(int s, int level, int opt, int v)
{
	return setsockopt(s, level, opt, &v, sizeof(v));
}

static int tcp_state(int s)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	memset(&ti, 0xff, sizeof(ti));
	if (getsockopt(s, IPPROTO_TCP, TCP_INFO, &ti, &len) < 0)
		return -1;
	return ti.tcpi_state;
}

static void run(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct linger lg = { 1, 5 }, lg2;
	socklen_t len = sizeof(sin);
	char algo[16] = "";
	int t, u, t6, l, c, a, v;

	t = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	u = SAFE(socket(AF_INET, SOCK_DGRAM, 0));
	t6 = SAFE(socket(AF_INET6, SOCK_STREAM, 0));
	EXPECT_EQ(get(t, SOL_SOCKET, SO_TYPE), SOCK_STREAM);
	EXPECT_EQ(get(u, SOL_SOCKET, SO_TYPE), SOCK_DGRAM);
	EXPECT_EQ(get(t6, SOL_SOCKET, SO_DOMAIN), AF_INET6);
	EXPECT_EQ(get(t, SOL_SOCKET, SO_PROTOCOL), IPPROTO_TCP);
	EXPECT_EQ(get(u, SOL_SOCKET, SO_PROTOCOL), IPPROTO_UDP);
	EXPECT_EQ(get(t, SOL_SOCKET, SO_ACCEPTCONN), 0);
	EXPECT_OK(set(t, SOL_SOCKET, SO_SNDBUF, 65536));
	EXPECT_EQ(get(t, SOL_SOCKET, SO_SNDBUF), 131072);
	EXPECT_OK(set(u, SOL_SOCKET, SO_RCVBUF, 4096));
	EXPECT_EQ(get(u, SOL_SOCKET, SO_RCVBUF), 8192);
	EXPECT_OK(setsockopt(t, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)));
	len = sizeof(lg2);
	EXPECT_OK(getsockopt(t, SOL_SOCKET, SO_LINGER, &lg2, &len));
	EXPECT(len == sizeof(lg2) && lg2.l_onoff == 1 && lg2.l_linger == 5);
	EXPECT_OK(set(t, SOL_SOCKET, SO_KEEPALIVE, 1));
	EXPECT_EQ(get(t, SOL_SOCKET, SO_KEEPALIVE), 1);

	EXPECT_EQ(get(t, IPPROTO_TCP, TCP_NODELAY), 0);
	EXPECT_OK(set(t, IPPROTO_TCP, TCP_NODELAY, 1));
	EXPECT_EQ(get(t, IPPROTO_TCP, TCP_NODELAY), 1);
	EXPECT_EQ(get(t, IPPROTO_TCP, TCP_MAXSEG), 536);
	EXPECT_EQ(get(t, IPPROTO_TCP, TCP_KEEPIDLE), 7200);
	EXPECT_EQ(get(t, IPPROTO_TCP, TCP_KEEPINTVL), 75);
	EXPECT_EQ(get(t, IPPROTO_TCP, TCP_KEEPCNT), 9);
	EXPECT_OK(set(t, IPPROTO_TCP, TCP_KEEPIDLE, 60));
	EXPECT_EQ(get(t, IPPROTO_TCP, TCP_KEEPIDLE), 60);
	EXPECT_FAIL(set(t, IPPROTO_TCP, TCP_KEEPIDLE, 0), EINVAL);
	EXPECT_FAIL(set(t, IPPROTO_TCP, TCP_KEEPCNT, 1000), EINVAL);
	len = sizeof(algo);
	EXPECT_OK(getsockopt(t, IPPROTO_TCP, TCP_CONGESTION, algo, &len));
	EXPECT_MSG(algo[0] != 0, "TCP_CONGESTION names an algorithm");
	EXPECT_EQ(get(t, IPPROTO_IP, IP_TTL), 64);
	EXPECT_EQ(get(t6, IPPROTO_IPV6, IPV6_V6ONLY), 0);
	EXPECT_EQ(tcp_state(t), TCP_CLOSE);

	l = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	SAFE(bind(l, (struct sockaddr *)&sin, sizeof(sin)));
	len = sizeof(sin);
	SAFE(getsockname(l, (struct sockaddr *)&sin, &len));
	SAFE(listen(l, 1));
	EXPECT_EQ(get(l, SOL_SOCKET, SO_ACCEPTCONN), 1);
	EXPECT_EQ(tcp_state(l), TCP_LISTEN);
	c = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	SAFE(connect(c, (struct sockaddr *)&sin, sizeof(sin)));
	a = SAFE(accept(l, NULL, NULL));
	EXPECT_EQ(tcp_state(c), TCP_ESTABLISHED);
	EXPECT_EQ(tcp_state(a), TCP_ESTABLISHED);
	v = get(c, IPPROTO_TCP, TCP_MAXSEG);
	EXPECT_MSG(v > 1000, "connected TCP_MAXSEG is lo's (%d)", v);
	SAFE(shutdown(c, SHUT_WR));
	t_msleep(20);
	EXPECT_EQ(tcp_state(a), TCP_CLOSE_WAIT);
	EXPECT_EQ(tcp_state(c), TCP_FIN_WAIT2);

	EXPECT_FAIL(set(t, SOL_SOCKET, 12345, 1), ENOPROTOOPT);
	EXPECT_EQ(get(t, IPPROTO_TCP, 12345), -1000 - ENOPROTOOPT);
	EXPECT_EQ(get(u, IPPROTO_TCP, TCP_NODELAY), -1000 - EOPNOTSUPP);	/* ip_getsockopt */
	len = -1;
	EXPECT_FAIL(getsockopt(t, SOL_SOCKET, SO_TYPE, &v, &len), EINVAL);
	len = sizeof(v);
	EXPECT_FAIL(getsockopt(t, SOL_SOCKET, SO_TYPE, t_bad_addr(), &len), EFAULT);
}

const struct t_test t_test = { .run = run };
