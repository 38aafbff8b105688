/*
 * mlock01: mlock() and munlock() succeed on mapped memory (pages become
 * resident); mlock fails with ENOMEM on unmapped ranges; an unprivileged
 * process with RLIMIT_MEMLOCK 0 gets EPERM; mlockall/munlockall succeed,
 * mlockall with no flags fails with EINVAL.
 */
#include <sys/mman.h>
#include <sys/resource.h>

#include "harness.h"

static void run(void)
{
	long pg = t_page();
	unsigned char vec[4];
	char *p;
	pid_t pid;

	p = SAFE_MMAP(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT_OK(mlock(p, 4 * pg));
	SAFE(mincore(p, 4 * pg, vec));
	EXPECT((vec[0] & vec[1] & vec[2] & vec[3]) & 1);
	EXPECT_OK(munlock(p, 4 * pg));
	SAFE(munmap(p + 2 * pg, 2 * pg));
	EXPECT_FAIL(mlock(p, 4 * pg), ENOMEM);
	EXPECT_FAIL(mlockall(0), EINVAL);
	EXPECT_OK(mlockall(MCL_CURRENT));
	EXPECT_OK(munlockall());
	pid = t_fork();
	if (!pid) {
		struct rlimit rl = { 0, 0 };
		SAFE(setrlimit(RLIMIT_MEMLOCK, &rl));
		t_become_nobody();
		EXPECT_FAIL(mlock(p, pg), EPERM);
		_exit(0);
	}
	t_reap(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
