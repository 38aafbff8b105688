/*
 * sched_rr01: SCHED_RR threads of one priority take turns. Two RR-20
 * threads on one CPU (their FIFO-30 creator then blocks) each spin for
 * 400 ms of wall time; with 100 ms quanta each must see the other make
 * progress during its own spin. (Two SCHED_FIFO threads would run one
 * after the other.)
 */
#include <pthread.h>
#include <sched.h>

#include "harness.h"

static volatile long progress[2];
static volatile int saw_other[2];

static void *spinner(void *arg)
{
	int me = (int)(long)arg;
	long other_before = progress[!me];
	long long end = t_now_us() + 400000;

	while (t_now_us() < end)
		progress[me]++;
	saw_other[me] = progress[!me] != other_before;
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
		if (pthread_create(&th[i], NULL, spinner, (void *)i))
			t_brk(TBROK, "pthread_create");
		EXPECT_EQ(pthread_setschedparam(th[i], SCHED_RR, &sp), 0);
	}
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	EXPECT_MSG(saw_other[0] && saw_other[1], "each RR thread saw the other run (%d %d)",
		   saw_other[0], saw_other[1]);
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
