/*
 * getrusage01: RUSAGE_SELF CPU times grow with work done; RUSAGE_CHILDREN
 * includes a waited-for child's CPU time; ru_maxrss (KiB) covers most of 16 MiB
 * just touched; EINVAL for a bad who, EFAULT for a bad pointer.
 */
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "harness.h"

static long long cpu_us(const struct rusage *ru)
{
	return ru->ru_utime.tv_sec * 1000000LL + ru->ru_utime.tv_usec +
	       ru->ru_stime.tv_sec * 1000000LL + ru->ru_stime.tv_usec;
}

static void run(void)
{
	struct rusage a, b, c;
	pid_t pid;

	EXPECT_OK(getrusage(RUSAGE_SELF, &a));
	t_burn_cpu(200);
	SAFE(getrusage(RUSAGE_SELF, &b));
	EXPECT_MSG(cpu_us(&b) - cpu_us(&a) >= 100000, "self CPU time grew by %lld us",
		   cpu_us(&b) - cpu_us(&a));
	{
		char *mem = malloc(16 << 20);
		memset(mem, 1, 16 << 20);
		SAFE(getrusage(RUSAGE_SELF, &b));
		/* Linux counts RSS per CPU in batches: allow some slack. */
		EXPECT_MSG(b.ru_maxrss >= 12 << 10, "ru_maxrss %ld KiB", b.ru_maxrss);
		free(mem);
	}
	SAFE(getrusage(RUSAGE_CHILDREN, &a));
	pid = t_fork();
	if (!pid) {
		t_burn_cpu(300);
		_exit(0);
	}
	t_reap(pid);
	SAFE(getrusage(RUSAGE_CHILDREN, &c));
	EXPECT_MSG(cpu_us(&c) - cpu_us(&a) >= 150000, "children CPU time grew by %lld us",
		   cpu_us(&c) - cpu_us(&a));
	EXPECT_FAIL(getrusage(42, &a), EINVAL);
	EXPECT_FAIL(syscall(SYS_getrusage, RUSAGE_SELF, t_bad_addr()), EFAULT);
}

const struct t_test t_test = { .run = run };
