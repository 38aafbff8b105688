/*
 * sigaction04: a SA_SIGINFO SIGCHLD handler learns which child changed
 * state and how: si_code CLD_EXITED with si_status the exit code,
 * CLD_KILLED with the signal, CLD_STOPPED with the stop signal; si_pid and
 * si_uid identify the child.
 */
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static volatile int code, status, count;
static volatile pid_t from;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	code = si->si_code;
	status = si->si_status;
	from = si->si_pid;
	count++;
}

static void wait_count(int n)
{
	for (int i = 0; i < 500 && count < n; i++)
		t_msleep(5);
}

static void run(void)
{
	struct sigaction sa = { .sa_sigaction = on_chld, .sa_flags = SA_SIGINFO };
	int st;
	pid_t pid;

	SAFE(sigaction(SIGCHLD, &sa, NULL));
	pid = t_fork();
	if (!pid)
		_exit(12);
	wait_count(1);
	EXPECT(code == CLD_EXITED && status == 12 && from == pid);
	SAFE(waitpid(pid, &st, 0));
	pid = t_fork();
	if (!pid) {
		for (;;)
			pause();
	}
	kill(pid, SIGSTOP);
	wait_count(2);
	EXPECT(code == CLD_STOPPED && status == SIGSTOP && from == pid);
	kill(pid, SIGKILL);
	wait_count(3);
	EXPECT(code == CLD_KILLED && status == SIGKILL && from == pid);
	SAFE(waitpid(pid, &st, 0));
}

const struct t_test t_test = { .run = run };
