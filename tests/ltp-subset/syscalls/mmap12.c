/*
 * mmap12: MAP_POPULATE maps a file with its pages already resident
 * (mincore reports all of them) and the contents are correct.
 */
#include <sys/mman.h>

#include "harness.h"

static void run(void)
{
	long pg = t_page();
	unsigned char vec[8];
	char *buf = malloc(8 * pg), *p;
	int fd, resident = 0;

	memset(buf, 'p', 8 * pg);
	fd = SAFE(open("f", O_RDWR | O_CREAT, 0644));
	SAFE(write(fd, buf, 8 * pg));
	p = SAFE_MMAP(NULL, 8 * pg, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	SAFE(mincore(p, 8 * pg, vec));
	for (int i = 0; i < 8; i++)
		resident += vec[i] & 1;
	EXPECT_EQ(resident, 8);
	EXPECT_EQ(p[5 * pg + 3], 'p');
	free(buf);
}

const struct t_test t_test = { .run = run };
