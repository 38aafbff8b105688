/*
 * poll01: poll() readiness on a pipe: POLLOUT on an empty pipe's write
 * end, POLLIN once data is there, POLLHUP on the read end when the writer
 * is gone, POLLERR on the write end when the reader is gone, POLLNVAL for
 * a closed descriptor; negative fds are skipped; the return value counts
 * descriptors with events.
 */
#include <poll.h>

#include "harness.h"

static void run(void)
{
	struct pollfd pfd[3];
	int p[2];

	SAFE(pipe(p));
	pfd[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	pfd[1] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	pfd[2] = (struct pollfd){ .fd = -1, .events = POLLIN };
	EXPECT_EQ(poll(pfd, 3, 0), 1);
	EXPECT_EQ(pfd[0].revents, 0);
	EXPECT_EQ(pfd[1].revents, POLLOUT);
	EXPECT_EQ(pfd[2].revents, 0);
	SAFE(write(p[1], "x", 1));
	EXPECT_EQ(poll(pfd, 3, 0), 2);
	EXPECT_EQ(pfd[0].revents, POLLIN);
	close(p[1]);
	pfd[1].fd = -1;
	EXPECT_EQ(poll(pfd, 2, 0), 1);
	EXPECT_EQ(pfd[0].revents, POLLIN | POLLHUP);
	close(p[0]);
	EXPECT_EQ(poll(pfd, 1, 0), 1);
	EXPECT_EQ(pfd[0].revents, POLLNVAL);

	SAFE(pipe(p));
	close(p[0]);
	pfd[0] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	EXPECT_EQ(poll(pfd, 1, 0), 1);
	EXPECT(pfd[0].revents & POLLERR);
}

const struct t_test t_test = { .run = run };
