/*
 * pidns01: a child cloned with CLONE_NEWPID is PID 1 of a new pid
 * namespace: getpid() and gettid() are 1 and getppid() is 0 (its parent
 * is outside); CLONE_CHILD_SETTID stores 1, while clone()'s return and
 * CLONE_PARENT_SETTID give the child's pid in the caller's namespace,
 * where the caller waits for it. The init's own children are 2, 3, ...
 * with getppid() 1; the init may not clone with CLONE_PARENT (EINVAL).
 * clone3() with CLONE_NEWPID does the same. CLONE_NEWPID with
 * CLONE_THREAD is EINVAL; without privilege clone and unshare with
 * CLONE_NEWPID are EPERM.
 */
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

/* Like fork: the child returns 0 on the same stack. */
static long raw_clone(unsigned long flags, pid_t *ptid, pid_t *ctid)
{
	return syscall(SYS_clone, flags, 0, ptid, ctid, 0);
}

/* A clone that must fail: a child that appears anyway ends at once. */
static long clone_fail(unsigned long flags)
{
	long r = raw_clone(flags, NULL, NULL);

	if (r == 0)
		_exit(0);
	return r;
}

static void ns_init(void)
{
	pid_t c;

	EXPECT_EQ(getpid(), 1);
	EXPECT_EQ(syscall(SYS_gettid), 1);
	EXPECT_EQ(getppid(), 0);
	EXPECT_FAIL(clone_fail(CLONE_PARENT | SIGCHLD), EINVAL);
	c = fork();
	if (c == 0) {
		EXPECT_EQ(getpid(), 2);
		EXPECT_EQ(getppid(), 1);
		_exit(0);
	}
	EXPECT_EQ(c, 2);
	t_reap(c);
	c = fork();
	if (c == 0)
		_exit(0);
	EXPECT_EQ(c, 3);
	t_reap(c);
}

static void as_nobody(void)
{
	EXPECT_FAIL(clone_fail(CLONE_NEWPID | SIGCHLD), EPERM);
	EXPECT_FAIL(unshare(CLONE_NEWPID), EPERM);
}

static void run(void)
{
	struct t_clone_args args;
	pid_t ptid = 0, ctid = 0;
	int status;
	long pid;

	pid = raw_clone(CLONE_NEWPID | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | SIGCHLD, &ptid,
			&ctid);
	if (pid < 0)
		t_brk(TBROK | TERRNO, "clone(CLONE_NEWPID)");
	if (pid == 0) {
		EXPECT_EQ(ctid, 1);
		ns_init();
		_exit(0);
	}
	EXPECT(pid > 1);
	EXPECT_EQ(ptid, pid);
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	memset(&args, 0, sizeof(args));
	args.flags = CLONE_NEWPID;
	args.exit_signal = SIGCHLD;
	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid == 0)
		_exit(getpid() == 1 && getppid() == 0 ? 42 : 1);
	EXPECT(pid > 1);
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 42,
		   "clone3(CLONE_NEWPID) child is 1 with parent 0");

	EXPECT_FAIL(clone_fail(CLONE_NEWPID | CLONE_THREAD | CLONE_SIGHAND | CLONE_VM), EINVAL);
	t_run_as_nobody(as_nobody);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
