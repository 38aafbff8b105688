/*
 * setrlimit01: a lowered limit reads back and is enforced: RLIMIT_NOFILE
 * bounds descriptor numbers (EMFILE), RLIMIT_FSIZE makes a write past it
 * raise SIGXFSZ or, ignored, fail with EFBIG after a short write up to the
 * limit; RLIMIT_CORE and RLIMIT_STACK read back.
 */
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "harness.h"

static void run(void)
{
	struct rlimit rl = { 8, 8 }, got;
	char buf[100] = "";
	int fd, status;
	pid_t pid;

	SAFE(getrlimit(RLIMIT_STACK, &got));
	rl.rlim_cur = 1 << 20;
	rl.rlim_max = got.rlim_max;
	EXPECT_OK(setrlimit(RLIMIT_STACK, &rl));
	SAFE(getrlimit(RLIMIT_STACK, &got));
	EXPECT_EQ(got.rlim_cur, 1 << 20);
	rl.rlim_cur = rl.rlim_max = 0;
	EXPECT_OK(setrlimit(RLIMIT_CORE, &rl));
	SAFE(getrlimit(RLIMIT_CORE, &got));
	EXPECT(got.rlim_cur == 0 && got.rlim_max == 0);

	pid = t_fork();
	if (!pid) {
		rl.rlim_cur = 50;
		rl.rlim_max = RLIM_INFINITY;
		SAFE(setrlimit(RLIMIT_FSIZE, &rl));
		fd = SAFE(open("big", O_WRONLY | O_CREAT, 0644));
		write(fd, buf, 100);
		write(fd, buf, 100);	/* at the limit: SIGXFSZ */
		_exit(0);
	}
	status = t_wait(pid);
	EXPECT_MSG(WIFSIGNALED(status) && WTERMSIG(status) == SIGXFSZ,
		   "writing past RLIMIT_FSIZE raised SIGXFSZ (status 0x%x)", status);
	pid = t_fork();
	if (!pid) {
		signal(SIGXFSZ, SIG_IGN);
		rl.rlim_cur = 50;
		rl.rlim_max = RLIM_INFINITY;
		SAFE(setrlimit(RLIMIT_FSIZE, &rl));
		fd = SAFE(open("big2", O_WRONLY | O_CREAT, 0644));
		EXPECT_EQ(write(fd, buf, 100), 50);
		EXPECT_FAIL(write(fd, buf, 100), EFBIG);
		_exit(0);
	}
	t_reap(pid);

	rl.rlim_cur = rl.rlim_max = 8;
	EXPECT_OK(setrlimit(RLIMIT_NOFILE, &rl));
	EXPECT_FAIL(dup2(0, 8), EBADF);
	EXPECT_OK(dup2(0, 7));
	EXPECT_FAIL(fcntl(0, F_DUPFD, 8), EINVAL);
}

const struct t_test t_test = { .run = run };
