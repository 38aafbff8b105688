/*
 * madvise02: madvise() failures: EINVAL for an unaligned address and for
 * an unknown advice; ENOMEM for a range that is not mapped; EINVAL for
 * MADV_DONTNEED on locked memory (mlock).
 */
#include <sys/mman.h>

#include "harness.h"

static void run(void)
{
	long pg = t_page();
	char *p;

	p = SAFE_MMAP(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	SAFE(munmap(p + 2 * pg, pg));
	EXPECT_FAIL(madvise(p + 1, pg, MADV_NORMAL), EINVAL);
	EXPECT_FAIL(madvise(p, pg, 1234), EINVAL);
	EXPECT_FAIL(madvise(p, 3 * pg, MADV_NORMAL), ENOMEM);
	EXPECT_FAIL(madvise(p + 2 * pg, pg, MADV_WILLNEED), ENOMEM);
	if (mlock(p, pg) == 0)
		EXPECT_FAIL(madvise(p, pg, MADV_DONTNEED), EINVAL);
	else
		t_res(TINFO | TERRNO, "mlock failed, locked-memory case skipped");
}

const struct t_test t_test = { .run = run };
