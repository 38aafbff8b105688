/*
 * mprotect02: removing PROT_WRITE makes stores fault (SIGSEGV) while loads
 * still work; restoring PROT_WRITE makes stores work again with the data
 * intact; protecting one page of three splits the mapping.
 */
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>

#include "harness.h"

static sigjmp_buf env;

static void on_segv(int sig)
{
	siglongjmp(env, 1);
}

static int store_faults(volatile char *p)
{
	if (sigsetjmp(env, 1))
		return 1;
	*p = 'w';
	return 0;
}

static void run(void)
{
	long pg = t_page();
	char *p;

	signal(SIGSEGV, on_segv);
	p = SAFE_MMAP(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(p, 'd', 3 * pg);
	EXPECT_OK(mprotect(p + pg, pg, PROT_READ));
	EXPECT_MSG(store_faults(p + pg), "store to the read-only page faults");
	EXPECT_EQ(p[pg], 'd');
	EXPECT_MSG(!store_faults(p), "store to the page before works");
	EXPECT_MSG(!store_faults(p + 2 * pg), "store to the page after works");
	EXPECT_OK(mprotect(p + pg, pg, PROT_READ | PROT_WRITE));
	EXPECT_MSG(!store_faults(p + pg), "store works after PROT_WRITE is back");
	EXPECT_OK(mprotect(p, 3 * pg, PROT_NONE));
	EXPECT_MSG(store_faults(p + 2 * pg), "PROT_NONE faults");
}

const struct t_test t_test = { .run = run };
