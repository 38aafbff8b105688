/*
 * futex_wait01: FUTEX_WAIT returns EAGAIN at once when the word does not
 * hold the expected value, ETIMEDOUT after a relative timeout, EINVAL for
 * an unaligned address or an invalid timeout, EFAULT for an unmapped
 * address, ENOSYS for an unknown operation.
 */
#include <time.h>

#include "harness.h"

static long futex(void *uaddr, int op, int val, const struct timespec *ts)
{
	return syscall(SYS_futex, uaddr, op, val, ts, NULL, 0);
}

static void run(void)
{
	static int word[2] = { 5, 0 };
	struct timespec ts = { 0, 100000000 };
	long long t0;

	EXPECT_FAIL(futex(&word[0], T_FUTEX_WAIT, 4, NULL), EAGAIN);
	EXPECT_FAIL(futex(&word[0], T_FUTEX_WAIT | T_FUTEX_PRIVATE_FLAG, 4, NULL), EAGAIN);
	t0 = t_now_us();
	EXPECT_FAIL(futex(&word[0], T_FUTEX_WAIT, 5, &ts), ETIMEDOUT);
	EXPECT_MSG(t_now_us() - t0 >= 90000, "waited %lld us", t_now_us() - t0);
	EXPECT_FAIL(futex((char *)word + 1, T_FUTEX_WAIT, 5, &ts), EINVAL);
	ts.tv_nsec = 1000000000;
	EXPECT_FAIL(futex(&word[0], T_FUTEX_WAIT, 5, &ts), EINVAL);
	EXPECT_FAIL(futex(t_bad_addr(), T_FUTEX_WAIT, 5, NULL), EFAULT);
	EXPECT_FAIL(futex(&word[0], 99, 0, NULL), ENOSYS);
}

const struct t_test t_test = { .run = run };
