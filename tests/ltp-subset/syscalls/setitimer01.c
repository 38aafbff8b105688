/*
 * setitimer01: ITIMER_REAL raises SIGALRM after its value and then every
 * interval; getitimer() shows the time left (not above what was set) and
 * the interval; setitimer returns the old value; a zero value disarms;
 * EINVAL for an unknown timer and an invalid tv_usec.
 */
#include <signal.h>
#include <sys/time.h>

#include "harness.h"

static volatile int ticks;

static void handler(int sig)
{
	ticks++;
}

static void run(void)
{
	struct itimerval it = { { 0, 30000 }, { 0, 50000 } }, cur, old;
	long long t0;

	signal(SIGALRM, handler);
	t0 = t_now_us();
	EXPECT_OK(setitimer(ITIMER_REAL, &it, NULL));
	SAFE(getitimer(ITIMER_REAL, &cur));
	EXPECT(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec <= 50000 &&
	       cur.it_value.tv_usec > 0);
	EXPECT_EQ(cur.it_interval.tv_usec, 30000);
	while (ticks < 3 && t_now_us() - t0 < 5000000)
		pause();
	EXPECT_EQ(ticks >= 3, 1);
	EXPECT_MSG(t_now_us() - t0 >= 100000, "three ticks took %lld us", t_now_us() - t0);
	memset(&it, 0, sizeof(it));
	EXPECT_OK(setitimer(ITIMER_REAL, &it, &old));
	EXPECT_EQ(old.it_interval.tv_usec, 30000);
	ticks = 0;
	t_msleep(100);
	EXPECT_EQ(ticks, 0);
	SAFE(getitimer(ITIMER_REAL, &cur));
	EXPECT(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0);
	EXPECT_FAIL(setitimer(42, &it, NULL), EINVAL);
	EXPECT_FAIL(getitimer(42, &cur), EINVAL);
	it.it_value.tv_usec = 1000000;
	EXPECT_FAIL(setitimer(ITIMER_REAL, &it, NULL), EINVAL);
}

const struct t_test t_test = { .run = run };
