/*
 * eventfd02: a blocking read of an eventfd waits until another process
 * writes, and gets the sum written; the counter is shared across fork.
 */
#include <sys/eventfd.h>

#include "harness.h"

static void run(void)
{
	uint64_t v = 0;
	int fd = SAFE(eventfd(0, 0));

	if (!t_fork()) {
		uint64_t one = 40;
		t_msleep(100);
		write(fd, &one, 8);
		_exit(0);
	}
	EXPECT_EQ(read(fd, &v, 8), 8);
	EXPECT_EQ(v, 40);
	t_wait(-1);
}

const struct t_test t_test = { .run = run };
