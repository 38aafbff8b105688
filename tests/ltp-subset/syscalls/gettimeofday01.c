/*
 * gettimeofday01: gettimeofday() agrees with CLOCK_REALTIME and time(),
 * tv_usec is below 1e6, and time never goes backwards over many calls; a
 * NULL tv is accepted; EFAULT for a bad pointer (raw call).
 */
#include <sys/time.h>
#include <time.h>

#include "harness.h"

static void run(void)
{
	struct timeval tv, prev;
	struct timespec ts;
	int back = 0;
	time_t t;

	SAFE(clock_gettime(CLOCK_REALTIME, &ts));
	EXPECT_OK(gettimeofday(&tv, NULL));
	t = time(NULL);
	EXPECT(tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	EXPECT(tv.tv_sec >= ts.tv_sec && tv.tv_sec <= ts.tv_sec + 1);
	EXPECT(t >= tv.tv_sec && t <= tv.tv_sec + 1);
	prev = tv;
	for (int i = 0; i < 100000; i++) {
		gettimeofday(&tv, NULL);
		if (tv.tv_sec < prev.tv_sec ||
		    (tv.tv_sec == prev.tv_sec && tv.tv_usec < prev.tv_usec))
			back++;
		prev = tv;
	}
	EXPECT_EQ(back, 0);
	EXPECT_OK(syscall(SYS_gettimeofday, NULL, NULL));
	EXPECT_FAIL(syscall(SYS_gettimeofday, t_bad_addr(), NULL), EFAULT);
}

const struct t_test t_test = { .run = run };
