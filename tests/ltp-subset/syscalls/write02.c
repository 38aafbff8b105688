/*
 * write02: write() of zero bytes returns 0 and changes nothing, on a
 * regular file and on a pipe (where it neither blocks nor wakes a reader).
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat st;
	int fd, p[2];
	char c;

	fd = SAFE(open("f", O_RDWR | O_CREAT, 0644));
	EXPECT_EQ(write(fd, "", 0), 0);
	EXPECT_EQ(write(fd, NULL, 0), 0);
	SAFE(fstat(fd, &st));
	EXPECT_EQ(st.st_size, 0);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 0);
	close(fd);
	SAFE(pipe2(p, O_NONBLOCK));
	EXPECT_EQ(write(p[1], "", 0), 0);
	EXPECT_FAIL(read(p[0], &c, 1), EAGAIN);
	close(p[0]);
	close(p[1]);
}

const struct t_test t_test = { .run = run };
