/*
 * rt_sigtimedwait01: sigtimedwait() takes a pending blocked signal without
 * running a handler and returns its number with siginfo; with nothing
 * pending it fails with EAGAIN after the timeout; an invalid timeout
 * (tv_nsec >= 1e9) fails with EINVAL; sigwaitinfo() waits for a signal
 * sent later by another process.
 */
#include <signal.h>
#include <time.h>

#include "harness.h"

static volatile int handled;

static void handler(int sig)
{
	handled = 1;
}

static void run(void)
{
	struct timespec ts = { 0, 100000000 };
	sigset_t set;
	siginfo_t si;
	long long t0;

	signal(SIGUSR1, handler);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	SAFE(sigprocmask(SIG_BLOCK, &set, NULL));
	raise(SIGUSR1);
	memset(&si, 0, sizeof(si));
	EXPECT_EQ(sigtimedwait(&set, &si, &ts), SIGUSR1);
	EXPECT_EQ(si.si_signo, SIGUSR1);
	EXPECT_EQ(si.si_pid, getpid());
	EXPECT_EQ(handled, 0);
	t0 = t_now_us();
	EXPECT_FAIL(sigtimedwait(&set, &si, &ts), EAGAIN);
	EXPECT(t_now_us() - t0 >= 90000);
	ts.tv_nsec = 1000000000;
	EXPECT_FAIL(sigtimedwait(&set, &si, &ts), EINVAL);
	if (!t_fork()) {
		t_msleep(100);
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	EXPECT_EQ(sigwaitinfo(&set, &si), SIGUSR1);
	EXPECT_EQ(si.si_code, SI_USER);
	t_wait(-1);
}

const struct t_test t_test = { .run = run };
