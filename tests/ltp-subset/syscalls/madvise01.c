/*
 * madvise01: every common advice succeeds on a mapped range; MADV_DONTNEED
 * on private anonymous memory makes it read back as zeros, and on a
 * private file mapping reloads the file's contents.
 */
#include <sys/mman.h>

#include "harness.h"

static void run(void)
{
	static const int advice[] = { MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL,
				      MADV_WILLNEED, MADV_DONTNEED };
	long pg = t_page();
	char *p, *f;
	int fd;

	p = SAFE_MMAP(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	for (unsigned int i = 0; i < sizeof(advice) / sizeof(advice[0]); i++)
		EXPECT_OK(madvise(p, 4 * pg, advice[i]));
	memset(p, 'x', 4 * pg);
	EXPECT_OK(madvise(p + pg, 2 * pg, MADV_DONTNEED));
	EXPECT_EQ(p[0], 'x');
	EXPECT_EQ(p[pg], 0);
	EXPECT_EQ(p[3 * pg - 1], 0);
	EXPECT_EQ(p[3 * pg], 'x');
	t_write_file("f", "file data", 0644);
	fd = SAFE(open("f", O_RDONLY));
	f = SAFE_MMAP(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	f[0] = 'F';
	EXPECT_OK(madvise(f, pg, MADV_DONTNEED));
	EXPECT_EQ(f[0], 'f');
}

const struct t_test t_test = { .run = run };
