/*
 * lseek02: documented lseek() failures: EBADF, ESPIPE on a pipe, a FIFO and
 * a socket, EINVAL for a bad whence and for a negative resulting offset.
 */
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	int fd, p[2], sv[2], ff;

	t_write_file("f", "abc", 0644);
	fd = SAFE(open("f", O_RDONLY));
	SAFE(pipe(p));
	SAFE(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	SAFE(mkfifo("fifo", 0644));
	ff = SAFE(open("fifo", O_RDWR));
	EXPECT_FAIL(lseek(-1, 0, SEEK_SET), EBADF);
	EXPECT_FAIL(lseek(p[0], 0, SEEK_SET), ESPIPE);
	EXPECT_FAIL(lseek(p[1], 0, SEEK_CUR), ESPIPE);
	EXPECT_FAIL(lseek(ff, 0, SEEK_SET), ESPIPE);
	EXPECT_FAIL(lseek(sv[0], 0, SEEK_SET), ESPIPE);
	EXPECT_FAIL(lseek(fd, 0, 42), EINVAL);
	EXPECT_FAIL(lseek(fd, -1, SEEK_SET), EINVAL);
	EXPECT_FAIL(lseek(fd, -4, SEEK_END), EINVAL);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 0);
}

const struct t_test t_test = { .run = run };
