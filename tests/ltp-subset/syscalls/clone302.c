/*
 * clone302: clone3() argument checks: EINVAL for a size below the first
 * version (64 bytes), E2BIG for a larger struct with non-zero tail bytes,
 * EFAULT for a bad pointer, EINVAL for an exit signal above _NSIG and for
 * CLONE_SIGHAND without CLONE_VM.
 */
#include <sched.h>
#include <signal.h>

#include "harness.h"

static long clone3(void *args, size_t size)
{
	long r = syscall(SYS_clone3, args, size);

	if (r == 0)
		_exit(0);
	return r;
}

static void run(void)
{
	struct { struct t_clone_args a; uint64_t extra[8]; } big;
	struct t_clone_args args;

	memset(&args, 0, sizeof(args));
	args.exit_signal = SIGCHLD;
	if (clone3(&args, 0) == -1 && errno == ENOSYS)
		t_brk(TCONF, "clone3 not supported");
	EXPECT_FAIL(clone3(&args, 0), EINVAL);
	EXPECT_FAIL(clone3(&args, T_CLONE_ARGS_SIZE_VER0 - 8), EINVAL);
	memset(&big, 0, sizeof(big));
	big.a.exit_signal = SIGCHLD;
	big.extra[3] = 1;
	EXPECT_FAIL(clone3(&big, sizeof(big)), E2BIG);
	EXPECT_FAIL(clone3(t_bad_addr(), sizeof(args)), EFAULT);
	args.exit_signal = 100;
	EXPECT_FAIL(clone3(&args, sizeof(args)), EINVAL);
	args.exit_signal = SIGCHLD;
	args.flags = CLONE_SIGHAND;
	EXPECT_FAIL(clone3(&args, sizeof(args)), EINVAL);
}

const struct t_test t_test = { .run = run };
