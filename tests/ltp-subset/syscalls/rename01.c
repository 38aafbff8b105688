/*
 * rename01: rename() moves a file and a directory to new names (in the same
 * and in another directory): the old name is gone, the inode is the same,
 * the contents are intact, and directory link counts follow.
 */
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat a, b, p;
	char buf[8] = "";

	t_write_file("f", "abc", 0644);
	SAFE(mkdir("d", 0755));
	SAFE(mkdir("other", 0755));
	SAFE(stat("f", &a));
	EXPECT_OK(rename("f", "g"));
	EXPECT_FAIL(stat("f", &b), ENOENT);
	SAFE(stat("g", &b));
	EXPECT_EQ(b.st_ino, a.st_ino);
	t_read_file("g", buf, sizeof(buf));
	EXPECT(!strcmp(buf, "abc"));
	EXPECT_OK(rename("g", "other/h"));
	SAFE(stat("other/h", &b));
	EXPECT_EQ(b.st_ino, a.st_ino);
	SAFE(stat("d", &a));
	EXPECT_OK(rename("d", "other/d2"));
	SAFE(stat("other/d2", &b));
	EXPECT_EQ(b.st_ino, a.st_ino);
	SAFE(stat("other", &p));
	EXPECT_EQ(p.st_nlink, 3);
	EXPECT_OK(stat("other/d2/..", &b));
	EXPECT_EQ(b.st_ino, p.st_ino);
}

const struct t_test t_test = { .run = run };
