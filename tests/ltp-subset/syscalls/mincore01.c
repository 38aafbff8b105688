/*
 * mincore01: mincore() reports touched anonymous pages as resident and
 * untouched ones as not; failures: EINVAL (unaligned address), ENOMEM
 * (range not mapped), EFAULT (bad vector).
 */
#include <sys/mman.h>

#include "harness.h"

static void run(void)
{
	long pg = t_page();
	unsigned char vec[4];
	char *p;

	p = SAFE_MMAP(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	p[0] = 1;
	p[2 * pg] = 1;
	EXPECT_OK(mincore(p, 4 * pg, vec));
	EXPECT_MSG((vec[0] & 1) && !(vec[1] & 1) && (vec[2] & 1) && !(vec[3] & 1),
		   "residency %d%d%d%d (wanted 1010)", vec[0] & 1, vec[1] & 1,
		   vec[2] & 1, vec[3] & 1);
	EXPECT_FAIL(mincore(p + 1, pg, vec), EINVAL);
	EXPECT_FAIL(mincore(p, pg, t_bad_addr()), EFAULT);
	SAFE(munmap(p + 3 * pg, pg));
	EXPECT_FAIL(mincore(p, 4 * pg, vec), ENOMEM);
}

const struct t_test t_test = { .run = run };
