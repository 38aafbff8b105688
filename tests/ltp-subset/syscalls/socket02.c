/*
 * socket02: SOCK_CLOEXEC and SOCK_NONBLOCK in the type set FD_CLOEXEC and
 * O_NONBLOCK (so accept on a listening socket gives EAGAIN); without them
 * neither is set. Same for socketpair().
 */
#include <netinet/in.h>
#include <sys/socket.h>

#include "harness.h"

static void run(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int s, sv[2];

	s = SAFE(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
	EXPECT_EQ(fcntl(s, F_GETFD), FD_CLOEXEC);
	EXPECT(fcntl(s, F_GETFL) & O_NONBLOCK);
	SAFE(bind(s, (struct sockaddr *)&sin, sizeof(sin)));
	SAFE(listen(s, 1));
	EXPECT_FAIL(accept(s, NULL, NULL), EAGAIN);
	close(s);
	s = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	EXPECT_EQ(fcntl(s, F_GETFD), 0);
	EXPECT(!(fcntl(s, F_GETFL) & O_NONBLOCK));
	SAFE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv));
	EXPECT(fcntl(sv[0], F_GETFD) == FD_CLOEXEC && fcntl(sv[1], F_GETFD) == FD_CLOEXEC);
	EXPECT_FAIL(recv(sv[0], &s, 1, 0), EAGAIN);
}

const struct t_test t_test = { .run = run };
