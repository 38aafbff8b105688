/*
 * sigaction01: a SA_SIGINFO handler gets si_signo, si_code SI_USER and
 * si_pid/si_uid of the sender; during the handler the signal itself and
 * sa_mask are blocked and afterwards the old mask is back; SA_RESETHAND
 * restores SIG_DFL after one delivery; the old action is returned.
 */
#include <signal.h>

#include "harness.h"

static volatile int calls, signo, code, blocked_self, blocked_mask;
static volatile pid_t from;

static void handler(int sig, siginfo_t *si, void *uc)
{
	sigset_t cur;

	calls++;
	signo = si->si_signo;
	code = si->si_code;
	from = si->si_pid;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	blocked_self = sigismember(&cur, SIGUSR1);
	blocked_mask = sigismember(&cur, SIGUSR2);
}

static void run(void)
{
	struct sigaction sa, old;
	sigset_t cur;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	EXPECT_OK(sigaction(SIGUSR1, &sa, &old));
	EXPECT(old.sa_handler == SIG_DFL);
	SAFE(kill(getpid(), SIGUSR1));
	EXPECT_EQ(calls, 1);
	EXPECT_EQ(signo, SIGUSR1);
	EXPECT_EQ(code, SI_USER);
	EXPECT_EQ(from, getpid());
	EXPECT_MSG(blocked_self && blocked_mask, "signal and sa_mask blocked in the handler");
	sigprocmask(SIG_BLOCK, NULL, &cur);
	EXPECT(!sigismember(&cur, SIGUSR1) && !sigismember(&cur, SIGUSR2));
	SAFE(sigaction(SIGUSR1, NULL, &old));
	EXPECT(old.sa_sigaction == handler && (old.sa_flags & SA_SIGINFO));

	sa.sa_flags = SA_SIGINFO | SA_RESETHAND;
	SAFE(sigaction(SIGUSR1, &sa, NULL));
	raise(SIGUSR1);
	EXPECT_EQ(calls, 2);
	SAFE(sigaction(SIGUSR1, NULL, &old));
	EXPECT_MSG(old.sa_handler == SIG_DFL, "SA_RESETHAND reset the handler");
}

const struct t_test t_test = { .run = run };
