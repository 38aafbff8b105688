/*
 * getsockname01: getsockname() and getpeername() report the local and
 * remote addresses of a connected TCP pair (each side's peer is the
 * other's local address) and of AF_UNIX sockets (bound path, unnamed
 * client); getpeername on an unconnected socket fails with ENOTCONN;
 * EBADF, ENOTSOCK, EFAULT; a short buffer truncates but reports the full
 * length.
 */
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "harness.h"

static void run(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr_in l_addr, c_local, c_peer, a_local, a_peer;
	struct sockaddr_un sun = { .sun_family = AF_UNIX, .sun_path = "u" }, uaddr;
	socklen_t len;
	int l, c, a, fd, ul, uc;

	l = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	SAFE(bind(l, (struct sockaddr *)&sin, sizeof(sin)));
	SAFE(listen(l, 1));
	len = sizeof(l_addr);
	EXPECT_OK(getsockname(l, (struct sockaddr *)&l_addr, &len));
	EXPECT_FAIL(getpeername(l, (struct sockaddr *)&c_peer, &len), ENOTCONN);
	c = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	SAFE(connect(c, (struct sockaddr *)&l_addr, sizeof(l_addr)));
	a = SAFE(accept(l, NULL, NULL));
	len = sizeof(c_local);
	SAFE(getsockname(c, (struct sockaddr *)&c_local, &len));
	len = sizeof(c_peer);
	SAFE(getpeername(c, (struct sockaddr *)&c_peer, &len));
	len = sizeof(a_local);
	SAFE(getsockname(a, (struct sockaddr *)&a_local, &len));
	len = sizeof(a_peer);
	SAFE(getpeername(a, (struct sockaddr *)&a_peer, &len));
	EXPECT(c_peer.sin_port == l_addr.sin_port && a_local.sin_port == l_addr.sin_port);
	EXPECT(a_peer.sin_port == c_local.sin_port);
	len = 4;
	EXPECT_OK(getsockname(c, (struct sockaddr *)&c_peer, &len));
	EXPECT_EQ(len, sizeof(struct sockaddr_in));

	ul = SAFE(socket(AF_UNIX, SOCK_STREAM, 0));
	SAFE(bind(ul, (struct sockaddr *)&sun, sizeof(sun)));
	SAFE(listen(ul, 1));
	uc = SAFE(socket(AF_UNIX, SOCK_STREAM, 0));
	SAFE(connect(uc, (struct sockaddr *)&sun, sizeof(sun)));
	len = sizeof(uaddr);
	SAFE(getpeername(uc, (struct sockaddr *)&uaddr, &len));
	EXPECT(uaddr.sun_family == AF_UNIX && !strcmp(uaddr.sun_path, "u"));
	len = sizeof(uaddr);
	SAFE(getsockname(uc, (struct sockaddr *)&uaddr, &len));
	EXPECT_EQ(len, sizeof(sa_family_t));	/* unnamed */

	t_write_file("f", "", 0644);
	fd = SAFE(open("f", O_RDONLY));
	len = sizeof(uaddr);
	EXPECT_FAIL(getsockname(-1, (struct sockaddr *)&uaddr, &len), EBADF);
	EXPECT_FAIL(getsockname(fd, (struct sockaddr *)&uaddr, &len), ENOTSOCK);
	EXPECT_FAIL(getsockname(c, t_bad_addr(), &len), EFAULT);
}

const struct t_test t_test = { .run = run };
