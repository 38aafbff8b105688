/*
 * munmap01: after munmap() the range is gone (access raises SIGSEGV),
 * unmapping the middle of a mapping leaves both ends usable, and
 * unmapping an already unmapped range succeeds.
 */
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "harness.h"

static void run(void)
{
	long pg = t_page();
	char *p;
	int status;
	pid_t pid;

	p = SAFE_MMAP(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	p[0] = 1;
	p[2 * pg] = 3;
	EXPECT_OK(munmap(p + pg, pg));
	EXPECT_EQ(p[0], 1);
	EXPECT_EQ(p[2 * pg], 3);
	pid = t_fork();
	if (!pid) {
		p[pg] = 2;
		_exit(0);
	}
	status = t_wait(pid);
	EXPECT_MSG(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
		   "access to the unmapped page raised SIGSEGV (status 0x%x)", status);
	EXPECT_OK(munmap(p + pg, pg));
	EXPECT_OK(munmap(p, 3 * pg));
}

const struct t_test t_test = { .run = run };
