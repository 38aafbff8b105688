/*
 * sigsuspend01: sigsuspend() replaces the mask while waiting, returns -1
 * with EINTR after a handler ran, and restores the old mask; a signal
 * blocked before and unblocked by the temporary mask is delivered.
 */
#include <signal.h>

#include "harness.h"

static volatile int got;

static void handler(int sig)
{
	got = sig;
}

static void run(void)
{
	pid_t ticker;
	sigset_t block, wait_mask, cur;

	signal(SIGUSR1, handler);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGUSR2);
	SAFE(sigprocmask(SIG_BLOCK, &block, NULL));
	raise(SIGUSR1);		/* pending until sigsuspend unblocks it */
	sigfillset(&wait_mask);
	sigdelset(&wait_mask, SIGUSR1);
	EXPECT_FAIL(sigsuspend(&wait_mask), EINTR);
	EXPECT_EQ(got, SIGUSR1);
	SAFE(sigprocmask(SIG_BLOCK, NULL, &cur));
	EXPECT_MSG(sigismember(&cur, SIGUSR1) && sigismember(&cur, SIGUSR2) &&
		   !sigismember(&cur, SIGTERM), "old mask restored");

	got = 0;
	ticker = t_signal_repeatedly(SIGUSR1, 100);
	EXPECT_FAIL(sigsuspend(&wait_mask), EINTR);
	EXPECT_EQ(got, SIGUSR1);
	t_signal_stop(ticker);
}

const struct t_test t_test = { .run = run };
