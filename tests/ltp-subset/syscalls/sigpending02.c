/*
 * sigpending02: sigpending() returns exactly the blocked signals raised
 * (standard and real-time); on Linux a blocked signal stays pending even
 * when ignored (POSIX leaves it open), and setting SIG_IGN discards a
 * pending one; EFAULT for a bad pointer (raw).
 */
#include <signal.h>

#include "harness.h"

static void run(void)
{
	sigset_t all, pend;
	int extra = 0;

	sigfillset(&all);
	SAFE(sigprocmask(SIG_SETMASK, &all, NULL));
	signal(SIGURG, SIG_IGN);
	raise(SIGUSR1);
	raise(SIGRTMIN + 2);
	raise(SIGURG);
	SAFE(sigpending(&pend));
	EXPECT(sigismember(&pend, SIGUSR1));
	EXPECT(sigismember(&pend, SIGRTMIN + 2));
	EXPECT_MSG(sigismember(&pend, SIGURG), "blocked ignored signal pending");
	for (int s = 1; s < 65; s++)
		if (s != SIGUSR1 && s != SIGRTMIN + 2 && s != SIGURG &&
		    sigismember(&pend, s) == 1)
			extra++;
	EXPECT_EQ(extra, 0);
	EXPECT_FAIL(syscall(SYS_rt_sigpending, t_bad_addr(), 8), EFAULT);
	signal(SIGUSR1, SIG_IGN);	/* discards the pending one */
	SAFE(sigpending(&pend));
	EXPECT(!sigismember(&pend, SIGUSR1));
}

const struct t_test t_test = { .run = run };
