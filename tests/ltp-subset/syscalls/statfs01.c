/*
 * statfs01: statfs() and fstatfs() describe the file system of a path or
 * descriptor consistently (same type, block size, id, name length >= 255,
 * free <= total blocks); failures: ENOENT, ENOTDIR, ENAMETOOLONG, EFAULT,
 * ELOOP, EBADF.
 */
#include <sys/vfs.h>

#include "harness.h"

static void run(void)
{
	struct statfs a, b;
	int fd;

	t_write_file("f", "", 0644);
	SAFE(symlink("loop", "loop"));
	fd = SAFE(open("f", O_RDONLY));
	EXPECT_OK(statfs(".", &a));
	EXPECT_OK(fstatfs(fd, &b));
	EXPECT(a.f_type == b.f_type && a.f_bsize == b.f_bsize);
	EXPECT(!memcmp(&a.f_fsid, &b.f_fsid, sizeof(a.f_fsid)));
	EXPECT(a.f_namelen >= 255);
	EXPECT(a.f_bfree <= a.f_blocks && a.f_bavail <= a.f_bfree);
	EXPECT(a.f_bsize > 0);
	EXPECT_FAIL(statfs("missing", &a), ENOENT);
	EXPECT_FAIL(statfs("f/x", &a), ENOTDIR);
	EXPECT_FAIL(statfs(t_long_name(), &a), ENAMETOOLONG);
	EXPECT_FAIL(statfs(t_bad_addr(), &a), EFAULT);
	EXPECT_FAIL(syscall(SYS_statfs, ".", t_bad_addr()), EFAULT);
	EXPECT_FAIL(statfs("loop", &a), ELOOP);
	EXPECT_FAIL(fstatfs(-1, &a), EBADF);
}

const struct t_test t_test = { .run = run };
