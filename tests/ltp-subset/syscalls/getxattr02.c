/*
 * getxattr02: getxattr() returns exactly the stored bytes (binary values
 * with NULs, a 64 KiB value) and their size for a 0-size query; ERANGE
 * for a buffer one byte short; EFAULT for a bad buffer; ENOTDIR and
 * ENAMETOOLONG from the path; a buffer larger than 64 KiB works.
 */
#include <stdlib.h>
#include <sys/xattr.h>

#include "harness.h"

static void run(void)
{
	char bin[8] = { 1, 0, 2, 0, 0, 3, 0, 4 }, buf[16];
	char *big, *out;

	t_write_file("f", "", 0644);
	if (setxattr("f", "user.bin", bin, sizeof(bin), 0) < 0 && errno == EOPNOTSUPP)
		t_brk(TCONF, "no user xattrs on this file system");
	EXPECT_EQ(getxattr("f", "user.bin", NULL, 0), 8);
	EXPECT_EQ(getxattr("f", "user.bin", buf, 8), 8);
	EXPECT(!memcmp(buf, bin, 8));
	EXPECT_FAIL(getxattr("f", "user.bin", buf, 7), ERANGE);
	EXPECT_FAIL(getxattr("f", "user.bin", t_bad_addr(), 8), EFAULT);
	EXPECT_FAIL(getxattr("f/x", "user.bin", buf, 8), ENOTDIR);
	EXPECT_FAIL(getxattr(t_long_name(), "user.bin", buf, 8), ENAMETOOLONG);
	big = malloc(65536);
	out = malloc(70000);
	for (int i = 0; i < 65536; i++)
		big[i] = (char)(i * 7);
	/* ext4 limits a value to a block: only where it fits. */
	if (setxattr("f", "user.big", big, 65536, 0) == 0) {
		EXPECT_EQ(getxattr("f", "user.big", out, 70000), 65536);
		EXPECT(!memcmp(out, big, 65536));
		EXPECT_FAIL(getxattr("f", "user.big", out, 65535), ERANGE);
	} else {
		EXPECT_MSG(errno == ENOSPC || errno == E2BIG, "64 KiB value: errno %d", errno);
	}
	free(big);
	free(out);
}

const struct t_test t_test = { .run = run };
