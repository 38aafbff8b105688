/*
 * brk01: the raw brk system call returns the current break for 0, moves it
 * up (the new memory is zeroed and writable) and back down; a request it
 * cannot satisfy leaves the break unchanged (brk returns the old value).
 * Raw calls: musl's brk() always fails.
 */
#include "harness.h"

static void run(void)
{
	long pg = t_page();
	char *cur, *got;
	int zero = 1;

	cur = (char *)syscall(SYS_brk, 0);
	EXPECT(cur != NULL && cur != (char *)-1);
	got = (char *)syscall(SYS_brk, cur + 16 * pg);
	EXPECT_MSG(got == cur + 16 * pg, "break moved up by 16 pages");
	for (long i = 0; i < 16 * pg; i += 64)
		if (cur[i])
			zero = 0;
	EXPECT_MSG(zero, "new heap memory reads as zeros");
	memset(cur, 'h', 16 * pg);
	EXPECT_EQ(cur[16 * pg - 1], 'h');
	got = (char *)syscall(SYS_brk, cur + pg);
	EXPECT_MSG(got == cur + pg, "break moved back down");
	got = (char *)syscall(SYS_brk, cur + 16 * pg);
	EXPECT_MSG(got == cur + 16 * pg && cur[2 * pg] == 0,
		   "memory given back and taken again is zeroed");
	got = (char *)syscall(SYS_brk, (char *)(1UL << 46));
	EXPECT_MSG(got == cur + 16 * pg, "impossible request leaves the break");
	EXPECT_EQ((long)syscall(SYS_brk, 0), (long)(cur + 16 * pg));
}

const struct t_test t_test = { .run = run };
