/*
 * waitpid01: a child killed by a signal reports WIFSIGNALED with the
 * signal number: sent with kill(), SIGSEGV from a bad access, SIGFPE from
 * integer division by zero, SIGABRT from abort().
 */
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "harness.h"

static volatile int zero, seven = 7;

static void expect_sig(int how, int sig)
{
	struct rlimit rl = { 0, 0 };
	int status;
	pid_t pid = t_fork();

	if (!pid) {
		setrlimit(RLIMIT_CORE, &rl);
		switch (how) {
		case 0: pause(); break;
		case 1: *(volatile int *)t_bad_addr() = 1; break;
		case 2: zero = seven / zero; break;
		case 3: abort();
		}
		_exit(0);
	}
	if (how == 0)
		kill(pid, sig);
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_MSG(WIFSIGNALED(status) && WTERMSIG(status) == sig,
		   "child killed by %s (status 0x%x)", t_signame(sig), status);
}

static void run(void)
{
	expect_sig(0, SIGTERM);
	expect_sig(0, SIGKILL);
	expect_sig(0, SIGUSR1);
	expect_sig(1, SIGSEGV);
	expect_sig(2, SIGFPE);
	expect_sig(3, SIGABRT);
}

const struct t_test t_test = { .run = run };
