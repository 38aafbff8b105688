/*
 * fstat03: fstat() fails with EBADF on a closed descriptor and with EFAULT
 * when the buffer is not mapped.
 */
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat st;

	EXPECT_FAIL(fstat(-1, &st), EBADF);
	EXPECT_FAIL(fstat(200, &st), EBADF);
	/* raw: musl converts from a kernel struct and would fault itself */
	EXPECT_FAIL(syscall(SYS_fstat, 0, t_bad_addr()), EFAULT);
}

const struct t_test t_test = { .run = run };
