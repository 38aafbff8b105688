/*
 * epoll_wait02: epoll_wait() times out after the given milliseconds with
 * 0, wakes when another process writes, fails with EINTR on a signal;
 * failures: EBADF, EINVAL (not an epoll fd, maxevents <= 0), EFAULT (bad
 * events buffer with an event to report). epoll_pwait() applies its mask.
 */
#include <signal.h>
#include <sys/epoll.h>

#include "harness.h"

static void handler(int sig)
{
}

static void run(void)
{
	pid_t ticker;
	struct epoll_event ev = { .events = EPOLLIN }, out[2];
	sigset_t block, empty;
	int ep, p[2];
	long long t0;

	SAFE(pipe(p));
	ep = SAFE(epoll_create1(0));
	SAFE(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
	t0 = t_now_us();
	EXPECT_EQ(epoll_wait(ep, out, 2, 150), 0);
	EXPECT(t_now_us() - t0 >= 140000);
	if (!t_fork()) {
		t_msleep(100);
		write(p[1], "x", 1);
		_exit(0);
	}
	EXPECT_EQ(epoll_wait(ep, out, 2, 10000), 1);
	t_wait(-1);
	EXPECT_FAIL(epoll_wait(-1, out, 2, 0), EBADF);
	EXPECT_FAIL(epoll_wait(p[0], out, 2, 0), EINVAL);
	EXPECT_FAIL(epoll_wait(ep, out, 0, 0), EINVAL);
	EXPECT_FAIL(epoll_wait(ep, out, -1, 0), EINVAL);
	EXPECT_FAIL(epoll_wait(ep, t_bad_addr(), 2, 0), EFAULT);
	SAFE(read(p[0], &t0, 1));
	signal(SIGUSR1, handler);
	ticker = t_signal_repeatedly(SIGUSR1, 100);
	EXPECT_FAIL(epoll_wait(ep, out, 2, 10000), EINTR);
	t_signal_stop(ticker);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	SAFE(sigprocmask(SIG_BLOCK, &block, NULL));
	raise(SIGUSR1);
	EXPECT_EQ(epoll_pwait(ep, out, 2, 50, &block), 0);
	sigemptyset(&empty);
	EXPECT_FAIL(epoll_pwait(ep, out, 2, 5000, &empty), EINTR);
}

const struct t_test t_test = { .run = run };
