/*
 * msync02: msync() failures: EINVAL for an unaligned address, unknown
 * flags, and MS_SYNC together with MS_ASYNC; ENOMEM for an unmapped range.
 */
#include <sys/mman.h>

#include "harness.h"

static void run(void)
{
	long pg = t_page();
	char *p;

	p = SAFE_MMAP(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	SAFE(munmap(p + pg, pg));
	EXPECT_FAIL(msync(p + 1, pg, MS_SYNC), EINVAL);
	EXPECT_FAIL(msync(p, pg, 0x100), EINVAL);
	EXPECT_FAIL(msync(p, pg, MS_SYNC | MS_ASYNC), EINVAL);
	EXPECT_FAIL(msync(p + pg, pg, MS_SYNC), ENOMEM);
	EXPECT_FAIL(msync(p, 2 * pg, MS_ASYNC), ENOMEM);
	EXPECT_OK(msync(p, pg, MS_SYNC));
}

const struct t_test t_test = { .run = run };
