/*
 * faccessat01: faccessat() checks relative to dirfd; EBADF for a bad dirfd,
 * ENOTDIR for a file dirfd. faccessat2() (raw) also takes flags:
 * AT_SYMLINK_NOFOLLOW checks a dangling link itself, AT_EACCESS uses the
 * effective ids, unknown flags give EINVAL.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	int d, f;
	long r;

	SAFE(mkdir("d", 0755));
	t_write_file("d/f", "", 0644);
	SAFE(symlink("nowhere", "d/dangling"));
	d = SAFE(open("d", O_RDONLY | O_DIRECTORY));
	f = SAFE(open("d/f", O_RDONLY));
	EXPECT_OK(syscall(SYS_faccessat, d, "f", R_OK | W_OK));
	EXPECT_OK(syscall(SYS_faccessat, AT_FDCWD, "d/f", F_OK));
	EXPECT_FAIL(syscall(SYS_faccessat, d, "f", X_OK), EACCES);
	EXPECT_FAIL(syscall(SYS_faccessat, -1, "f", F_OK), EBADF);
	EXPECT_FAIL(syscall(SYS_faccessat, f, "f", F_OK), ENOTDIR);
	EXPECT_FAIL(syscall(SYS_faccessat, d, "dangling", F_OK), ENOENT);
	r = syscall(SYS_faccessat2, d, "dangling", F_OK, AT_SYMLINK_NOFOLLOW);
	if (r == -1 && errno == ENOSYS) {
		t_res(TINFO, "no faccessat2 (Linux < 5.8)");
		return;
	}
	EXPECT_EQ(r, 0);
	EXPECT_OK(syscall(SYS_faccessat2, d, "f", R_OK, AT_EACCESS));
	EXPECT_FAIL(syscall(SYS_faccessat2, d, "f", R_OK, 0x8), EINVAL);
}

const struct t_test t_test = { .run = run, .needs_root = 1 };
