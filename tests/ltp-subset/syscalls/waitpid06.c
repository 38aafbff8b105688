/*
 * waitpid06: waitpid(pid) waits for that child only, -1 for any, 0 for
 * children in the caller's process group, -pgid for that group; a child
 * exited later is still collected even if others exited first.
 */
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static pid_t spawn(int code, int own_group, int delay_ms)
{
	pid_t pid = t_fork();

	if (!pid) {
		if (own_group)
			setpgid(0, 0);
		t_msleep(delay_ms);
		_exit(code);
	}
	if (own_group)
		setpgid(pid, pid);
	return pid;
}

static void run(void)
{
	int status;
	pid_t a, b, c;

	a = spawn(1, 0, 200);
	b = spawn(2, 0, 0);
	EXPECT_EQ(waitpid(a, &status, 0), a);
	EXPECT_EQ(WEXITSTATUS(status), 1);
	EXPECT_EQ(waitpid(-1, &status, 0), b);
	EXPECT_EQ(WEXITSTATUS(status), 2);

	c = spawn(3, 1, 0);
	a = spawn(4, 0, 100);
	EXPECT_EQ(waitpid(0, &status, 0), a);	/* c is in another group */
	EXPECT_EQ(WEXITSTATUS(status), 4);
	EXPECT_EQ(waitpid(-c, &status, 0), c);
	EXPECT_EQ(WEXITSTATUS(status), 3);
}

const struct t_test t_test = { .run = run };
