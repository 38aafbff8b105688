/*
 * link02: link() makes a second name for the same inode: st_nlink counts
 * both names, writes through one are seen through the other, and removing
 * one name keeps the file.
 */
#include <sys/stat.h>

#include "harness.h"

static void run(void)
{
	struct stat a, b;
	char buf[8] = "";

	t_write_file("f", "1", 0644);
	EXPECT_OK(link("f", "g"));
	SAFE(stat("f", &a));
	SAFE(stat("g", &b));
	EXPECT_EQ(a.st_ino, b.st_ino);
	EXPECT_EQ(a.st_nlink, 2);
	t_write_file("g", "22", 0644);
	t_read_file("f", buf, sizeof(buf));
	EXPECT(!strcmp(buf, "22"));
	for (int i = 0; i < 10; i++) {
		char name[8];
		snprintf(name, sizeof(name), "l%d", i);
		SAFE(link("f", name));
	}
	SAFE(stat("f", &a));
	EXPECT_EQ(a.st_nlink, 12);
	SAFE(unlink("f"));
	SAFE(stat("g", &b));
	EXPECT_EQ(b.st_nlink, 11);
}

const struct t_test t_test = { .run = run };
