/*
 * pidns05: nested pid namespaces. Each level's init clones the next with
 * CLONE_NEWPID, four deep: every init is 1 in its own namespace with
 * parent 0, gets 2 for its child, and the innermost process's
 * /proc/self/status (the test's proc, outside every level) lists in NSpid
 * its number at each level from the outside in: X 4 3 2 1, one more entry
 * than the caller's own NSpid has per level. The caller cannot see inner
 * numbers: its namespace has the innermost process under another number.
 */
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>

#include "harness.h"

#define DEPTH 4

/* The numbers of status's NSpid line into v; returns how many. */
static int read_nspid(const char *path, long *v, int max)
{
	char buf[4096], *p;
	int n = 0;

	if (t_read_file(path, buf, sizeof(buf)) <= 0)
		return -1;
	p = strstr(buf, "\nNSpid:");
	if (!p)
		return -1;
	p += 7;
	while (*p == '\t' && n < max) {
		v[n++] = strtol(p + 1, &p, 10);
	}
	return n;
}

static int outer_levels;

static void level(int depth)
{
	long v[64];
	pid_t c;
	int n, status;

	EXPECT_EQ(getpid(), 1);
	EXPECT_EQ(getppid(), 0);
	if (depth == DEPTH) {
		n = read_nspid("/proc/self/status", v, 64);
		EXPECT_EQ(n, outer_levels + DEPTH);
		if (n == outer_levels + DEPTH) {
			int ok = 1;

			for (int i = 0; i < DEPTH; i++)
				ok &= v[outer_levels + i] == DEPTH - i;
			EXPECT_MSG(ok, "innermost NSpid ends %ld %ld %ld %ld", v[n - 4], v[n - 3],
				   v[n - 2], v[n - 1]);
		}
		return;
	}
	c = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (c < 0) {
		t_res(TFAIL | TERRNO, "clone(CLONE_NEWPID) at depth %d", depth);
		return;
	}
	if (c == 0) {
		level(depth + 1);
		_exit(0);
	}
	EXPECT_EQ(c, 2);
	EXPECT_EQ(waitpid(c, &status, 0), c);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void run(void)
{
	long v[64];
	pid_t c;

	outer_levels = read_nspid("/proc/self/status", v, 64);
	if (outer_levels < 1)
		t_brk(TBROK, "no NSpid line in /proc/self/status");
	c = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (c < 0)
		t_brk(TBROK | TERRNO, "clone(CLONE_NEWPID)");
	if (c == 0) {
		level(1);
		_exit(0);
	}
	EXPECT(c > 1);
	t_reap(c);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
