/*
 * open04: once RLIMIT_NOFILE descriptors are open, open() fails with EMFILE;
 * closing one makes the next open() succeed with exactly that number.
 */
#include <fcntl.h>
#include <sys/resource.h>

#include "harness.h"

#define LIMIT 64

static void run(void)
{
	struct rlimit rl = { LIMIT, LIMIT };
	int fd, last = -1, i;

	t_write_file("f", "", 0644);
	SAFE(setrlimit(RLIMIT_NOFILE, &rl));
	for (i = 0; i < LIMIT; i++) {
		fd = open("f", O_RDONLY);
		if (fd < 0)
			break;
		last = fd;
	}
	EXPECT_EQ(last, LIMIT - 1);
	EXPECT_FAIL(open("f", O_RDONLY), EMFILE);
	EXPECT_FAIL(open("f2", O_RDWR | O_CREAT, 0644), EMFILE);
	SAFE(close(10));
	EXPECT_EQ(open("f", O_RDONLY), 10);
}

const struct t_test t_test = { .run = run };
