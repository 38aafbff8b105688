/*
 * timer_create01: a POSIX timer with SIGEV_SIGNAL delivers its signal with
 * si_code SI_TIMER and the sigev_value; timer_gettime shows the time left;
 * timer_getoverrun counts missed expirations of a periodic timer while the
 * signal was blocked; timer_delete stops it; EINVAL for an unknown clock.
 */
#include <signal.h>
#include <time.h>

#include "harness.h"

static volatile int fired, code, value;

static void handler(int sig, siginfo_t *si, void *uc)
{
	fired++;
	code = si->si_code;
	value = si->si_value.sival_int;
}

static void run(void)
{
	struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };
	struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1 };
	struct itimerspec its = { { 0, 0 }, { 0, 50000000 } }, cur;
	sigset_t set;
	timer_t t;
	long long t0;

	SAFE(sigaction(SIGUSR1, &sa, NULL));
	sev.sigev_value.sival_int = 99;
	EXPECT_OK(timer_create(CLOCK_MONOTONIC, &sev, &t));
	t0 = t_now_us();
	EXPECT_OK(timer_settime(t, 0, &its, NULL));
	SAFE(timer_gettime(t, &cur));
	/* 0 only if it already expired (a slow emulator, a lazy PLT binding) */
	EXPECT_MSG(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec <= 50000000 &&
		   (cur.it_value.tv_nsec > 0 || t_now_us() - t0 >= 50000),
		   "timer_gettime: %ld ns left of 50 ms", (long)cur.it_value.tv_nsec);
	while (!fired && t_now_us() - t0 < 3000000)
		pause();
	EXPECT_EQ(fired, 1);
	EXPECT_EQ(code, SI_TIMER);
	EXPECT_EQ(value, 99);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	SAFE(sigprocmask(SIG_BLOCK, &set, NULL));
	its.it_interval.tv_nsec = 10000000;
	its.it_value.tv_nsec = 10000000;
	SAFE(timer_settime(t, 0, &its, NULL));
	t_msleep(150);
	SAFE(sigprocmask(SIG_UNBLOCK, &set, NULL));
	EXPECT_MSG(timer_getoverrun(t) >= 5, "overruns counted (%d)", timer_getoverrun(t));
	EXPECT_OK(timer_delete(t));
	fired = 0;
	t_msleep(50);
	EXPECT_EQ(fired, 0);
	EXPECT_FAIL(timer_create(12345, &sev, &t), EINVAL);
}

const struct t_test t_test = { .run = run };
