/*
 * vfork02: a vfork() child that calls execve() releases the parent; the
 * exec'ed program sees its arguments, and a signal blocked in the parent is
 * blocked in the new program too.
 */
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static int child_main(int argc, char **argv)
{
	sigset_t cur;

	sigprocmask(SIG_BLOCK, NULL, &cur);
	if (argc != 2 || strcmp(argv[1], "hello"))
		return 10;
	return sigismember(&cur, SIGUSR1) ? 0 : 11;
}

static void run(void)
{
	char *argv[] = { "vfork02", "--child", "hello", NULL };
	char *envp[] = { NULL };
	sigset_t set;
	int status;
	pid_t pid;

	if (!t_self())
		t_brk(TCONF, "cannot find this program's own path");
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	pid = vfork();
	if (pid == 0) {
		execve(t_self(), argv, envp);
		_exit(127);
	}
	EXPECT(pid > 0);
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		   "exec'ed child checked its args and mask (status 0x%x)", status);
}

const struct t_test t_test = { .run = run, .child_main = child_main };
