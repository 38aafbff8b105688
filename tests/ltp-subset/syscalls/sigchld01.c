/*
 * sigchld01: with SIGCHLD set to SIG_IGN (or SA_NOCLDWAIT), exited
 * children are reaped automatically and wait() blocks until all are gone,
 * then fails with ECHILD; SA_NOCLDSTOP stops SIGCHLD for stopped children.
 */
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static volatile int chld;

static void on_chld(int sig)
{
	chld++;
}

static void run(void)
{
	struct sigaction sa = { .sa_handler = on_chld, .sa_flags = SA_NOCLDSTOP };
	int status;
	pid_t pid;

	signal(SIGCHLD, SIG_IGN);
	for (int i = 0; i < 3; i++)
		if (!t_fork())
			_exit(0);
	EXPECT_FAIL(wait(&status), ECHILD);

	SAFE(sigaction(SIGCHLD, &sa, NULL));
	pid = t_fork();
	if (!pid) {
		for (;;)
			pause();
	}
	kill(pid, SIGSTOP);
	SAFE(waitpid(pid, &status, WUNTRACED));
	EXPECT(WIFSTOPPED(status));
	t_msleep(50);
	EXPECT_MSG(chld == 0, "no SIGCHLD for a stop with SA_NOCLDSTOP");
	kill(pid, SIGKILL);
	SAFE(waitpid(pid, &status, 0));
	EXPECT_MSG(chld >= 1, "SIGCHLD for the exit");

	sa.sa_flags = SA_NOCLDWAIT;
	SAFE(sigaction(SIGCHLD, &sa, NULL));
	if (!t_fork())
		_exit(0);
	EXPECT_FAIL(wait(&status), ECHILD);
}

const struct t_test t_test = { .run = run };
