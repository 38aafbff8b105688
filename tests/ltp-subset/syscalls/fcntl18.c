/*
 * fcntl18: record lock errors: F_WRLCK through a read-only descriptor and
 * F_RDLCK through a write-only one fail with EBADF; a bad l_type or
 * l_whence fails with EINVAL; a negative start fails with EINVAL; F_GETLK
 * with a bad pointer fails with EFAULT.
 */
#include <fcntl.h>

#include "harness.h"

static void run(void)
{
	struct flock fl = { .l_whence = SEEK_SET, .l_len = 1 };
	int r, w;

	t_write_file("f", "data", 0644);
	r = SAFE(open("f", O_RDONLY));
	w = SAFE(open("f", O_WRONLY));
	fl.l_type = F_WRLCK;
	EXPECT_FAIL(fcntl(r, F_SETLK, &fl), EBADF);
	fl.l_type = F_RDLCK;
	EXPECT_FAIL(fcntl(w, F_SETLK, &fl), EBADF);
	EXPECT_OK(fcntl(r, F_SETLK, &fl));
	fl.l_type = 42;
	EXPECT_FAIL(fcntl(r, F_SETLK, &fl), EINVAL);
	fl.l_type = F_RDLCK;
	fl.l_whence = 7;
	EXPECT_FAIL(fcntl(r, F_SETLK, &fl), EINVAL);
	fl.l_whence = SEEK_SET;
	fl.l_start = -5;
	EXPECT_FAIL(fcntl(r, F_SETLK, &fl), EINVAL);
	EXPECT_FAIL(fcntl(r, F_GETLK, t_bad_addr()), EFAULT);
}

const struct t_test t_test = { .run = run };
