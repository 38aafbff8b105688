/*
 * setpgid03: a parent cannot change the process group of a child that has
 * performed an execve() (EACCES).
 */
#include <signal.h>

#include "harness.h"

static int child_main(int argc, char **argv)
{
	char c;

	/* stdin is the pipe: tell the parent we run, then wait for EOF. */
	write(1, "x", 1);
	read(0, &c, 1);
	return 0;
}

static void run(void)
{
	int in[2], out[2];
	char c;
	pid_t pid;

	if (!t_self())
		t_brk(TCONF, "cannot find this program's own path");
	SAFE(pipe(in));
	SAFE(pipe(out));
	pid = t_fork();
	if (!pid) {
		close(in[1]);
		close(out[0]);
		dup2(in[0], 0);
		dup2(out[1], 1);
		execl(t_self(), "setpgid03", "--child", (char *)NULL);
		_exit(127);
	}
	close(out[1]);
	SAFE(read(out[0], &c, 1));
	EXPECT_FAIL(setpgid(pid, pid), EACCES);
	close(in[1]);
	t_reap(pid);
}

const struct t_test t_test = { .run = run, .child_main = child_main };
