/*
 * fsync01: fsync(), fdatasync(), syncfs() and sync() succeed on a written
 * file (data still reads back); fsync and fdatasync fail with EBADF on a
 * bad descriptor and with EINVAL on a pipe or socket.
 */
#include <fcntl.h>
#include <sys/socket.h>

#include "harness.h"

static void run(void)
{
	char buf[8] = "";
	int fd, p[2], sv[2];

	fd = SAFE(open("f", O_RDWR | O_CREAT, 0644));
	SAFE(write(fd, "synced", 6));
	EXPECT_OK(fsync(fd));
	EXPECT_OK(fdatasync(fd));
	EXPECT_OK(syncfs(fd));
	sync();
	EXPECT_EQ(pread(fd, buf, 6, 0), 6);
	EXPECT(!strcmp(buf, "synced"));
	SAFE(pipe(p));
	SAFE(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	EXPECT_FAIL(fsync(-1), EBADF);
	EXPECT_FAIL(fdatasync(-1), EBADF);
	EXPECT_FAIL(syncfs(-1), EBADF);
	EXPECT_FAIL(fsync(p[0]), EINVAL);
	EXPECT_FAIL(fdatasync(p[1]), EINVAL);
	EXPECT_FAIL(fsync(sv[0]), EINVAL);
	SAFE(fd = open(".", O_RDONLY));
	EXPECT_OK(fsync(fd));	/* directories can be synced */
}

const struct t_test t_test = { .run = run };
