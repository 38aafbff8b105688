/*
 * pidfd_open01: pidfd_open() gives a descriptor for a child: it polls
 * readable once the child exits, pidfd_send_signal() signals through it,
 * waitid(P_PIDFD) reaps with it; failures: EINVAL (flags, pid <= 0),
 * ESRCH (no such process, or signalling a reaped one), EBADF (bad fd).
 */
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

static void run(void)
{
	struct pollfd pfd;
	siginfo_t si;
	int fd;
	pid_t pid;

	pid = t_fork();
	if (!pid) {
		pause();
		_exit(0);
	}
	fd = syscall(SYS_pidfd_open, pid, 0);
	if (fd < 0 && errno == ENOSYS)
		t_brk(TCONF, "pidfd_open not supported");
	EXPECT(fd >= 0);
	EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
	EXPECT_EQ(poll(&pfd, 1, 0), 0);
	EXPECT_OK(syscall(SYS_pidfd_send_signal, fd, SIGTERM, NULL, 0));
	EXPECT_EQ(poll(&pfd, 1, 5000), 1);
	memset(&si, 0, sizeof(si));
	EXPECT_OK(waitid(P_PIDFD, fd, &si, WEXITED));
	EXPECT(si.si_pid == pid && si.si_code == CLD_KILLED && si.si_status == SIGTERM);
	EXPECT_FAIL(syscall(SYS_pidfd_send_signal, fd, SIGTERM, NULL, 0), ESRCH);
	EXPECT_FAIL(syscall(SYS_pidfd_open, getpid(), 0x1234), EINVAL);
	EXPECT_FAIL(syscall(SYS_pidfd_open, 0, 0), EINVAL);
	EXPECT_FAIL(syscall(SYS_pidfd_open, 4194304 + 1, 0), ESRCH);
	EXPECT_FAIL(syscall(SYS_pidfd_send_signal, -1, SIGTERM, NULL, 0), EBADF);
}

const struct t_test t_test = { .run = run };
