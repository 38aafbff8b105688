/*
 * setresuid01: setresuid() sets any of the three uids as root (-1 leaves
 * one); unprivileged, each new value must be one of the current real,
 * effective or saved uids (EPERM otherwise); setresgid() likewise for
 * gids.
 */
#include "harness.h"

static void run(void)
{
	pid_t pid = t_fork();

	if (!pid) {
		uid_t r, e, s;
		gid_t gr, ge, gs;

		EXPECT_OK(setresgid(10, 20, 30));
		EXPECT_OK(setresuid(1, 2, 3));
		SAFE(getresuid(&r, &e, &s));
		EXPECT(r == 1 && e == 2 && s == 3);
		EXPECT_OK(setresuid(3, 1, -1));
		SAFE(getresuid(&r, &e, &s));
		EXPECT(r == 3 && e == 1 && s == 3);
		EXPECT_FAIL(setresuid(4, -1, -1), EPERM);
		EXPECT_FAIL(setresuid(-1, 0, -1), EPERM);
		EXPECT_OK(setresuid(-1, -1, 1));
		SAFE(getresuid(&r, &e, &s));
		EXPECT(r == 3 && e == 1 && s == 1);
		/* Now unprivileged for gids too. */
		EXPECT_OK(setresgid(30, 10, -1));
		SAFE(getresgid(&gr, &ge, &gs));
		EXPECT(gr == 30 && ge == 10 && gs == 30);
		EXPECT_FAIL(setresgid(99, -1, -1), EPERM);
		_exit(0);
	}
	t_reap(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
