/*
 * lseek07: seeking past the end and writing makes a hole: the size grows to
 * the end of the write and the hole reads back as zero bytes.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	char buf[20];
	struct stat st;
	int fd, zero = 1;

	fd = SAFE(open("f", O_RDWR | O_CREAT, 0644));
	SAFE(write(fd, "abc", 3));
	EXPECT_EQ(lseek(fd, 10000, SEEK_SET), 10000);
	SAFE(fstat(fd, &st));
	EXPECT_EQ(st.st_size, 3);	/* seeking alone does not extend */
	SAFE(write(fd, "xyz", 3));
	SAFE(fstat(fd, &st));
	EXPECT_EQ(st.st_size, 10003);
	SAFE(lseek(fd, 3, SEEK_SET));
	for (int off = 3; off < 10000; off += sizeof(buf)) {
		ssize_t n = read(fd, buf, sizeof(buf));
		for (ssize_t i = 0; i < n && off + i < 10000; i++)
			if (buf[i])
				zero = 0;
	}
	EXPECT_MSG(zero, "the hole reads back as zeros");
	EXPECT_EQ(pread(fd, buf, 3, 10000), 3);
	EXPECT(memcmp(buf, "xyz", 3) == 0);
	close(fd);
}

const struct t_test t_test = { .run = run };
