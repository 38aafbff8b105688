/*
 * statx03: documented statx() failures: EBADF (bad dirfd), EFAULT (bad path
 * or buffer), EINVAL (unknown flags, STATX__RESERVED in the mask, both sync
 * flags), ENOENT, ENOTDIR, ENAMETOOLONG.
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	struct t_statx sx;

	t_write_file("f", "", 0644);
	EXPECT_FAIL(syscall(SYS_statx, -1, "f", 0, T_STATX_BASIC_STATS, &sx), EBADF);
	EXPECT_FAIL(syscall(SYS_statx, AT_FDCWD, t_bad_addr(), 0, T_STATX_BASIC_STATS, &sx), EFAULT);
	EXPECT_FAIL(syscall(SYS_statx, AT_FDCWD, "f", 0, T_STATX_BASIC_STATS, t_bad_addr()), EFAULT);
	EXPECT_FAIL(syscall(SYS_statx, AT_FDCWD, "f", 0x80000000, T_STATX_BASIC_STATS, &sx), EINVAL);
	EXPECT_FAIL(syscall(SYS_statx, AT_FDCWD, "f", 0, T_STATX__RESERVED, &sx), EINVAL);
	EXPECT_FAIL(syscall(SYS_statx, AT_FDCWD, "f",
			    AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC,
			    T_STATX_BASIC_STATS, &sx), EINVAL);
	EXPECT_FAIL(syscall(SYS_statx, AT_FDCWD, "missing", 0, T_STATX_BASIC_STATS, &sx), ENOENT);
	EXPECT_FAIL(syscall(SYS_statx, AT_FDCWD, "f/x", 0, T_STATX_BASIC_STATS, &sx), ENOTDIR);
	EXPECT_FAIL(syscall(SYS_statx, AT_FDCWD, t_long_name(), 0, T_STATX_BASIC_STATS, &sx),
		    ENAMETOOLONG);
}

const struct t_test t_test = { .run = run };
