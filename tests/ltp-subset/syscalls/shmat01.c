/*
 * shmat01: an attached segment is shared memory: two attaches in one
 * process and an attach in a child see each other's writes; the kernel
 * picks a page-aligned address; a fixed address is honoured and SHM_RND
 * rounds it down; SHM_RDONLY maps it read-only (mprotect cannot add write);
 * a segment starts zeroed; the page after an odd size still belongs to it.
 */
#include <sys/mman.h>
#include <sys/wait.h>

#include "tipc.h"

static void run(void)
{
	long pg = t_page();
	int id = t_shm_new(pg + 100, 0600);
	char *a, *b, *c, *r;
	pid_t pid;

	a = shmat(id, NULL, 0);
	if (a == (void *)-1)
		t_brk(TBROK | TERRNO, "shmat");
	EXPECT(((unsigned long)a & (pg - 1)) == 0);
	EXPECT_EQ(a[0], 0);
	EXPECT_EQ(a[pg + 99], 0);
	/* The tail of the last page is mapped too (it is part of the page). */
	EXPECT_EQ(a[2 * pg - 1], 0);
	b = shmat(id, NULL, 0);
	EXPECT(b != (void *)-1 && b != a);
	strcpy(a, "hello");
	EXPECT(strcmp(b, "hello") == 0);
	b[pg + 5] = 'x';
	EXPECT_EQ(a[pg + 5], 'x');

	pid = t_fork();
	if (!pid) {
		/* The child inherits the attachment. */
		if (strcmp(a, "hello") != 0)
			_exit(1);
		strcpy(b, "child");
		_exit(0);
	}
	t_reap(pid);
	EXPECT(strcmp(a, "child") == 0);

	/* A fixed address: pick a free range, then attach there. */
	c = mmap(NULL, 4 * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (c == MAP_FAILED)
		t_brk(TBROK | TERRNO, "mmap");
	munmap(c, 4 * pg);
	EXPECT(shmat(id, c, 0) == c);
	EXPECT(strcmp(c, "child") == 0);
	EXPECT_OK(shmdt(c));
	EXPECT(shmat(id, c + 123, SHM_RND) == c);
	EXPECT_OK(shmdt(c));

	r = shmat(id, NULL, SHM_RDONLY);
	EXPECT(r != (void *)-1);
	EXPECT(strcmp(r, "child") == 0);
	EXPECT_FAIL(mprotect(r, pg, PROT_READ | PROT_WRITE), EACCES);
	pid = t_fork();
	if (!pid) {
		r[0] = 'z';	/* SIGSEGV */
		_exit(0);
	}
	{
		int st = t_wait(pid);
		EXPECT_MSG(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
			   "write to a SHM_RDONLY attach killed by SIGSEGV");
	}
	EXPECT_OK(shmdt(r));
	EXPECT_OK(shmdt(a));
	EXPECT_OK(shmdt(b));
}

const struct t_test t_test = { .run = run, .cleanup = t_ipc_cleanup };
