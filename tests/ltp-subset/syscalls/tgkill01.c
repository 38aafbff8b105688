/*
 * tgkill01: tgkill() and tkill() deliver a signal to a thread id (here the
 * main thread, tid == pid); the handler runs; failures: EINVAL (tid <= 0,
 * tgid <= 0, bad signal), ESRCH (tid not in that thread group).
 */
#include <signal.h>

#include "harness.h"

static volatile int got;

static void handler(int sig)
{
	got = sig;
}

static void run(void)
{
	pid_t me = getpid();

	signal(SIGUSR1, handler);
	EXPECT_OK(syscall(SYS_tgkill, me, me, SIGUSR1));
	EXPECT_EQ(got, SIGUSR1);
	got = 0;
	EXPECT_OK(syscall(SYS_tkill, me, SIGUSR1));
	EXPECT_EQ(got, SIGUSR1);
	EXPECT_OK(syscall(SYS_tgkill, me, me, 0));
	EXPECT_FAIL(syscall(SYS_tgkill, me, 0, SIGUSR1), EINVAL);
	EXPECT_FAIL(syscall(SYS_tgkill, 0, me, SIGUSR1), EINVAL);
	EXPECT_FAIL(syscall(SYS_tgkill, me, me, 100), EINVAL);
	EXPECT_FAIL(syscall(SYS_tkill, -1, SIGUSR1), EINVAL);
	EXPECT_FAIL(syscall(SYS_tgkill, getppid(), me, SIGUSR1), ESRCH);
}

const struct t_test t_test = { .run = run };
