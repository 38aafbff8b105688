/*
 * sendfile01: sendfile() copies file data to a file, a pipe and a socket;
 * with an offset pointer it reads from there, updates the pointer and
 * leaves the file offset alone; without one it uses and moves the file
 * offset; failures: EBADF (bad descriptors, write-only input), EINVAL (a
 * pipe as input), EFAULT (bad offset pointer).
 */
#include <sys/sendfile.h>
#include <sys/socket.h>

#include "harness.h"

static void run(void)
{
	char buf[32] = "";
	int in, out, p[2], sv[2], wo;
	off_t off = 2;

	t_write_file("in", "0123456789", 0644);
	in = SAFE(open("in", O_RDONLY));
	out = SAFE(open("out", O_RDWR | O_CREAT, 0644));
	EXPECT_EQ(sendfile(out, in, &off, 5), 5);
	EXPECT_EQ(off, 7);
	EXPECT_EQ(lseek(in, 0, SEEK_CUR), 0);
	EXPECT_EQ(pread(out, buf, sizeof(buf), 0), 5);
	EXPECT(!memcmp(buf, "23456", 5));
	SAFE(lseek(in, 8, SEEK_SET));
	EXPECT_EQ(sendfile(out, in, NULL, 100), 2);
	EXPECT_EQ(lseek(in, 0, SEEK_CUR), 10);
	EXPECT_EQ(sendfile(out, in, NULL, 100), 0);
	SAFE(pipe(p));
	off = 0;
	EXPECT_EQ(sendfile(p[1], in, &off, 10), 10);
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 10);
	SAFE(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	off = 5;
	EXPECT_EQ(sendfile(sv[0], in, &off, 3), 3);
	EXPECT_EQ(read(sv[1], buf, sizeof(buf)), 3);
	EXPECT(!memcmp(buf, "567", 3));
	wo = SAFE(open("in", O_WRONLY));
	EXPECT_FAIL(sendfile(out, -1, NULL, 1), EBADF);
	EXPECT_FAIL(sendfile(-1, in, NULL, 1), EBADF);
	EXPECT_FAIL(sendfile(out, wo, NULL, 1), EBADF);
	EXPECT_FAIL(sendfile(out, p[0], NULL, 1), EINVAL);
	EXPECT_FAIL(sendfile(out, in, t_bad_addr(), 1), EFAULT);
}

const struct t_test t_test = { .run = run };
