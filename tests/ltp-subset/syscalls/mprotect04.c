/*
 * mprotect04: code copied into an anonymous page can be executed once the
 * page is made PROT_READ|PROT_EXEC, and executing a page without
 * PROT_EXEC raises SIGSEGV.
 */
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "harness.h"

/* mov $42, %eax; ret */
static const unsigned char code[] = { 0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3 };

static void run(void)
{
	long pg = t_page();
	unsigned char *p;
	int (*fn)(void);
	int status;
	pid_t pid;

	p = SAFE_MMAP(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memcpy(p, code, sizeof(code));
	fn = (int (*)(void))p;
	pid = t_fork();
	if (!pid) {
		fn();
		_exit(0);
	}
	status = t_wait(pid);
	EXPECT_MSG(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
		   "executing a non-PROT_EXEC page raised SIGSEGV (status 0x%x)", status);
	EXPECT_OK(mprotect(p, pg, PROT_READ | PROT_EXEC));
	EXPECT_EQ(fn(), 42);
}

const struct t_test t_test = { .run = run };
