/*
 * pidns10: signals sent from inside a pid namespace to its init are
 * dropped when the init has no handler for them: kill(1, SIGKILL),
 * SIGSTOP, SIGTERM and SIGINT from a child of the init, and the init's
 * kill() of itself, all return 0 and the init runs on; a signal it
 * handles (SIGUSR1) is delivered. Its parent outside sees it exit
 * normally.
 */
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	got_usr1 = 1;
}

static void ns_init(void)
{
	struct sigaction sa;
	pid_t c;

	c = fork();
	if (c == 0) {
		EXPECT_EQ(kill(1, SIGKILL), 0);
		EXPECT_EQ(kill(1, SIGSTOP), 0);
		EXPECT_EQ(kill(1, SIGTERM), 0);
		EXPECT_EQ(kill(1, SIGINT), 0);
		_exit(0);
	}
	t_reap(c);
	t_msleep(50);
	EXPECT_EQ(kill(1, SIGKILL), 0);
	EXPECT_EQ(kill(getpid(), SIGTERM), 0);
	t_msleep(50);
	t_res(TPASS, "the init survived SIGKILL, SIGSTOP, SIGTERM and SIGINT from inside");

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	SAFE(sigaction(SIGUSR1, &sa, NULL));
	c = fork();
	if (c == 0) {
		EXPECT_EQ(kill(1, SIGUSR1), 0);
		_exit(0);
	}
	t_reap(c);
	for (int i = 0; i < 500 && !got_usr1; i++)
		t_msleep(10);
	EXPECT_MSG(got_usr1, "the init's SIGUSR1 handler ran");
}

static void run(void)
{
	pid_t pid = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	int status;

	if (pid < 0)
		t_brk(TBROK | TERRNO, "clone(CLONE_NEWPID)");
	if (pid == 0) {
		ns_init();
		_exit(0);
	}
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the init exited normally");
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
