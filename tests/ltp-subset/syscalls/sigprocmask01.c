/*
 * sigprocmask01: a blocked signal stays pending (sigpending shows it) and
 * is delivered once unblocked; SIG_BLOCK, SIG_UNBLOCK and SIG_SETMASK
 * combine as documented and return the old mask; SIGKILL and SIGSTOP are
 * silently not blocked; a bad "how" is EINVAL.
 */
#include <signal.h>

#include "harness.h"

static volatile int got;

static void handler(int sig)
{
	got++;
}

static void run(void)
{
	sigset_t set, old, pend;

	signal(SIGUSR1, handler);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	EXPECT_OK(sigprocmask(SIG_BLOCK, &set, &old));
	EXPECT(!sigismember(&old, SIGUSR1));
	raise(SIGUSR1);
	raise(SIGUSR1);
	EXPECT_EQ(got, 0);
	SAFE(sigpending(&pend));
	EXPECT(sigismember(&pend, SIGUSR1));
	EXPECT_OK(sigprocmask(SIG_UNBLOCK, &set, &old));
	EXPECT(sigismember(&old, SIGUSR1));
	EXPECT_EQ(got, 1);	/* standard signals do not queue */
	SAFE(sigpending(&pend));
	EXPECT(!sigismember(&pend, SIGUSR1));

	sigfillset(&set);
	EXPECT_OK(sigprocmask(SIG_SETMASK, &set, NULL));
	SAFE(sigprocmask(SIG_SETMASK, NULL, &old));
	EXPECT(!sigismember(&old, SIGKILL) && !sigismember(&old, SIGSTOP));
	EXPECT(sigismember(&old, SIGTERM) && sigismember(&old, SIGRTMIN));
	sigemptyset(&set);
	SAFE(sigprocmask(SIG_SETMASK, &set, NULL));
	EXPECT_FAIL(sigprocmask(42, &set, NULL), EINVAL);
	EXPECT_FAIL(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 4), EINVAL);
	EXPECT_FAIL(syscall(SYS_rt_sigprocmask, SIG_BLOCK, t_bad_addr(), NULL, 8), EFAULT);
}

const struct t_test t_test = { .run = run };
