/*
 * poll02: poll() with a timeout and nothing ready returns 0 after at least
 * the timeout; data arriving from another process wakes it early; a
 * signal handler makes it fail with EINTR; EFAULT for a bad array, EINVAL
 * for nfds above RLIMIT_NOFILE.
 */
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>

#include "harness.h"

static void handler(int sig)
{
}

static void run(void)
{
	pid_t ticker;
	struct pollfd pfd;
	struct rlimit rl;
	int p[2];
	long long t0;

	SAFE(pipe(p));
	pfd = (struct pollfd){ .fd = p[0], .events = POLLIN };
	t0 = t_now_us();
	EXPECT_EQ(poll(&pfd, 1, 150), 0);
	EXPECT_MSG(t_now_us() - t0 >= 140000, "waited %lld us", t_now_us() - t0);
	if (!t_fork()) {
		t_msleep(100);
		write(p[1], "x", 1);
		_exit(0);
	}
	t0 = t_now_us();
	EXPECT_EQ(poll(&pfd, 1, 10000), 1);
	EXPECT(t_now_us() - t0 < 5000000);
	t_wait(-1);
	SAFE(read(p[0], &t0, 1));
	signal(SIGUSR1, handler);
	ticker = t_signal_repeatedly(SIGUSR1, 100);
	EXPECT_FAIL(poll(&pfd, 1, 10000), EINTR);
	t_signal_stop(ticker);
	EXPECT_FAIL(poll(t_bad_addr(), 1, 0), EFAULT);
	SAFE(getrlimit(RLIMIT_NOFILE, &rl));
	EXPECT_FAIL(poll(&pfd, rl.rlim_cur + 1, 0), EINVAL);
}

const struct t_test t_test = { .run = run };
