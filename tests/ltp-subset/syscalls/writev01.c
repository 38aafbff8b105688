/*
 * writev01: writev() gathers the buffers in order into the file (zero-length
 * ones included) and returns the total count.
 */
#include <fcntl.h>
#include <sys/uio.h>

#include "harness.h"

static void run(void)
{
	struct iovec iov[5] = {
		{ "one", 3 }, { NULL, 0 }, { "-two-", 5 }, { "", 0 }, { "three", 5 },
	};
	char buf[32] = "";
	int fd;

	fd = SAFE(open("f", O_WRONLY | O_CREAT, 0644));
	EXPECT_EQ(writev(fd, iov, 5), 13);
	EXPECT_EQ(writev(fd, iov, 0), 0);
	close(fd);
	t_read_file("f", buf, sizeof(buf));
	EXPECT(strcmp(buf, "one-two-three") == 0);
}

const struct t_test t_test = { .run = run };
