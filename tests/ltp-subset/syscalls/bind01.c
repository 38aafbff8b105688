/*
 * bind01: bind() failures: EBADF, ENOTSOCK (a file), EINVAL (address
 * length too short, socket already bound), EADDRINUSE (port taken, AF_UNIX
 * path exists), EAFNOSUPPORT (wrong family), EADDRNOTAVAIL (an address not
 * on this host), EFAULT; binding port 0 picks a free port that
 * getsockname reports.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "harness.h"

static void run(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr_in got;
	struct sockaddr_un sun = { .sun_family = AF_UNIX, .sun_path = "sock" };
	socklen_t len = sizeof(got);
	int s, s2, u, u2, fd;

	t_write_file("f", "", 0644);
	fd = SAFE(open("f", O_RDONLY));
	s = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	s2 = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	EXPECT_FAIL(bind(-1, (struct sockaddr *)&sin, sizeof(sin)), EBADF);
	EXPECT_FAIL(bind(fd, (struct sockaddr *)&sin, sizeof(sin)), ENOTSOCK);
	EXPECT_FAIL(bind(s, (struct sockaddr *)&sin, 4), EINVAL);
	EXPECT_FAIL(bind(s, t_bad_addr(), sizeof(sin)), EFAULT);
	EXPECT_OK(bind(s, (struct sockaddr *)&sin, sizeof(sin)));
	SAFE(getsockname(s, (struct sockaddr *)&got, &len));
	EXPECT(got.sin_port != 0 && got.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
	EXPECT_FAIL(bind(s, (struct sockaddr *)&sin, sizeof(sin)), EINVAL);
	SAFE(listen(s, 1));
	EXPECT_FAIL(bind(s2, (struct sockaddr *)&got, sizeof(got)), EADDRINUSE);
	sin.sin_addr.s_addr = inet_addr("192.0.2.1");
	EXPECT_FAIL(bind(s2, (struct sockaddr *)&sin, sizeof(sin)), EADDRNOTAVAIL);
	u = SAFE(socket(AF_UNIX, SOCK_STREAM, 0));
	u2 = SAFE(socket(AF_UNIX, SOCK_STREAM, 0));
	EXPECT_FAIL(bind(u, (struct sockaddr *)&sin, sizeof(sin)), EINVAL);
	EXPECT_OK(bind(u, (struct sockaddr *)&sun, sizeof(sun)));
	EXPECT_FAIL(bind(u2, (struct sockaddr *)&sun, sizeof(sun)), EADDRINUSE);
	sin.sin_family = AF_UNIX;	/* wrong family for an AF_INET socket */
	EXPECT_FAIL(bind(s2, (struct sockaddr *)&sin, sizeof(sin)), EAFNOSUPPORT);
}

const struct t_test t_test = { .run = run };
