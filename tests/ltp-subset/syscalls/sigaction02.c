/*
 * sigaction02: sigaction() failures: EINVAL for SIGKILL and SIGSTOP
 * (handler or SIG_IGN), for signal 0 and numbers above 64; reading the
 * action of SIGKILL works. rt_sigaction with a sigset size other than 8
 * fails with EINVAL; a bad pointer gives EFAULT (raw calls).
 */
#include <signal.h>

#include "harness.h"

static void handler(int sig)
{
}

/* The kernel's struct for rt_sigaction on x86_64. */
struct k_sigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	unsigned long mask;
};

static void run(void)
{
	struct sigaction sa, old;
	struct k_sigaction ksa = { 0 };

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	EXPECT_FAIL(sigaction(SIGKILL, &sa, NULL), EINVAL);
	EXPECT_FAIL(sigaction(SIGSTOP, &sa, NULL), EINVAL);
	sa.sa_handler = SIG_IGN;
	EXPECT_FAIL(sigaction(SIGKILL, &sa, NULL), EINVAL);
	EXPECT_OK(sigaction(SIGKILL, NULL, &old));
	EXPECT(old.sa_handler == SIG_DFL);
	EXPECT_FAIL(syscall(SYS_rt_sigaction, 0, &ksa, NULL, 8), EINVAL);
	EXPECT_FAIL(syscall(SYS_rt_sigaction, 65, &ksa, NULL, 8), EINVAL);
	EXPECT_FAIL(syscall(SYS_rt_sigaction, SIGUSR1, &ksa, NULL, 4), EINVAL);
	EXPECT_FAIL(syscall(SYS_rt_sigaction, SIGUSR1, &ksa, NULL, 16), EINVAL);
	EXPECT_FAIL(syscall(SYS_rt_sigaction, SIGUSR1, t_bad_addr(), NULL, 8), EFAULT);
	EXPECT_FAIL(syscall(SYS_rt_sigaction, SIGUSR1, NULL, t_bad_addr(), 8), EFAULT);
}

const struct t_test t_test = { .run = run };
