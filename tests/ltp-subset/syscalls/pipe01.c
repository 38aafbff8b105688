/*
 * pipe01: pipe() returns two new descriptors, the lowest free ones; data
 * written to the write end comes out of the read end in order; the ends
 * are O_RDONLY and O_WRONLY.
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	char buf[64] = "";
	int p[2] = { -1, -1 };

	EXPECT_OK(pipe(p));
	EXPECT(p[0] == 3 && p[1] == 4);
	EXPECT_EQ(fcntl(p[0], F_GETFL) & O_ACCMODE, O_RDONLY);
	EXPECT_EQ(fcntl(p[1], F_GETFL) & O_ACCMODE, O_WRONLY);
	EXPECT_EQ(write(p[1], "hello ", 6), 6);
	EXPECT_EQ(write(p[1], "pipe", 4), 4);
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 10);
	EXPECT(!strcmp(buf, "hello pipe"));
}

const struct t_test t_test = { .run = run };
