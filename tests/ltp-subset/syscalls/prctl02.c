/*
 * prctl02: PR_SET_CHILD_SUBREAPER makes orphaned descendants re-parent to
 * the caller instead of init, so it can wait for them; PR_SET_NO_NEW_PRIVS
 * is one-way (can be set, not cleared: EINVAL).
 */
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "harness.h"

static void run(void)
{
	int val = -1, p[2], status;
	pid_t middle, grandchild;

	EXPECT_OK(prctl(PR_SET_CHILD_SUBREAPER, 1));
	EXPECT_OK(prctl(PR_GET_CHILD_SUBREAPER, &val));
	EXPECT_EQ(val, 1);
	SAFE(pipe(p));
	middle = t_fork();
	if (!middle) {
		pid_t pid = t_fork();
		if (!pid) {
			t_msleep(200);
			_exit(5);
		}
		write(p[1], &pid, sizeof(pid));
		_exit(0);
	}
	SAFE(read(p[0], &grandchild, sizeof(grandchild)));
	t_reap(middle);
	EXPECT_EQ(waitpid(grandchild, &status, 0), grandchild);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 5);

	EXPECT_EQ(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), 0);
	EXPECT_OK(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	EXPECT_EQ(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), 1);
	EXPECT_FAIL(prctl(PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0), EINVAL);
}

const struct t_test t_test = { .run = run };
