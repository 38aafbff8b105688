/*
 * ppoll01: ppoll() applies its signal mask while waiting: a signal blocked
 * by it stays pending and does not interrupt; one it unblocks (though
 * blocked outside) interrupts with EINTR and the old mask is back
 * afterwards; the timespec timeout works; an invalid timeout gives EINVAL.
 */
#include <poll.h>
#include <signal.h>
#include <time.h>

#include "harness.h"

static volatile int got;

static void handler(int sig)
{
	got = sig;
}

static void run(void)
{
	struct timespec ts = { 0, 200000000 };
	struct pollfd pfd;
	sigset_t block, waitmask, cur;
	int p[2];

	SAFE(pipe(p));
	pfd = (struct pollfd){ .fd = p[0], .events = POLLIN };
	signal(SIGUSR1, handler);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	SAFE(sigprocmask(SIG_BLOCK, &block, NULL));
	raise(SIGUSR1);
	EXPECT_EQ(ppoll(&pfd, 1, &ts, &block), 0);	/* stays blocked */
	EXPECT_EQ(got, 0);
	sigemptyset(&waitmask);
	EXPECT_FAIL(ppoll(&pfd, 1, &ts, &waitmask), EINTR);
	EXPECT_EQ(got, SIGUSR1);
	SAFE(sigprocmask(SIG_BLOCK, NULL, &cur));
	EXPECT(sigismember(&cur, SIGUSR1));
	ts.tv_nsec = 1000000000;
	EXPECT_FAIL(ppoll(&pfd, 1, &ts, NULL), EINVAL);
	SAFE(write(p[1], "x", 1));
	EXPECT_EQ(ppoll(&pfd, 1, NULL, NULL), 1);
}

const struct t_test t_test = { .run = run };
