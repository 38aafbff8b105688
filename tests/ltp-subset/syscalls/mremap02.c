/*
 * mremap02: mremap() failures (raw call): EINVAL for an unaligned old
 * address, unknown flags, new size 0, MREMAP_FIXED without MREMAP_MAYMOVE;
 * EFAULT for an old range that is not mapped; ENOMEM when growing in place
 * is impossible and moving is not allowed. MREMAP_FIXED moves to the given
 * address.
 */
#include <sys/mman.h>

#include "harness.h"

static void run(void)
{
	long pg = t_page();
	char *p, *target, *q;

	p = SAFE_MMAP(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	SAFE(munmap(p + 2 * pg, pg));
	SAFE(mprotect(p + pg, pg, PROT_READ));	/* a separate vma after p */
	EXPECT_FAIL(syscall(SYS_mremap, p + 1, pg, 2 * pg, 0), EINVAL);
	EXPECT_FAIL(syscall(SYS_mremap, p, pg, 2 * pg, 0x80), EINVAL);
	EXPECT_FAIL(syscall(SYS_mremap, p, pg, 0, 0), EINVAL);
	EXPECT_FAIL(syscall(SYS_mremap, p, pg, pg, MREMAP_FIXED, p + 2 * pg), EINVAL);
	EXPECT_FAIL(syscall(SYS_mremap, p + 2 * pg, pg, 2 * pg, MREMAP_MAYMOVE), EFAULT);
	EXPECT_FAIL(syscall(SYS_mremap, p, pg, 2 * pg, 0), ENOMEM);
	target = SAFE_MMAP(NULL, 4 * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	p[0] = 'f';
	q = (char *)syscall(SYS_mremap, p, pg, pg, MREMAP_MAYMOVE | MREMAP_FIXED, target + pg);
	EXPECT(q == target + pg);
	EXPECT_EQ(q[0], 'f');
}

const struct t_test t_test = { .run = run };
