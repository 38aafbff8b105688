/*
 * kill02: kill(0, sig) signals every process in the caller's group,
 * kill(-pgid, sig) every process of that group, and processes in other
 * groups are not touched; kill(-pgid) for an empty group gives ESRCH.
 */
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static pid_t child(int own_group)
{
	pid_t pid = t_fork();

	if (!pid) {
		if (own_group)
			setpgid(0, 0);
		for (;;)
			pause();
	}
	if (own_group)
		setpgid(pid, pid);
	return pid;
}

static int died_by(pid_t pid, int sig)
{
	int status = t_wait(pid);

	return WIFSIGNALED(status) && WTERMSIG(status) == sig;
}

static void run(void)
{
	pid_t a, b, c;
	int st;

	a = child(0);
	b = child(0);
	c = child(1);
	EXPECT_OK(kill(-c, SIGTERM));
	EXPECT_MSG(died_by(c, SIGTERM), "kill(-pgid) reached the other group");
	EXPECT_EQ(waitpid(a, &st, WNOHANG), 0);
	signal(SIGTERM, SIG_IGN);	/* we are in the group too */
	EXPECT_OK(kill(0, SIGTERM));
	EXPECT_MSG(died_by(a, SIGTERM) && died_by(b, SIGTERM),
		   "kill(0) reached both children of our group");
	EXPECT_FAIL(kill(-c, SIGTERM), ESRCH);
}

const struct t_test t_test = { .run = run };
