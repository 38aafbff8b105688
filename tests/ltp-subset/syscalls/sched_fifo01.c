/*
 * sched_fifo01: SCHED_FIFO on one CPU (everything pinned to CPU 0). A
 * FIFO-50 thread creates a thread (which inherits FIFO 50, so waits
 * behind its creator) and lowers it to FIFO 40: it must not run while
 * the creator spins for 100 ms, and runs once the creator blocks. A
 * thread raised to FIFO 60 runs at once: before pthread_setschedparam
 * returns to its FIFO-50 caller.
 */
#include <pthread.h>
#include <sched.h>

#include "harness.h"

static volatile int low_ran, high_ran;

static void *low(void *arg)
{
	low_ran = 1;
	return NULL;
}

static void *high(void *arg)
{
	high_ran = 1;
	return NULL;
}

static void child(void)
{
	struct sched_param sp = { .sched_priority = 50 };
	cpu_set_t set;
	pthread_t th;
	long long end;
	int err;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	SAFE(sched_setaffinity(0, sizeof(set), &set));
	if (syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, &sp) < 0) {
		if (errno == EPERM)
			t_brk(TCONF, "real-time scheduling not permitted here");
		t_brk(TBROK | TERRNO, "sched_setscheduler");
	}
	if ((err = pthread_create(&th, NULL, low, NULL)))
		t_brk(TBROK, "pthread_create: %d", err);
	sp.sched_priority = 40;
	EXPECT_EQ(pthread_setschedparam(th, SCHED_FIFO, &sp), 0);
	end = t_now_us() + 100000;
	while (t_now_us() < end)
		;
	EXPECT_MSG(!low_ran, "FIFO-40 thread did not run while FIFO-50 spun");
	pthread_join(th, NULL);
	EXPECT_MSG(low_ran, "FIFO-40 thread ran once FIFO-50 blocked");

	if ((err = pthread_create(&th, NULL, high, NULL)))
		t_brk(TBROK, "pthread_create: %d", err);
	EXPECT_MSG(!high_ran, "an equal-priority FIFO thread waits for its creator");
	sp.sched_priority = 60;
	EXPECT_EQ(pthread_setschedparam(th, SCHED_FIFO, &sp), 0);
	EXPECT_MSG(high_ran, "a thread raised to FIFO 60 ran at once");
	pthread_join(th, NULL);
}

static void run(void)
{
	pid_t pid = t_fork();

	if (!pid) {
		child();
		_exit(0);
	}
	t_reap(pid);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
