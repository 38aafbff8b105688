/*
 * munmap03: munmap() fails with EINVAL for an unaligned address, a length
 * of 0, and a range beyond the user address space.
 */
#include <sys/mman.h>

#include "harness.h"

static void run(void)
{
	long pg = t_page();
	char *p = SAFE_MMAP(NULL, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	EXPECT_FAIL(munmap(p + 1, pg), EINVAL);
	EXPECT_FAIL(munmap(p, 0), EINVAL);
	EXPECT_FAIL(munmap((void *)(~0UL & ~(pg - 1)), pg), EINVAL);
	EXPECT_OK(munmap(p, pg - 1));	/* length is rounded up */
}

const struct t_test t_test = { .run = run };
