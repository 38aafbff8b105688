/*
 * dup01: dup() returns the lowest free descriptor, which shares the file
 * offset and status flags with the original but not FD_CLOEXEC.
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	int fd, d;

	t_write_file("f", "abcdef", 0644);
	fd = SAFE(open("f", O_RDWR | O_CLOEXEC));
	SAFE(close(0));
	d = EXPECT_OK(dup(fd));
	EXPECT_EQ(d, 0);
	EXPECT_EQ(fcntl(d, F_GETFD), 0);
	SAFE(lseek(fd, 3, SEEK_SET));
	EXPECT_EQ(lseek(d, 0, SEEK_CUR), 3);
	SAFE(fcntl(d, F_SETFL, O_APPEND));
	EXPECT(fcntl(fd, F_GETFL) & O_APPEND);
	d = EXPECT_OK(dup(fd));
	EXPECT_EQ(d, fd + 1);
}

const struct t_test t_test = { .run = run };
