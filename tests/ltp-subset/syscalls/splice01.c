/*
 * splice01: splice() moves data file -> pipe -> file with offsets
 * (updated, file offsets untouched); tee() duplicates pipe data into a
 * second pipe without consuming it; failures: EINVAL (neither end a pipe,
 * unknown flags), ESPIPE (an offset given for the pipe end), EBADF.
 */
#include "harness.h"

static void run(void)
{
	char buf[32] = "";
	int in, out, p[2], q[2];
	loff_t off_in = 3, off_out = 0;

	t_write_file("in", "abcdefghij", 0644);
	in = SAFE(open("in", O_RDONLY));
	out = SAFE(open("out", O_RDWR | O_CREAT, 0644));
	SAFE(pipe(p));
	SAFE(pipe(q));
	EXPECT_EQ(splice(in, &off_in, p[1], NULL, 4, 0), 4);
	EXPECT_EQ(off_in, 7);
	EXPECT_EQ(lseek(in, 0, SEEK_CUR), 0);
	EXPECT_EQ(tee(p[0], q[1], 4, 0), 4);
	EXPECT_EQ(splice(p[0], NULL, out, &off_out, 4, 0), 4);
	EXPECT_EQ(off_out, 4);
	EXPECT_EQ(pread(out, buf, sizeof(buf), 0), 4);
	EXPECT(!memcmp(buf, "defg", 4));
	EXPECT_EQ(read(q[0], buf, sizeof(buf)), 4);
	EXPECT(!memcmp(buf, "defg", 4));
	EXPECT_FAIL(splice(in, NULL, out, NULL, 4, 0), EINVAL);
	EXPECT_FAIL(splice(in, NULL, p[1], NULL, 4, 0x100), EINVAL);
	SAFE(write(p[1], "x", 1));
	off_in = 0;
	EXPECT_FAIL(splice(p[0], &off_in, out, NULL, 1, 0), ESPIPE);
	EXPECT_FAIL(splice(-1, NULL, p[1], NULL, 1, 0), EBADF);
	EXPECT_FAIL(tee(in, q[1], 1, 0), EINVAL);
}

const struct t_test t_test = { .run = run };
