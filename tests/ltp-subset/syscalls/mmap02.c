/*
 * mmap02: a PROT_READ MAP_PRIVATE file mapping at a page-aligned offset
 * shows the file data from that offset; writing to it raises SIGSEGV.
 */
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "harness.h"

static void run(void)
{
	long pg = t_page();
	char *buf = malloc(3 * pg), *p;
	int fd, status;
	pid_t pid;

	for (long i = 0; i < 3 * pg; i++)
		buf[i] = (char)(i / pg + 'a');
	fd = SAFE(open("f", O_RDWR | O_CREAT, 0644));
	SAFE(write(fd, buf, 3 * pg));
	p = SAFE_MMAP(NULL, pg, PROT_READ, MAP_PRIVATE, fd, pg);
	EXPECT_EQ(p[0], 'b');
	EXPECT_EQ(p[pg - 1], 'b');
	pid = t_fork();
	if (!pid) {
		p[0] = 'z';
		_exit(0);
	}
	status = t_wait(pid);
	EXPECT_MSG(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
		   "write to a PROT_READ mapping raised SIGSEGV (status 0x%x)", status);
	free(buf);
}

const struct t_test t_test = { .run = run };
