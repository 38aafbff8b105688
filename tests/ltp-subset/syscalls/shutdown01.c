/*
 * shutdown01: on an AF_UNIX stream pair, SHUT_WR gives the peer EOF while
 * the other direction still works, writing afterwards fails with EPIPE;
 * SHUT_RD makes reads return 0; failures: ENOTCONN (unconnected),
 * EINVAL (bad how), EBADF, ENOTSOCK.
 */
#include <signal.h>
#include <sys/socket.h>

#include "harness.h"

static void run(void)
{
	char buf[8];
	int sv[2], s, fd;

	signal(SIGPIPE, SIG_IGN);
	SAFE(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	EXPECT_OK(shutdown(sv[0], SHUT_WR));
	EXPECT_EQ(read(sv[1], buf, sizeof(buf)), 0);
	EXPECT_EQ(write(sv[1], "back", 4), 4);
	EXPECT_EQ(read(sv[0], buf, sizeof(buf)), 4);
	EXPECT_FAIL(write(sv[0], "x", 1), EPIPE);
	EXPECT_OK(shutdown(sv[1], SHUT_RD));
	EXPECT_EQ(read(sv[1], buf, sizeof(buf)), 0);
	s = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	EXPECT_FAIL(shutdown(s, SHUT_RDWR), ENOTCONN);
	EXPECT_FAIL(shutdown(sv[0], 42), EINVAL);
	EXPECT_FAIL(shutdown(-1, SHUT_RD), EBADF);
	t_write_file("f", "", 0644);
	fd = SAFE(open("f", O_RDONLY));
	EXPECT_FAIL(shutdown(fd, SHUT_RD), ENOTSOCK);
}

const struct t_test t_test = { .run = run };
