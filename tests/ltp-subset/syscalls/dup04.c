/*
 * dup04: duplicated pipe ends work like the originals: data written on a
 * dup of the write end is read from a dup of the read end, and the reader
 * sees EOF only after every copy of the write end is closed.
 */
#include "harness.h"

static void run(void)
{
	int p[2], r2, w2;
	char buf[8];

	SAFE(pipe(p));
	r2 = EXPECT_OK(dup(p[0]));
	w2 = EXPECT_OK(dup(p[1]));
	EXPECT_EQ(write(w2, "dup", 3), 3);
	EXPECT_EQ(read(r2, buf, sizeof(buf)), 3);
	EXPECT(memcmp(buf, "dup", 3) == 0);
	close(p[1]);
	SAFE(write(w2, "x", 1));
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 1);
	close(w2);
	EXPECT_EQ(read(r2, buf, sizeof(buf)), 0);
}

const struct t_test t_test = { .run = run };
