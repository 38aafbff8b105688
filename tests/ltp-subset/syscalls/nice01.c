/*
 * nice01: nice() adds to the calling thread's nice value and returns the
 * new one; it is per thread, as on Linux: another thread of the process
 * keeps its own value, and a thread created after inherits the creator's.
 */
#include <pthread.h>
#include <sys/resource.h>

#include "harness.h"

static int seen;

static void *reader(void *arg)
{
	seen = getpriority(PRIO_PROCESS, 0);
	return NULL;
}

static void *incr(void *arg)
{
	errno = 0;
	seen = nice(4);
	return NULL;
}

static void run(void)
{
	pthread_t th;

	errno = 0;
	EXPECT_EQ(nice(3), 3);
	EXPECT_EQ(getpriority(PRIO_PROCESS, 0), 3);
	if (pthread_create(&th, NULL, reader, NULL))
		t_brk(TBROK, "pthread_create");
	pthread_join(th, NULL);
	EXPECT_EQ(seen, 3);
	if (pthread_create(&th, NULL, incr, NULL))
		t_brk(TBROK, "pthread_create");
	pthread_join(th, NULL);
	EXPECT_EQ(seen, 7);
	EXPECT_EQ(getpriority(PRIO_PROCESS, 0), 3);
	errno = 0;
	EXPECT_EQ(nice(100), 19);
}

const struct t_test t_test = { .run = run };
