/*
 * vmsplice01: vmsplice() copies user memory (several iovecs) into a pipe
 * and, on a read end, the pipe's contents out to user memory; it is EBADF
 * on a file that is not a pipe, EINVAL for unknown flags. With it, splice
 * edges: SPLICE_F_NONBLOCK on an empty pipe is EAGAIN, an O_APPEND output
 * is EINVAL, a zero length returns 0, an empty pipe without writers is
 * end of file (0) for splice and tee.
 */
#include <sys/uio.h>

#include "harness.h"

static void run(void)
{
	char a[] = "abc", b[] = "defg", c[] = "h", out[16] = "", o1[3], o2[16];
	struct iovec in[3] = { { a, 3 }, { b, 4 }, { c, 1 } };
	struct iovec rd[2] = { { o1, sizeof(o1) }, { o2, sizeof(o2) } };
	int p[2], q[2], fd, app;

	SAFE(pipe(p));
	SAFE(pipe(q));
	EXPECT_EQ(vmsplice(p[1], in, 3, 0), 8);
	EXPECT_EQ(read(p[0], out, sizeof(out)), 8);
	EXPECT(!memcmp(out, "abcdefgh", 8));
	/* The read end: the pipe's bytes land in the caller's iovecs. */
	SAFE(write(p[1], "0123456", 7));
	EXPECT_EQ(vmsplice(p[0], rd, 2, 0), 7);
	EXPECT(!memcmp(o1, "012", 3) && !memcmp(o2, "3456", 4));
	EXPECT_FAIL(vmsplice(p[1], in, 1, 0x100), EINVAL);
	fd = SAFE(open("f", O_RDWR | O_CREAT, 0644));
	EXPECT_FAIL(vmsplice(fd, in, 1, 0), EBADF);

	EXPECT_FAIL(splice(p[0], NULL, q[1], NULL, 10, SPLICE_F_NONBLOCK), EAGAIN);
	EXPECT_FAIL(splice(p[0], NULL, fd, NULL, 10, SPLICE_F_NONBLOCK), EAGAIN);
	EXPECT_EQ(splice(p[0], NULL, q[1], NULL, 0, 0), 0);
	app = SAFE(open("f", O_WRONLY | O_APPEND));
	SAFE(write(p[1], "x", 1));
	EXPECT_FAIL(splice(p[0], NULL, app, NULL, 1, 0), EINVAL);
	/* SPLICE_F_MORE and SPLICE_F_MOVE are hints: the move happens. */
	EXPECT_EQ(splice(p[0], NULL, fd, NULL, 1, SPLICE_F_MORE | SPLICE_F_MOVE), 1);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 1);
	close(p[1]);
	EXPECT_EQ(splice(p[0], NULL, q[1], NULL, 10, 0), 0);
	EXPECT_EQ(tee(p[0], q[1], 10, 0), 0);
	close(app);
	close(fd);
}

const struct t_test t_test = { .run = run };
