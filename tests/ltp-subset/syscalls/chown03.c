/*
 * chown03: a non-root owner may change its file's group to a group it
 * belongs to (and keep the owner with -1), but not give the file away
 * (EPERM) nor choose a foreign group (EPERM); non-owners get EPERM.
 */
#include <grp.h>
#include <sys/stat.h>

#include "harness.h"

static void as_user(void)
{
	EXPECT_OK(chown("mine", -1, 4242));
	EXPECT_OK(chown("mine", 1001, -1));	/* to itself: allowed */
	EXPECT_FAIL(chown("mine", 0, -1), EPERM);
	EXPECT_FAIL(chown("mine", -1, 777), EPERM);
	EXPECT_FAIL(chown("theirs", -1, 4242), EPERM);
}

static void run(void)
{
	gid_t groups[] = { 4242 };
	struct stat st;
	pid_t pid;

	t_write_file("mine", "", 0644);
	SAFE(chown("mine", 1001, 1001));
	t_write_file("theirs", "", 0644);
	pid = t_fork();
	if (!pid) {
		SAFE(setgroups(1, groups));
		SAFE(setresgid(1001, 1001, 1001));
		SAFE(setresuid(1001, 1001, 1001));
		as_user();
		_exit(0);
	}
	t_reap(pid);
	SAFE(stat("mine", &st));
	EXPECT(st.st_uid == 1001 && st.st_gid == 4242);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
