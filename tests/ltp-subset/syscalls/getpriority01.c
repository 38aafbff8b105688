/*
 * getpriority01: setpriority()/getpriority() on PRIO_PROCESS: the nice
 * value reads back, nice() adds to it and returns the new value; nobody
 * can raise its nice value but not lower it (EACCES); values are clamped
 * to [-20, 19]; unknown "which" is EINVAL, unknown pid ESRCH.
 */
#include <sys/resource.h>

#include "harness.h"

static void as_nobody(void)
{
	EXPECT_OK(setpriority(PRIO_PROCESS, 0, 10));
	EXPECT_EQ(getpriority(PRIO_PROCESS, 0), 10);
	EXPECT_FAIL(setpriority(PRIO_PROCESS, 0, 5), EACCES);
	EXPECT_OK(setpriority(PRIO_PROCESS, 0, 50));
	EXPECT_EQ(getpriority(PRIO_PROCESS, 0), 19);
}

static void run(void)
{
	pid_t pid = t_fork();

	if (!pid) {
		EXPECT_OK(setpriority(PRIO_PROCESS, 0, 3));
		EXPECT_EQ(getpriority(PRIO_PROCESS, 0), 3);
		errno = 0;
		EXPECT_EQ(nice(2), 5);
		EXPECT_EQ(getpriority(PRIO_PROCESS, getpid()), 5);
		EXPECT_OK(setpriority(PRIO_PROCESS, 0, -30));
		EXPECT_EQ(getpriority(PRIO_PROCESS, 0), -20);
		SAFE(setpriority(PRIO_PROCESS, 0, 0));
		t_run_as_nobody(as_nobody);
		_exit(0);
	}
	t_reap(pid);
	EXPECT_FAIL(getpriority(42, 0), EINVAL);
	EXPECT_FAIL(setpriority(PRIO_PROCESS, 4194304 + 1, 0), ESRCH);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
