/*
 * rt_sigqueueinfo01: sigqueue() passes si_value and si_code SI_QUEUE (to a
 * SA_SIGINFO handler and to sigwaitinfo); real-time signals queue: three
 * sent while blocked are all received, lowest signal number first and in
 * sending order within a number, each with its value; standard signals
 * merge into one.
 */
#include <signal.h>

#include "harness.h"

static volatile int h_value, h_code;

static void rt_handler(int sig, siginfo_t *si, void *uc)
{
	h_code = si->si_code;
	h_value = si->si_value.sival_int;
}

static void run(void)
{
	struct sigaction sa = { .sa_sigaction = rt_handler, .sa_flags = SA_SIGINFO };
	struct timespec zero = { 0, 0 };
	union sigval v;
	sigset_t set;
	siginfo_t si;
	int order[3];

	SAFE(sigaction(SIGRTMIN + 1, &sa, NULL));
	v.sival_int = 1234;
	EXPECT_OK(sigqueue(getpid(), SIGRTMIN + 1, v));
	EXPECT_EQ(h_code, SI_QUEUE);
	EXPECT_EQ(h_value, 1234);

	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN + 1);
	sigaddset(&set, SIGRTMIN + 3);
	sigaddset(&set, SIGUSR1);
	SAFE(sigprocmask(SIG_BLOCK, &set, NULL));
	v.sival_int = 1;
	EXPECT_OK(sigqueue(getpid(), SIGRTMIN + 3, v));
	v.sival_int = 2;
	EXPECT_OK(sigqueue(getpid(), SIGRTMIN + 1, v));
	v.sival_int = 3;
	EXPECT_OK(sigqueue(getpid(), SIGRTMIN + 1, v));
	raise(SIGUSR1);
	raise(SIGUSR1);
	for (int i = 0; i < 3; i++) {
		sigdelset(&set, SIGUSR1);
		SAFE(sigtimedwait(&set, &si, &zero));
		order[i] = si.si_signo * 1000 + si.si_value.sival_int;
		EXPECT_EQ(si.si_code, SI_QUEUE);
	}
	EXPECT_EQ(order[0], (SIGRTMIN + 1) * 1000 + 2);
	EXPECT_EQ(order[1], (SIGRTMIN + 1) * 1000 + 3);
	EXPECT_EQ(order[2], (SIGRTMIN + 3) * 1000 + 1);
	EXPECT_FAIL(sigtimedwait(&set, &si, &zero), EAGAIN);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	EXPECT_EQ(sigtimedwait(&set, &si, &zero), SIGUSR1);
	EXPECT_FAIL(sigtimedwait(&set, &si, &zero), EAGAIN);
	v.sival_int = 0;
	EXPECT_FAIL(sigqueue(getpid(), 99, v), EINVAL);
	EXPECT_FAIL(sigqueue(4194304 + 1, SIGUSR1, v), ESRCH);
}

const struct t_test t_test = { .run = run };
