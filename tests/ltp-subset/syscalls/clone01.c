/*
 * clone01: clone() with SIGCHLD as the exit signal and a fresh stack runs
 * the function in a new process; the parent gets its pid and, via wait,
 * the function's return value as the exit status.
 */
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "harness.h"

#define STACK (256 * 1024)

static int child_fn(void *arg)
{
	return *(int *)arg + 1;
}

static void run(void)
{
	char *stack = malloc(STACK);
	int arg = 41, status;
	pid_t pid;

	pid = EXPECT_OK(clone(child_fn, stack + STACK, SIGCHLD, &arg));
	if (pid < 0)
		return;
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 42);
	free(stack);
}

const struct t_test t_test = { .run = run };
