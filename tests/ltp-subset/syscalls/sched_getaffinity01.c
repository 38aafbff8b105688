/*
 * sched_getaffinity01: the affinity mask has at least one CPU, and
 * getcpu() reports a CPU in it; setting the mask to one allowed CPU pins
 * the process there (getcpu agrees); an empty mask is EINVAL, a too small
 * buffer for get is EINVAL, an unknown pid is ESRCH.
 */
#include <sched.h>

#include "harness.h"

static void run(void)
{
	cpu_set_t set, one;
	unsigned int cpu = ~0U, node;
	int first = -1;

	EXPECT_OK(sched_getaffinity(0, sizeof(set), &set));
	EXPECT(CPU_COUNT(&set) >= 1);
	SAFE(syscall(SYS_getcpu, &cpu, &node, NULL));
	EXPECT(cpu < CPU_SETSIZE && CPU_ISSET(cpu, &set));
	for (int i = 0; i < CPU_SETSIZE && first < 0; i++)
		if (CPU_ISSET(i, &set))
			first = i;
	CPU_ZERO(&one);
	CPU_SET(first, &one);
	EXPECT_OK(sched_setaffinity(0, sizeof(one), &one));
	sched_yield();
	SAFE(syscall(SYS_getcpu, &cpu, &node, NULL));
	EXPECT_EQ(cpu, first);
	SAFE(sched_getaffinity(0, sizeof(set), &set));
	EXPECT_EQ(CPU_COUNT(&set), 1);
	CPU_ZERO(&one);
	EXPECT_FAIL(sched_setaffinity(0, sizeof(one), &one), EINVAL);
	EXPECT_FAIL(syscall(SYS_sched_getaffinity, 0, 1, &set), EINVAL);
	EXPECT_FAIL(sched_getaffinity(4194304 + 1, sizeof(set), &set), ESRCH);
}

const struct t_test t_test = { .run = run };
