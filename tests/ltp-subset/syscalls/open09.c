/*
 * open09: the access mode is enforced by read() and write(): reading an
 * O_WRONLY descriptor and writing an O_RDONLY one fail with EBADF.
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	char buf[4];
	int fd;

	t_write_file("f", "data", 0644);
	fd = SAFE(open("f", O_WRONLY));
	EXPECT_FAIL(read(fd, buf, sizeof(buf)), EBADF);
	EXPECT_EQ(write(fd, "ab", 2), 2);
	close(fd);
	fd = SAFE(open("f", O_RDONLY));
	EXPECT_FAIL(write(fd, "ab", 2), EBADF);
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 4);
	EXPECT(memcmp(buf, "abta", 4) == 0);
	close(fd);
}

const struct t_test t_test = { .run = run };
