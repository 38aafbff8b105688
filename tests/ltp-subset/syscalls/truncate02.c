/*
 * truncate02: truncate() shrinks a file (data beyond is gone, reading there
 * gives EOF) and extends it with zeros; the file offset of an open
 * descriptor is not changed.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat st;
	char buf[16];
	int fd;

	t_write_file("f", "0123456789", 0644);
	fd = SAFE(open("f", O_RDONLY));
	SAFE(lseek(fd, 8, SEEK_SET));
	EXPECT_OK(truncate("f", 4));
	SAFE(stat("f", &st));
	EXPECT_EQ(st.st_size, 4);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 8);
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 0);
	EXPECT_OK(truncate("f", 8));
	EXPECT_EQ(pread(fd, buf, sizeof(buf), 0), 8);
	EXPECT(!memcmp(buf, "0123\0\0\0\0", 8));
	EXPECT_OK(truncate("f", 0));
	SAFE(fstat(fd, &st));
	EXPECT_EQ(st.st_size, 0);
}

const struct t_test t_test = { .run = run };
