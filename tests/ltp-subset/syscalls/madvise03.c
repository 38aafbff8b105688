/*
 * madvise03: MADV_DONTFORK keeps a range out of fork children (they get
 * SIGSEGV touching it); MADV_WIPEONFORK gives children zeroed memory while
 * the parent keeps its data; MADV_DOFORK and MADV_KEEPONFORK undo them;
 * WIPEONFORK on shared memory fails with EINVAL.
 */
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "harness.h"

static void run(void)
{
	long pg = t_page();
	char *a, *b;
	int status;
	pid_t pid;

	a = SAFE_MMAP(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	b = SAFE_MMAP(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	a[0] = 'a';
	b[0] = 'b';
	EXPECT_OK(madvise(a, pg, MADV_DONTFORK));
	EXPECT_OK(madvise(b, pg, MADV_WIPEONFORK));
	pid = t_fork();
	if (!pid) {
		if (b[0] != 0)
			_exit(1);
		(void)*(volatile char *)a;
		_exit(0);
	}
	status = t_wait(pid);
	EXPECT_MSG(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
		   "child saw zeroed WIPEONFORK memory and no DONTFORK range (0x%x)", status);
	EXPECT(a[0] == 'a' && b[0] == 'b');
	EXPECT_OK(madvise(a, pg, MADV_DOFORK));
	EXPECT_OK(madvise(b, pg, MADV_KEEPONFORK));
	pid = t_fork();
	if (!pid)
		_exit(a[0] == 'a' && b[0] == 'b' ? 0 : 1);
	status = t_wait(pid);
	EXPECT_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		   "after DOFORK/KEEPONFORK the child sees both (0x%x)", status);
	/* WIPEONFORK applies only to private anonymous memory. */
	a = SAFE_MMAP(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	EXPECT_FAIL(madvise(a, pg, MADV_WIPEONFORK), EINVAL);
}

const struct t_test t_test = { .run = run };
