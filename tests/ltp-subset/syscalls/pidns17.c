/*
 * pidns17: kill(-1, sig) from inside a pid namespace reaches every process
 * of the namespace but its init and the caller, and nothing outside: the
 * init's two children die of SIGKILL, the init lives on, and a process of
 * the caller's outside (a sibling of the init) is untouched.
 */
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static void ns_init(void)
{
	pid_t c[2];
	int status;

	for (int i = 0; i < 2; i++) {
		c[i] = fork();
		if (c[i] == 0) {
			for (;;)
				pause();
		}
	}
	t_msleep(20);
	EXPECT_EQ(kill(-1, SIGKILL), 0);
	for (int i = 0; i < 2; i++) {
		EXPECT_EQ(waitpid(c[i], &status, 0), c[i]);
		EXPECT_MSG(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
			   "child %d killed by kill(-1)", c[i]);
	}
	EXPECT_FAIL(kill(-1, SIGKILL), ESRCH);
}

static void run(void)
{
	pid_t outside, pid;
	int status;

	outside = t_fork();
	if (outside == 0) {
		for (;;)
			pause();
	}
	pid = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (pid < 0)
		t_brk(TBROK | TERRNO, "clone(CLONE_NEWPID)");
	if (pid == 0) {
		ns_init();
		_exit(0);
	}
	t_reap(pid);
	EXPECT_EQ(kill(outside, 0), 0);
	EXPECT_EQ(waitpid(outside, &status, WNOHANG), 0);
	kill(outside, SIGKILL);
	EXPECT_EQ(waitpid(outside, &status, 0), outside);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
