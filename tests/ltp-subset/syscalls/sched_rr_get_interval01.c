/*
 * sched_rr_get_interval01: a SCHED_RR task's quantum is 100 ms (Linux's
 * default sched_rr_timeslice_ms); a SCHED_OTHER task gets a slice below
 * a second (0 on Linux 6.6+).
 */
#include <sched.h>
#include <time.h>

#include "harness.h"

static void run(void)
{
	struct timespec ts = { -1, -1 };
	pid_t pid;

	SAFE(syscall(SYS_sched_rr_get_interval, 0, &ts));
	EXPECT_EQ(ts.tv_sec, 0);
	/* Linux 6.6+ (EEVDF) may report 0 for a fair task */
	EXPECT_MSG(ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000L, "fair slice %ld ns", ts.tv_nsec);
	pid = t_fork();
	if (!pid) {
		struct sched_param sp = { .sched_priority = 1 };

		if (syscall(SYS_sched_setscheduler, 0, SCHED_RR, &sp) < 0 && errno == EPERM)
			t_brk(TCONF, "real-time scheduling not permitted here");
		SAFE(syscall(SYS_sched_rr_get_interval, 0, &ts));
		EXPECT_EQ(ts.tv_sec, 0);
		EXPECT_EQ(ts.tv_nsec, 100000000L);
		_exit(0);
	}
	t_reap(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
