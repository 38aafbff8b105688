/*
 * socket01: socket() failures: EAFNOSUPPORT for an unknown family, EINVAL
 * for an unknown type or unknown type flags, EPROTONOSUPPORT for a
 * protocol the family lacks (TCP over a datagram socket); valid
 * combinations work and report their type with SO_TYPE.
 */
#include <netinet/in.h>
#include <sys/socket.h>

#include "harness.h"

static void run(void)
{
	int s, type;
	socklen_t len = sizeof(type);

	EXPECT_FAIL(socket(12345, SOCK_STREAM, 0), EAFNOSUPPORT);
	EXPECT_FAIL(socket(AF_INET, 77, 0), EINVAL);
	EXPECT_FAIL(socket(AF_INET, SOCK_STREAM | 0x40000000, 0), EINVAL);
	EXPECT_FAIL(socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP), EPROTONOSUPPORT);
	EXPECT_FAIL(socket(AF_UNIX, SOCK_STREAM, IPPROTO_TCP), EPROTONOSUPPORT);
	s = EXPECT_OK(socket(AF_INET, SOCK_STREAM, IPPROTO_TCP));
	SAFE(getsockopt(s, SOL_SOCKET, SO_TYPE, &type, &len));
	EXPECT_EQ(type, SOCK_STREAM);
	s = EXPECT_OK(socket(AF_UNIX, SOCK_SEQPACKET, 0));
	SAFE(getsockopt(s, SOL_SOCKET, SO_TYPE, &type, &len));
	EXPECT_EQ(type, SOCK_SEQPACKET);
	s = EXPECT_OK(socket(AF_INET6, SOCK_DGRAM, 0));
}

const struct t_test t_test = { .run = run };
