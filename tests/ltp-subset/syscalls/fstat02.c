/*
 * fstat02: fstat() on a descriptor gives the same identity and attributes
 * as stat() on the path, follows the file through a rename and an unlink
 * (st_nlink 0), and works on pipes (S_ISFIFO) and sockets (S_ISSOCK).
 */
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat a, b;
	int fd, p[2], sv[2];

	t_write_file("f", "12345", 0600);
	fd = SAFE(open("f", O_RDONLY));
	SAFE(stat("f", &a));
	EXPECT_OK(fstat(fd, &b));
	EXPECT(a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	EXPECT(a.st_mode == b.st_mode && a.st_size == b.st_size);
	SAFE(rename("f", "g"));
	SAFE(fstat(fd, &b));
	EXPECT_EQ(b.st_ino, a.st_ino);
	SAFE(unlink("g"));
	SAFE(fstat(fd, &b));
	EXPECT_EQ(b.st_nlink, 0);
	EXPECT_EQ(b.st_size, 5);
	SAFE(pipe(p));
	SAFE(fstat(p[0], &b));
	EXPECT(S_ISFIFO(b.st_mode));
	SAFE(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	SAFE(fstat(sv[0], &b));
	EXPECT(S_ISSOCK(b.st_mode));
}

const struct t_test t_test = { .run = run };
