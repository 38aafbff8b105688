/*
 * pidns11: orphans in a pid namespace go to the namespace's init, not to
 * the system's: a grandchild whose parent exits sees getppid() become 1,
 * and the init reaps it with waitpid(-1) (its number there, 3, and its
 * status). The caller outside gets nothing but the init.
 */
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static void ns_init(void)
{
	pid_t c, gc, w;
	int status;

	c = fork();
	if (c == 0) {
		gc = fork();
		if (gc == 0) {
			for (int i = 0; i < 1000 && getppid() != 1; i++)
				t_msleep(5);
			_exit(getppid() == 1 ? 7 : 8);
		}
		_exit(gc == 3 ? 0 : 1);
	}
	EXPECT_EQ(c, 2);
	EXPECT_EQ(waitpid(c, &status, 0), 2);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	w = waitpid(-1, &status, 0);
	EXPECT_EQ(w, 3);
	EXPECT_MSG(w == 3 && WIFEXITED(status) && WEXITSTATUS(status) == 7,
		   "the orphan saw getppid() == 1 and was reaped by the init");
	EXPECT_FAIL(waitpid(-1, &status, WNOHANG), ECHILD);
}

static void run(void)
{
	pid_t pid = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	int status;

	if (pid < 0)
		t_brk(TBROK | TERRNO, "clone(CLONE_NEWPID)");
	if (pid == 0) {
		ns_init();
		_exit(0);
	}
	t_reap(pid);
	EXPECT_FAIL(waitpid(-1, &status, WNOHANG), ECHILD);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
