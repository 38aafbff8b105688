/*
 * prctl03: a change of effective ids makes a process non-dumpable (Linux's
 * commit_creds), which gives its /proc/PID files to root, and
 * PR_SET_DUMPABLE 1 gives them back; 2 (SUID_DUMP_ROOT) is refused;
 * PR_SET_CHILD_SUBREAPER is not inherited by fork, and an orphan skips a
 * subreaper that has died for the next living one.
 */
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "harness.h"

#define UID 54321

static void run(void)
{
	int val = -1, p[2], status;
	pid_t pid, grandchild;
	struct stat st;

	EXPECT_FAIL(prctl(PR_SET_DUMPABLE, 2), EINVAL);
	pid = t_fork();
	if (!pid) {
		EXPECT_EQ(prctl(PR_GET_DUMPABLE), 1);
		t_become(UID, UID);
		EXPECT_EQ(prctl(PR_GET_DUMPABLE), 0);
		SAFE(stat("/proc/self/status", &st));
		EXPECT_MSG(st.st_uid == 0 && st.st_gid == 0, "owner %u:%u", st.st_uid, st.st_gid);
		EXPECT_OK(prctl(PR_SET_DUMPABLE, 1));
		SAFE(stat("/proc/self/status", &st));
		EXPECT_MSG(st.st_uid == UID && st.st_gid == UID, "owner %u:%u", st.st_uid,
			   st.st_gid);
		_exit(0);
	}
	t_reap(pid);

	/* We are a subreaper; the middle child is one too, but dies first. */
	EXPECT_OK(prctl(PR_SET_CHILD_SUBREAPER, 1));
	SAFE(pipe(p));
	pid = t_fork();
	if (!pid) {
		pid_t inner;

		EXPECT_OK(prctl(PR_GET_CHILD_SUBREAPER, &val));
		EXPECT_EQ(val, 0);      /* not inherited */
		EXPECT_OK(prctl(PR_SET_CHILD_SUBREAPER, 1));
		inner = t_fork();
		if (!inner) {
			pid_t g = t_fork();

			if (!g) {
				t_msleep(300);
				_exit(6);
			}
			write(p[1], &g, sizeof(g));
			_exit(0);
		}
		t_reap(inner);
		/* The grandchild is ours now; leave it to our subreaper. */
		_exit(0);
	}
	SAFE(read(p[0], &grandchild, sizeof(grandchild)));
	t_reap(pid);
	EXPECT_EQ(waitpid(grandchild, &status, 0), grandchild);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 6);
	EXPECT_OK(prctl(PR_SET_CHILD_SUBREAPER, 0));
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
