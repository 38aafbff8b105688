/*
 * ptrace02: ptrace() failures: ESRCH for requests on a process that is not
 * traced by us (or does not exist), EPERM for PTRACE_ATTACH by nobody to
 * a root process and for attaching to oneself, EIO for an unknown
 * request on a stopped tracee.
 */
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "harness.h"

static pid_t target;

static void as_nobody(void)
{
	EXPECT_FAIL(ptrace(PTRACE_ATTACH, target, NULL, NULL), EPERM);
}

static void run(void)
{
	int status;

	target = t_fork();
	if (!target) {
		for (;;)
			pause();
	}
	EXPECT_FAIL(ptrace(PTRACE_CONT, target, NULL, NULL), ESRCH);
	EXPECT_FAIL(ptrace(PTRACE_PEEKDATA, 4194304 + 1, NULL, NULL), ESRCH);
	EXPECT_FAIL(ptrace(PTRACE_ATTACH, getpid(), NULL, NULL), EPERM);
	t_run_as_nobody(as_nobody);
	if (ptrace(PTRACE_ATTACH, target, NULL, NULL) < 0)
		t_brk(TCONF | TERRNO, "PTRACE_ATTACH");
	EXPECT_EQ(waitpid(target, &status, 0), target);
	EXPECT(WIFSTOPPED(status));
	EXPECT_FAIL(syscall(SYS_ptrace, 0x7777, target, NULL, NULL), EIO);
	EXPECT_OK(ptrace(PTRACE_DETACH, target, NULL, NULL));
	kill(target, SIGKILL);
	t_wait(target);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
