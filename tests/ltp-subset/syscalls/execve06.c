/*
 * execve06: execve() argument limits: a single argument longer than
 * MAX_ARG_STRLEN (32 pages) fails with E2BIG, as does an argument list
 * larger than a quarter of RLIMIT_STACK; a large but valid list (1000
 * arguments) arrives intact.
 */
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "harness.h"

#define MANY 1000

static int child_main(int argc, char **argv)
{
	char want[16];

	if (argc != MANY + 1)
		return 10;
	for (int i = 1; i <= MANY; i++) {
		snprintf(want, sizeof(want), "arg%d", i);
		if (strcmp(argv[i], want))
			return 11;
	}
	return 0;
}

static void run(void)
{
	static char *args[MANY + 3];
	char *huge = malloc(33 * 4096);
	char *const one[] = { "x", huge, NULL };
	int status;
	pid_t pid;

	if (!t_self())
		t_brk(TCONF, "cannot find this program's own path");
	memset(huge, 'a', 33 * 4096 - 1);
	huge[33 * 4096 - 1] = 0;
	EXPECT_FAIL(execve(t_self(), one, NULL), E2BIG);
	pid = t_fork();
	if (!pid) {
		struct rlimit rl = { 64 * 1024, 64 * 1024 };
		char *const mid[] = { "x", huge + 33 * 4096 - 30000, NULL };
		char *const mid3[] = { "x", mid[1], mid[1], mid[1], NULL };
		SAFE(setrlimit(RLIMIT_STACK, &rl));
		(void)mid;
		execve(t_self(), mid3, NULL);
		_exit(errno == E2BIG ? 0 : 1);
	}
	status = t_wait(pid);
	EXPECT_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		   "90 KB of arguments with a 64 KB stack limit: E2BIG");
	args[0] = "execve06";
	args[1] = "--child";
	for (int i = 1; i <= MANY; i++) {
		args[i + 1] = malloc(16);
		snprintf(args[i + 1], 16, "arg%d", i);
	}
	pid = t_fork();
	if (!pid) {
		execve(t_self(), args, NULL);
		_exit(127);
	}
	status = t_wait(pid);
	EXPECT_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		   "%d arguments arrived intact (status 0x%x)", MANY, status);
}

const struct t_test t_test = { .run = run, .child_main = child_main };
