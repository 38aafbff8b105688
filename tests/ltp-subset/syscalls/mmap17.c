/*
 * mmap17: MAP_FIXED_NOREPLACE maps at the exact address when it is free
 * and fails with EEXIST when it overlaps an existing mapping (which stays
 * intact); MAP_FIXED replaces an existing mapping.
 */
#include <sys/mman.h>

#include "harness.h"

static void run(void)
{
	long pg = t_page();
	char *p, *q;

	p = SAFE_MMAP(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	p[pg] = 'k';
	SAFE(munmap(p + 2 * pg, 2 * pg));
	q = mmap(p + 2 * pg, pg, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	EXPECT_MSG(q == p + 2 * pg, "free address used exactly");
	EXPECT_FAIL(mmap(p + pg, 2 * pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS |
			 MAP_FIXED_NOREPLACE, -1, 0), EEXIST);
	EXPECT_EQ(p[pg], 'k');
	q = mmap(p + pg, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		 -1, 0);
	EXPECT(q == p + pg);
	EXPECT_EQ(p[pg], 0);
}

const struct t_test t_test = { .run = run };
