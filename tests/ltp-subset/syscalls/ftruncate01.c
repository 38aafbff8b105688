/*
 * ftruncate01: ftruncate() sets the size through a writable descriptor;
 * EINVAL for a descriptor not open for writing and for a negative length,
 * EBADF for a bad descriptor, EINVAL for a pipe or socket.
 */
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat st;
	int fd, rfd, p[2];

	fd = SAFE(open("f", O_RDWR | O_CREAT, 0644));
	rfd = SAFE(open("f", O_RDONLY));
	SAFE(pipe(p));
	EXPECT_OK(ftruncate(fd, 12345));
	SAFE(fstat(fd, &st));
	EXPECT_EQ(st.st_size, 12345);
	EXPECT_OK(ftruncate(fd, 100));
	SAFE(fstat(rfd, &st));
	EXPECT_EQ(st.st_size, 100);
	EXPECT_FAIL(ftruncate(rfd, 0), EINVAL);
	EXPECT_FAIL(ftruncate(fd, -1), EINVAL);
	EXPECT_FAIL(ftruncate(-1, 0), EBADF);
	EXPECT_FAIL(ftruncate(p[1], 0), EINVAL);
}

const struct t_test t_test = { .run = run };
