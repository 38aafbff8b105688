/*
 * write03: write() from an unmapped buffer fails with EFAULT and leaves the
 * file unchanged.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat st;
	char buf[16] = "";
	int fd;

	t_write_file("f", "intact", 0644);
	fd = SAFE(open("f", O_WRONLY));
	EXPECT_FAIL(write(fd, t_bad_addr(), 10), EFAULT);
	close(fd);
	SAFE(stat("f", &st));
	EXPECT_EQ(st.st_size, 6);
	t_read_file("f", buf, sizeof(buf));
	EXPECT(strcmp(buf, "intact") == 0);
}

const struct t_test t_test = { .run = run };
