/*
 * flock01: flock() LOCK_SH, LOCK_EX and LOCK_UN succeed on a file; a lock
 * can be converted between shared and exclusive.
 */
#include <fcntl.h>
#include <sys/file.h>

#include "harness.h"

static void run(void)
{
	int fd;

	t_write_file("f", "", 0644);
	fd = SAFE(open("f", O_RDONLY));
	EXPECT_OK(flock(fd, LOCK_SH));
	EXPECT_OK(flock(fd, LOCK_EX));
	EXPECT_OK(flock(fd, LOCK_SH | LOCK_NB));
	EXPECT_OK(flock(fd, LOCK_UN));
	EXPECT_OK(flock(fd, LOCK_UN));
	EXPECT_OK(flock(fd, LOCK_EX | LOCK_NB));
}

const struct t_test t_test = { .run = run };
