/*
 * waitpid07: WNOHANG returns 0 while the child runs and its pid once it has
 * exited (a zombie stays until reaped).
 */
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static void run(void)
{
	int status, tries = 0;
	pid_t pid, r;

	pid = t_fork();
	if (!pid) {
		pause();
		_exit(0);
	}
	EXPECT_EQ(waitpid(pid, &status, WNOHANG), 0);
	kill(pid, SIGKILL);
	while ((r = waitpid(pid, &status, WNOHANG)) == 0 && tries++ < 500)
		t_msleep(10);
	EXPECT_EQ(r, pid);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

const struct t_test t_test = { .run = run };
