/*
 * futex_wake01: FUTEX_WAKE with no waiters returns 0; processes waiting on
 * a shared (non-private) futex in a MAP_SHARED page are woken: waking 2
 * of 4 returns 2 and exactly two waiters proceed, waking INT_MAX returns
 * the rest.
 */
#include <limits.h>
#include <sys/mman.h>
#include <time.h>

#include "harness.h"

#define WAITERS 4

static long futex(void *uaddr, int op, int val)
{
	return syscall(SYS_futex, uaddr, op, val, NULL, NULL, 0);
}

static void run(void)
{
	int *shm = SAFE_MMAP(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int *word = &shm[0], *done = &shm[1];
	pid_t pids[WAITERS];
	long woken = 0;
	long long t0;

	EXPECT_EQ(futex(word, T_FUTEX_WAKE, 1), 0);
	for (int i = 0; i < WAITERS; i++) {
		pids[i] = t_fork();
		if (!pids[i]) {
			while (futex(word, T_FUTEX_WAIT, 0) && errno == EINTR)
				;
			__atomic_add_fetch(done, 1, __ATOMIC_SEQ_CST);
			_exit(0);
		}
	}
	/* Wake until two were woken: waiters may not all be asleep yet. */
	t0 = t_now_us();
	while (woken < 2 && t_now_us() - t0 < 5000000) {
		woken += futex(word, T_FUTEX_WAKE, 2 - woken);
		t_msleep(10);
	}
	EXPECT_EQ(woken, 2);
	for (int i = 0; i < 500 && __atomic_load_n(done, __ATOMIC_SEQ_CST) < 2; i++)
		t_msleep(10);
	t_msleep(50);	/* and no third one follows */
	EXPECT_EQ(__atomic_load_n(done, __ATOMIC_SEQ_CST), 2);
	t0 = t_now_us();
	while (woken < WAITERS && t_now_us() - t0 < 5000000)
		woken += futex(word, T_FUTEX_WAKE, INT_MAX);
	EXPECT_EQ(woken, WAITERS);
	for (int i = 0; i < WAITERS; i++)
		t_reap(pids[i]);
	EXPECT_EQ(*done, WAITERS);
}

const struct t_test t_test = { .run = run };
