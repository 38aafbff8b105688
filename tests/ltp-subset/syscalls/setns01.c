/*
 * setns01: setns(2) failures: a descriptor that is not open gives EBADF,
 * an open file that is not a namespace gives EINVAL, a namespace file with
 * an nstype of another kind gives EINVAL, and joining needs privilege
 * (EPERM as nobody). Joining one's own namespaces with nstype 0 or the
 * matching CLONE_NEW* flag succeeds.
 */
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>

#include "harness.h"

static long raw_setns(int fd, int nstype)
{
	return syscall(SYS_setns, fd, nstype);
}

static int uts_fd = -1;

static int sleeper(void *arg)
{
	(void)arg;
	pause();
	return 0;
}

static void as_nobody(void)
{
	EXPECT_FAIL(raw_setns(uts_fd, CLONE_NEWUTS), EPERM);
}

static void run(void)
{
	int fd = SAFE(open(".", O_RDONLY | O_DIRECTORY));
	int ipc_fd, net_fd, mnt_fd;

	EXPECT_FAIL(raw_setns(-1, 0), EBADF);
	EXPECT_FAIL(raw_setns(1000, CLONE_NEWUTS), EBADF);
	EXPECT_FAIL(raw_setns(fd, 0), EINVAL);
	EXPECT_FAIL(raw_setns(fd, CLONE_NEWUTS), EINVAL);
	close(fd);

	uts_fd = SAFE(open("/proc/self/ns/uts", O_RDONLY));
	ipc_fd = SAFE(open("/proc/self/ns/ipc", O_RDONLY));
	net_fd = SAFE(open("/proc/self/ns/net", O_RDONLY));
	EXPECT_FAIL(raw_setns(uts_fd, CLONE_NEWIPC), EINVAL);
	EXPECT_FAIL(raw_setns(uts_fd, CLONE_NEWNET), EINVAL);
	EXPECT_FAIL(raw_setns(ipc_fd, CLONE_NEWUTS), EINVAL);
	EXPECT_FAIL(raw_setns(net_fd, CLONE_NEWNS), EINVAL);
	EXPECT_FAIL(raw_setns(uts_fd, 0x1), EINVAL);
	EXPECT_OK(raw_setns(uts_fd, 0));
	EXPECT_OK(raw_setns(uts_fd, CLONE_NEWUTS));
	EXPECT_OK(raw_setns(ipc_fd, CLONE_NEWIPC));
	EXPECT_OK(raw_setns(net_fd, CLONE_NEWNET));

	/* CLONE_NEWNS with an fs_struct shared with another task: EINVAL. */
	mnt_fd = SAFE(open("/proc/self/ns/mnt", O_RDONLY));
	{
		pid_t pid = t_fork();

		if (!pid) {
			EXPECT_OK(raw_setns(mnt_fd, CLONE_NEWNS));
			_exit(0);
		}
		t_reap(pid);
	}
	{
		static char stack[65536];
		pid_t pid = clone(sleeper, stack + sizeof(stack), CLONE_FS | SIGCHLD, NULL);

		if (pid < 0)
			t_brk(TBROK | TERRNO, "clone(CLONE_FS)");
		EXPECT_FAIL(raw_setns(mnt_fd, CLONE_NEWNS), EINVAL);
		kill(pid, SIGKILL);
		t_wait(pid);
	}
	t_run_as_nobody(as_nobody);
	close(mnt_fd);
	close(uts_fd);
	close(ipc_fd);
	close(net_fd);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
