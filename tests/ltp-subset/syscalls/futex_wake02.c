/*
 * futex_wake02: a private futex (FUTEX_PRIVATE_FLAG) wakes threads of the
 * same process: a thread blocked in FUTEX_WAIT resumes after FUTEX_WAKE
 * and sees the value stored before the wake.
 */
#include <pthread.h>

#include "harness.h"

static int word, data;

static long futex(void *u, int op, int val)
{
	return syscall(SYS_futex, u, op | T_FUTEX_PRIVATE_FLAG, val, NULL, NULL, 0);
}

static void *waiter(void *arg)
{
	while (__atomic_load_n(&word, __ATOMIC_SEQ_CST) == 0)
		futex(&word, T_FUTEX_WAIT, 0);
	return (void *)(long)data;
}

static void run(void)
{
	pthread_t th;
	void *ret;
	long woken = 0;
	long long t0;

	SAFE(-(pthread_create(&th, NULL, waiter, NULL) != 0));
	t_msleep(100);
	data = 1234;
	__atomic_store_n(&word, 1, __ATOMIC_SEQ_CST);
	t0 = t_now_us();
	while (!woken && t_now_us() - t0 < 1000000)
		woken = futex(&word, T_FUTEX_WAKE, 1);
	EXPECT_EQ(woken, 1);
	EXPECT_EQ(pthread_join(th, &ret), 0);
	EXPECT_EQ((long)ret, 1234);
}

const struct t_test t_test = { .run = run };
