/*
 * waitid01: waitid(P_PID, WEXITED) fills siginfo: si_signo SIGCHLD,
 * si_code CLD_EXITED, si_pid, si_uid and si_status the exit code; for a
 * killed child CLD_KILLED with the signal in si_status.
 */
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static void run(void)
{
	siginfo_t si;
	pid_t pid;

	pid = t_fork();
	if (!pid)
		_exit(33);
	memset(&si, 0, sizeof(si));
	EXPECT_OK(waitid(P_PID, pid, &si, WEXITED));
	EXPECT_EQ(si.si_signo, SIGCHLD);
	EXPECT_EQ(si.si_code, CLD_EXITED);
	EXPECT_EQ(si.si_pid, pid);
	EXPECT_EQ(si.si_uid, getuid());
	EXPECT_EQ(si.si_status, 33);

	pid = t_fork();
	if (!pid) {
		pause();
		_exit(0);
	}
	kill(pid, SIGTERM);
	memset(&si, 0, sizeof(si));
	EXPECT_OK(waitid(P_PID, pid, &si, WEXITED));
	EXPECT_EQ(si.si_code, CLD_KILLED);
	EXPECT_EQ(si.si_status, SIGTERM);
}

const struct t_test t_test = { .run = run };
