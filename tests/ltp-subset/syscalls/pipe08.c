/*
 * pipe08: a writer sees EPIPE (with SIGPIPE ignored) once all read ends are
 * closed, including copies held by a child that exits.
 */
#include <signal.h>

#include "harness.h"

static void run(void)
{
	int p[2];
	pid_t pid;

	signal(SIGPIPE, SIG_IGN);
	SAFE(pipe(p));
	pid = t_fork();
	if (!pid) {
		close(p[1]);
		t_msleep(100);
		_exit(0);
	}
	close(p[0]);
	EXPECT_EQ(write(p[1], "x", 1), 1);
	t_reap(pid);
	EXPECT_FAIL(write(p[1], "x", 1), EPIPE);
}

const struct t_test t_test = { .run = run };
