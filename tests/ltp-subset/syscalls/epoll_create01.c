/*
 * epoll_create01: epoll_create() needs a positive size hint (EINVAL for 0
 * and negative); epoll_create1() takes only EPOLL_CLOEXEC (EINVAL for
 * other flags) and sets FD_CLOEXEC with it; the descriptors are usable
 * with epoll_ctl.
 */
#include <sys/epoll.h>

#include "harness.h"

static void run(void)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int ep, p[2];

	SAFE(pipe(p));
	ep = EXPECT_OK(epoll_create(1));
	EXPECT_EQ(fcntl(ep, F_GETFD), 0);
	EXPECT_OK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
	/* raw: musl's wrapper ignores the size */
	EXPECT_FAIL(syscall(SYS_epoll_create, 0), EINVAL);
	EXPECT_FAIL(syscall(SYS_epoll_create, -1), EINVAL);
	ep = EXPECT_OK(epoll_create1(EPOLL_CLOEXEC));
	EXPECT_EQ(fcntl(ep, F_GETFD), FD_CLOEXEC);
	ep = EXPECT_OK(epoll_create1(0));
	EXPECT_EQ(fcntl(ep, F_GETFD), 0);
	EXPECT_FAIL(epoll_create1(EPOLL_CLOEXEC | 1), EINVAL);
}

const struct t_test t_test = { .run = run };
