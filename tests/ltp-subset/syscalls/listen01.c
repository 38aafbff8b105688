/*
 * listen01: listen() failures: EBADF, ENOTSOCK, EOPNOTSUPP for a datagram
 * socket; listen on an unbound TCP socket binds it to an ephemeral port;
 * calling listen twice is allowed.
 */
#include <netinet/in.h>
#include <sys/socket.h>

#include "harness.h"

static void run(void)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	int s, d, fd;

	t_write_file("f", "", 0644);
	fd = SAFE(open("f", O_RDONLY));
	d = SAFE(socket(AF_INET, SOCK_DGRAM, 0));
	s = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	EXPECT_FAIL(listen(-1, 1), EBADF);
	EXPECT_FAIL(listen(fd, 1), ENOTSOCK);
	EXPECT_FAIL(listen(d, 1), EOPNOTSUPP);
	EXPECT_OK(listen(s, 1));
	SAFE(getsockname(s, (struct sockaddr *)&sin, &len));
	EXPECT(sin.sin_port != 0);
	EXPECT_OK(listen(s, 10));
}

const struct t_test t_test = { .run = run };
