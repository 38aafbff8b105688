/*
 * pthread01: threads created with pthread_create run concurrently in the
 * same address space with their own tid (gettid differs from getpid,
 * getpid is the same), return values arrive through pthread_join, and a
 * mutex keeps a shared counter exact under contention.
 */
#include <pthread.h>

#include "harness.h"

#define THREADS 4
#define LOOPS 20000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static pid_t tids[THREADS], pids[THREADS];

static void *worker(void *arg)
{
	long i = (long)arg;

	tids[i] = syscall(SYS_gettid);
	pids[i] = getpid();
	for (int n = 0; n < LOOPS; n++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
	}
	return (void *)(i * 10);
}

static void run(void)
{
	pthread_t th[THREADS];
	int distinct = 1, same_pid = 1, rets = 1;
	void *ret;

	for (long i = 0; i < THREADS; i++)
		EXPECT_EQ(pthread_create(&th[i], NULL, worker, (void *)i), 0);
	for (long i = 0; i < THREADS; i++) {
		if (pthread_join(th[i], &ret) != 0 || (long)ret != i * 10)
			rets = 0;
	}
	for (int i = 0; i < THREADS; i++) {
		if (tids[i] == getpid() || pids[i] != getpid())
			same_pid = 0;
		for (int j = i + 1; j < THREADS; j++)
			if (tids[i] == tids[j])
				distinct = 0;
	}
	EXPECT_MSG(rets, "join returned each thread's value");
	EXPECT_MSG(same_pid, "threads share the pid and have their own tid");
	EXPECT_MSG(distinct, "thread ids are distinct");
	EXPECT_EQ(counter, THREADS * LOOPS);
}

const struct t_test t_test = { .run = run };
