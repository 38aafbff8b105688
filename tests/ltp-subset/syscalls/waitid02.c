/*
 * waitid02: waitid() failures: EINVAL for options without any of WEXITED,
 * WSTOPPED, WCONTINUED and for a bad idtype; ECHILD with no matching child;
 * with WNOHANG and a running child it returns 0 and si_pid 0.
 */
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static void run(void)
{
	siginfo_t si;
	pid_t pid;

	EXPECT_FAIL(waitid(P_ALL, 0, &si, 0), EINVAL);
	EXPECT_FAIL(waitid(P_ALL, 0, &si, WNOHANG), EINVAL);
	EXPECT_FAIL(waitid((idtype_t)42, 0, &si, WEXITED), EINVAL);
	EXPECT_FAIL(waitid(P_ALL, 0, &si, WEXITED), ECHILD);
	pid = t_fork();
	if (!pid) {
		pause();
		_exit(0);
	}
	EXPECT_FAIL(waitid(P_PID, pid + 100000, &si, WEXITED), ECHILD);
	memset(&si, 0xff, sizeof(si));
	EXPECT_OK(waitid(P_PID, pid, &si, WEXITED | WNOHANG));
	EXPECT_EQ(si.si_pid, 0);
	kill(pid, SIGKILL);
	EXPECT_OK(waitid(P_ALL, 0, &si, WEXITED));
	EXPECT_EQ(si.si_pid, pid);
}

const struct t_test t_test = { .run = run };
