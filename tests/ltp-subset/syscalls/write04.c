/*
 * write04: writing to a pipe whose read end is closed raises SIGPIPE (which
 * kills by default), and with SIGPIPE ignored fails with EPIPE.
 */
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static void run(void)
{
	int p[2], status;
	pid_t pid;

	SAFE(pipe(p));
	close(p[0]);
	pid = t_fork();
	if (!pid) {
		if (write(p[1], "x", 1) < 0)
			_exit(1);
		_exit(0);
	}
	status = t_wait(pid);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE);
	signal(SIGPIPE, SIG_IGN);
	EXPECT_FAIL(write(p[1], "x", 1), EPIPE);
	close(p[1]);
}

const struct t_test t_test = { .run = run };
