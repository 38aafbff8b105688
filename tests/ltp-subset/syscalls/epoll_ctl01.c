/*
 * epoll_ctl01: EPOLL_CTL_ADD, MOD and DEL change what epoll_wait reports:
 * a pipe added for EPOLLIN is reported with its data word once readable,
 * MOD to EPOLLOUT on the read end reports nothing, DEL removes it.
 */
#include <sys/epoll.h>

#include "harness.h"

static void run(void)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ULL };
	struct epoll_event out[4];
	int ep, p[2];

	SAFE(pipe(p));
	ep = SAFE(epoll_create1(0));
	EXPECT_OK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
	EXPECT_EQ(epoll_wait(ep, out, 4, 0), 0);
	SAFE(write(p[1], "x", 1));
	EXPECT_EQ(epoll_wait(ep, out, 4, 0), 1);
	EXPECT(out[0].events == EPOLLIN && out[0].data.u64 == 0x1122334455667788ULL);
	ev.events = EPOLLOUT;
	ev.data.u64 = 7;
	EXPECT_OK(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev));
	EXPECT_EQ(epoll_wait(ep, out, 4, 0), 0);
	ev.events = EPOLLIN;
	EXPECT_OK(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev));
	EXPECT_EQ(epoll_wait(ep, out, 4, 0), 1);
	EXPECT_EQ(out[0].data.u64, 7);
	EXPECT_OK(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
	EXPECT_EQ(epoll_wait(ep, out, 4, 0), 0);
}

const struct t_test t_test = { .run = run };
