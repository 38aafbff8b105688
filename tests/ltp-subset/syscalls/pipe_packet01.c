/*
 * pipe_packet01: packet mode switched with fcntl(F_SETFL, O_DIRECT) on a
 * plain pipe; a write longer than a page becomes page-sized packets; with
 * O_DIRECT off again writes merge into a byte stream; O_DIRECT on a file
 * without direct I/O (/dev/null) is EINVAL.
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	static char buf[8192];
	int p[2], n;

	SAFE(pipe(p));
	EXPECT_OK(fcntl(p[1], F_SETFL, O_DIRECT));
	EXPECT(fcntl(p[1], F_GETFL) & O_DIRECT);
	memset(buf, 'a', sizeof(buf));
	EXPECT_EQ(write(p[1], buf, 5000), 5000);
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 4096);
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 904);
	SAFE(write(p[1], "ab", 2));
	SAFE(write(p[1], "cd", 2));
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 2);
	EXPECT_OK(fcntl(p[1], F_SETFL, 0));
	SAFE(write(p[1], "ef", 2));
	SAFE(write(p[1], "gh", 2));
	/* "cd" is still a packet of its own; the rest is a stream */
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 2);
	EXPECT(!memcmp(buf, "cd", 2));
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 4);
	EXPECT(!memcmp(buf, "efgh", 4));
	n = SAFE(open("/dev/null", O_RDONLY));
	EXPECT_FAIL(fcntl(n, F_SETFL, O_DIRECT), EINVAL);
	close(n);
}

const struct t_test t_test = { .run = run };
