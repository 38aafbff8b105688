/*
 * sched_yield01: sched_yield puts a SCHED_FIFO thread at the tail of its
 * priority level. Two FIFO-20 threads on one CPU (their FIFO-30 creator
 * then blocks): whichever runs first yields, and the other must have run
 * by the time its sched_yield returns; without yielding it would run on.
 */
#include <pthread.h>
#include <sched.h>

#include "harness.h"

static volatile int first, second_ran, ok_after_yield = -1;

static void *worker(void *arg)
{
	int me = (int)(long)arg;

	if (__sync_bool_compare_and_swap(&first, 0, me)) {
		if (sched_yield())
			return NULL;
		ok_after_yield = second_ran;
	} else {
		second_ran = 1;
	}
	return NULL;
}

static void child(void)
{
	struct sched_param sp = { .sched_priority = 30 };
	pthread_t th[2];
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	SAFE(sched_setaffinity(0, sizeof(set), &set));
	if (syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, &sp) < 0) {
		if (errno == EPERM)
			t_brk(TCONF, "real-time scheduling not permitted here");
		t_brk(TBROK | TERRNO, "sched_setscheduler");
	}
	sp.sched_priority = 20;
	for (long i = 0; i < 2; i++) {
		if (pthread_create(&th[i], NULL, worker, (void *)(i + 1)))
			t_brk(TBROK, "pthread_create");
		EXPECT_EQ(pthread_setschedparam(th[i], SCHED_FIFO, &sp), 0);
	}
	EXPECT_MSG(!first, "FIFO-20 threads wait while their FIFO-30 creator runs");
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	EXPECT_MSG(ok_after_yield == 1, "the other FIFO-20 thread ran during sched_yield (%d)",
		   ok_after_yield);
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
