/*
 * epoll_ctl02: epoll_ctl() failures: EBADF (bad epfd or fd), EINVAL (epfd
 * is not an epoll descriptor, fd == epfd, unknown op), EPERM (a regular
 * file), EEXIST (added twice), ENOENT (MOD or DEL of an fd not added),
 * EFAULT (bad event pointer), ELOOP (two epoll instances watching each
 * other).
 */
#include <sys/epoll.h>

#include "harness.h"

static void run(void)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int ep, ep2, p[2], fd;

	SAFE(pipe(p));
	t_write_file("f", "", 0644);
	fd = SAFE(open("f", O_RDONLY));
	ep = SAFE(epoll_create1(0));
	ep2 = SAFE(epoll_create1(0));
	EXPECT_FAIL(epoll_ctl(-1, EPOLL_CTL_ADD, p[0], &ev), EBADF);
	EXPECT_FAIL(epoll_ctl(ep, EPOLL_CTL_ADD, -1, &ev), EBADF);
	EXPECT_FAIL(epoll_ctl(p[1], EPOLL_CTL_ADD, p[0], &ev), EINVAL);
	EXPECT_FAIL(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev), EINVAL);
	EXPECT_FAIL(epoll_ctl(ep, 42, p[0], &ev), EINVAL);
	EXPECT_FAIL(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev), EPERM);
	EXPECT_OK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
	EXPECT_FAIL(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), EEXIST);
	EXPECT_FAIL(epoll_ctl(ep, EPOLL_CTL_MOD, p[1], &ev), ENOENT);
	EXPECT_FAIL(epoll_ctl(ep, EPOLL_CTL_DEL, p[1], &ev), ENOENT);
	EXPECT_FAIL(epoll_ctl(ep, EPOLL_CTL_ADD, p[1], t_bad_addr()), EFAULT);
	EXPECT_OK(epoll_ctl(ep, EPOLL_CTL_ADD, ep2, &ev));
	EXPECT_FAIL(epoll_ctl(ep2, EPOLL_CTL_ADD, ep, &ev), ELOOP);
}

const struct t_test t_test = { .run = run };
