/*
 * pthread03: condition variables hand work between threads (a producer
 * and a consumer pass 1000 items through a one-slot buffer in order), and
 * pthread_cond_timedwait times out with ETIMEDOUT.
 */
#include <pthread.h>
#include <time.h>

#include "harness.h"

#define ITEMS 1000

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int slot, full;

static void *producer(void *arg)
{
	for (int i = 1; i <= ITEMS; i++) {
		pthread_mutex_lock(&m);
		while (full)
			pthread_cond_wait(&cv, &m);
		slot = i;
		full = 1;
		pthread_cond_broadcast(&cv);
		pthread_mutex_unlock(&m);
	}
	return NULL;
}

static void run(void)
{
	struct timespec abs;
	pthread_t th;
	int in_order = 1;

	SAFE(-(pthread_create(&th, NULL, producer, NULL) != 0));
	for (int i = 1; i <= ITEMS; i++) {
		pthread_mutex_lock(&m);
		while (!full)
			pthread_cond_wait(&cv, &m);
		if (slot != i)
			in_order = 0;
		full = 0;
		pthread_cond_broadcast(&cv);
		pthread_mutex_unlock(&m);
	}
	pthread_join(th, NULL);
	EXPECT_MSG(in_order, "all %d items passed in order", ITEMS);
	clock_gettime(CLOCK_REALTIME, &abs);
	abs.tv_nsec += 50000000;
	if (abs.tv_nsec >= 1000000000) {
		abs.tv_sec++;
		abs.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&m);
	EXPECT_EQ(pthread_cond_timedwait(&cv, &m, &abs), ETIMEDOUT);
	pthread_mutex_unlock(&m);
}

const struct t_test t_test = { .run = run };
