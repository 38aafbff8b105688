/*
 * getrlimit01: getrlimit() succeeds for every resource 0..15 with soft <=
 * hard; unknown resources give EINVAL; a bad pointer gives EFAULT (raw
 * call); prlimit64() on ourselves (pid 0) returns the same values.
 */
#include <sys/resource.h>

#include "harness.h"

static void run(void)
{
	struct rlimit rl, rl2;
	int bad = 0;

	for (int res = 0; res < RLIM_NLIMITS; res++) {
		if (getrlimit(res, &rl) < 0 || rl.rlim_cur > rl.rlim_max)
			bad++;
		if (syscall(SYS_prlimit64, 0, res, NULL, &rl2) < 0 ||
		    rl2.rlim_cur != rl.rlim_cur || rl2.rlim_max != rl.rlim_max)
			bad++;
	}
	EXPECT_MSG(bad == 0, "all %d resources readable and consistent", RLIM_NLIMITS);
	EXPECT_FAIL(getrlimit(RLIM_NLIMITS, &rl), EINVAL);
	EXPECT_FAIL(getrlimit(-1, &rl), EINVAL);
	EXPECT_FAIL(syscall(SYS_getrlimit, RLIMIT_NOFILE, t_bad_addr()), EFAULT);
}

const struct t_test t_test = { .run = run };
