/*
 * copy_file_range01: copy_file_range() copies a range between files with
 * offsets (updated) or file positions (advanced), returns 0 at end of
 * input; failures: EBADF (input not readable, output not writable),
 * EINVAL (flags, overlapping range in the same file), EISDIR.
 */
#include "harness.h"

static long cfr(int in, loff_t *oin, int out, loff_t *oout, size_t len, unsigned int fl)
{
	return syscall(SYS_copy_file_range, in, oin, out, oout, len, fl);
}

static void run(void)
{
	char buf[32] = "";
	int in, out, wo, ro, d;
	loff_t oi = 2, oo = 1;

	t_write_file("in", "0123456789", 0644);
	in = SAFE(open("in", O_RDONLY));
	out = SAFE(open("out", O_RDWR | O_CREAT, 0644));
	EXPECT_EQ(cfr(in, &oi, out, &oo, 4, 0), 4);
	EXPECT(oi == 6 && oo == 5);
	EXPECT_EQ(pread(out, buf, sizeof(buf), 0), 5);
	EXPECT(!memcmp(buf, "\0" "2345", 5));
	SAFE(lseek(in, 8, SEEK_SET));
	EXPECT_EQ(cfr(in, NULL, out, NULL, 10, 0), 2);
	EXPECT_EQ(lseek(in, 0, SEEK_CUR), 10);
	EXPECT_EQ(lseek(out, 0, SEEK_CUR), 2);
	EXPECT_EQ(cfr(in, NULL, out, NULL, 10, 0), 0);
	wo = SAFE(open("in", O_WRONLY));
	ro = SAFE(open("out", O_RDONLY));
	d = SAFE(open(".", O_RDONLY));
	EXPECT_FAIL(cfr(wo, NULL, out, NULL, 1, 0), EBADF);
	EXPECT_FAIL(cfr(in, NULL, ro, NULL, 1, 0), EBADF);
	EXPECT_FAIL(cfr(in, NULL, out, NULL, 1, 1), EINVAL);
	oi = 0;
	oo = 2;
	{
		int rw = SAFE(open("in", O_RDWR));
		EXPECT_FAIL(cfr(rw, &oi, rw, &oo, 5, 0), EINVAL);
	}
	EXPECT_FAIL(cfr(d, NULL, out, NULL, 1, 0), EISDIR);
}

const struct t_test t_test = { .run = run };
