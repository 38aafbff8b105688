/*
 * creat01: creat() makes a new file write-only with mode & ~umask, and on
 * an existing file truncates it to zero length, keeping its mode.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat st;
	char c;
	int fd;

	umask(027);
	fd = EXPECT_OK(creat("f", 0777));
	SAFE(fstat(fd, &st));
	EXPECT_EQ(st.st_mode & 0777, 0750);
	EXPECT_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_WRONLY);
	EXPECT_FAIL(read(fd, &c, 1), EBADF);
	EXPECT_EQ(write(fd, "abcdef", 6), 6);
	close(fd);
	fd = EXPECT_OK(creat("f", 0600));
	SAFE(fstat(fd, &st));
	EXPECT_EQ(st.st_size, 0);
	EXPECT_EQ(st.st_mode & 0777, 0750);
	close(fd);
}

const struct t_test t_test = { .run = run };
