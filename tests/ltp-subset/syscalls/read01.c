/*
 * read01: read() returns the bytes written before, advances the offset,
 * returns a short count at end of file and 0 at end of file.
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	char data[5000], buf[8192];
	int fd;

	for (unsigned int i = 0; i < sizeof(data); i++)
		data[i] = i * 7;
	fd = SAFE(open("f", O_RDWR | O_CREAT, 0644));
	SAFE(write(fd, data, sizeof(data)));
	SAFE(lseek(fd, 0, SEEK_SET));
	EXPECT_EQ(read(fd, buf, 4096), 4096);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 4096);
	EXPECT_EQ(read(fd, buf + 4096, 4096), sizeof(data) - 4096);
	EXPECT(memcmp(buf, data, sizeof(data)) == 0);
	EXPECT_EQ(read(fd, buf, 10), 0);
	EXPECT_EQ(read(fd, buf, 0), 0);
	close(fd);
}

const struct t_test t_test = { .run = run };
