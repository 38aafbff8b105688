/*
 * sched_getattr01: sched_getattr reports the policy, priority and nice
 * value set: SCHED_OTHER at nice 5 (size 56 with a 56-byte buffer, 48
 * with a 48-byte one, 56 with a bigger one), SCHED_FIFO at 11 with
 * SCHED_FLAG_RESET_ON_FORK in sched_flags; for another task by pid.
 */
#include <sched.h>
#include <signal.h>
#include <sys/resource.h>

#include "harness.h"

struct attr {
	uint32_t size, policy;
	uint64_t flags;
	int32_t nice;
	uint32_t prio;
	uint64_t runtime, deadline, period;
	uint32_t util_min, util_max;
	char tail[16];
};

#ifndef SCHED_RESET_ON_FORK
#define SCHED_RESET_ON_FORK 0x40000000
#endif

static void run(void)
{
	struct attr a;
	struct t_chan c;
	pid_t pid;

	t_chan_open(&c);
	pid = t_fork();
	if (!pid) {
		struct sched_param sp = { .sched_priority = 11 };

		SAFE(setpriority(PRIO_PROCESS, 0, 5));
		memset(&a, 0xff, sizeof(a));
		SAFE(syscall(SYS_sched_getattr, 0, &a, 56, 0));
		EXPECT_EQ(a.size, 56);
		EXPECT_EQ(a.policy, SCHED_OTHER);
		EXPECT_EQ(a.flags, 0);
		EXPECT_EQ(a.nice, 5);
		EXPECT_EQ(a.prio, 0);
		memset(&a, 0xff, sizeof(a));
		SAFE(syscall(SYS_sched_getattr, 0, &a, 48, 0));
		EXPECT_EQ(a.size, 48);
		EXPECT_EQ(a.nice, 5);
		EXPECT_EQ(a.util_min, 0xffffffffu);        /* beyond 48: untouched */
		SAFE(syscall(SYS_sched_getattr, 0, &a, sizeof(a), 0));
		EXPECT_EQ(a.size, 56);
		if (syscall(SYS_sched_setscheduler, 0, SCHED_FIFO | SCHED_RESET_ON_FORK, &sp) < 0 &&
		    errno == EPERM)
			t_brk(TCONF, "real-time scheduling not permitted here");
		t_chan_post(&c);
		pause();
		_exit(0);
	}
	t_chan_wait(&c);
	memset(&a, 0, sizeof(a));
	SAFE(syscall(SYS_sched_getattr, pid, &a, 56, 0));
	EXPECT_EQ(a.policy, SCHED_FIFO);
	EXPECT_EQ(a.prio, 11);
	EXPECT_EQ(a.flags, 1);     /* SCHED_FLAG_RESET_ON_FORK */
	kill(pid, SIGKILL);
	t_wait(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
