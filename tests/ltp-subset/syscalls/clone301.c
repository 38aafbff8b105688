/*
 * clone301: clone3() creates a child like fork when given only an exit
 * signal; with CLONE_PIDFD it returns a pidfd that becomes readable
 * (POLLIN) when the child exits; with CLONE_PARENT_SETTID it stores the
 * pid.
 */
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

static long clone3(struct t_clone_args *args)
{
	return syscall(SYS_clone3, args, sizeof(*args));
}

static void run(void)
{
	struct t_clone_args args;
	struct t_chan go;
	int pidfd = -1, status;
	pid_t tid = 0;
	long pid;

	memset(&args, 0, sizeof(args));
	args.exit_signal = SIGCHLD;
	pid = clone3(&args);
	if (pid == -1 && errno == ENOSYS)
		t_brk(TCONF, "clone3 not supported");
	if (pid == 0)
		_exit(9);
	EXPECT(pid > 0);
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 9);

	t_chan_open(&go);
	memset(&args, 0, sizeof(args));
	args.flags = CLONE_PIDFD | CLONE_PARENT_SETTID;
	args.pidfd = (uintptr_t)&pidfd;
	args.parent_tid = (uintptr_t)&tid;
	args.exit_signal = SIGCHLD;
	pid = clone3(&args);
	if (pid == 0) {
		t_chan_wait(&go);
		_exit(0);
	}
	EXPECT(pid > 0);
	EXPECT_EQ(tid, pid);
	EXPECT(pidfd >= 0);
	{
		struct pollfd pfd = { .fd = pidfd, .events = POLLIN };
		EXPECT_EQ(poll(&pfd, 1, 0), 0);
		t_chan_post(&go);
		EXPECT_EQ(poll(&pfd, 1, 5000), 1);
		EXPECT(pfd.revents & POLLIN);
	}
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
}

const struct t_test t_test = { .run = run };
