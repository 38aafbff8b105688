/*
 * open13: an O_PATH descriptor locates a file but gives no I/O: read,
 * write, fchmod, fchown, ioctl-like operations fail with EBADF, while fstat,
 * fchdir (on a directory), dup and close work, and F_GETFL shows O_PATH.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat st;
	char c;
	int fd, dfd, d2;

	t_write_file("f", "data", 0644);
	SAFE(mkdir("d", 0755));
	fd = EXPECT_OK(open("f", O_PATH));
	if (fd < 0)
		return;
	EXPECT_FAIL(read(fd, &c, 1), EBADF);
	EXPECT_FAIL(write(fd, "x", 1), EBADF);
	/* raw: musl retries fchmod via /proc/self/fd on EBADF */
	EXPECT_FAIL(syscall(SYS_fchmod, fd, 0600), EBADF);
	EXPECT_FAIL(syscall(SYS_fchown, fd, 0, 0), EBADF);
	EXPECT_FAIL(lseek(fd, 0, SEEK_SET), EBADF);
	EXPECT_OK(fstat(fd, &st));
	EXPECT_EQ(st.st_size, 4);
	EXPECT(fcntl(fd, F_GETFL) & O_PATH);
	d2 = EXPECT_OK(dup(fd));
	close(d2);
	EXPECT_OK(close(fd));

	dfd = EXPECT_OK(open("d", O_PATH | O_DIRECTORY));
	EXPECT_OK(fchdir(dfd));
	t_write_file("inside", "", 0644);
	SAFE(chdir(t_tmpdir()));
	EXPECT_OK(stat("d/inside", &st));
	close(dfd);
}

const struct t_test t_test = { .run = run };
