/*
 * recvfrom01: UDP over 127.0.0.1 and ::1: recvfrom() gives each
 * datagram whole with its sender's address (a v4 sender seen by a
 * dual-stack v6 socket is ::ffff:127.0.0.1), a short address buffer is
 * truncated with the full length reported, datagram boundaries are kept;
 * on a TCP socket the address length comes back 0; a connected UDP
 * socket sending to a port nobody has bound gets ECONNREFUSED on a later
 * call (once); failures: EAGAIN (MSG_DONTWAIT), EFAULT, EBADF, ENOTSOCK.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "harness.h"

static void run(void)
{
	struct sockaddr_in a4 = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	struct sockaddr_in6 any6 = { .sin6_family = AF_INET6 }, from6;
	struct sockaddr_in from4, b4, dead = a4;
	socklen_t len;
	char buf[64], small[6];
	int s4, r4, s6, r6, d, l, c, a, fd;

	s4 = SAFE(socket(AF_INET, SOCK_DGRAM, 0));
	r4 = SAFE(socket(AF_INET, SOCK_DGRAM, 0));
	SAFE(bind(r4, (struct sockaddr *)&a4, sizeof(a4)));
	len = sizeof(b4);
	SAFE(getsockname(r4, (struct sockaddr *)&b4, &len));
	EXPECT_EQ(sendto(s4, "one", 3, 0, (struct sockaddr *)&b4, sizeof(b4)), 3);
	EXPECT_EQ(sendto(s4, "two!", 4, 0, (struct sockaddr *)&b4, sizeof(b4)), 4);
	len = sizeof(from4);
	EXPECT_EQ(recvfrom(r4, buf, sizeof(buf), 0, (struct sockaddr *)&from4, &len), 3);
	EXPECT_EQ(len, sizeof(struct sockaddr_in));
	EXPECT(from4.sin_family == AF_INET && from4.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
	len = sizeof(b4);
	SAFE(getsockname(s4, (struct sockaddr *)&b4, &len));
	EXPECT_MSG(from4.sin_port == b4.sin_port, "the sender's autobound port");
	len = sizeof(small);
	EXPECT_EQ(recvfrom(r4, buf, sizeof(buf), 0, (struct sockaddr *)small, &len), 4);
	EXPECT_EQ(len, sizeof(struct sockaddr_in));
	EXPECT_FAIL(recvfrom(r4, buf, sizeof(buf), MSG_DONTWAIT, NULL, NULL), EAGAIN);

	/* IPv6, and a v4 sender reaching a dual-stack socket. */
	s6 = SAFE(socket(AF_INET6, SOCK_DGRAM, 0));
	r6 = SAFE(socket(AF_INET6, SOCK_DGRAM, 0));
	SAFE(bind(r6, (struct sockaddr *)&any6, sizeof(any6)));
	len = sizeof(any6);
	SAFE(getsockname(r6, (struct sockaddr *)&any6, &len));
	a6.sin6_port = any6.sin6_port;
	EXPECT_EQ(sendto(s6, "six", 3, 0, (struct sockaddr *)&a6, sizeof(a6)), 3);
	len = sizeof(from6);
	EXPECT_EQ(recvfrom(r6, buf, sizeof(buf), 0, (struct sockaddr *)&from6, &len), 3);
	EXPECT_EQ(len, sizeof(struct sockaddr_in6));
	EXPECT(from6.sin6_family == AF_INET6 && IN6_IS_ADDR_LOOPBACK(&from6.sin6_addr));
	b4.sin_port = any6.sin6_port;
	EXPECT_EQ(sendto(s4, "four", 4, 0, (struct sockaddr *)&b4, sizeof(b4)), 4);
	len = sizeof(from6);
	EXPECT_EQ(recvfrom(r6, buf, sizeof(buf), 0, (struct sockaddr *)&from6, &len), 4);
	inet_ntop(AF_INET6, &from6.sin6_addr, buf, sizeof(buf));
	EXPECT_MSG(!strcmp(buf, "::ffff:127.0.0.1"), "v4 sender seen as %s", buf);

	/* ICMP port unreachable on a connected socket. */
	d = SAFE(socket(AF_INET, SOCK_DGRAM, 0));
	SAFE(bind(d, (struct sockaddr *)&dead, sizeof(dead)));
	len = sizeof(dead);
	SAFE(getsockname(d, (struct sockaddr *)&dead, &len));
	close(d);
	c = SAFE(socket(AF_INET, SOCK_DGRAM, 0));
	SAFE(connect(c, (struct sockaddr *)&dead, sizeof(dead)));
	EXPECT_EQ(send(c, "x", 1, 0), 1);
	t_msleep(20);
	EXPECT_FAIL(recv(c, buf, sizeof(buf), MSG_DONTWAIT), ECONNREFUSED);
	EXPECT_FAIL(recv(c, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);
	EXPECT_EQ(send(c, "x", 1, 0), 1);
	t_msleep(20);
	EXPECT_FAIL(send(c, "x", 1, 0), ECONNREFUSED);
	/* An unconnected sender hears nothing. */
	EXPECT_EQ(sendto(s4, "x", 1, 0, (struct sockaddr *)&dead, sizeof(dead)), 1);
	t_msleep(20);
	EXPECT_EQ(sendto(s4, "x", 1, 0, (struct sockaddr *)&dead, sizeof(dead)), 1);

	/* TCP: no address. */
	l = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	SAFE(bind(l, (struct sockaddr *)&a4, sizeof(a4)));
	len = sizeof(b4);
	SAFE(getsockname(l, (struct sockaddr *)&b4, &len));
	SAFE(listen(l, 1));
	c = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	SAFE(connect(c, (struct sockaddr *)&b4, sizeof(b4)));
	a = SAFE(accept(l, NULL, NULL));
	SAFE(send(c, "tcp", 3, 0));
	len = sizeof(from4);
	EXPECT_EQ(recvfrom(a, buf, sizeof(buf), 0, (struct sockaddr *)&from4, &len), 3);
	EXPECT_EQ(len, 0);

	EXPECT_FAIL(recvfrom(-1, buf, 1, 0, NULL, NULL), EBADF);
	t_write_file("f", "", 0644);
	fd = SAFE(open("f", O_RDONLY));
	EXPECT_FAIL(recvfrom(fd, buf, 1, 0, NULL, NULL), ENOTSOCK);
	b4 = a4;
	b4.sin_port = any6.sin6_port;
	SAFE(sendto(s4, "x", 1, 0, (struct sockaddr *)&b4, sizeof(b4)));
	EXPECT_FAIL(recvfrom(r6, t_bad_addr(), 1, 0, NULL, NULL), EFAULT);
}

const struct t_test t_test = { .run = run };
