/*
 * preadv201: preadv2()/pwritev2() with offset -1 use and advance the file
 * offset; with an offset they leave it alone; unknown RWF_ flags fail with
 * EOPNOTSUPP. Raw system calls: the offset is passed as two halves.
 */
#include <fcntl.h>
#include <sys/uio.h>

#include "harness.h"

#ifndef SYS_preadv2
#define SYS_preadv2 327
#define SYS_pwritev2 328
#endif

static long rw2(long nr, int fd, struct iovec *iov, int cnt, long off, int flags)
{
	return syscall(nr, fd, iov, cnt, off, off < 0 ? -1L : 0L, flags);
}

static void run(void)
{
	char buf[4] = "";
	struct iovec rv = { buf, 3 };
	struct iovec wv = { "xyz", 3 };
	int fd;

	t_write_file("f", "abcdefgh", 0644);
	fd = SAFE(open("f", O_RDWR));
	EXPECT_EQ(rw2(SYS_preadv2, fd, &rv, 1, -1, 0), 3);
	EXPECT(memcmp(buf, "abc", 3) == 0);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 3);
	EXPECT_EQ(rw2(SYS_preadv2, fd, &rv, 1, 5, 0), 3);
	EXPECT(memcmp(buf, "fgh", 3) == 0);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 3);
	EXPECT_EQ(rw2(SYS_pwritev2, fd, &wv, 1, -1, 0), 3);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 6);
	EXPECT_EQ(rw2(SYS_preadv2, fd, &rv, 1, 3, 0), 3);
	EXPECT(memcmp(buf, "xyz", 3) == 0);
	EXPECT_FAIL(rw2(SYS_preadv2, fd, &rv, 1, 0, 0x40000000), EOPNOTSUPP);
	close(fd);
}

const struct t_test t_test = { .run = run };
