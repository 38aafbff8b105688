/*
 * signalfd01: a signalfd for a blocked signal becomes readable when the
 * signal is pending and read() returns a signalfd_siginfo with ssi_signo,
 * ssi_pid and the queued value; the signal is consumed; with SFD_NONBLOCK
 * an empty read gives EAGAIN; passing the fd again updates its mask;
 * unknown flags give EINVAL.
 */
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>

#include "harness.h"

static void run(void)
{
	struct signalfd_siginfo info;
	struct pollfd pfd;
	sigset_t set, pend;
	union sigval v = { .sival_int = 77 };
	int fd;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	SAFE(sigprocmask(SIG_BLOCK, &set, NULL));
	sigdelset(&set, SIGUSR2);
	fd = EXPECT_OK(signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC));
	EXPECT_FAIL(read(fd, &info, sizeof(info)), EAGAIN);
	SAFE(sigqueue(getpid(), SIGUSR1, v));
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
	EXPECT_EQ(poll(&pfd, 1, 0), 1);
	EXPECT_EQ(read(fd, &info, sizeof(info)), sizeof(info));
	EXPECT_EQ(info.ssi_signo, SIGUSR1);
	EXPECT_EQ(info.ssi_pid, getpid());
	EXPECT_EQ(info.ssi_int, 77);
	SAFE(sigpending(&pend));
	EXPECT(!sigismember(&pend, SIGUSR1));
	raise(SIGUSR2);
	EXPECT_FAIL(read(fd, &info, sizeof(info)), EAGAIN);
	sigaddset(&set, SIGUSR2);
	EXPECT_EQ(signalfd(fd, &set, 0), fd);
	EXPECT_EQ(read(fd, &info, sizeof(info)), sizeof(info));
	EXPECT_EQ(info.ssi_signo, SIGUSR2);
	EXPECT_FAIL(signalfd(-1, &set, 0x1), EINVAL);
	EXPECT_FAIL(read(fd, &info, 8), EINVAL);
}

const struct t_test t_test = { .run = run };
