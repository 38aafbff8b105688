/*
 * getdents02: getdents64() failures: EBADF (bad descriptor), ENOTDIR (a
 * regular file), EINVAL (buffer too small for one entry), EFAULT (bad
 * buffer), ENOENT (the directory was removed), and a directory with many
 * entries is listed completely across many calls with a small buffer.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	char buf[256], name[32];
	int fd, ffd, rfd, count = 0;
	long n;

	t_write_file("f", "", 0644);
	SAFE(mkdir("big", 0755));
	for (int i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "big/entry-%03d", i);
		t_write_file(name, "", 0644);
	}
	SAFE(mkdir("gone", 0755));
	fd = SAFE(open("big", O_RDONLY | O_DIRECTORY));
	ffd = SAFE(open("f", O_RDONLY));
	rfd = SAFE(open("gone", O_RDONLY | O_DIRECTORY));
	SAFE(rmdir("gone"));
	EXPECT_FAIL(syscall(SYS_getdents64, -1, buf, sizeof(buf)), EBADF);
	EXPECT_FAIL(syscall(SYS_getdents64, ffd, buf, sizeof(buf)), ENOTDIR);
	EXPECT_FAIL(syscall(SYS_getdents64, fd, buf, 4), EINVAL);
	EXPECT_FAIL(syscall(SYS_getdents64, fd, t_bad_addr(), sizeof(buf)), EFAULT);
	EXPECT_FAIL(syscall(SYS_getdents64, rfd, buf, sizeof(buf)), ENOENT);
	SAFE(lseek(fd, 0, SEEK_SET));
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n;) {
			unsigned short reclen;
			memcpy(&reclen, buf + off + 16, 2);
			if (!memcmp(buf + off + 19, "entry-", 6))
				count++;
			off += reclen;
		}
	}
	EXPECT_EQ(n, 0);
	EXPECT_EQ(count, 300);
}

const struct t_test t_test = { .run = run };
