/*
 * lseek11: SEEK_DATA and SEEK_HOLE: on a file without holes SEEK_DATA from
 * an offset inside returns that offset, SEEK_HOLE returns the size (the
 * implicit hole at EOF), and both fail with ENXIO at or beyond EOF.
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	char buf[8192];
	int fd;

	memset(buf, 'd', sizeof(buf));
	fd = SAFE(open("f", O_RDWR | O_CREAT, 0644));
	SAFE(write(fd, buf, sizeof(buf)));
	EXPECT_EQ(lseek(fd, 0, SEEK_DATA), 0);
	EXPECT_EQ(lseek(fd, 100, SEEK_DATA), 100);
	EXPECT_EQ(lseek(fd, 0, SEEK_HOLE), 8192);
	EXPECT_EQ(lseek(fd, 5000, SEEK_HOLE), 8192);
	EXPECT_FAIL(lseek(fd, 8192, SEEK_DATA), ENXIO);
	EXPECT_FAIL(lseek(fd, 9000, SEEK_HOLE), ENXIO);
	EXPECT_FAIL(lseek(fd, -1, SEEK_DATA), ENXIO);
	close(fd);
}

const struct t_test t_test = { .run = run };
