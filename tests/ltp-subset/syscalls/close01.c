/*
 * close01: close() succeeds on descriptors of every kind (file, directory,
 * pipe ends, socket, dup) and the number is free afterwards: F_GETFD fails
 * with EBADF and the next open() reuses the lowest number.
 */
#include <fcntl.h>
#include <sys/socket.h>

#include "harness.h"

static void run(void)
{
	int fds[8], p[2], sv[2], i, n = 0;

	t_write_file("f", "", 0644);
	fds[n++] = SAFE(open("f", O_RDWR));
	fds[n++] = SAFE(open(".", O_RDONLY | O_DIRECTORY));
	SAFE(pipe(p));
	fds[n++] = p[0];
	fds[n++] = p[1];
	SAFE(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	fds[n++] = sv[0];
	fds[n++] = sv[1];
	fds[n++] = SAFE(dup(fds[0]));
	for (i = 0; i < n; i++) {
		EXPECT_OK(close(fds[i]));
		EXPECT_FAIL(fcntl(fds[i], F_GETFD), EBADF);
	}
	EXPECT_EQ(open("f", O_RDONLY), fds[0] < fds[1] ? fds[0] : fds[1]);
}

const struct t_test t_test = { .run = run };
