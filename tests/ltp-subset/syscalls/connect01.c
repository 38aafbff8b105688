/*
 * connect01: connect() failures: EBADF, ENOTSOCK, EFAULT, EINVAL (short
 * address), EAFNOSUPPORT (wrong family), ECONNREFUSED (no listener on a
 * loopback port, AF_UNIX path of a socket not listening), ENOENT (AF_UNIX
 * path missing), EISCONN (already connected).
 */
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "harness.h"

static void run(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr_un sun = { .sun_family = AF_UNIX, .sun_path = "bound" };
	socklen_t len = sizeof(sin);
	int s, l, c, u, fd;

	t_write_file("f", "", 0644);
	fd = SAFE(open("f", O_RDONLY));
	/* A port with nothing listening: bind one, close it, use its number. */
	s = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	SAFE(bind(s, (struct sockaddr *)&sin, sizeof(sin)));
	SAFE(getsockname(s, (struct sockaddr *)&sin, &len));
	close(s);
	s = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	EXPECT_FAIL(connect(-1, (struct sockaddr *)&sin, sizeof(sin)), EBADF);
	EXPECT_FAIL(connect(fd, (struct sockaddr *)&sin, sizeof(sin)), ENOTSOCK);
	EXPECT_FAIL(connect(s, t_bad_addr(), sizeof(sin)), EFAULT);
	EXPECT_FAIL(connect(s, (struct sockaddr *)&sin, 3), EINVAL);
	EXPECT_FAIL(connect(s, (struct sockaddr *)&sun, sizeof(sin)), EAFNOSUPPORT);
	EXPECT_FAIL(connect(s, (struct sockaddr *)&sin, sizeof(sin)), ECONNREFUSED);

	u = SAFE(socket(AF_UNIX, SOCK_STREAM, 0));
	EXPECT_FAIL(connect(u, (struct sockaddr *)&sun, sizeof(sun)), ENOENT);
	l = SAFE(socket(AF_UNIX, SOCK_STREAM, 0));
	SAFE(bind(l, (struct sockaddr *)&sun, sizeof(sun)));
	EXPECT_FAIL(connect(u, (struct sockaddr *)&sun, sizeof(sun)), ECONNREFUSED);
	SAFE(listen(l, 4));
	c = SAFE(socket(AF_UNIX, SOCK_STREAM, 0));
	EXPECT_OK(connect(c, (struct sockaddr *)&sun, sizeof(sun)));
	EXPECT_FAIL(connect(c, (struct sockaddr *)&sun, sizeof(sun)), EISCONN);
}

const struct t_test t_test = { .run = run };
