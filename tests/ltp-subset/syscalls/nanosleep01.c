/*
 * nanosleep01: nanosleep() sleeps at least the requested time; interrupted
 * by a handler it fails with EINTR and writes the remaining time; EINVAL
 * for tv_nsec out of range or a negative tv_sec; EFAULT for a bad request.
 */
#include <signal.h>
#include <time.h>

#include "harness.h"

static void handler(int sig)
{
}

static void run(void)
{
	pid_t ticker;
	struct timespec req = { 0, 120000000 }, rem = { 0, 0 };
	long long t0;

	t0 = t_now_us();
	EXPECT_OK(nanosleep(&req, NULL));
	EXPECT_MSG(t_now_us() - t0 >= 120000, "slept %lld us", t_now_us() - t0);
	signal(SIGUSR1, handler);
	ticker = t_signal_repeatedly(SIGUSR1, 100);
	req.tv_sec = 5;
	req.tv_nsec = 0;
	EXPECT_FAIL(nanosleep(&req, &rem), EINTR);
	EXPECT_MSG(rem.tv_sec >= 3 && rem.tv_sec <= 5, "remaining %ld.%09ld s",
		   (long)rem.tv_sec, rem.tv_nsec);
	t_signal_stop(ticker);
	req.tv_sec = 0;
	req.tv_nsec = 1000000000;
	EXPECT_FAIL(nanosleep(&req, NULL), EINVAL);
	req.tv_nsec = -1;
	EXPECT_FAIL(nanosleep(&req, NULL), EINVAL);
	req.tv_sec = -1;
	req.tv_nsec = 0;
	EXPECT_FAIL(nanosleep(&req, NULL), EINVAL);
	EXPECT_FAIL(syscall(SYS_nanosleep, t_bad_addr(), NULL), EFAULT);
}

const struct t_test t_test = { .run = run };
