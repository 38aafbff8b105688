/*
 * ptrace01: a child that calls PTRACE_TRACEME and raises SIGSTOP is
 * reported stopped to its tracer; the tracer can read a word of its memory
 * (PTRACE_PEEKDATA), write one (POKEDATA) that the child then sees, read
 * its registers, and let it go on with PTRACE_CONT until it exits.
 */
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>

#include "harness.h"

static volatile long shared_word = 0x1122334455667788L;

static void run(void)
{
	struct user_regs_struct regs;
	int status;
	long v;
	pid_t pid;

	pid = t_fork();
	if (!pid) {
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0)
			_exit(100);
		raise(SIGSTOP);
		_exit(shared_word == 42 ? 0 : 1);
	}
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 100)
		t_brk(TCONF, "ptrace not permitted here");
	EXPECT(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP);
	errno = 0;
	v = ptrace(PTRACE_PEEKDATA, pid, (void *)&shared_word, NULL);
	EXPECT_MSG(errno == 0 && v == 0x1122334455667788L, "PEEKDATA read 0x%lx", v);
	EXPECT_OK(ptrace(PTRACE_POKEDATA, pid, (void *)&shared_word, (void *)42L));
	EXPECT_OK(ptrace(PTRACE_GETREGS, pid, NULL, &regs));
	EXPECT(regs.rip != 0 && regs.rsp != 0);
	EXPECT_OK(ptrace(PTRACE_CONT, pid, NULL, NULL));
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		   "child saw the poked value (status 0x%x)", status);
	EXPECT_EQ(shared_word, 0x1122334455667788L);
}

const struct t_test t_test = { .run = run };
