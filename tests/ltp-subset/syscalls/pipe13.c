/*
 * pipe13: a reader blocked on an empty pipe wakes with EOF (0) when the
 * last writer closes, and a blocked writer on a full pipe wakes when the
 * reader drains it.
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	int p[2];
	char buf[65536];
	pid_t pid;

	SAFE(pipe(p));
	pid = t_fork();
	if (!pid) {
		close(p[0]);
		t_msleep(100);
		_exit(0);
	}
	close(p[1]);
	EXPECT_EQ(read(p[0], buf, 1), 0);
	t_reap(pid);
	close(p[0]);

	SAFE(pipe(p));
	memset(buf, 1, sizeof(buf));
	SAFE(fcntl(p[1], F_SETFL, O_NONBLOCK));
	while (write(p[1], buf, 4096) > 0)
		;
	SAFE(fcntl(p[1], F_SETFL, 0));
	pid = t_fork();
	if (!pid) {
		close(p[1]);
		t_msleep(100);
		while (read(p[0], buf, sizeof(buf)) > 0)
			;
		_exit(0);
	}
	close(p[0]);
	EXPECT_EQ(write(p[1], buf, 100), 100);	/* blocks until drained */
	close(p[1]);
	t_reap(pid);
}

const struct t_test t_test = { .run = run };
