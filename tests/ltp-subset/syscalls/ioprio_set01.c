/*
 * ioprio_set01 (LTP's ioprio_get01, ioprio_set01-03): a thread's I/O
 * priority starts as class NONE (0) and is what ioprio_set made it;
 * children inherit it; the process-group form sets and reads the group's
 * best; bad classes, levels and targets fail with EINVAL, a missing task
 * with ESRCH; without privilege the real-time class is EPERM and so is
 * another user's task. (Levels 8 and up are not tested: Linux 6.5 reads
 * their upper bits as hints.)
 */
#include <sys/syscall.h>

#include "harness.h"

#define IOPRIO_WHO_PROCESS 1
#define IOPRIO_WHO_PGRP 2
#define IOPRIO_WHO_USER 3
#define PRIO(class, data) (((class) << 13) | (data))
#define CLASS_NONE 0
#define CLASS_RT 1
#define CLASS_BE 2
#define CLASS_IDLE 3

static long iop_set(int which, int who, int prio)
{
	return syscall(SYS_ioprio_set, which, who, prio);
}

static long iop_get(int which, int who)
{
	return syscall(SYS_ioprio_get, which, who);
}

static void as_nobody(void)
{
	EXPECT_FAIL(iop_set(IOPRIO_WHO_PROCESS, 0, PRIO(CLASS_RT, 0)), EPERM);
	EXPECT_OK(iop_set(IOPRIO_WHO_PROCESS, 0, PRIO(CLASS_IDLE, 0)));
	EXPECT_FAIL(iop_set(IOPRIO_WHO_PROCESS, getppid(), PRIO(CLASS_BE, 1)), EPERM);
}

static void run(void)
{
	pid_t pid;

	pid = t_fork();
	if (!pid) {
		EXPECT_EQ(iop_get(IOPRIO_WHO_PROCESS, 0), PRIO(CLASS_NONE, 0));
		EXPECT_OK(iop_set(IOPRIO_WHO_PROCESS, 0, PRIO(CLASS_BE, 3)));
		EXPECT_EQ(iop_get(IOPRIO_WHO_PROCESS, 0), PRIO(CLASS_BE, 3));
		EXPECT_EQ(iop_get(IOPRIO_WHO_PROCESS, getpid()), PRIO(CLASS_BE, 3));
		EXPECT_OK(iop_set(IOPRIO_WHO_PROCESS, 0, PRIO(CLASS_RT, 7)));
		EXPECT_EQ(iop_get(IOPRIO_WHO_PROCESS, 0), PRIO(CLASS_RT, 7));
		EXPECT_OK(iop_set(IOPRIO_WHO_PROCESS, 0, PRIO(CLASS_IDLE, 0)));
		EXPECT_EQ(iop_get(IOPRIO_WHO_PROCESS, 0), PRIO(CLASS_IDLE, 0));

		EXPECT_FAIL(iop_set(IOPRIO_WHO_PROCESS, 0, PRIO(CLASS_NONE, 1)), EINVAL);
		EXPECT_FAIL(iop_set(IOPRIO_WHO_PROCESS, 0, PRIO(5, 0)), EINVAL);
		EXPECT_FAIL(iop_set(0, 0, PRIO(CLASS_BE, 1)), EINVAL);
		EXPECT_FAIL(iop_get(7, 0), EINVAL);
		EXPECT_FAIL(iop_get(IOPRIO_WHO_PROCESS, 999999999), ESRCH);
		EXPECT_FAIL(iop_set(IOPRIO_WHO_PROCESS, 999999999, PRIO(CLASS_BE, 1)), ESRCH);

		/* Inherited by fork. */
		EXPECT_OK(iop_set(IOPRIO_WHO_PROCESS, 0, PRIO(CLASS_BE, 2)));
		pid = t_fork();
		if (!pid)
			_exit(iop_get(IOPRIO_WHO_PROCESS, 0) == PRIO(CLASS_BE, 2) ? 0 : 1);
		t_reap(pid);

		/* A process group of its own: set all, read the best. */
		SAFE(setpgid(0, 0));
		EXPECT_OK(iop_set(IOPRIO_WHO_PGRP, 0, PRIO(CLASS_BE, 6)));
		EXPECT_EQ(iop_get(IOPRIO_WHO_PGRP, 0), PRIO(CLASS_BE, 6));
		EXPECT_EQ(iop_get(IOPRIO_WHO_PGRP, getpgrp()), PRIO(CLASS_BE, 6));
		EXPECT_EQ(iop_get(IOPRIO_WHO_PROCESS, 0), PRIO(CLASS_BE, 6));
		_exit(0);
	}
	t_reap(pid);
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
