/*
 * mmap03: anonymous mappings are zero-filled, MAP_PRIVATE anonymous memory
 * is private to the process after fork, MAP_SHARED anonymous memory is
 * shared, and a hint address that is free is used when MAP_FIXED is
 * given.
 */
#include <sys/mman.h>

#include "harness.h"

static void run(void)
{
	long pg = t_page();
	char *p, *q, *fixed;
	int zero = 1;
	pid_t pid;

	p = SAFE_MMAP(NULL, 16 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	for (long i = 0; i < 16 * pg; i++)
		if (p[i])
			zero = 0;
	EXPECT_MSG(zero, "anonymous memory reads as zeros");
	q = SAFE_MMAP(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	p[0] = 1;
	q[0] = 1;
	pid = t_fork();
	if (!pid) {
		p[0] = 2;
		q[0] = 2;
		_exit(0);
	}
	t_reap(pid);
	EXPECT_EQ(p[0], 1);
	EXPECT_EQ(q[0], 2);
	SAFE(munmap(p + 4 * pg, pg));
	fixed = mmap(p + 4 * pg, pg, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	EXPECT(fixed == p + 4 * pg);
	EXPECT_EQ(fixed[0], 0);
}

const struct t_test t_test = { .run = run };
