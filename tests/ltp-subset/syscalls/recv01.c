/*
 * recv01: recv() flags on a stream socket: MSG_PEEK returns data without
 * consuming it, MSG_WAITALL waits for the full amount sent in pieces by
 * another process, MSG_DONTWAIT gives EAGAIN when empty; failures: EBADF,
 * ENOTSOCK, EFAULT, ENOTCONN; a signal during a blocking recv gives EINTR.
 */
#include <signal.h>
#include <sys/socket.h>

#include "harness.h"

static void handler(int sig)
{
}

static void run(void)
{
	pid_t ticker;
	char buf[16] = "";
	int sv[2], fd, s;

	SAFE(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	SAFE(send(sv[0], "peek", 4, 0));
	EXPECT_EQ(recv(sv[1], buf, sizeof(buf), MSG_PEEK), 4);
	EXPECT_EQ(recv(sv[1], buf, sizeof(buf), 0), 4);
	EXPECT_FAIL(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);
	if (!t_fork()) {
		for (int i = 0; i < 4; i++) {
			t_msleep(30);
			send(sv[0], "ab", 2, 0);
		}
		_exit(0);
	}
	EXPECT_EQ(recv(sv[1], buf, 8, MSG_WAITALL), 8);
	EXPECT(!memcmp(buf, "abababab", 8));
	t_wait(-1);
	struct sigaction sa = { .sa_handler = handler };	/* no SA_RESTART */
	sigaction(SIGUSR1, &sa, NULL);
	ticker = t_signal_repeatedly(SIGUSR1, 100);
	EXPECT_FAIL(recv(sv[1], buf, 1, 0), EINTR);
	t_signal_stop(ticker);
	t_write_file("f", "", 0644);
	fd = SAFE(open("f", O_RDONLY));
	s = SAFE(socket(AF_INET, SOCK_STREAM, 0));
	EXPECT_FAIL(recv(-1, buf, 1, 0), EBADF);
	EXPECT_FAIL(recv(fd, buf, 1, 0), ENOTSOCK);
	EXPECT_FAIL(recv(s, buf, 1, 0), ENOTCONN);
	SAFE(send(sv[0], "x", 1, 0));
	EXPECT_FAIL(recv(sv[1], t_bad_addr(), 1, 0), EFAULT);
}

const struct t_test t_test = { .run = run };
