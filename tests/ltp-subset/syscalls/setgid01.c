/*
 * setgid01: root's setgid() sets real, effective and saved gid; an
 * unprivileged process may setgid() only to its real or saved gid (EPERM
 * otherwise); setregid() follows the same rules as setreuid().
 */
#include "harness.h"

static void run(void)
{
	pid_t pid = t_fork();

	if (!pid) {
		gid_t r, e, s;

		EXPECT_OK(setgid(500));
		SAFE(getresgid(&r, &e, &s));
		EXPECT(r == 500 && e == 500 && s == 500);
		EXPECT_OK(setregid(600, 700));
		SAFE(getresgid(&r, &e, &s));
		EXPECT(r == 600 && e == 700 && s == 700);
		SAFE(setuid(T_NOBODY));
		EXPECT_OK(setgid(600));
		SAFE(getresgid(&r, &e, &s));
		EXPECT(r == 600 && e == 600 && s == 700);
		EXPECT_FAIL(setgid(800), EPERM);
		EXPECT_FAIL(setregid(-1, 800), EPERM);
		_exit(0);
	}
	t_reap(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
