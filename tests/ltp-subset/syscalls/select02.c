/*
 * select02: select() failures: EBADF for a closed descriptor in a set,
 * EINVAL for negative nfds and for an invalid timeout; EINTR when a
 * handler runs; pselect() with a mask that unblocks a pending signal
 * returns EINTR at once.
 */
#include <signal.h>
#include <sys/select.h>

#include "harness.h"

static void handler(int sig)
{
}

static void run(void)
{
	pid_t ticker;
	struct timeval tv = { 0, 0 };
	struct timespec ts = { 5, 0 };
	sigset_t block, empty;
	fd_set r;
	int p[2];

	SAFE(pipe(p));
	FD_ZERO(&r);
	FD_SET(50, &r);
	EXPECT_FAIL(select(51, &r, NULL, NULL, &tv), EBADF);
	FD_ZERO(&r);
	EXPECT_FAIL(select(-1, &r, NULL, NULL, &tv), EINVAL);
	tv.tv_usec = -1;
	EXPECT_FAIL(select(1, &r, NULL, NULL, &tv), EINVAL);
	signal(SIGUSR1, handler);
	ticker = t_signal_repeatedly(SIGUSR1, 100);
	FD_SET(p[0], &r);
	EXPECT_FAIL(select(p[0] + 1, &r, NULL, NULL, NULL), EINTR);
	t_signal_stop(ticker);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	SAFE(sigprocmask(SIG_BLOCK, &block, NULL));
	raise(SIGUSR1);
	sigemptyset(&empty);
	FD_SET(p[0], &r);
	EXPECT_FAIL(pselect(p[0] + 1, &r, NULL, NULL, &ts, &empty), EINTR);
}

const struct t_test t_test = { .run = run };
