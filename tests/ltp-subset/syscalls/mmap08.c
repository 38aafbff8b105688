/*
 * mmap08: mmap() argument errors: EBADF (bad fd, not MAP_ANONYMOUS),
 * EINVAL (length 0, unaligned offset, neither MAP_SHARED nor MAP_PRIVATE,
 * both, MAP_FIXED with an unaligned address), ENODEV (a directory or a
 * pipe), ENOMEM (MAP_FIXED beyond the user address space),
 * EOPNOTSUPP (MAP_SHARED_VALIDATE with an unknown flag).
 */
#include <sys/mman.h>

#include "harness.h"

static void run(void)
{
	long pg = t_page();
	int fd, dfd, p[2];

	t_write_file("f", "x", 0644);
	fd = SAFE(open("f", O_RDWR));
	dfd = SAFE(open(".", O_RDONLY));
	SAFE(pipe(p));
	EXPECT_FAIL(mmap(NULL, pg, PROT_READ, MAP_SHARED, -1, 0), EBADF);
	EXPECT_FAIL(mmap(NULL, pg, PROT_READ, MAP_SHARED, 99, 0), EBADF);
	EXPECT_FAIL(mmap(NULL, 0, PROT_READ, MAP_SHARED, fd, 0), EINVAL);
	EXPECT_FAIL(mmap(NULL, pg, PROT_READ, MAP_SHARED, fd, 100), EINVAL);
	EXPECT_FAIL(mmap(NULL, pg, PROT_READ, 0, fd, 0), EINVAL);
	EXPECT_FAIL(mmap((void *)0x100001, pg, PROT_READ,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), EINVAL);
	EXPECT_FAIL(mmap(NULL, pg, PROT_READ, MAP_SHARED, dfd, 0), ENODEV);
	EXPECT_FAIL(mmap(NULL, pg, PROT_READ, MAP_SHARED, p[0], 0), ENODEV);
	EXPECT_FAIL(mmap((void *)(1UL << 47), pg, PROT_READ,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), ENOMEM);
	EXPECT_FAIL(mmap(NULL, pg, PROT_READ, MAP_SHARED_VALIDATE | 0x200000, fd, 0),
		    EOPNOTSUPP);
}

const struct t_test t_test = { .run = run };
