/*
 * sched_setscheduler03: fork and the policy. Without SCHED_RESET_ON_FORK
 * a child inherits SCHED_FIFO and its priority, and the nice value; with
 * it, a SCHED_FIFO parent's child is SCHED_OTHER at priority 0 and nice
 * 0, a nice -5 parent's child gets nice 0, a nice 5 parent's child keeps
 * 5, and the child does not carry the flag.
 */
#include <sched.h>
#include <sys/resource.h>

#include "harness.h"

#ifndef SCHED_RESET_ON_FORK
#define SCHED_RESET_ON_FORK 0x40000000
#endif

/* Fork; the child checks its policy, priority and nice value. */
static void check_child(int policy, int prio, int nice)
{
	pid_t pid = t_fork();

	if (!pid) {
		struct sched_param sp = { .sched_priority = -1 };

		EXPECT_EQ(syscall(SYS_sched_getscheduler, 0), policy);
		SAFE(syscall(SYS_sched_getparam, 0, &sp));
		EXPECT_EQ(sp.sched_priority, prio);
		EXPECT_EQ(getpriority(PRIO_PROCESS, 0), nice);
		_exit(0);
	}
	t_reap(pid);
}

static void run(void)
{
	pid_t pid = t_fork();

	if (!pid) {
		struct sched_param sp = { .sched_priority = 0 };

		SAFE(setpriority(PRIO_PROCESS, 0, -5));
		check_child(SCHED_OTHER, 0, -5);
		SAFE(syscall(SYS_sched_setscheduler, 0, SCHED_OTHER | SCHED_RESET_ON_FORK, &sp));
		check_child(SCHED_OTHER, 0, 0);
		SAFE(setpriority(PRIO_PROCESS, 0, 5));
		check_child(SCHED_OTHER, 0, 5);
		sp.sched_priority = 0;
		SAFE(syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &sp));
		sp.sched_priority = 7;
		if (syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, &sp) < 0 && errno == EPERM)
			t_brk(TCONF, "real-time scheduling not permitted here");
		check_child(SCHED_FIFO, 7, 5);
		SAFE(syscall(SYS_sched_setscheduler, 0, SCHED_FIFO | SCHED_RESET_ON_FORK, &sp));
		check_child(SCHED_OTHER, 0, 0);
		_exit(0);
	}
	t_reap(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
