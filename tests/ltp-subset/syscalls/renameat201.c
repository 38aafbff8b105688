/*
 * renameat201: renameat2() flags: RENAME_NOREPLACE fails with EEXIST when
 * the target exists and renames otherwise; RENAME_EXCHANGE swaps two names
 * (file and directory too) and fails with ENOENT when the target is
 * missing; both flags together, or unknown flags, fail with EINVAL.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

static long rn2(const char *a, const char *b, unsigned int flags)
{
	return syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, flags);
}

static void run(void)
{
	struct stat st;
	char buf[8] = "";

	t_write_file("one", "1", 0644);
	t_write_file("two", "2", 0644);
	SAFE(mkdir("dir", 0755));
	EXPECT_FAIL(rn2("one", "two", RENAME_NOREPLACE), EEXIST);
	EXPECT_OK(rn2("one", "three", RENAME_NOREPLACE));
	EXPECT_FAIL(stat("one", &st), ENOENT);
	EXPECT_OK(rn2("two", "three", RENAME_EXCHANGE));
	t_read_file("two", buf, sizeof(buf));
	EXPECT(!strcmp(buf, "1"));
	t_read_file("three", buf, sizeof(buf));
	EXPECT(!strcmp(buf, "2"));
	EXPECT_OK(rn2("three", "dir", RENAME_EXCHANGE));
	SAFE(stat("three", &st));
	EXPECT(S_ISDIR(st.st_mode));
	SAFE(stat("dir", &st));
	EXPECT(S_ISREG(st.st_mode));
	EXPECT_FAIL(rn2("two", "missing", RENAME_EXCHANGE), ENOENT);
	EXPECT_FAIL(rn2("two", "dir", RENAME_EXCHANGE | RENAME_NOREPLACE), EINVAL);
	EXPECT_FAIL(rn2("two", "x", 0x100), EINVAL);
}

const struct t_test t_test = { .run = run };
