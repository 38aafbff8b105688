/*
 * mmap09: a file mapping follows the file size: after ftruncate() shrinks
 * the file, touching a whole page past the new end raises SIGBUS; after
 * growing it, the new part of the mapping reads as zeros.
 */
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "harness.h"

static void run(void)
{
	long pg = t_page();
	char *p;
	int fd, status;
	pid_t pid;

	fd = SAFE(open("f", O_RDWR | O_CREAT, 0644));
	SAFE(ftruncate(fd, 4 * pg));
	p = SAFE_MMAP(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	memset(p, 'a', 4 * pg);
	SAFE(ftruncate(fd, pg));
	pid = t_fork();
	if (!pid) {
		(void)*(volatile char *)(p + 2 * pg);
		_exit(0);
	}
	status = t_wait(pid);
	EXPECT_MSG(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS,
		   "access past EOF raised SIGBUS (status 0x%x)", status);
	EXPECT_EQ(p[pg - 1], 'a');
	SAFE(ftruncate(fd, 4 * pg));
	EXPECT_EQ(p[3 * pg], 0);
	EXPECT_EQ(p[pg], 0);
}

const struct t_test t_test = { .run = run };
