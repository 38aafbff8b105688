/*
 * sched_get_priority_max01: the maximum static priority of each valid
 * policy: SCHED_FIFO and SCHED_RR 99, SCHED_OTHER, SCHED_BATCH and SCHED_IDLE 0.
 */
#include <sched.h>

#include "harness.h"

static void run(void)
{
	EXPECT_EQ(syscall(SYS_sched_get_priority_max, SCHED_FIFO), 99);
	EXPECT_EQ(syscall(SYS_sched_get_priority_max, SCHED_RR), 99);
	EXPECT_EQ(syscall(SYS_sched_get_priority_max, SCHED_OTHER), 0);
	EXPECT_EQ(syscall(SYS_sched_get_priority_max, SCHED_BATCH), 0);
	EXPECT_EQ(syscall(SYS_sched_get_priority_max, SCHED_IDLE), 0);
}

const struct t_test t_test = { .run = run };
