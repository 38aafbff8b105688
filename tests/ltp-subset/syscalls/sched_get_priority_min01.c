/*
 * sched_get_priority_min01: the minimum static priority of each valid
 * policy: SCHED_FIFO and SCHED_RR 1, SCHED_OTHER, SCHED_BATCH and SCHED_IDLE 0.
 */
#include <sched.h>

#include "harness.h"

static void run(void)
{
	EXPECT_EQ(syscall(SYS_sched_get_priority_min, SCHED_FIFO), 1);
	EXPECT_EQ(syscall(SYS_sched_get_priority_min, SCHED_RR), 1);
	EXPECT_EQ(syscall(SYS_sched_get_priority_min, SCHED_OTHER), 0);
	EXPECT_EQ(syscall(SYS_sched_get_priority_min, SCHED_BATCH), 0);
	EXPECT_EQ(syscall(SYS_sched_get_priority_min, SCHED_IDLE), 0);
}

const struct t_test t_test = { .run = run };
