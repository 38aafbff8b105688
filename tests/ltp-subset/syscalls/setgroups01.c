/*
 * setgroups01: root sets the supplementary group list, getgroups() returns
 * it (and its size with a 0 size argument); EINVAL when the buffer is too
 * small; unprivileged setgroups() fails with EPERM; group membership
 * grants access to group-readable files.
 */
#include <grp.h>

#include "harness.h"

static void run(void)
{
	pid_t pid = t_fork();

	if (!pid) {
		gid_t set[] = { 11, 22, 33 }, got[8];

		t_write_file("grpfile", "x", 0640);
		SAFE(chown("grpfile", 0, 22));
		EXPECT_OK(setgroups(3, set));
		EXPECT_EQ(getgroups(0, NULL), 3);
		EXPECT_EQ(getgroups(8, got), 3);
		EXPECT(got[0] == 11 && got[1] == 22 && got[2] == 33);
		EXPECT_FAIL(getgroups(2, got), EINVAL);
		SAFE(setresgid(500, 500, 500));
		SAFE(setresuid(500, 500, 500));
		int fd = EXPECT_OK(open("grpfile", O_RDONLY));
		close(fd);
		EXPECT_FAIL(setgroups(1, set), EPERM);
		EXPECT_FAIL(setgroups(0, NULL), EPERM);
		_exit(0);
	}
	t_reap(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
