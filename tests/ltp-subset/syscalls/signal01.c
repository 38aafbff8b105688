/*
 * signal01: SIG_IGN ignores a signal, SIG_DFL restores the default (death
 * for SIGUSR1, nothing for SIGCHLD and SIGURG); SIGKILL cannot be caught
 * or ignored (EINVAL); ignored dispositions survive execve, handlers are
 * reset to default.
 */
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "harness.h"

static void handler(int sig)
{
}

static int child_main(int argc, char **argv)
{
	struct sigaction sa;

	sigaction(SIGUSR1, NULL, &sa);
	if (sa.sa_handler != SIG_IGN)
		return 10;
	sigaction(SIGUSR2, NULL, &sa);
	if (sa.sa_handler != SIG_DFL)
		return 11;
	return 0;
}

static void run(void)
{
	int status;
	pid_t pid;

	EXPECT(signal(SIGUSR1, SIG_IGN) != SIG_ERR);
	raise(SIGUSR1);
	EXPECT(signal(SIGCHLD, SIG_DFL) != SIG_ERR);
	raise(SIGCHLD);
	raise(SIGURG);
	t_res(TPASS, "ignored SIGUSR1 and default SIGCHLD/SIGURG did not kill us");
	errno = 0;
	EXPECT_MSG(signal(SIGKILL, SIG_IGN) == SIG_ERR && errno == EINVAL,
		   "signal(SIGKILL, SIG_IGN) fails with EINVAL");
	EXPECT_MSG(signal(SIGSTOP, handler) == SIG_ERR && errno == EINVAL,
		   "signal(SIGSTOP, handler) fails with EINVAL");
	pid = t_fork();
	if (!pid) {
		signal(SIGUSR1, SIG_DFL);
		raise(SIGUSR1);
		_exit(0);
	}
	status = t_wait(pid);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR1);
	if (!t_self())
		return;
	signal(SIGUSR2, handler);
	pid = t_fork();
	if (!pid) {
		execl(t_self(), "signal01", "--child", (char *)NULL);
		_exit(127);
	}
	status = t_wait(pid);
	EXPECT_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		   "after execve SIG_IGN is kept and a handler is reset (0x%x)", status);
}

const struct t_test t_test = { .run = run, .child_main = child_main };
