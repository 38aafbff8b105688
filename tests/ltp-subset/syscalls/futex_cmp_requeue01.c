/*
 * futex_cmp_requeue01: FUTEX_CMP_REQUEUE fails with EAGAIN when the word
 * does not hold val3; otherwise it wakes nr_wake waiters and moves up to
 * nr_requeue others to the second futex, returning woken + requeued; the
 * requeued ones are then woken through the second futex. Negative counts
 * give EINVAL.
 */
#include <limits.h>
#include <sys/mman.h>

#include "harness.h"

#define WAITERS 5

static long futex6(void *u, int op, long val, long val2, void *u2, int val3)
{
	return syscall(SYS_futex, u, op, val, val2, u2, val3);
}

static void run(void)
{
	int *shm = SAFE_MMAP(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int *f1 = &shm[0], *f2 = &shm[16], *done = &shm[32], *ready = &shm[48];
	pid_t pids[WAITERS];
	long r;

	for (int i = 0; i < WAITERS; i++) {
		pids[i] = t_fork();
		if (!pids[i]) {
			__atomic_add_fetch(ready, 1, __ATOMIC_SEQ_CST);
			while (futex6(f1, T_FUTEX_WAIT, 0, 0, NULL, 0) && errno == EINTR)
				;
			__atomic_add_fetch(done, 1, __ATOMIC_SEQ_CST);
			_exit(0);
		}
	}
	/* All started; give the last ones time to block on f1 (no /proc to ask). */
	while (__atomic_load_n(ready, __ATOMIC_SEQ_CST) < WAITERS)
		t_msleep(10);
	t_msleep(200);
	EXPECT_FAIL(futex6(f1, T_FUTEX_CMP_REQUEUE, 1, 2, f2, 1), EAGAIN);
	EXPECT_FAIL(futex6(f1, T_FUTEX_CMP_REQUEUE, -1, 2, f2, 0), EINVAL);
	r = futex6(f1, T_FUTEX_CMP_REQUEUE, 1, 2, f2, 0);
	EXPECT_EQ(r, 3);
	for (int i = 0; i < 500 && __atomic_load_n(done, __ATOMIC_SEQ_CST) < 1; i++)
		t_msleep(10);
	t_msleep(50);	/* and no second one follows */
	EXPECT_EQ(__atomic_load_n(done, __ATOMIC_SEQ_CST), 1);
	EXPECT_EQ(futex6(f2, T_FUTEX_WAKE, INT_MAX, 0, NULL, 0), 2);
	EXPECT_EQ(futex6(f1, T_FUTEX_WAKE, INT_MAX, 0, NULL, 0), 2);
	for (int i = 0; i < WAITERS; i++)
		t_reap(pids[i]);
	EXPECT_EQ(*done, WAITERS);
}

const struct t_test t_test = { .run = run };
