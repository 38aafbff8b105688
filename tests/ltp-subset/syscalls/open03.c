/*
 * open03: open(O_RDWR|O_CREAT) creates a file with the returned descriptor
 * usable for reading and writing; the file exists afterwards with the data.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	char buf[16] = "";
	struct stat st;
	int fd;

	fd = EXPECT_OK(open("newfile", O_RDWR | O_CREAT, 0700));
	if (fd < 0)
		return;
	EXPECT_EQ(write(fd, "hello", 5), 5);
	EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 5);
	EXPECT(memcmp(buf, "hello", 5) == 0);
	EXPECT_OK(close(fd));
	EXPECT_OK(stat("newfile", &st));
	EXPECT_EQ(st.st_size, 5);
	EXPECT_EQ(st.st_uid, geteuid());
	EXPECT_OK(unlink("newfile"));
	EXPECT_FAIL(stat("newfile", &st), ENOENT);
}

const struct t_test t_test = { .run = run };
