/*
 * epoll_wait01: level-triggered events repeat while the condition holds;
 * EPOLLET reports a readable pipe once per new write; EPOLLONESHOT reports
 * once and then disables the descriptor until re-armed with MOD; writer
 * closing gives EPOLLHUP; maxevents limits the number returned.
 */
#include <sys/epoll.h>

#include "harness.h"

static void run(void)
{
	struct epoll_event ev, out[4];
	int ep, a[2], b[2], c[2];

	SAFE(pipe(a));
	SAFE(pipe(b));
	SAFE(pipe(c));
	ep = SAFE(epoll_create1(0));
	ev = (struct epoll_event){ .events = EPOLLIN, .data.fd = a[0] };
	SAFE(epoll_ctl(ep, EPOLL_CTL_ADD, a[0], &ev));
	ev = (struct epoll_event){ .events = EPOLLIN | EPOLLET, .data.fd = b[0] };
	SAFE(epoll_ctl(ep, EPOLL_CTL_ADD, b[0], &ev));
	ev = (struct epoll_event){ .events = EPOLLIN | EPOLLONESHOT, .data.fd = c[0] };
	SAFE(epoll_ctl(ep, EPOLL_CTL_ADD, c[0], &ev));
	SAFE(write(a[1], "x", 1));
	SAFE(write(b[1], "x", 1));
	SAFE(write(c[1], "x", 1));
	EXPECT_EQ(epoll_wait(ep, out, 4, 0), 3);
	EXPECT_EQ(epoll_wait(ep, out, 4, 0), 1);	/* only level-triggered a */
	EXPECT_EQ(out[0].data.fd, a[0]);
	EXPECT_EQ(epoll_wait(ep, out, 1, 0), 1);
	SAFE(write(b[1], "y", 1));
	EXPECT_EQ(epoll_wait(ep, out, 4, 0), 2);	/* a and the new edge of b */
	ev = (struct epoll_event){ .events = EPOLLIN | EPOLLONESHOT, .data.fd = c[0] };
	SAFE(epoll_ctl(ep, EPOLL_CTL_MOD, c[0], &ev));
	EXPECT_EQ(epoll_wait(ep, out, 4, 0), 2);	/* a and re-armed c */
	SAFE(epoll_ctl(ep, EPOLL_CTL_DEL, a[0], NULL));
	SAFE(epoll_ctl(ep, EPOLL_CTL_DEL, b[0], NULL));
	SAFE(epoll_ctl(ep, EPOLL_CTL_DEL, c[0], NULL));
	ev = (struct epoll_event){ .events = EPOLLIN, .data.fd = a[0] };
	SAFE(epoll_ctl(ep, EPOLL_CTL_ADD, a[0], &ev));
	close(a[1]);
	EXPECT_EQ(epoll_wait(ep, out, 4, 0), 1);
	EXPECT(out[0].events & EPOLLHUP);
}

const struct t_test t_test = { .run = run };
