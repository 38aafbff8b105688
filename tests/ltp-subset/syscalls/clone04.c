/*
 * clone04: raw clone() failures: EINVAL for CLONE_SIGHAND without CLONE_VM,
 * for CLONE_THREAD without CLONE_SIGHAND, and for CLONE_NEWNS together
 * with CLONE_FS.
 */
#include <sched.h>
#include <signal.h>

#include "harness.h"

static long raw_clone(unsigned long flags)
{
	/* x86_64 order: flags, stack, parent_tid, child_tid, tls */
	long r = syscall(SYS_clone, flags, 0, 0, 0, 0);

	if (r == 0)
		_exit(0);	/* never expected: don't run on */
	return r;
}

static void run(void)
{
	EXPECT_FAIL(raw_clone(CLONE_SIGHAND | SIGCHLD), EINVAL);
	EXPECT_FAIL(raw_clone(CLONE_THREAD | CLONE_VM | SIGCHLD), EINVAL);
	EXPECT_FAIL(raw_clone(CLONE_NEWNS | CLONE_FS | SIGCHLD), EINVAL);
}

const struct t_test t_test = { .run = run };
