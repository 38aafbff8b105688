/*
 * waitpid04: waitpid() failures: ECHILD for a pid that is not our child
 * (our parent, a non-existent pid, a child already reaped) and for a
 * process group without children; EINVAL for unknown option bits.
 */
#include <sys/wait.h>

#include "harness.h"

static void run(void)
{
	int status;
	pid_t pid;

	EXPECT_FAIL(waitpid(getppid(), &status, 0), ECHILD);
	EXPECT_FAIL(waitpid(-1, &status, 0), ECHILD);
	EXPECT_FAIL(waitpid(0, &status, 0), ECHILD);
	pid = t_fork();
	if (!pid)
		_exit(0);
	SAFE(waitpid(pid, &status, 0));
	EXPECT_FAIL(waitpid(pid, &status, 0), ECHILD);
	EXPECT_FAIL(waitpid(-1, &status, 0x40000), EINVAL);
}

const struct t_test t_test = { .run = run };
