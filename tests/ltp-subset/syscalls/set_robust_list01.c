/*
 * set_robust_list01: set_robust_list() with a wrong length fails with
 * EINVAL; get_robust_list() of ourselves returns the head we set and its
 * length; of a non-existent thread fails with ESRCH; set_tid_address()
 * returns the caller's tid.
 */
#include "harness.h"

struct robust_head {
	void *next;
	long futex_offset;
	void *pending;
};

static void run(void)
{
	static struct robust_head head = { &head, 0, NULL };
	void *got = NULL;
	size_t len = 0;
	static int tidword;

	EXPECT_FAIL(syscall(SYS_set_robust_list, &head, sizeof(head) + 1), EINVAL);
	EXPECT_OK(syscall(SYS_set_robust_list, &head, sizeof(head)));
	EXPECT_OK(syscall(SYS_get_robust_list, 0, &got, &len));
	EXPECT(got == &head && len == sizeof(head));
	EXPECT_FAIL(syscall(SYS_get_robust_list, 4194304 + 1, &got, &len), ESRCH);
	EXPECT_EQ(syscall(SYS_set_tid_address, &tidword), getpid());
}

const struct t_test t_test = { .run = run };
