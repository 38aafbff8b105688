/*
 * fork13: many forks in a row give distinct live pids, each child's pid is
 * returned by wait; pids of exited and reaped children may be reused but
 * two live children never share one.
 */
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

#define N 200

static void run(void)
{
	static pid_t pids[N];
	int dup = 0, reaped = 0, status;
	pid_t p;

	for (int i = 0; i < N; i++) {
		pids[i] = t_fork();
		if (!pids[i]) {
			pause();
			_exit(0);
		}
	}
	for (int i = 0; i < N; i++)
		for (int j = i + 1; j < N; j++)
			if (pids[i] == pids[j])
				dup++;
	EXPECT_EQ(dup, 0);
	kill(0, 0);
	for (int i = 0; i < N; i++)
		kill(pids[i], SIGKILL);
	while ((p = wait(&status)) > 0) {
		int known = 0;
		for (int i = 0; i < N; i++)
			known |= pids[i] == p;
		reaped += known && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
	}
	EXPECT_EQ(reaped, N);
	EXPECT_EQ(errno, ECHILD);
}

const struct t_test t_test = { .run = run };
