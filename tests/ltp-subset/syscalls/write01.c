/*
 * write01: many write() calls of various sizes return their full count,
 * the file size grows by the sum, and the contents read back in order.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	static char buf[300000];
	struct stat st;
	size_t total = 0, sz;
	int fd, ok = 1;

	fd = SAFE(open("f", O_RDWR | O_CREAT | O_TRUNC, 0644));
	for (sz = 1; total + sz < sizeof(buf); sz = sz * 3 + 1) {
		memset(buf, 'a' + (sz % 26), sz);
		if (write(fd, buf, sz) != (ssize_t)sz)
			ok = 0;
		total += sz;
	}
	EXPECT_MSG(ok, "every write returned its full count");
	SAFE(fstat(fd, &st));
	EXPECT_EQ(st.st_size, total);
	SAFE(lseek(fd, 0, SEEK_SET));
	EXPECT_EQ(read(fd, buf, sizeof(buf)), total);
	total = 0;
	for (sz = 1; total + sz < sizeof(buf); sz = sz * 3 + 1) {
		for (size_t i = 0; i < sz; i++)
			if (buf[total + i] != 'a' + (int)(sz % 26))
				ok = 0;
		total += sz;
	}
	EXPECT_MSG(ok, "contents read back in order");
	close(fd);
}

const struct t_test t_test = { .run = run };
