/*
 * execve01: execve() replaces the program: the new one gets exactly the
 * given argv and envp, keeps the pid, and its exit status reaches the
 * parent.
 */
#include <sys/wait.h>

#include "harness.h"

extern char **environ;

static int child_main(int argc, char **argv)
{
	const char *pid = getenv("LTP_PID");
	char mine[32];

	snprintf(mine, sizeof(mine), "%d", getpid());
	if (argc != 4 || strcmp(argv[1], "one") || strcmp(argv[2], "") ||
	    strcmp(argv[3], "three four"))
		return 10;
	if (!getenv("LTP_A") || strcmp(getenv("LTP_A"), "a=b") || getenv("HOME"))
		return 11;
	if (!pid || strcmp(pid, mine))
		return 12;
	return 42;
}

static void run(void)
{
	char *argv[] = { "prog", "--child", "one", "", "three four", NULL };
	char penv[32], *envp[] = { "LTP_A=a=b", penv, NULL };
	int status;
	pid_t pid;

	if (!t_self())
		t_brk(TCONF, "cannot find this program's own path");
	pid = t_fork();
	if (!pid) {
		snprintf(penv, sizeof(penv), "LTP_PID=%d", getpid());
		execve(t_self(), argv, envp);
		_exit(127);
	}
	status = t_wait(pid);
	EXPECT_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 42,
		   "new program saw argv, envp and its pid (status 0x%x)", status);
}

const struct t_test t_test = { .run = run, .child_main = child_main };
