/*
 * kill03: SIGKILL and SIGSTOP cannot be blocked, caught or ignored: a child
 * blocking every signal and ignoring all it can keeps running after
 * SIGTERM, is stopped by SIGSTOP, continued by SIGCONT, and killed by
 * SIGKILL.
 */
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static void run(void)
{
	struct t_chan ready;
	int status;
	pid_t pid;

	t_chan_open(&ready);
	pid = t_fork();
	if (!pid) {
		sigset_t all;
		sigfillset(&all);
		sigprocmask(SIG_SETMASK, &all, NULL);
		for (int s = 1; s < 32; s++)
			signal(s, SIG_IGN);
		t_chan_post(&ready);
		for (;;)
			pause();
	}
	t_chan_wait(&ready);
	SAFE(kill(pid, SIGTERM));
	SAFE(kill(pid, SIGINT));
	t_msleep(50);
	EXPECT_EQ(waitpid(pid, &status, WNOHANG), 0);
	SAFE(kill(pid, SIGSTOP));
	EXPECT_EQ(waitpid(pid, &status, WUNTRACED), pid);
	EXPECT(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP);
	SAFE(kill(pid, SIGCONT));
	EXPECT_EQ(waitpid(pid, &status, WCONTINUED), pid);
	EXPECT(WIFCONTINUED(status));
	SAFE(kill(pid, SIGKILL));
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

const struct t_test t_test = { .run = run };
