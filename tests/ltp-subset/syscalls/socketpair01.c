/*
 * socketpair01: socketpair(AF_UNIX) connects two sockets both ways
 * (stream: bytes; datagram and seqpacket: message boundaries kept and an
 * over-long message truncated); closing one end gives EOF on the other;
 * failures: EOPNOTSUPP (AF_INET has no socket pairs), EAFNOSUPPORT (an
 * unknown family), EPROTONOSUPPORT, EFAULT.
 */
#include <netinet/in.h>
#include <sys/socket.h>

#include "harness.h"

static void run(void)
{
	char buf[16] = "";
	int sv[2];

	SAFE(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	EXPECT_EQ(write(sv[0], "ping", 4), 4);
	EXPECT_EQ(read(sv[1], buf, sizeof(buf)), 4);
	EXPECT_EQ(write(sv[1], "pong", 4), 4);
	EXPECT_EQ(read(sv[0], buf, sizeof(buf)), 4);
	EXPECT(!memcmp(buf, "pong", 4));
	close(sv[1]);
	EXPECT_EQ(read(sv[0], buf, sizeof(buf)), 0);
	close(sv[0]);

	SAFE(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	SAFE(send(sv[0], "one", 3, 0));
	SAFE(send(sv[0], "three", 5, 0));
	EXPECT_EQ(recv(sv[1], buf, sizeof(buf), 0), 3);
	EXPECT_EQ(recv(sv[1], buf, 2, 0), 2);	/* rest of "three" is dropped */
	SAFE(send(sv[0], "x", 1, 0));
	EXPECT_EQ(recv(sv[1], buf, sizeof(buf), 0), 1);
	EXPECT_EQ(buf[0], 'x');

	SAFE(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv));
	SAFE(send(sv[0], "ab", 2, 0));
	SAFE(send(sv[0], "cde", 3, 0));
	EXPECT_EQ(recv(sv[1], buf, sizeof(buf), 0), 2);
	EXPECT_EQ(recv(sv[1], buf, sizeof(buf), 0), 3);

	EXPECT_FAIL(socketpair(AF_INET, SOCK_STREAM, 0, sv), EOPNOTSUPP);
	EXPECT_FAIL(socketpair(12345, SOCK_STREAM, 0, sv), EAFNOSUPPORT);
	EXPECT_FAIL(socketpair(AF_UNIX, SOCK_STREAM, IPPROTO_TCP, sv), EPROTONOSUPPORT);
	EXPECT_FAIL(socketpair(AF_UNIX, SOCK_STREAM, 0, t_bad_addr()), EFAULT);
}

const struct t_test t_test = { .run = run };
