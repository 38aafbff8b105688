/*
 * fcntl02: F_GETFL returns the access mode and status flags; F_SETFL can
 * change O_APPEND and O_NONBLOCK but ignores the access mode and creation
 * flags.
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	int fd, fl;

	t_write_file("f", "", 0644);
	fd = SAFE(open("f", O_RDONLY));
	fl = EXPECT_OK(fcntl(fd, F_GETFL));
	EXPECT_EQ(fl & (O_ACCMODE | O_APPEND | O_NONBLOCK), O_RDONLY);
	EXPECT_OK(fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK | O_RDWR | O_TRUNC | O_CREAT));
	fl = fcntl(fd, F_GETFL);
	EXPECT_EQ(fl & O_ACCMODE, O_RDONLY);
	EXPECT(fl & O_APPEND);
	EXPECT(fl & O_NONBLOCK);
	EXPECT_EQ(fl & (O_TRUNC | O_CREAT), 0);
	EXPECT_OK(fcntl(fd, F_SETFL, 0));
	EXPECT_EQ(fcntl(fd, F_GETFL) & (O_APPEND | O_NONBLOCK), 0);
	close(fd);
	fd = SAFE(open("f", O_WRONLY));
	EXPECT_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_WRONLY);
	close(fd);
}

const struct t_test t_test = { .run = run };
