/*
 * sched_setparam03: errors. A NULL param or a negative pid is EINVAL, an
 * unknown pid ESRCH, a bad address EFAULT, a priority outside the
 * policy's range (1 for SCHED_OTHER, 0 or 100 for SCHED_FIFO) EINVAL.
 */
#include <sched.h>

#include "harness.h"

static void run(void)
{
	struct sched_param sp = { .sched_priority = 0 };
	pid_t pid;

	EXPECT_FAIL(syscall(SYS_sched_setparam, 0, NULL), EINVAL);
	EXPECT_FAIL(syscall(SYS_sched_setparam, -1, &sp), EINVAL);
	EXPECT_FAIL(syscall(SYS_sched_setparam, 4194304 + 1, &sp), ESRCH);
	EXPECT_FAIL(syscall(SYS_sched_setparam, 0, t_bad_addr()), EFAULT);
	sp.sched_priority = 1;
	EXPECT_FAIL(syscall(SYS_sched_setparam, 0, &sp), EINVAL);
	pid = t_fork();
	if (!pid) {
		sp.sched_priority = 5;
		if (syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, &sp) < 0 && errno == EPERM)
			t_brk(TCONF, "real-time scheduling not permitted here");
		sp.sched_priority = 0;
		EXPECT_FAIL(syscall(SYS_sched_setparam, 0, &sp), EINVAL);
		sp.sched_priority = 100;
		EXPECT_FAIL(syscall(SYS_sched_setparam, 0, &sp), EINVAL);
		SAFE(syscall(SYS_sched_getparam, 0, &sp));
		EXPECT_EQ(sp.sched_priority, 5);
		_exit(0);
	}
	t_reap(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
