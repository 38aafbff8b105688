/*
 * setpriority02: errors. An unknown "which" is EINVAL; an unknown pid,
 * pgrp or uid ESRCH; nobody changing a root process is EPERM and
 * lowering its own nice beyond RLIMIT_NICE (0) is EACCES, while raising
 * it works.
 */
#include <sys/resource.h>

#include "harness.h"

static pid_t root_pid;

static void as_nobody(void)
{
	EXPECT_FAIL(setpriority(PRIO_PROCESS, root_pid, 1), EPERM);
	EXPECT_OK(setpriority(PRIO_PROCESS, 0, 4));
	EXPECT_FAIL(setpriority(PRIO_PROCESS, 0, 2), EACCES);
	EXPECT_EQ(getpriority(PRIO_PROCESS, 0), 4);
}

static void run(void)
{
	struct rlimit rl = { 0, 0 };

	root_pid = getpid();
	SAFE(setrlimit(RLIMIT_NICE, &rl));
	EXPECT_FAIL(setpriority(3, 0, 0), EINVAL);
	EXPECT_FAIL(setpriority(-1, 0, 0), EINVAL);
	EXPECT_FAIL(setpriority(PRIO_PROCESS, 4194304 + 1, 0), ESRCH);
	EXPECT_FAIL(setpriority(PRIO_PGRP, 4194304 + 1, 0), ESRCH);
	EXPECT_FAIL(setpriority(PRIO_USER, 54321, 0), ESRCH);
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
