/*
 * sched_setparam02: a SCHED_FIFO task (and a SCHED_RR one) changes its
 * priority with sched_setparam: the policy stays, getparam reads the new
 * priority; a parent changes its child's by pid.
 */
#include <sched.h>
#include <signal.h>

#include "harness.h"

static void run(void)
{
	static const int policies[] = { SCHED_FIFO, SCHED_RR };

	for (int i = 0; i < 2; i++) {
		struct t_chan c;
		pid_t pid;

		t_chan_open(&c);
		pid = t_fork();
		if (!pid) {
			struct sched_param sp = { .sched_priority = 5 };

			if (syscall(SYS_sched_setscheduler, 0, policies[i], &sp) < 0 && errno == EPERM)
				t_brk(TCONF, "real-time scheduling not permitted here");
			sp.sched_priority = 20;
			EXPECT_OK(syscall(SYS_sched_setparam, 0, &sp));
			EXPECT_EQ(syscall(SYS_sched_getscheduler, 0), policies[i]);
			sp.sched_priority = 0;
			SAFE(syscall(SYS_sched_getparam, 0, &sp));
			EXPECT_EQ(sp.sched_priority, 20);
			t_chan_post(&c);
			pause();
			_exit(0);
		}
		t_chan_wait(&c);
		{
			struct sched_param sp = { .sched_priority = 30 };

			EXPECT_OK(syscall(SYS_sched_setparam, pid, &sp));
			sp.sched_priority = 0;
			SAFE(syscall(SYS_sched_getparam, pid, &sp));
			EXPECT_EQ(sp.sched_priority, 30);
			EXPECT_EQ(syscall(SYS_sched_getscheduler, pid), policies[i]);
		}
		kill(pid, SIGKILL);
		t_wait(pid);
		t_chan_close(&c);
	}
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
