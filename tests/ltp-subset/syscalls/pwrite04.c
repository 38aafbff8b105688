/*
 * pwrite04: on Linux, pwrite() to a descriptor opened with O_APPEND appends
 * the data at the end of the file regardless of the offset argument (the
 * documented BUGS entry of pwrite(2)), and does not move the file offset.
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	char buf[16] = "";
	int fd;

	t_write_file("f", "0123", 0644);
	fd = SAFE(open("f", O_RDWR | O_APPEND));
	EXPECT_EQ(pwrite(fd, "ab", 2, 0), 2);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 0);
	t_read_file("f", buf, sizeof(buf));
	EXPECT_MSG(strcmp(buf, "0123ab") == 0, "contents \"%s\"", buf);
	close(fd);
}

const struct t_test t_test = { .run = run };
