/*
 * fork01: fork() returns the child's pid in the parent and 0 in the child;
 * the child's getpid() equals that pid and its getppid() the parent's pid;
 * wait() returns the pid with the child's exit status.
 */
#include <sys/wait.h>

#include "harness.h"

static void run(void)
{
	int fds[2], status;
	pid_t pid, parent = getpid(), seen[2];

	SAFE(pipe(fds));
	pid = fork();
	if (pid == 0) {
		seen[0] = getpid();
		seen[1] = getppid();
		if (write(fds[1], seen, sizeof(seen)) != sizeof(seen))
			_exit(3);
		_exit(7);
	}
	EXPECT(pid > 0);
	if (pid < 0)
		return;
	close(fds[1]);
	EXPECT_EQ(read(fds[0], seen, sizeof(seen)), sizeof(seen));
	EXPECT_EQ(seen[0], pid);
	EXPECT_EQ(seen[1], parent);
	EXPECT_EQ(wait(&status), pid);
	EXPECT(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 7);
	EXPECT_FAIL(wait(&status), ECHILD);
}

const struct t_test t_test = { .run = run };
