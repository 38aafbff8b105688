/*
 * setsid01: a process group leader cannot start a session (EPERM); a child
 * that is not a leader can: setsid() returns its pid, which becomes its
 * session and process group id; getsid() of others and ESRCH.
 */
#include <signal.h>

#include "harness.h"

static void run(void)
{
	pid_t pid, me = getpid();
	int p[2];
	pid_t got[3];

	EXPECT_FAIL(setsid(), EPERM);
	EXPECT_EQ(getsid(0), getsid(me));
	EXPECT_FAIL(getsid(999999), ESRCH);
	SAFE(pipe(p));
	pid = t_fork();
	if (!pid) {
		got[0] = setsid();
		got[1] = getsid(0);
		got[2] = getpgrp();
		write(p[1], got, sizeof(got));
		pause();
		_exit(0);
	}
	SAFE(read(p[0], got, sizeof(got)));
	EXPECT_EQ(got[0], pid);
	EXPECT_EQ(got[1], pid);
	EXPECT_EQ(got[2], pid);
	EXPECT_EQ(getsid(pid), pid);
	EXPECT(getsid(0) != pid);
	kill(pid, SIGKILL);
	t_wait(pid);
}

const struct t_test t_test = { .run = run };
