/*
 * pause01: pause() sleeps until a signal runs a handler, then returns -1
 * with EINTR; an ignored signal does not wake it (the process is still
 * blocked, then killed).
 */
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static void handler(int sig)
{
}

static void run(void)
{
	pid_t ticker;
	int status;
	pid_t pid;

	signal(SIGUSR1, handler);
	ticker = t_signal_repeatedly(SIGUSR1, 100);
	EXPECT_FAIL(pause(), EINTR);
	t_signal_stop(ticker);

	signal(SIGUSR2, SIG_IGN);	/* inherited: no window before the child's pause */
	pid = t_fork();
	if (!pid) {
		pause();
		_exit(3);
	}
	signal(SIGUSR2, SIG_DFL);
	t_msleep(50);
	kill(pid, SIGUSR2);
	t_msleep(50);
	kill(pid, SIGKILL);
	status = t_wait(pid);
	EXPECT_MSG(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
		   "ignored signal did not end pause() (status 0x%x)", status);
}

const struct t_test t_test = { .run = run };
