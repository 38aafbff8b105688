/*
 * clock_nanosleep01: clock_nanosleep() returns an error number (not -1):
 * EINVAL for an unknown clock, bad tv_nsec or unknown flags; with
 * TIMER_ABSTIME and a past time it returns 0 at once; relative sleeps last
 * at least the time asked; a signal gives EINTR and the remaining time.
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
	struct timespec ts = { 0, 100000000 }, rem, now;
	long long t0;

	t0 = t_now_us();
	EXPECT_EQ(clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL), 0);
	EXPECT(t_now_us() - t0 >= 100000);
	SAFE(clock_gettime(CLOCK_MONOTONIC, &now));
	now.tv_nsec += 150000000;
	if (now.tv_nsec >= 1000000000) {
		now.tv_sec++;
		now.tv_nsec -= 1000000000;
	}
	t0 = t_now_us();
	EXPECT_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &now, NULL), 0);
	EXPECT(t_now_us() - t0 >= 100000);
	t0 = t_now_us();
	EXPECT_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &now, NULL), 0);
	EXPECT(t_now_us() - t0 < 50000);
	EXPECT_ERR(clock_nanosleep(12345, 0, &ts, NULL), EINVAL);
	ts.tv_nsec = 1000000000;
	EXPECT_ERR(clock_nanosleep(CLOCK_REALTIME, 0, &ts, NULL), EINVAL);
	ts.tv_nsec = 0;
	EXPECT_ERR(clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &ts, NULL), EINVAL);
	signal(SIGUSR1, handler);
	ticker = t_signal_repeatedly(SIGUSR1, 100);
	ts.tv_sec = 5;
	EXPECT_ERR(clock_nanosleep(CLOCK_REALTIME, 0, &ts, &rem), EINTR);
	EXPECT(rem.tv_sec >= 3 && rem.tv_sec <= 5);
	t_signal_stop(ticker);
}

const struct t_test t_test = { .run = run };
