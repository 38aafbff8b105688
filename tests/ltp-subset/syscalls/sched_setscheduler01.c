/*
 * sched_setscheduler01: the default policy is SCHED_OTHER with priority 0;
 * sched_get_priority_min/max give 0/0 for SCHED_OTHER and 1/99 for
 * SCHED_FIFO/SCHED_RR; root can switch to SCHED_FIFO and back, nobody gets
 * EPERM; an invalid priority gives EINVAL, an unknown policy EINVAL, an
 * unknown pid ESRCH. sched_yield() returns 0. Raw calls: musl's
 * sched_setscheduler wrapper always fails with ENOSYS.
 */
#include <sched.h>

#include "harness.h"

static void as_nobody(void)
{
	struct sched_param sp = { .sched_priority = 10 };

	EXPECT_FAIL(syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, &sp), EPERM);
}

static void run(void)
{
	struct sched_param sp = { .sched_priority = 0 };
	pid_t pid;

	EXPECT_EQ(syscall(SYS_sched_getscheduler, 0), SCHED_OTHER);
	SAFE(syscall(SYS_sched_getparam, 0, &sp));
	EXPECT_EQ(sp.sched_priority, 0);
	EXPECT_EQ(sched_get_priority_min(SCHED_OTHER), 0);
	EXPECT_EQ(sched_get_priority_max(SCHED_OTHER), 0);
	EXPECT_EQ(sched_get_priority_min(SCHED_FIFO), 1);
	EXPECT_EQ(sched_get_priority_max(SCHED_FIFO), 99);
	EXPECT_EQ(sched_get_priority_max(SCHED_RR), 99);
	EXPECT_FAIL(sched_get_priority_max(42), EINVAL);
	EXPECT_OK(sched_yield());
	pid = t_fork();
	if (!pid) {
		sp.sched_priority = 5;
		if (syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, &sp) < 0 && errno == EPERM)
			t_brk(TCONF, "real-time scheduling not permitted here");
		EXPECT_EQ(syscall(SYS_sched_getscheduler, 0), SCHED_FIFO);
		SAFE(syscall(SYS_sched_getparam, 0, &sp));
		EXPECT_EQ(sp.sched_priority, 5);
		sp.sched_priority = 0;
		EXPECT_OK(syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &sp));
		_exit(0);
	}
	t_reap(pid);
	sp.sched_priority = 100;
	EXPECT_FAIL(syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, &sp), EINVAL);
	sp.sched_priority = 0;
	EXPECT_FAIL(syscall(SYS_sched_setscheduler, 0, 42, &sp), EINVAL);
	EXPECT_FAIL(syscall(SYS_sched_setscheduler, 4194304 + 1, SCHED_OTHER, &sp), ESRCH);
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
