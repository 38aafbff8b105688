/*
 * read02: documented read() failures: EBADF (bad descriptor, descriptor
 * open for writing only), EISDIR (a directory), EFAULT (buffer not mapped).
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	char buf[16];
	int fd, wfd, dfd;

	t_write_file("f", "0123456789", 0644);
	fd = SAFE(open("f", O_RDONLY));
	wfd = SAFE(open("f", O_WRONLY));
	dfd = SAFE(open(".", O_RDONLY));
	EXPECT_FAIL(read(-1, buf, 1), EBADF);
	EXPECT_FAIL(read(wfd, buf, 1), EBADF);
	EXPECT_FAIL(read(dfd, buf, sizeof(buf)), EISDIR);
	EXPECT_FAIL(read(fd, t_bad_addr(), 4), EFAULT);
	/* The failed read did not move the offset. */
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 0);
	close(fd);
	close(wfd);
	close(dfd);
}

const struct t_test t_test = { .run = run };
