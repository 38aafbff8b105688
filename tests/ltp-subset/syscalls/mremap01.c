/*
 * mremap01: growing a mapping with MREMAP_MAYMOVE keeps its contents (also
 * when it moves) and the new tail is usable and zeroed; shrinking in place
 * keeps the address and unmaps the rest.
 */
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "harness.h"

static void run(void)
{
	long pg = t_page();
	char *p, *q, *blocker;
	int status;
	pid_t pid;

	p = SAFE_MMAP(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	/* Make sure the pages after p are taken, forcing a move. */
	blocker = mmap(p + 2 * pg, pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS |
		       MAP_FIXED_NOREPLACE, -1, 0);
	memset(p, 'm', 2 * pg);
	q = mremap(p, 2 * pg, 64 * pg, MREMAP_MAYMOVE);
	EXPECT(q != MAP_FAILED);
	if (q == MAP_FAILED)
		return;
	if (blocker != MAP_FAILED)
		EXPECT_MSG(q != p, "mapping moved past the blocker");
	EXPECT_EQ(q[0], 'm');
	EXPECT_EQ(q[2 * pg - 1], 'm');
	EXPECT_EQ(q[2 * pg], 0);
	q[64 * pg - 1] = 'e';
	p = mremap(q, 64 * pg, pg, 0);
	EXPECT(p == q);
	EXPECT_EQ(p[0], 'm');
	pid = t_fork();
	if (!pid) {
		q[pg] = 1;
		_exit(0);
	}
	status = t_wait(pid);
	EXPECT_MSG(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
		   "the cut-off part is unmapped (status 0x%x)", status);
}

const struct t_test t_test = { .run = run };
