/*
 * waitpid09: WUNTRACED reports a child stopped by SIGSTOP (WIFSTOPPED,
 * WSTOPSIG), WCONTINUED reports it resumed by SIGCONT (WIFCONTINUED); each
 * event is reported once; without the flags stops are not reported.
 */
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static void run(void)
{
	int status;
	pid_t pid;

	pid = t_fork();
	if (!pid) {
		for (;;)
			pause();
	}
	SAFE(kill(pid, SIGSTOP));
	EXPECT_EQ(waitpid(pid, &status, WUNTRACED), pid);
	EXPECT(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP);
	EXPECT_EQ(waitpid(pid, &status, WUNTRACED | WNOHANG), 0);
	SAFE(kill(pid, SIGCONT));
	EXPECT_EQ(waitpid(pid, &status, WCONTINUED), pid);
	EXPECT(WIFCONTINUED(status));
	SAFE(kill(pid, SIGSTOP));
	t_msleep(100);
	EXPECT_EQ(waitpid(pid, &status, WNOHANG), 0);
	SAFE(kill(pid, SIGKILL));
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

const struct t_test t_test = { .run = run };
