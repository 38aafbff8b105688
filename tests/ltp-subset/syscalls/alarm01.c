/*
 * alarm01: alarm() returns the seconds left on the previous alarm (0 if
 * none), alarm(0) cancels, a pending alarm raises SIGALRM after its time,
 * and a fork child does not inherit the parent's alarm.
 */
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static volatile int fired;

static void handler(int sig)
{
	fired++;
}

static void run(void)
{
	int status;
	pid_t pid;
	long long t0;

	signal(SIGALRM, handler);
	EXPECT_EQ(alarm(10), 0);
	EXPECT_EQ(alarm(20), 10);
	EXPECT_EQ(alarm(0), 20);
	EXPECT_EQ(alarm(0), 0);
	alarm(1);
	pid = t_fork();
	if (!pid) {
		/* No alarm here: remaining time 0, and SIGALRM would kill. */
		signal(SIGALRM, SIG_DFL);
		_exit(alarm(0) == 0 ? 0 : 1);
	}
	status = t_wait(pid);
	EXPECT_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		   "child has no pending alarm");
	t0 = t_now_us();
	while (!fired && t_now_us() - t0 < 3000000)
		pause();
	EXPECT_EQ(fired, 1);
	EXPECT_MSG(t_now_us() - t0 > 300000, "SIGALRM came after the set time");
}

const struct t_test t_test = { .run = run };
