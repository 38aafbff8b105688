/*
 * sendto01: sendto() failures: EDESTADDRREQ (unconnected datagram socket
 * without an address), EMSGSIZE (UDP datagram over 65507 bytes), EPIPE on
 * a shut-down stream, ENOTCONN on an unconnected AF_UNIX stream (Linux's
 * TCP says EPIPE there instead),
 * EFAULT (bad buffer), EINVAL (short address), EAFNOSUPPORT (wrong family);
 * MSG_NOSIGNAL suppresses SIGPIPE.
 */
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "harness.h"

static void run(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK),
				   .sin_port = htons(9) };
	char *big = calloc(1, 70000);
	int u, s, sv[2], status;
	pid_t pid;

	u = SAFE(socket(AF_INET, SOCK_DGRAM, 0));
	s = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	EXPECT_FAIL(send(u, "x", 1, 0), EDESTADDRREQ);
	EXPECT_FAIL(sendto(u, big, 70000, 0, (struct sockaddr *)&sin, sizeof(sin)), EMSGSIZE);
	EXPECT_FAIL(sendto(u, t_bad_addr(), 10, 0, (struct sockaddr *)&sin, sizeof(sin)), EFAULT);
	EXPECT_FAIL(sendto(u, "x", 1, 0, (struct sockaddr *)&sin, 4), EINVAL);
	sin.sin_family = AF_UNIX;
	EXPECT_FAIL(sendto(u, "x", 1, 0, (struct sockaddr *)&sin, sizeof(sin)), EAFNOSUPPORT);
	EXPECT_FAIL(send(s, "x", 1, MSG_NOSIGNAL), EPIPE);
	close(s);
	s = SAFE(socket(AF_UNIX, SOCK_STREAM, 0));
	EXPECT_FAIL(send(s, "x", 1, 0), ENOTCONN);
	SAFE(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	SAFE(shutdown(sv[0], SHUT_WR));
	EXPECT_EQ(send(sv[0], "x", 1, MSG_NOSIGNAL), -1);
	EXPECT_EQ(errno, EPIPE);
	pid = t_fork();
	if (!pid) {
		send(sv[0], "x", 1, 0);
		_exit(0);
	}
	status = t_wait(pid);
	EXPECT_MSG(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE,
		   "without MSG_NOSIGNAL SIGPIPE is raised (0x%x)", status);
	free(big);
}

const struct t_test t_test = { .run = run };
