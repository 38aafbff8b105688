/*
 * sched_rr_get_interval02: a SCHED_FIFO task has no quantum: 0 s 0 ns.
 */
#include <sched.h>
#include <time.h>

#include "harness.h"

static void run(void)
{
	pid_t pid = t_fork();

	if (!pid) {
		struct sched_param sp = { .sched_priority = 1 };
		struct timespec ts = { 99, 99 };

		if (syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, &sp) < 0 && errno == EPERM)
			t_brk(TCONF, "real-time scheduling not permitted here");
		SAFE(syscall(SYS_sched_rr_get_interval, 0, &ts));
		EXPECT_EQ(ts.tv_sec, 0);
		EXPECT_EQ(ts.tv_nsec, 0);
		_exit(0);
	}
	t_reap(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
