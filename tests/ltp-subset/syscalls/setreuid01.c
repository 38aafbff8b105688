/*
 * setreuid01: setreuid() semantics: root may set any real and effective
 * uid; setting the real uid or the effective uid to something other than
 * the old real uid also sets the saved uid to the new effective uid; an
 * unprivileged process may only swap between its real and effective uid
 * (EPERM otherwise); -1 leaves a value alone.
 */
#include "harness.h"

static void ids(uid_t r, uid_t e, uid_t s)
{
	uid_t gr, ge, gs;

	SAFE(getresuid(&gr, &ge, &gs));
	EXPECT_MSG(gr == r && ge == e && gs == s, "ids %d/%d/%d (wanted %d/%d/%d)",
		   gr, ge, gs, r, e, s);
}

static void run(void)
{
	pid_t pid = t_fork();

	if (!pid) {
		EXPECT_OK(setreuid(100, 200));
		ids(100, 200, 200);
		EXPECT_OK(setreuid(-1, 100));	/* back to the real uid */
		ids(100, 100, 200);
		EXPECT_OK(setreuid(-1, 200));	/* to the saved uid */
		ids(100, 200, 200);
		EXPECT_OK(setreuid(200, 100));	/* swap */
		ids(200, 100, 100);
		EXPECT_FAIL(setreuid(-1, 300), EPERM);
		EXPECT_FAIL(setreuid(300, -1), EPERM);
		EXPECT_FAIL(setreuid(0, 0), EPERM);
		_exit(0);
	}
	t_reap(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
