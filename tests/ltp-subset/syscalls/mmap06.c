/*
 * mmap06: mmap() access checks against the descriptor: EACCES for any
 * mapping of an O_WRONLY descriptor, for MAP_SHARED with PROT_WRITE of an
 * O_RDONLY descriptor; MAP_PRIVATE|PROT_WRITE of an O_RDONLY descriptor
 * and MAP_SHARED|PROT_WRITE of an O_RDWR|O_APPEND one are allowed.
 */
#include <sys/mman.h>

#include "harness.h"

static void run(void)
{
	long pg = t_page();
	int ro, wo, ap;
	void *p;

	t_write_file("f", "some data", 0644);
	ro = SAFE(open("f", O_RDONLY));
	wo = SAFE(open("f", O_WRONLY));
	ap = SAFE(open("f", O_RDWR | O_APPEND));
	EXPECT_FAIL(mmap(NULL, pg, PROT_READ, MAP_SHARED, wo, 0), EACCES);
	EXPECT_FAIL(mmap(NULL, pg, PROT_READ, MAP_PRIVATE, wo, 0), EACCES);
	EXPECT_FAIL(mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0), EACCES);
	/* O_APPEND is not "append-only" (that is the inode flag): allowed. */
	EXPECT_OK(mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, ap, 0));
	p = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0);
	EXPECT_MSG(p != MAP_FAILED, "MAP_PRIVATE|PROT_WRITE of a read-only fd works");
	/* mprotect cannot add PROT_WRITE to a shared read-only-fd mapping. */
	p = SAFE_MMAP(NULL, pg, PROT_READ, MAP_SHARED, ro, 0);
	EXPECT_FAIL(mprotect(p, pg, PROT_READ | PROT_WRITE), EACCES);
}

const struct t_test t_test = { .run = run };
