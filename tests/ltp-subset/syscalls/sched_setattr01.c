/*
 * sched_setattr01: struct sched_attr's size versioning (0 means the
 * 48-byte VER0; below 48 is E2BIG with 56, the kernel's size, written
 * back; a bigger struct is accepted with a zero tail and E2BIG without);
 * flags != 0, a NULL attr and a negative pid are EINVAL; setting nice
 * through a fair policy, entering SCHED_FIFO, SCHED_FLAG_RESET_ON_FORK
 * and SCHED_FLAG_KEEP_POLICY; SCHED_DEADLINE with a zero deadline is
 * EINVAL; an unknown policy EINVAL, an unknown flag EINVAL.
 */
#include <sched.h>
#include <sys/resource.h>

#include "harness.h"

struct attr {
	uint32_t size, policy;
	uint64_t flags;
	int32_t nice;
	uint32_t prio;
	uint64_t runtime, deadline, period;
	uint32_t util_min, util_max;
	char tail[8];
};

#define FLAG_RESET_ON_FORK 0x01
#define FLAG_KEEP_POLICY 0x08
#ifndef SCHED_RESET_ON_FORK
#define SCHED_RESET_ON_FORK 0x40000000
#endif

static long set(pid_t pid, struct attr *a, unsigned flags)
{
	return syscall(SYS_sched_setattr, pid, a, flags);
}

static void run(void)
{
	struct attr a;
	pid_t pid;

	memset(&a, 0, sizeof(a));
	EXPECT_OK(set(0, &a, 0));                     /* size 0: VER0, SCHED_OTHER, nice 0 */
	a.size = 48;
	EXPECT_OK(set(0, &a, 0));
	a.size = 56;
	EXPECT_OK(set(0, &a, 0));
	a.size = 64;
	EXPECT_OK(set(0, &a, 0));
	a.tail[3] = 1;
	EXPECT_FAIL(set(0, &a, 0), E2BIG);
	EXPECT_EQ(a.size, 56);
	a.tail[3] = 0;
	a.size = 40;
	EXPECT_FAIL(set(0, &a, 0), E2BIG);
	EXPECT_EQ(a.size, 56);
	a.size = 48;
	EXPECT_FAIL(set(0, &a, 1), EINVAL);
	EXPECT_FAIL(set(0, NULL, 0), EINVAL);
	EXPECT_FAIL(set(-1, &a, 0), EINVAL);
	EXPECT_FAIL(set(4194304 + 1, &a, 0), ESRCH);
	a.policy = 42;
	EXPECT_FAIL(set(0, &a, 0), EINVAL);
	a.policy = SCHED_OTHER;
	a.flags = 0x100;
	EXPECT_FAIL(set(0, &a, 0), EINVAL);
	a.flags = 0;
	a.prio = 1;
	EXPECT_FAIL(set(0, &a, 0), EINVAL);
	a.prio = 0;
	a.policy = 6;   /* SCHED_DEADLINE without a deadline */
	a.runtime = 10000000;
	EXPECT_FAIL(set(0, &a, 0), EINVAL);
	a.runtime = 0;

	pid = t_fork();
	if (!pid) {
		a.policy = SCHED_OTHER;
		a.nice = 7;
		EXPECT_OK(set(0, &a, 0));
		EXPECT_EQ(getpriority(PRIO_PROCESS, 0), 7);
		a.policy = SCHED_BATCH;
		a.nice = 30;     /* clamped to 19 */
		EXPECT_OK(set(0, &a, 0));
		EXPECT_EQ(getpriority(PRIO_PROCESS, 0), 19);
		EXPECT_EQ(syscall(SYS_sched_getscheduler, 0), SCHED_BATCH);
		a.policy = SCHED_FIFO;
		a.prio = 8;
		a.nice = 0;
		if (set(0, &a, 0) < 0 && errno == EPERM)
			t_brk(TCONF, "real-time scheduling not permitted here");
		EXPECT_EQ(syscall(SYS_sched_getscheduler, 0), SCHED_FIFO);
		/* real-time calls leave the nice value */
		EXPECT_EQ(getpriority(PRIO_PROCESS, 0), 19);
		a.policy = SCHED_RR;       /* ignored: policy kept */
		a.prio = 9;
		a.flags = FLAG_KEEP_POLICY;
		EXPECT_OK(set(0, &a, 0));
		EXPECT_EQ(syscall(SYS_sched_getscheduler, 0), SCHED_FIFO);
		{
			struct sched_param sp;

			SAFE(syscall(SYS_sched_getparam, 0, &sp));
			EXPECT_EQ(sp.sched_priority, 9);
		}
		a.policy = SCHED_OTHER;
		a.prio = 0;
		a.flags = FLAG_RESET_ON_FORK;
		EXPECT_OK(set(0, &a, 0));
		EXPECT_EQ(syscall(SYS_sched_getscheduler, 0), SCHED_OTHER | SCHED_RESET_ON_FORK);
		EXPECT_EQ(getpriority(PRIO_PROCESS, 0), 0);
		_exit(0);
	}
	t_reap(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
