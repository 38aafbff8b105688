/*
 * fcntl34: open file description locks (F_OFD_SETLK) belong to the open
 * file description: two opens of the same file conflict even within one
 * process, closing a dup does not drop the lock, and l_pid must be 0
 * (EINVAL otherwise).
 */
#include <fcntl.h>

#include "harness.h"

static int ofd(int fd, int cmd, short type, pid_t pid)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_len = 10,
			    .l_pid = pid };
	return fcntl(fd, cmd, &fl);
}

static void run(void)
{
	struct flock q = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_len = 1 };
	int a, b, d;

	t_write_file("f", "0123456789", 0644);
	a = SAFE(open("f", O_RDWR));
	b = SAFE(open("f", O_RDWR));
	EXPECT_OK(ofd(a, F_OFD_SETLK, F_WRLCK, 0));
	EXPECT_FAIL(ofd(b, F_OFD_SETLK, F_WRLCK, 0), EAGAIN);
	EXPECT_FAIL(ofd(b, F_OFD_SETLK, F_RDLCK, 0), EAGAIN);
	SAFE(fcntl(b, F_OFD_GETLK, &q));
	EXPECT_EQ(q.l_type, F_WRLCK);
	EXPECT_EQ(q.l_pid, -1);
	d = SAFE(dup(a));
	close(d);
	EXPECT_FAIL(ofd(b, F_OFD_SETLK, F_WRLCK, 0), EAGAIN);
	EXPECT_FAIL(ofd(a, F_OFD_SETLK, F_RDLCK, 1), EINVAL);
	close(a);
	EXPECT_OK(ofd(b, F_OFD_SETLK, F_WRLCK, 0));
}

const struct t_test t_test = { .run = run };
