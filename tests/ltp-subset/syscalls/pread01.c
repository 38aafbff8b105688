/*
 * pread01: pread() and pwrite() work at the given offset and leave the file
 * offset where it was.
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	char buf[8] = "";
	int fd;

	t_write_file("f", "aaaaaaaaaa", 0644);
	fd = SAFE(open("f", O_RDWR));
	SAFE(lseek(fd, 2, SEEK_SET));
	EXPECT_EQ(pwrite(fd, "XYZ", 3, 5), 3);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 2);
	EXPECT_EQ(pread(fd, buf, 4, 4), 4);
	EXPECT(memcmp(buf, "aXYZ", 4) == 0);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 2);
	EXPECT_EQ(pread(fd, buf, 8, 8), 2);
	EXPECT_EQ(pread(fd, buf, 8, 100), 0);
	EXPECT_EQ(pwrite(fd, "E", 1, 12), 1);
	EXPECT_EQ(pread(fd, buf, 3, 10), 3);
	EXPECT(memcmp(buf, "\0\0E", 3) == 0);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 2);
	close(fd);
}

const struct t_test t_test = { .run = run };
