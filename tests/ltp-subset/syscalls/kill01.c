/*
 * kill01: kill() delivers a signal to a child (it dies by it); signal 0
 * checks existence; failures: EINVAL (bad signal), ESRCH (no such
 * process, a reaped child), EPERM (nobody signalling a root process).
 */
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static pid_t target;

static void as_nobody(void)
{
	EXPECT_FAIL(kill(target, SIGTERM), EPERM);
	EXPECT_FAIL(kill(target, 0), EPERM);
}

static void run(void)
{
	int status;

	target = t_fork();
	if (!target) {
		pause();
		_exit(0);
	}
	EXPECT_OK(kill(target, 0));
	EXPECT_FAIL(kill(target, 65), EINVAL);
	EXPECT_FAIL(kill(target, -1), EINVAL);
	t_run_as_nobody(as_nobody);
	EXPECT_OK(kill(target, SIGUSR2));
	status = t_wait(target);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR2);
	EXPECT_FAIL(kill(target, 0), ESRCH);
	EXPECT_FAIL(kill(4194304 + 1, SIGTERM), ESRCH);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
