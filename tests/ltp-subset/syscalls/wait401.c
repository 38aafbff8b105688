/*
 * wait401: wait4() returns the child's pid, status and resource usage (CPU
 * time the child burned shows in ru_utime); WNOHANG returns 0 while the
 * child runs; ECHILD and EINVAL (unknown options) failures.
 */
#include <sys/resource.h>
#include <sys/wait.h>

#include "harness.h"

static void run(void)
{
	struct rusage ru;
	int status;
	pid_t pid;

	pid = t_fork();
	if (!pid) {
		t_burn_cpu(300);
		_exit(4);
	}
	EXPECT_EQ(wait4(pid, &status, WNOHANG, &ru), 0);
	memset(&ru, 0, sizeof(ru));
	EXPECT_EQ(wait4(pid, &status, 0, &ru), pid);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 4);
	EXPECT_MSG(ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec +
		   ru.ru_stime.tv_sec * 1000000 + ru.ru_stime.tv_usec >= 100000,
		   "child CPU time reported (%ld.%06ld user)", (long)ru.ru_utime.tv_sec,
		   (long)ru.ru_utime.tv_usec);
	EXPECT_FAIL(wait4(-1, &status, 0, &ru), ECHILD);
	EXPECT_FAIL(wait4(-1, &status, 0x10000000, &ru), EINVAL);
}

const struct t_test t_test = { .run = run };
