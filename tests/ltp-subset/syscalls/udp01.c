/*
 * udp01: UDP over loopback: sendto() a datagram, recvfrom() gets it whole
 * with the sender's address; MSG_PEEK leaves it queued; MSG_TRUNC returns
 * the real length of a truncated datagram; a connected UDP socket can use
 * send()/recv() and ignores other senders; MSG_DONTWAIT on an empty socket
 * gives EAGAIN.
 */
#include <netinet/in.h>
#include <sys/socket.h>

#include "harness.h"

static void run(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr_in b = a, from;
	socklen_t len = sizeof(a);
	char buf[64] = "";
	int sa, sb, sc;

	sa = SAFE(socket(AF_INET, SOCK_DGRAM, 0));
	sb = SAFE(socket(AF_INET, SOCK_DGRAM, 0));
	sc = SAFE(socket(AF_INET, SOCK_DGRAM, 0));
	SAFE(bind(sa, (struct sockaddr *)&a, sizeof(a)));
	SAFE(getsockname(sa, (struct sockaddr *)&a, &len));
	SAFE(bind(sb, (struct sockaddr *)&b, sizeof(b)));
	len = sizeof(b);
	SAFE(getsockname(sb, (struct sockaddr *)&b, &len));
	EXPECT_EQ(sendto(sa, "datagram", 8, 0, (struct sockaddr *)&b, sizeof(b)), 8);
	EXPECT_EQ(recv(sb, buf, sizeof(buf), MSG_PEEK), 8);
	len = sizeof(from);
	EXPECT_EQ(recvfrom(sb, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len), 8);
	EXPECT(!memcmp(buf, "datagram", 8));
	EXPECT(from.sin_port == a.sin_port);
	SAFE(sendto(sa, "0123456789", 10, 0, (struct sockaddr *)&b, sizeof(b)));
	EXPECT_EQ(recv(sb, buf, 4, MSG_TRUNC), 10);
	EXPECT_FAIL(recv(sb, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);
	EXPECT_OK(connect(sb, (struct sockaddr *)&a, sizeof(a)));
	SAFE(sendto(sc, "stranger", 8, 0, (struct sockaddr *)&b, sizeof(b)));
	SAFE(sendto(sa, "friend", 6, 0, (struct sockaddr *)&b, sizeof(b)));
	EXPECT_EQ(recv(sb, buf, sizeof(buf), 0), 6);
	EXPECT(!memcmp(buf, "friend", 6));
	EXPECT_EQ(send(sb, "reply", 5, 0), 5);
	EXPECT_EQ(recv(sa, buf, sizeof(buf), 0), 5);
}

const struct t_test t_test = { .run = run };
