/*
 * setpgid01: setpgid(0, 0) makes the caller a group leader (getpgrp() ==
 * getpid()); a parent can move its child into its own or the child's
 * group; getpgid() reports it; ESRCH for a non-child, EINVAL for a negative
 * pgid, EPERM for a group in another session or a session leader.
 */
#include <signal.h>

#include "harness.h"

static void run(void)
{
	pid_t pid, me = getpid();
	struct t_chan go, started;

	/* The harness made us a group leader already. */
	EXPECT_EQ(getpgrp(), me);
	EXPECT_EQ(getpgid(0), me);
	t_chan_open(&go);
	pid = t_fork();
	if (!pid) {
		t_chan_wait(&go);
		_exit(0);
	}
	EXPECT_EQ(getpgid(pid), me);
	EXPECT_OK(setpgid(pid, pid));
	EXPECT_EQ(getpgid(pid), pid);
	EXPECT_OK(setpgid(pid, me));
	EXPECT_EQ(getpgid(pid), me);
	EXPECT_FAIL(setpgid(pid, -1), EINVAL);
	EXPECT_FAIL(setpgid(getppid(), getppid()), ESRCH);
	EXPECT_FAIL(getpgid(999999), ESRCH);
	t_chan_post(&go);
	t_reap(pid);

	t_chan_open(&started);
	pid = t_fork();
	if (!pid) {
		SAFE(setsid());
		t_chan_post(&started);
		t_chan_wait(&go);
		_exit(0);
	}
	t_chan_wait(&started);
	EXPECT_FAIL(setpgid(pid, me), EPERM);
	t_chan_post(&go);
	t_reap(pid);
}

const struct t_test t_test = { .run = run };
