/*
 * setrlimit02: setrlimit() failures: EINVAL for soft > hard and for an
 * unknown resource; EPERM when an unprivileged process raises its hard
 * limit; EPERM for RLIMIT_NOFILE above fs.nr_open even as root; EFAULT
 * for a bad pointer (raw call). Lowering the hard limit is allowed and
 * permanent for the unprivileged.
 */
#include <sys/resource.h>

#include "harness.h"

static void run(void)
{
	struct rlimit rl = { 20, 10 };
	pid_t pid;

	EXPECT_FAIL(setrlimit(RLIMIT_NOFILE, &rl), EINVAL);
	rl.rlim_cur = 10;
	EXPECT_FAIL(setrlimit(RLIM_NLIMITS, &rl), EINVAL);
	rl.rlim_cur = rl.rlim_max = (rlim_t)1 << 40;
	EXPECT_FAIL(setrlimit(RLIMIT_NOFILE, &rl), EPERM);
	EXPECT_FAIL(syscall(SYS_setrlimit, RLIMIT_NOFILE, t_bad_addr()), EFAULT);
	pid = t_fork();
	if (!pid) {
		t_become_nobody();
		rl.rlim_cur = rl.rlim_max = 100;
		EXPECT_OK(setrlimit(RLIMIT_NOFILE, &rl));
		rl.rlim_max = 101;
		EXPECT_FAIL(setrlimit(RLIMIT_NOFILE, &rl), EPERM);
		rl.rlim_cur = 50;
		rl.rlim_max = 100;
		EXPECT_OK(setrlimit(RLIMIT_NOFILE, &rl));
		_exit(0);
	}
	t_reap(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
