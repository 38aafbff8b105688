/*
 * waitid03: WSTOPPED and WCONTINUED report CLD_STOPPED (si_status the stop
 * signal) and CLD_CONTINUED; WNOWAIT leaves the child waitable, so a
 * second waitid returns the same exit; P_PGID selects by process group.
 */
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static void run(void)
{
	siginfo_t si;
	pid_t pid;

	pid = t_fork();
	if (!pid) {
		setpgid(0, 0);
		for (;;)
			pause();
	}
	setpgid(pid, pid);
	SAFE(kill(pid, SIGSTOP));
	EXPECT_OK(waitid(P_PID, pid, &si, WSTOPPED));
	EXPECT_EQ(si.si_code, CLD_STOPPED);
	EXPECT_EQ(si.si_status, SIGSTOP);
	SAFE(kill(pid, SIGCONT));
	EXPECT_OK(waitid(P_PID, pid, &si, WCONTINUED));
	EXPECT_EQ(si.si_code, CLD_CONTINUED);
	SAFE(kill(pid, SIGKILL));
	memset(&si, 0, sizeof(si));
	EXPECT_OK(waitid(P_PGID, pid, &si, WEXITED | WNOWAIT));
	EXPECT_EQ(si.si_pid, pid);
	EXPECT_EQ(si.si_code, CLD_KILLED);
	memset(&si, 0, sizeof(si));
	EXPECT_OK(waitid(P_PID, pid, &si, WEXITED));
	EXPECT_EQ(si.si_pid, pid);
	EXPECT_FAIL(waitid(P_PID, pid, &si, WEXITED), ECHILD);
}

const struct t_test t_test = { .run = run };
