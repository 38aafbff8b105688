/*
 * wait01: wait() without children fails with ECHILD; with one it returns
 * its pid and status; it blocks until some child exits.
 */
#include <sys/wait.h>

#include "harness.h"

static void run(void)
{
	int status;
	pid_t pid;
	long long t0;

	EXPECT_FAIL(wait(&status), ECHILD);
	t0 = t_now_us();
	pid = t_fork();
	if (!pid) {
		t_msleep(200);
		_exit(17);
	}
	EXPECT_EQ(wait(&status), pid);
	EXPECT(t_now_us() - t0 >= 200000);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 17);
	EXPECT_FAIL(wait(NULL), ECHILD);
}

const struct t_test t_test = { .run = run };
