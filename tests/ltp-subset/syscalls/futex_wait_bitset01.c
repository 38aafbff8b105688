/*
 * futex_wait_bitset01: FUTEX_WAIT_BITSET takes an absolute timeout
 * (CLOCK_MONOTONIC, or CLOCK_REALTIME with FUTEX_CLOCK_REALTIME) and fails
 * with ETIMEDOUT once it has passed; a bitset of 0 is EINVAL;
 * FUTEX_WAKE_BITSET wakes only waiters whose bitset intersects.
 */
#include <sys/mman.h>
#include <time.h>

#include "harness.h"

static long futex(void *u, int op, int val, const struct timespec *ts, unsigned int bits)
{
	return syscall(SYS_futex, u, op, val, ts, NULL, bits);
}

static void run(void)
{
	int *shm = SAFE_MMAP(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	struct timespec abs;
	long long t0;
	long woken = 0;
	pid_t pid;

	SAFE(clock_gettime(CLOCK_MONOTONIC, &abs));
	abs.tv_nsec += 100000000;
	if (abs.tv_nsec >= 1000000000) {
		abs.tv_sec++;
		abs.tv_nsec -= 1000000000;
	}
	t0 = t_now_us();
	EXPECT_FAIL(futex(shm, T_FUTEX_WAIT_BITSET, 0, &abs, T_FUTEX_BITSET_MATCH_ANY), ETIMEDOUT);
	EXPECT(t_now_us() - t0 >= 80000);
	SAFE(clock_gettime(CLOCK_REALTIME, &abs));
	abs.tv_sec -= 1;
	EXPECT_FAIL(futex(shm, T_FUTEX_WAIT_BITSET | T_FUTEX_CLOCK_REALTIME, 0, &abs,
			  T_FUTEX_BITSET_MATCH_ANY), ETIMEDOUT);
	EXPECT_FAIL(futex(shm, T_FUTEX_WAIT_BITSET, 0, NULL, 0), EINVAL);

	pid = t_fork();
	if (!pid) {
		while (futex(shm, T_FUTEX_WAIT_BITSET, 0, NULL, 0x1) && errno == EINTR)
			;
		_exit(0);
	}
	t_msleep(100);
	EXPECT_EQ(futex(shm, T_FUTEX_WAKE_BITSET, 1, NULL, 0x2), 0);
	t0 = t_now_us();
	while (!woken && t_now_us() - t0 < 5000000) {
		woken = futex(shm, T_FUTEX_WAKE_BITSET, 1, NULL, 0x3);
		t_msleep(10);
	}
	EXPECT_EQ(woken, 1);
	t_reap(pid);
}

const struct t_test t_test = { .run = run };
