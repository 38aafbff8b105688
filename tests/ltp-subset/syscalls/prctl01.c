/*
 * prctl01: PR_SET_PDEATHSIG delivers the signal to a child when its parent
 * dies, and PR_GET_PDEATHSIG reads it back; PR_SET_NAME/PR_GET_NAME keep at
 * most 15 characters; PR_SET_DUMPABLE toggles; unknown options fail with
 * EINVAL.
 */
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "harness.h"

static void run(void)
{
	char name[32] = "";
	int sig = -1, p[2];
	pid_t middle;
	char c = 0;

	EXPECT_OK(prctl(PR_SET_PDEATHSIG, SIGUSR2));
	EXPECT_OK(prctl(PR_GET_PDEATHSIG, &sig));
	EXPECT_EQ(sig, SIGUSR2);
	EXPECT_OK(prctl(PR_SET_PDEATHSIG, 0));
	EXPECT_FAIL(prctl(PR_SET_PDEATHSIG, 1000), EINVAL);

	EXPECT_OK(prctl(PR_SET_NAME, "a-very-long-thread-name"));
	EXPECT_OK(prctl(PR_GET_NAME, name));
	EXPECT_MSG(!strcmp(name, "a-very-long-thr"), "name \"%s\"", name);

	EXPECT_OK(prctl(PR_SET_DUMPABLE, 0));
	EXPECT_EQ(prctl(PR_GET_DUMPABLE), 0);
	EXPECT_OK(prctl(PR_SET_DUMPABLE, 1));
	EXPECT_EQ(prctl(PR_GET_DUMPABLE), 1);
	EXPECT_FAIL(prctl(PR_SET_DUMPABLE, 5), EINVAL);
	EXPECT_FAIL(prctl(0x7fffffff, 0, 0, 0, 0), EINVAL);

	SAFE(pipe(p));
	middle = t_fork();
	if (!middle) {
		pid_t pid = t_fork();
		if (!pid) {
			prctl(PR_SET_PDEATHSIG, SIGTERM);
			signal(SIGTERM, SIG_DFL);
			close(p[0]);
			write(p[1], "r", 1);
			pause();
			_exit(0);
		}
		SAFE(read(p[0], &c, 1));
		_exit(0);	/* our death sends SIGTERM to the grandchild */
	}
	close(p[1]);
	t_reap(middle);
	/* The grandchild holds the write end until it dies. */
	EXPECT_EQ(read(p[0], &c, 1), 0);
}

const struct t_test t_test = { .run = run };
