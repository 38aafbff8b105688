/*
 * alarm02: a pending alarm survives execve(): the new program receives
 * SIGALRM (default action kills it).
 */
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static int child_main(int argc, char **argv)
{
	for (int i = 0; i < 50; i++)
		t_msleep(100);
	return 0;
}

static void run(void)
{
	int status;
	pid_t pid;

	if (!t_self())
		t_brk(TCONF, "cannot find this program's own path");
	pid = t_fork();
	if (!pid) {
		alarm(1);
		execl(t_self(), "alarm02", "--child", (char *)NULL);
		_exit(127);
	}
	status = t_wait(pid);
	EXPECT_MSG(WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM,
		   "exec'ed program got the alarm (status 0x%x)", status);
}

const struct t_test t_test = { .run = run, .child_main = child_main };
