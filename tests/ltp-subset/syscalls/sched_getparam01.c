/*
 * sched_getparam01: a SCHED_OTHER task reads priority 0 (pid 0, its pid,
 * its parent's pid); a SCHED_RR child at 12 reads 12, and so does its
 * parent reading it by pid.
 */
#include <sched.h>
#include <signal.h>

#include "harness.h"

static void run(void)
{
	struct sched_param sp = { .sched_priority = 9 };
	struct t_chan c;
	pid_t pid;

	SAFE(syscall(SYS_sched_getparam, 0, &sp));
	EXPECT_EQ(sp.sched_priority, 0);
	sp.sched_priority = 9;
	SAFE(syscall(SYS_sched_getparam, getppid(), &sp));
	EXPECT_EQ(sp.sched_priority, 0);
	t_chan_open(&c);
	pid = t_fork();
	if (!pid) {
		sp.sched_priority = 12;
		if (syscall(SYS_sched_setscheduler, 0, SCHED_RR, &sp) < 0 && errno == EPERM)
			t_brk(TCONF, "real-time scheduling not permitted here");
		sp.sched_priority = 0;
		SAFE(syscall(SYS_sched_getparam, getpid(), &sp));
		EXPECT_EQ(sp.sched_priority, 12);
		t_chan_post(&c);
		pause();
		_exit(0);
	}
	t_chan_wait(&c);
	sp.sched_priority = 0;
	SAFE(syscall(SYS_sched_getparam, pid, &sp));
	EXPECT_EQ(sp.sched_priority, 12);
	kill(pid, SIGKILL);
	t_wait(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
