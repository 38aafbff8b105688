/*
 * pipe2_02: pipe2(O_DIRECT) makes a packet pipe: each write is one packet
 * and a read returns at most one packet (the rest of a partly read packet
 * is discarded).
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	char buf[64] = "";
	int p[2];

	if (pipe2(p, O_DIRECT) < 0) {
		if (errno == EINVAL)
			t_brk(TCONF, "O_DIRECT pipes not supported");
		t_brk(TBROK | TERRNO, "pipe2(O_DIRECT)");
	}
	EXPECT(fcntl(p[1], F_GETFL) & O_DIRECT);
	SAFE(write(p[1], "first", 5));
	SAFE(write(p[1], "second", 6));
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 5);
	EXPECT(!memcmp(buf, "first", 5));
	EXPECT_EQ(read(p[0], buf, 3), 3);
	SAFE(write(p[1], "third", 5));
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 5);
	EXPECT(!memcmp(buf, "third", 5));
}

const struct t_test t_test = { .run = run };
