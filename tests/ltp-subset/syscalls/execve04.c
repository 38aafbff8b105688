/*
 * execve04: executing a file that is open for writing fails with ETXTBSY;
 * after the writer closes it, execve() works.
 */
#include <fcntl.h>
#include <sys/wait.h>

#include "harness.h"

static int child_main(int argc, char **argv)
{
	return 5;
}

static void run(void)
{
	char buf[65536];
	char *const args[] = { "prog", "--child", NULL };
	int in, out, status;
	ssize_t n;
	pid_t pid;

	if (!t_self())
		t_brk(TCONF, "cannot find this program's own path");
	in = SAFE(open(t_self(), O_RDONLY));
	out = SAFE(open("prog", O_WRONLY | O_CREAT, 0755));
	while ((n = SAFE(read(in, buf, sizeof(buf)))) > 0)
		SAFE(write(out, buf, n));
	close(in);
	EXPECT_FAIL(execve("./prog", args, NULL), ETXTBSY);
	close(out);
	pid = t_fork();
	if (!pid) {
		execve("./prog", args, NULL);
		_exit(127);
	}
	status = t_wait(pid);
	EXPECT_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 5,
		   "exec after close works (status 0x%x)", status);
}

const struct t_test t_test = { .run = run, .child_main = child_main };
