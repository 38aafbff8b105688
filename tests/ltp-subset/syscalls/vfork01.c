/*
 * vfork01: after vfork() the parent is suspended until the child calls
 * _exit() (or execve); the child runs with its own pid whose parent is the
 * caller, and the parent then sees the child's exit status.
 */
#include <sys/wait.h>

#include "harness.h"

static volatile int child_ran;

static void run(void)
{
	pid_t parent = getpid(), pid;
	int status;

	pid = vfork();
	if (pid == 0) {
		/* Shared memory with the suspended parent: write a flag. */
		child_ran = getppid() == parent ? 1 : 2;
		_exit(3);
	}
	EXPECT(pid > 0);
	EXPECT_MSG(child_ran == 1, "the child ran to _exit before the parent resumed");
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 3);
}

const struct t_test t_test = { .run = run };
