/*
 * pidfd_getfd01: pidfd_getfd() copies an open descriptor of another
 * process (same file, close-on-exec set); failures: EINVAL (flags), EBADF
 * (no such descriptor in the target, or a descriptor that is not a
 * pidfd), EPERM (another user's process, unprivileged); a non-blocking
 * pidfd makes waitid(P_PIDFD) fail with EAGAIN while the child lives;
 * /proc/self/fdinfo of a pidfd shows its pid; clone(CLONE_PIDFD) returns
 * one through parent_tid.
 */
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

#ifndef P_PIDFD
#define P_PIDFD 3
#endif
#ifndef PIDFD_NONBLOCK
#define PIDFD_NONBLOCK O_NONBLOCK
#endif

static void run(void)
{
	char path[64], buf[512], want[32];
	struct t_chan go, ready;
	int p[2], fd, nfd, pidfd = -1;
	siginfo_t si;
	pid_t pid;

	SAFE(pipe(p));
	t_chan_open(&go);
	t_chan_open(&ready);
	pid = t_fork();
	if (!pid) {
		/* The child's p[1] is what the parent copies. */
		t_chan_post(&ready);
		t_chan_wait(&go);
		_exit(0);
	}
	t_chan_wait(&ready);
	fd = syscall(SYS_pidfd_open, pid, PIDFD_NONBLOCK);
	if (fd < 0 && errno == ENOSYS)
		t_brk(TCONF, "pidfd_open not supported");
	EXPECT(fd >= 0);

	memset(&si, 0, sizeof(si));
	EXPECT_FAIL(waitid(P_PIDFD, fd, &si, WEXITED), EAGAIN);

	nfd = syscall(SYS_pidfd_getfd, fd, p[1], 0);
	if (nfd < 0 && errno == ENOSYS)
		t_brk(TCONF, "pidfd_getfd not supported");
	EXPECT(nfd >= 0);
	EXPECT_EQ(fcntl(nfd, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(write(nfd, "x", 1), 1);
	EXPECT_EQ(read(p[0], buf, 1), 1);
	close(nfd);
	EXPECT_FAIL(syscall(SYS_pidfd_getfd, fd, p[1], 1), EINVAL);
	EXPECT_FAIL(syscall(SYS_pidfd_getfd, fd, 999, 0), EBADF);
	EXPECT_FAIL(syscall(SYS_pidfd_getfd, p[0], 0, 0), EBADF);    /* not a pidfd */

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	snprintf(want, sizeof(want), "Pid:\t%d\n", pid);
	EXPECT(t_read_file(path, buf, sizeof(buf)) > 0);
	EXPECT_MSG(strstr(buf, want) != NULL, "fdinfo: %s", buf);

	/* Another user may not take the descriptors of a root process. */
	{
		pid_t q = t_fork();

		if (!q) {
			t_become(54321, 54321);
			EXPECT_FAIL(syscall(SYS_pidfd_getfd, fd, p[1], 0), EPERM);
			_exit(0);
		}
		t_reap(q);
	}

	t_chan_post(&go);
	memset(&si, 0, sizeof(si));
	/* Non-blocking: poll until it is there. */
	for (int i = 0; i < 500; i++) {
		if (waitid(P_PIDFD, fd, &si, WEXITED) == 0)
			break;
		EXPECT_EQ(errno, EAGAIN);
		t_msleep(10);
	}
	EXPECT(si.si_pid == pid && si.si_code == CLD_EXITED && si.si_status == 0);
	close(fd);

	/* clone() hands the pidfd back through parent_tid. */
	pid = syscall(SYS_clone, CLONE_PIDFD | SIGCHLD, NULL, &pidfd, NULL, 0);
	if (!pid)
		_exit(3);
	EXPECT(pid > 0);
	EXPECT(pidfd >= 0);
	memset(&si, 0, sizeof(si));
	EXPECT_OK(waitid(P_PIDFD, pidfd, &si, WEXITED));
	EXPECT(si.si_pid == pid && si.si_status == 3);
	EXPECT_FAIL(syscall(SYS_clone, CLONE_PIDFD | CLONE_PARENT_SETTID | SIGCHLD, NULL, &pidfd,
			    NULL, 0), EINVAL);
	close(pidfd);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
