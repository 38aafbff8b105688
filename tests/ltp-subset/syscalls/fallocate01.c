/*
 * fallocate01: fallocate() mode 0 extends the file size and the new range
 * reads as zeros; FALLOC_FL_KEEP_SIZE allocates blocks without changing
 * the size; PUNCH_HOLE (with KEEP_SIZE) zeroes a range; failures: EBADF
 * (bad or read-only descriptor), EINVAL (length 0, negative offset),
 * ESPIPE (pipe), EOPNOTSUPP (PUNCH_HOLE without KEEP_SIZE).
 */
#ifndef FALLOC_FL_KEEP_SIZE
#define FALLOC_FL_KEEP_SIZE 0x01
#endif
#ifndef FALLOC_FL_PUNCH_HOLE
#define FALLOC_FL_PUNCH_HOLE 0x02
#endif

#include "harness.h"

static void run(void)
{
	char buf[8192];
	struct stat st;
	int fd, ro, p[2], zero = 1;

	fd = SAFE(open("f", O_RDWR | O_CREAT, 0644));
	SAFE(write(fd, "abc", 3));
	if (fallocate(fd, 0, 0, 8192) < 0 && errno == EOPNOTSUPP)
		t_brk(TCONF, "fallocate not supported by this file system");
	SAFE(fstat(fd, &st));
	EXPECT_EQ(st.st_size, 8192);
	EXPECT_EQ(pread(fd, buf, sizeof(buf), 0), 8192);
	EXPECT(!memcmp(buf, "abc", 3));
	for (int i = 3; i < 8192; i++)
		if (buf[i])
			zero = 0;
	EXPECT_MSG(zero, "allocated range reads as zeros");
	EXPECT_OK(fallocate(fd, FALLOC_FL_KEEP_SIZE, 8192, 1 << 20));
	SAFE(fstat(fd, &st));
	EXPECT_EQ(st.st_size, 8192);
	EXPECT(st.st_blocks * 512 >= (1 << 20));
	memset(buf, 'x', sizeof(buf));
	SAFE(pwrite(fd, buf, sizeof(buf), 0));
	EXPECT_OK(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 4096, 4096));
	SAFE(pread(fd, buf, sizeof(buf), 0));
	EXPECT(buf[4095] == 'x' && buf[4096] == 0 && buf[8191] == 0);
	EXPECT_FAIL(fallocate(fd, FALLOC_FL_PUNCH_HOLE, 0, 4096), EOPNOTSUPP);
	EXPECT_FAIL(fallocate(fd, 0, 0, 0), EINVAL);
	EXPECT_FAIL(fallocate(fd, 0, -1, 10), EINVAL);
	EXPECT_FAIL(fallocate(-1, 0, 0, 10), EBADF);
	ro = SAFE(open("f", O_RDONLY));
	EXPECT_FAIL(fallocate(ro, 0, 0, 10), EBADF);
	SAFE(pipe(p));
	EXPECT_FAIL(fallocate(p[1], 0, 0, 10), ESPIPE);
}

const struct t_test t_test = { .run = run };
