/*
 * openat201: openat2() resolve flags: RESOLVE_BENEATH refuses ".." and
 * absolute paths escaping dirfd (EXDEV), RESOLVE_NO_SYMLINKS refuses any
 * symlink (ELOOP), RESOLVE_IN_ROOT treats dirfd as "/", RESOLVE_NO_XDEV
 * allows staying on one mount; struct size and unknown bits give EINVAL,
 * mode without O_CREAT gives EINVAL.
 */
#include "harness.h"

static long oa2(int dfd, const char *path, uint64_t flags, uint64_t resolve, size_t size)
{
	struct t_open_how how = { .flags = flags, .resolve = resolve };

	return syscall(SYS_openat2, dfd, path, &how, size);
}

static void run(void)
{
	struct t_open_how how = { .flags = O_RDONLY, .mode = 0644 };
	int d;
	long fd;

	SAFE(mkdir("root", 0755));
	SAFE(mkdir("root/sub", 0755));
	t_write_file("root/file", "", 0644);
	t_write_file("outside", "", 0644);
	SAFE(symlink("file", "root/link"));
	SAFE(symlink("/file", "root/abslink"));
	d = SAFE(open("root", O_RDONLY | O_DIRECTORY));
	fd = oa2(d, "file", O_RDONLY, 0, sizeof(struct t_open_how));
	if (fd < 0 && errno == ENOSYS)
		t_brk(TCONF, "openat2 not supported");
	EXPECT(fd >= 0);
	EXPECT_OK(oa2(d, "sub/../file", O_RDONLY, T_RESOLVE_BENEATH, sizeof(how)));
	EXPECT_FAIL(oa2(d, "../outside", O_RDONLY, T_RESOLVE_BENEATH, sizeof(how)), EXDEV);
	EXPECT_FAIL(oa2(d, "/etc", O_RDONLY, T_RESOLVE_BENEATH, sizeof(how)), EXDEV);
	EXPECT_FAIL(oa2(d, "link", O_RDONLY, T_RESOLVE_NO_SYMLINKS, sizeof(how)), ELOOP);
	EXPECT_OK(oa2(d, "link", O_RDONLY, 0, sizeof(how)));
	EXPECT_OK(oa2(d, "abslink", O_RDONLY, T_RESOLVE_IN_ROOT, sizeof(how)));
	EXPECT_OK(oa2(d, "../../file", O_RDONLY, T_RESOLVE_IN_ROOT, sizeof(how)));
	EXPECT_OK(oa2(d, "sub", O_RDONLY, T_RESOLVE_NO_XDEV, sizeof(how)));
	EXPECT_FAIL(oa2(d, "file", O_RDONLY, 0, 8), EINVAL);
	EXPECT_FAIL(oa2(d, "file", O_RDONLY, 0x1000, sizeof(how)), EINVAL);
	EXPECT_FAIL(syscall(SYS_openat2, d, "file", &how, sizeof(how)), EINVAL);
}

const struct t_test t_test = { .run = run };
