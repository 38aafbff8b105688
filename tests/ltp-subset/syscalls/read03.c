/*
 * read03: read() from an empty pipe with O_NONBLOCK fails with EAGAIN while
 * a writer exists and returns 0 once every writer is closed.
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	int p[2];
	char c;

	SAFE(pipe(p));
	SAFE(fcntl(p[0], F_SETFL, O_NONBLOCK));
	EXPECT_FAIL(read(p[0], &c, 1), EAGAIN);
	SAFE(write(p[1], "q", 1));
	EXPECT_EQ(read(p[0], &c, 1), 1);
	EXPECT_FAIL(read(p[0], &c, 1), EAGAIN);
	close(p[1]);
	EXPECT_EQ(read(p[0], &c, 1), 0);
	close(p[0]);
}

const struct t_test t_test = { .run = run };
