/*
 * sched_getscheduler01: sched_getscheduler reports each policy set with
 * sched_setscheduler (SCHED_OTHER, SCHED_BATCH, SCHED_IDLE, SCHED_FIFO,
 * SCHED_RR), for the caller (pid 0), by its pid, and for a child by its
 * pid; SCHED_RESET_ON_FORK is reported or-ed into the policy.
 */
#include <sched.h>
#include <signal.h>

#include "harness.h"

#ifndef SCHED_RESET_ON_FORK
#define SCHED_RESET_ON_FORK 0x40000000
#endif

static void run(void)
{
	static const struct { int policy, prio; } cases[] = {
		{ SCHED_BATCH, 0 }, { SCHED_IDLE, 0 }, { SCHED_FIFO, 3 },
		{ SCHED_RR, 4 }, { SCHED_OTHER, 0 },
	};
	struct t_chan c;
	pid_t pid;

	EXPECT_EQ(syscall(SYS_sched_getscheduler, 0), SCHED_OTHER);
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sched_param sp = { .sched_priority = cases[i].prio };

		pid = t_fork();
		if (!pid) {
			if (syscall(SYS_sched_setscheduler, 0, cases[i].policy, &sp) < 0 &&
			    errno == EPERM)
				t_brk(TCONF, "policy %d not permitted here", cases[i].policy);
			EXPECT_EQ(syscall(SYS_sched_getscheduler, 0), cases[i].policy);
			EXPECT_EQ(syscall(SYS_sched_getscheduler, getpid()), cases[i].policy);
			_exit(0);
		}
		t_reap(pid);
	}
	t_chan_open(&c);
	pid = t_fork();
	if (!pid) {
		struct sched_param sp = { .sched_priority = 0 };

		SAFE(syscall(SYS_sched_setscheduler, 0, SCHED_BATCH | SCHED_RESET_ON_FORK, &sp));
		t_chan_post(&c);
		pause();
		_exit(0);
	}
	t_chan_wait(&c);
	EXPECT_EQ(syscall(SYS_sched_getscheduler, pid), SCHED_BATCH | SCHED_RESET_ON_FORK);
	kill(pid, SIGKILL);
	t_wait(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
