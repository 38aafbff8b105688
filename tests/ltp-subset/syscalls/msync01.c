/*
 * msync01: stores through a MAP_SHARED mapping reach the file: after
 * msync(MS_SYNC) read() sees them (and even without msync, through the
 * shared page cache); MS_ASYNC and MS_INVALIDATE succeed.
 */
#include <sys/mman.h>

#include "harness.h"

static void run(void)
{
	long pg = t_page();
	char *p, buf[16] = "";
	int fd;

	fd = SAFE(open("f", O_RDWR | O_CREAT, 0644));
	SAFE(ftruncate(fd, 2 * pg));
	p = SAFE_MMAP(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	memcpy(p + pg, "mapped", 6);
	EXPECT_OK(msync(p, 2 * pg, MS_SYNC));
	EXPECT_EQ(pread(fd, buf, 6, pg), 6);
	EXPECT(!memcmp(buf, "mapped", 6));
	memcpy(p, "async", 5);
	EXPECT_OK(msync(p, pg, MS_ASYNC));
	EXPECT_EQ(pread(fd, buf, 5, 0), 5);
	EXPECT(!memcmp(buf, "async", 5));
	EXPECT_OK(msync(p, pg, MS_INVALIDATE));
	SAFE(pwrite(fd, "W", 1, 0));
	EXPECT_EQ(p[0], 'W');
}

const struct t_test t_test = { .run = run };
