/*
 * sched_nice01: nice weighs. Two threads pinned to CPU 0 spin for about a
 * second, one at nice 0 and one at nice 10 (set per thread); the nice-0
 * one must get clearly more CPU time (ratio above 3: Linux's weights give
 * about 9), and the nice-10 one some.
 */
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <time.h>

#include "harness.h"

static volatile int ready, go, stop;
static long long cpu_ns[2];

static long long thread_cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void *spinner(void *arg)
{
	int i = (int)(long)arg;
	long long start;

	if (setpriority(PRIO_PROCESS, 0, i ? 10 : 0))
		t_brk(TBROK | TERRNO, "setpriority");
	__sync_fetch_and_add(&ready, 1);
	while (!go)
		;
	start = thread_cpu_ns();
	while (!stop)
		;
	cpu_ns[i] = thread_cpu_ns() - start;
	return NULL;
}

static void child(void)
{
	pthread_t th[2];
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	SAFE(sched_setaffinity(0, sizeof(set), &set));
	for (long i = 0; i < 2; i++)
		if (pthread_create(&th[i], NULL, spinner, (void *)i))
			t_brk(TBROK, "pthread_create");
	while (ready < 2)
		usleep(1000);
	go = 1;
	usleep(1000000);
	stop = 1;
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	t_res(TINFO, "nice 0: %lld ms, nice 10: %lld ms", cpu_ns[0] / 1000000,
	      cpu_ns[1] / 1000000);
	EXPECT_MSG(cpu_ns[1] > 0, "the nice-10 thread ran");
	EXPECT_MSG(cpu_ns[0] > 3 * cpu_ns[1], "nice 0 got more than 3x the CPU of nice 10");
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

const struct t_test t_test = { .run = run, .timeout = 60 };
