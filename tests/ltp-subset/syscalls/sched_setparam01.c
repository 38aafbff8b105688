/*
 * sched_setparam01: for a SCHED_OTHER task sched_setparam with priority 0
 * succeeds (pid 0 and its own pid) and leaves the policy; getparam reads 0.
 */
#include <sched.h>

#include "harness.h"

static void run(void)
{
	struct sched_param sp = { .sched_priority = 0 };

	EXPECT_OK(syscall(SYS_sched_setparam, 0, &sp));
	EXPECT_OK(syscall(SYS_sched_setparam, getpid(), &sp));
	EXPECT_EQ(syscall(SYS_sched_getscheduler, 0), SCHED_OTHER);
	sp.sched_priority = 7;
	SAFE(syscall(SYS_sched_getparam, 0, &sp));
	EXPECT_EQ(sp.sched_priority, 0);
}

const struct t_test t_test = { .run = run };
