/*
 * lseek01: SEEK_SET, SEEK_CUR and SEEK_END return the new offset and the
 * next read() starts there.
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	char c;
	int fd;

	t_write_file("f", "0123456789", 0644);
	fd = SAFE(open("f", O_RDONLY));
	EXPECT_EQ(lseek(fd, 4, SEEK_SET), 4);
	SAFE(read(fd, &c, 1));
	EXPECT_EQ(c, '4');
	EXPECT_EQ(lseek(fd, 2, SEEK_CUR), 7);
	SAFE(read(fd, &c, 1));
	EXPECT_EQ(c, '7');
	EXPECT_EQ(lseek(fd, -3, SEEK_CUR), 5);
	EXPECT_EQ(lseek(fd, -1, SEEK_END), 9);
	SAFE(read(fd, &c, 1));
	EXPECT_EQ(c, '9');
	EXPECT_EQ(lseek(fd, 0, SEEK_END), 10);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 10);
	EXPECT_EQ(lseek(fd, 100, SEEK_SET), 100);
	EXPECT_EQ(read(fd, &c, 1), 0);
	close(fd);
}

const struct t_test t_test = { .run = run };
