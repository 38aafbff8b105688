/*
 * fchmodat01: fchmodat() changes the mode relative to dirfd and follows
 * symlinks; with AT_SYMLINK_NOFOLLOW the glibc/kernel answer is
 * EOPNOTSUPP (fchmodat2, Linux 6.6) for a symlink. Raw calls: fchmodat(2)
 * has no flags argument at all.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat st;
	int d;
	long r;

	SAFE(mkdir("d", 0755));
	t_write_file("d/f", "", 0644);
	SAFE(symlink("f", "d/l"));
	d = SAFE(open("d", O_RDONLY | O_DIRECTORY));
	EXPECT_OK(syscall(SYS_fchmodat, d, "f", 0600));
	SAFE(stat("d/f", &st));
	EXPECT_EQ(st.st_mode & 07777, 0600);
	EXPECT_OK(syscall(SYS_fchmodat, d, "l", 0640));
	SAFE(stat("d/f", &st));
	EXPECT_EQ(st.st_mode & 07777, 0640);
	EXPECT_FAIL(syscall(SYS_fchmodat, -1, "f", 0600), EBADF);
	r = syscall(SYS_fchmodat2, d, "l", 0600, AT_SYMLINK_NOFOLLOW);
	if (r == -1 && errno == ENOSYS) {
		t_res(TINFO, "no fchmodat2 (Linux < 6.6)");
		return;
	}
	EXPECT_MSG(r == -1 && errno == EOPNOTSUPP,
		   "fchmodat2(symlink, AT_SYMLINK_NOFOLLOW) fails with EOPNOTSUPP");
	EXPECT_OK(syscall(SYS_fchmodat2, d, "f", 0604, AT_SYMLINK_NOFOLLOW));
	SAFE(stat("d/f", &st));
	EXPECT_EQ(st.st_mode & 07777, 0604);
	EXPECT_FAIL(syscall(SYS_fchmodat2, d, "f", 0600, 0x8000000), EINVAL);
}

const struct t_test t_test = { .run = run };
