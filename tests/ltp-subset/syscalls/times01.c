/*
 * times01: times() returns increasing clock ticks (sysconf(_SC_CLK_TCK)
 * per second), tms_utime grows with CPU work, and tms_cutime includes a
 * waited-for child's CPU time.
 */
#include <sys/times.h>

#include "harness.h"

static void run(void)
{
	struct tms a, b;
	clock_t t0, t1;
	long hz = sysconf(_SC_CLK_TCK);

	EXPECT(hz > 0);
	t0 = times(&a);
	t_burn_cpu(300);
	t1 = times(&b);
	EXPECT(t1 >= t0);
	EXPECT_MSG((b.tms_utime + b.tms_stime) - (a.tms_utime + a.tms_stime) >= hz / 10,
		   "CPU ticks grew by %ld", (long)((b.tms_utime + b.tms_stime) -
						  (a.tms_utime + a.tms_stime)));
	if (!t_fork()) {
		t_burn_cpu(300);
		_exit(0);
	}
	t_wait(-1);
	times(&b);
	EXPECT_MSG(b.tms_cutime + b.tms_cstime >= hz / 10, "child ticks %ld",
		   (long)(b.tms_cutime + b.tms_cstime));
}

const struct t_test t_test = { .run = run };
