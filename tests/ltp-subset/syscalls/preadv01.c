/*
 * preadv01: preadv() and pwritev() scatter and gather at the given offset
 * and do not move the file offset.
 */
#include <fcntl.h>
#include <sys/uio.h>

#include "harness.h"

static void run(void)
{
	char a[2], b[3], buf[16] = "";
	struct iovec rv[2] = { { a, 2 }, { b, 3 } };
	struct iovec wv[2] = { { "AB", 2 }, { "CDE", 3 } };
	int fd;

	t_write_file("f", "0123456789", 0644);
	fd = SAFE(open("f", O_RDWR));
	EXPECT_EQ(pwritev(fd, wv, 2, 3), 5);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 0);
	EXPECT_EQ(preadv(fd, rv, 2, 2), 5);
	EXPECT(memcmp(a, "2A", 2) == 0 && memcmp(b, "BCD", 3) == 0);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 0);
	EXPECT_EQ(preadv(fd, rv, 2, 8), 2);
	EXPECT_FAIL(preadv(fd, rv, 2, -1), EINVAL);
	close(fd);
	t_read_file("f", buf, sizeof(buf));
	EXPECT(strcmp(buf, "012ABCDE89") == 0);
}

const struct t_test t_test = { .run = run };
